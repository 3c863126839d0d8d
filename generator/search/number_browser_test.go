package search

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
)

// TestNumbersAgree runs testdata/numbers.json through the searcher's
// numbers: Go indexes and JavaScript looks up numbers with the same keys.
func TestNumbersAgree(t *testing.T) {
	ctx, _ := openSample(t)
	for _, c := range readNumberCases(t) {
		in, _ := json.Marshal(c.In)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]numberFound](
			fmt.Sprintf(`tusachSearch.numbers(%s).map(n => ({text: n.text, keys: n.keys, stem: n.stem}))`, in)))
		if err != nil {
			t.Fatal(err)
		}
		if got == nil {
			got = []numberFound{}
		}
		if !reflect.DeepEqual(got, c.Numbers) {
			t.Errorf("JS numbers(%q) = %+v, Go = %+v", c.In, got, c.Numbers)
		}
		for _, n := range c.Numbers {
			js, _ := json.Marshal(n.Text)
			key, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`tusachSearch.normalizeNumber(%s)`, js)))
			if err != nil || key != n.Keys[0] {
				t.Errorf("JS normalizeNumber(%q) = %q (%v), Go = %q", n.Text, key, err, n.Keys[0])
			}
		}
	}
	browsertest.NoProblems(t, ctx)
}

// numberDocs is the sample site with a Kết luận numbered 21-KL/TƯ whose
// text is full of "tư", "tự" and "tục", the syllables "TW" folds like.
var numberDocs = append(slices.Clone(sampleDocs), Doc{
	URL: "van-ban/ket-luan-21.html", Title: "Kết luận về tiếp tục xây dựng Đảng", Section: "Văn bản",
	Number: "21-KL/TƯ", Type: "Kết luận", Issuer: "Ban Chấp hành Trung ương", Year: 2021, Date: "25/10/2021",
	Parts: []Part{{Text: "Tư tưởng tự chủ, tiếp tục tự đổi mới. Ban Chấp hành Trung ương ban hành Kết luận số 21-KL/TƯ. Tư duy tự lực."}},
})

// TestNumberLookup: a query that is or holds a document number puts the
// document with that number first, in every written variant; a number no
// document has is said so, and text matches follow.
func TestNumberLookup(t *testing.T) {
	files, err := Build(numberDocs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, dir := openFiles(t, files)
	type result struct {
		Hits    []int
		Missing []string
	}
	ask := func(q string) result {
		t.Helper()
		jq, _ := json.Marshal(q)
		r, err := chromedp.Run(ctx, chromedp.Evaluate[result](fmt.Sprintf(`tusachSearch.search(%s, {}).then(r => ({
			Hits: r.hits, Missing: r.numbers.filter(n => !n.docs.length).map(n => n.text)}))`, jq), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return r
	}
	plan, kl := 0, len(numberDocs)-1
	for q, want := range map[string]int{
		"205/KH-UBND": plan, "205/kh-ubnd": plan, "kế hoạch 205/KH-UBND": plan, "0205 / KH - UBND": plan,
		"21-KL/TW": kl, "21-KL/TƯ": kl, "21 - KL/TW": kl, "21-kl/tw": kl, "021-KL/TW chỉnh đốn": kl,
	} {
		r := ask(q)
		if len(r.Hits) == 0 || r.Hits[0] != want || len(r.Missing) > 0 {
			t.Errorf("%q: hits %v, missing %q; want %d first", q, r.Hits, r.Missing, want)
		}
	}
	r := ask("999/KH-UBND kế hoạch")
	if !reflect.DeepEqual(r.Missing, []string{"999/KH-UBND"}) || len(r.Hits) == 0 {
		t.Errorf("999/KH-UBND: %+v, want it missing and text matches", r)
	}

	// The search box: the Kết luận first, its number marked, never "tư" alone.
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector(".search-box input").focus()`),
		chromedp.KeyEvent("21-KL/TW"),
	); err != nil {
		t.Fatal(err)
	}
	type hit struct {
		Href  string
		Marks []string
	}
	first, err := chromedp.Run(ctx, chromedp.Poll[hit](`(() => {
		const h = document.querySelector(".search-panel .search-hit");
		if (!h || !h.querySelector(".search-hit-snippet")) return null;
		if (document.querySelector(".search-box input").value !== "21-KL/TW") return null;
		// the panel of the whole number, not of a query typed on the way
		const all = document.querySelector(".search-panel .search-all");
		if (!all || !all.getAttribute("href").endsWith("?q=" + encodeURIComponent("21-KL/TW"))) return null;
		return {Href: h.querySelector("a").getAttribute("href"),
			Marks: [...h.querySelectorAll("mark")].map(m => m.textContent)};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(first.Href, numberDocs[kl].URL) {
		t.Errorf("search box: first hit %q", first.Href)
	}
	marks := strings.Join(first.Marks, "|")
	if !strings.Contains(marks, "21-KL/TƯ") || strings.Contains(strings.ToLower(marks), "tự") || slices.Contains(first.Marks, "Tư") {
		t.Errorf("search box: marks %q, want the number and no lone tư/tự", first.Marks)
	}

	// The search page: the number missing is said, then text matches.
	u := browsertest.FileURL(filepath.Join(dir, "search", "index.html")) + "?q=" + "999%2FKH-UBND+k%E1%BA%BF+ho%E1%BA%A1ch"
	if err := browsertest.Navigate(ctx, u); err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const s = document.querySelector(".search-status").textContent;
		return document.querySelector(".search-hits .search-hit-title") && s.includes("kết quả") ? s : "";
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(status, "Không có văn bản số 999/KH-UBND.") {
		t.Errorf("search page status %q", status)
	}
	u = browsertest.FileURL(filepath.Join(dir, "search", "index.html")) + "?q=205%2FKH-UBND"
	if err := browsertest.Navigate(ctx, u); err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const a = document.querySelector(".search-hits .search-hit"); // the first hit, filled as its document arrives
		const t = a && a.querySelector(".search-hit-title");
		return t ? t.getAttribute("href") : "";
	})()`))
	if err != nil || !strings.Contains(href, numberDocs[plan].URL) {
		t.Errorf("search page: first hit %q (%v)", href, err)
	}
	browsertest.NoProblems(t, ctx)
}
