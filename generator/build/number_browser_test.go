package build

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"testing"

	"tusach/generator/browsertest"
	"tusach/generator/internal/testsite"
	"tusach/generator/xref"
)

// firstNumber is the document number of the first result of the search
// page's last query ("" until it shows: results show as their heads
// arrive, not in order; "-" for a first result without a number).
const firstNumber = `(() => {
	const h = document.querySelector(".search-hits .search-hit");
	const s = document.querySelector(".search-status").textContent;
	if (!h || !h.querySelector(".search-hit-title") || !/[0-9]/.test(s)) return "";
	const m = h.querySelector(".search-hit-number");
	return m ? m.textContent : "-";
})()`

// firstBoxNumber types q in the header's search box and returns the
// number of the first result its panel shows.
func firstBoxNumber(t *testing.T, ctx context.Context, q string) string {
	t.Helper()
	run[any](t, ctx, `(i => { i.value = `+jsString(q)+`; i.focus(); i.dispatchEvent(new Event("input")); })(document.querySelector("form.search-box input"))`)
	return poll[string](t, ctx, `(() => {
		const h = document.querySelector(".search-panel .search-hit");
		const all = document.querySelector(".search-panel .search-all");
		if (!h || !h.querySelector(".search-hit-title") || !all || !all.href.includes(`+jsString(url.QueryEscape(q))+`)) return "";
		const m = h.querySelector(".search-hit-number");
		return m ? m.textContent : "-";
	})()`)
}

func jsString(s string) string {
	b := []rune{'"'}
	for _, r := range s {
		if r == '"' || r == '\\' {
			b = append(b, '\\')
		}
		b = append(b, r)
	}
	return string(append(b, '"'))
}

// checkNumberQueries asks each query in the search page and in the search
// box of the site at root and wants a document with that number first.
func checkNumberQueries(t *testing.T, ctx context.Context, root string, queries map[string]string) {
	for q, number := range queries {
		openPage(t, ctx, root+"search/index.html?q="+url.QueryEscape(q))
		if got := poll[string](t, ctx, firstNumber); xref.Normalize(got) != xref.Normalize(number) {
			t.Errorf("%ssearch/index.html?q=%s: first result numbered %q, want %q", root, q, got, number)
		}
		openPage(t, ctx, root+"index.html")
		if got := firstBoxNumber(t, ctx, q); xref.Normalize(got) != xref.Normalize(number) {
			t.Errorf("%s search box %q: first result numbered %q, want %q", root, q, got, number)
		}
	}
}

// serveUnder serves dir over http under /hoc-tap/ and returns the root URL.
func serveUnder(t *testing.T, dir string) string {
	srv := httptest.NewServer(http.StripPrefix("/hoc-tap", http.FileServer(http.Dir(dir))))
	t.Cleanup(srv.Close)
	return srv.URL + "/hoc-tap/"
}

// TestNumberSearchSample: on the sample site, from file:// and under
// /hoc-tap/, a number typed in any variant finds its document first in
// both search UIs (it ranked 7th before the number lookup).
func TestNumberSearchSample(t *testing.T) {
	testsite.Requires(t, "Chromium") // before the setup, skipped in -short
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, "../..", dest); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	queries := map[string]string{"205/KH-UBND": "205/KH-UBND", "205/kh-ubnd": "205/KH-UBND", "kế hoạch 205 / KH - UBND": "205/KH-UBND",
		"21-KL/TW": "21-KL/TW", "21 - kl/tư": "21-KL/TW", "nghị quyết 30/NQ-CP": "30/NQ-CP"}
	for _, root := range []string{browsertest.FileURL(dest) + "/", serveUnder(t, dest)} {
		checkNumberQueries(t, ctx, root, queries)
	}
	browsertest.NoProblems(t, ctx)
}

// TestNumberSearchCorpus: on the 5,000-document corpus, numbers shared by
// hundreds of articles, a consolidated text and a number of one document
// rank a document with that number first ("91/2015/QH13" was topped by an
// "Điều 91" before).
func TestNumberSearchCorpus(t *testing.T) {
	dest, _ := corpusPublicSite(t)
	ctx := browsertest.New(t)
	queries := map[string]string{
		"91/2015/QH13": "91/2015/QH13", "bộ luật 91/2015/qh13": "91/2015/QH13", "1/VBHN-VPQH": "01/VBHN-VPQH",
		"45/2019/QH14": "45/2019/QH14", "99/2015/QH13": "99/2015/QH13", "101-SL/L.003": "101-SL/L.003",
	}
	for _, root := range []string{browsertest.FileURL(dest) + "/", serveUnder(t, dest)} {
		checkNumberQueries(t, ctx, root, queries)
	}
	browsertest.NoProblems(t, ctx)
}
