package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
)

// sampleDocs is a small site made to exercise the ranking rules.
var sampleDocs = []Doc{
	{
		URL: "van-ban/ke-hoach-205.html", Title: "Kế hoạch thực hiện Nghị quyết về xây dựng, chỉnh đốn Đảng",
		Section: "Văn bản", Number: "205/KH-UBND", Type: "Kế hoạch", Issuer: "UBND thành phố Hà Nội",
		Year: 2022, Date: "28/7/2022", Topics: []string{"Xây dựng Đảng"}, Tags: []string{"nghị quyết"},
		Parts: []Part{
			{Text: "Ngày 28/7, UBND thành phố ban hành Kế hoạch số 205/KH-UBND về thực hiện Nghị quyết số 30/NQ-CP."},
			{Anchor: "noi-dung", Heading: "Nội dung", Text: "Tiếp tục thể chế hóa Kết luận số 21-KL/TƯ về xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh."},
		},
	},
	{
		URL: "thong-bao/lich-truc.html", Title: "Thông báo lịch trực", Section: "Thông báo", Type: "Thông báo",
		Issuer: "Văn phòng", Year: 2023,
		Parts: []Part{{Text: "Đơn vị đang chỉnh sửa lịch trực, đang đôn đốc các phòng và đang tổng hợp ý kiến. Lịch đang được cập nhật."}},
	},
	{
		URL: "thong-bao/bieu-mau.html", Title: "Thông báo về biểu mẫu", Section: "Thông báo", Type: "Thông báo",
		Issuer: "Văn phòng", Year: 2023,
		Parts: []Part{{Text: "Biểu mẫu dạng bảng tính, dạng văn bản và dạng điện tử được dùng thống nhất."}},
	},
	{
		URL: "tai-lieu/he-thong-chinh-tri.html", Title: "Tài liệu học tập", Section: "Tài liệu", Type: "Kế hoạch",
		Issuer: "Ban Tuyên giáo", Year: 2021,
		Parts: []Part{{Text: "Đổi mới hệ thống chính trị ở cơ sở. Nâng cao năng lực lãnh đạo. Giữ vững hoà bình."}},
	},
	{
		URL: "tai-lieu/thong-ke.html", Title: "Tài liệu thống kê", Section: "Tài liệu", Type: "Báo cáo",
		Issuer: "Cục Thống kê", Year: 2021,
		Parts: []Part{{Text: "Hệ số điều chỉnh. Thống kê giá trị sản xuất. Chính sách tiền lương và trị giá hàng hóa."}},
	},
	{
		URL: "tai-lieu/cua-cac.html", Title: "Ghi chép của các phòng", Section: "Tài liệu", Type: "Báo cáo",
		Issuer: "Văn phòng", Year: 2020,
		Parts: []Part{{Text: "Ý kiến của các phòng, của các đơn vị và của các cá nhân về công việc của năm."}},
	},
	{
		URL: "tai-lieu/an-toan.html", Title: "<img src=x onerror=alert(1)>", Section: "Tài liệu", Type: "Báo cáo",
		Issuer: "Văn phòng", Year: 2020,
		Parts: []Part{{Anchor: "thu", Heading: "Thử", Text: "Thử nghiệm an toàn <script>alert(2)</script> cho tiêu đề."}},
	},
	{
		URL: "tai-lieu/quy-che.html", Title: "Quy chế làm việc của Ủy ban nhân dân tỉnh", Section: "Tài liệu",
		Type: "Quy chế", Issuer: "Ủy ban nhân dân tỉnh", Year: 2019,
		Parts: []Part{{Text: "Hội đồng nhân dân tỉnh giám sát việc thi hành quy chế."}},
	},
}

// view is the part of the theme's template data the search templates use.
type view struct {
	Root string
	Site struct{ Lang string }
}

// pageTemplate wraps the search templates the way the theme's base.html
// does: the stylesheet, the deferred searcher, the box in the header.
const pageTemplate = `<!doctype html><html lang="{{.Site.Lang}}"><head><meta charset="utf-8">
<title>t</title><link rel="stylesheet" href="{{.Root}}assets/search.css">
{{searcher .Root}}</head>
<body><header>{{template "search-box" .}}</header><main>{{block "main" .}}{{end}}</main></body></html>`

// renderPage renders the wrapper at root with or without the search page.
func renderPage(t *testing.T, root string, searchPage bool) []byte {
	t.Helper()
	tpl := template.Must(template.New("page").Funcs(template.FuncMap{
		"searcher": func(root string) template.HTML { return template.HTML(searcherTags(root)) },
	}).Parse(pageTemplate))
	files := []string{"../../templates/partials/search-box.html"}
	if searchPage {
		files = append(files, "../../templates/search.html")
	}
	template.Must(tpl.ParseFiles(files...))
	v := view{Root: root}
	v.Site.Lang = "vi"
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, "page", v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// openSample builds the sample site into a temporary folder and opens its
// home page from file:// in a new browser.
func openSample(t *testing.T) (context.Context, string) {
	t.Helper()
	files, err := Build(sampleDocs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	return openFiles(t, files)
}

// openFiles writes index files with the sample pages into a temporary
// folder and opens its home page from file:// in a new browser.
func openFiles(t *testing.T, files map[string][]byte) (context.Context, string) {
	t.Helper()
	dir := t.TempDir()
	files["search/index.html"] = renderPage(t, "../", true)
	page := writeSite(t, dir, files, string(renderPage(t, "", false)))
	ctx := browsertest.New(t)
	if err := browsertest.Navigate(ctx, browsertest.FileURL(page)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](searcherReady)); err != nil {
		t.Fatal(err)
	}
	return ctx, dir
}

// searchURLs runs a query in the page and returns the URLs of the hits.
func searchURLs(t *testing.T, ctx context.Context, query string, filters map[string][]string) []string {
	t.Helper()
	q, _ := json.Marshal(query)
	f, _ := json.Marshal(filters)
	urls := make([]string, len(sampleDocs))
	for i, d := range sampleDocs {
		urls[i] = d.URL
	}
	var hits []int
	js := fmt.Sprintf(`tusachSearch.search(%s, %s).then(r => r.hits)`, q, f)
	hits, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("search %q: %v", query, err)
	}
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = urls[h]
	}
	return out
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// TestTokensAgree runs testdata/tokens.json through the JavaScript
// tokenizer: Go indexes and JavaScript queries with the same tokens.
func TestTokensAgree(t *testing.T) {
	ctx, _ := openSample(t)
	for _, c := range readTokenCases(t) {
		in, _ := json.Marshal(c.In)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[][2]string](
			fmt.Sprintf(`tusachSearch.tokenize(%s).map(t => [t.exact, t.fold])`, in)))
		if err != nil {
			t.Fatal(err)
		}
		if !equalPairs(got, c.Tokens) && !(len(got) == 0 && len(c.Tokens) == 0) {
			t.Errorf("JS tokenize(%q) = %v, Go = %v", c.In, got, c.Tokens)
		}
	}
	browsertest.NoProblems(t, ctx)
}

// TestRanking checks the ranking rules of the issue on the sample site.
func TestRanking(t *testing.T) {
	ctx, _ := openSample(t)
	const (
		plan     = "van-ban/ke-hoach-205.html"
		dang     = "thong-bao/lich-truc.html"
		dangForm = "thong-bao/bieu-mau.html"
		adjacent = "tai-lieu/he-thong-chinh-tri.html"
		scatter  = "tai-lieu/thong-ke.html"
		stop     = "tai-lieu/cua-cac.html"
		rules    = "tai-lieu/quy-che.html"
	)
	tests := []struct {
		query   string
		filters map[string][]string
		first   string      // the expected first hit, "" for none
		before  [][2]string // pairs: the first ranks above the second
		absent  []string
		total   int // expected number of hits, -1 when any
	}{
		{query: "chỉnh đốn Đảng", first: plan, before: [][2]string{{plan, dang}}, total: -1},
		{query: "chinh don dang", first: plan, before: [][2]string{{plan, dang}}, total: -1},
		{query: "CHỈNH ĐỐN ĐẢNG", first: plan, total: -1},
		{query: "Đảng", first: plan, before: [][2]string{{plan, dang}, {plan, dangForm}}, total: 3},
		{query: "dang", total: 3},
		{query: "hệ thống chính trị", first: adjacent, before: [][2]string{{adjacent, scatter}}, total: -1},
		{query: "he thong chinh tri", before: [][2]string{{adjacent, scatter}}, total: -1},
		{query: "205/KH-UBND", first: plan, total: -1},
		// abbreviations also find what they stand for; not inside a number
		{query: "UBND tỉnh", first: rules, before: [][2]string{{rules, plan}}, total: -1},
		{query: "hdnd", first: rules, total: -1},
		{query: "HĐND", first: rules, total: -1},
		{query: "205", first: plan, total: 1},
		{query: "kh-ubnd", first: plan, total: 1},
		{query: "21-KL/TW", first: plan, total: -1},
		{query: `"chính trị"`, total: 2, absent: []string{scatter}},
		{query: `"hệ thống chính trị"`, first: adjacent, total: 2, absent: []string{scatter}},
		{query: "chỉnh đố", first: plan, total: -1},
		{query: "của Đảng", first: plan, before: [][2]string{{plan, stop}}, total: -1},
		{query: "hòa bình", first: adjacent, total: -1},
		{query: "hoà bình", first: adjacent, total: -1},
		{query: "Kế hoạch nào của thành phố về việc xây dựng và chỉnh đốn Đảng trong năm 2022?", first: plan, total: -1},
		{query: "dang", filters: map[string][]string{"type": {"Thông báo"}}, total: 2, absent: []string{plan}},
		{query: "", filters: map[string][]string{"year": {"2021"}}, total: 2},
		{query: "", filters: map[string][]string{"issuer": {"Văn phòng"}, "year": {"2020"}}, total: 2},
		{query: "ghi chép", filters: map[string][]string{"issuer": {"Văn phòng"}, "year": {"2020"}}, total: 1},
	}
	for _, tt := range tests {
		got := searchURLs(t, ctx, tt.query, tt.filters)
		if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
			t.Errorf("%q: first = %v, want %s", tt.query, got, tt.first)
		}
		for _, p := range tt.before {
			a, b := indexOf(got, p[0]), indexOf(got, p[1])
			if a < 0 || (b >= 0 && b < a) {
				t.Errorf("%q: want %s above %s, got %v", tt.query, p[0], p[1], got)
			}
		}
		for _, u := range tt.absent {
			if indexOf(got, u) >= 0 {
				t.Errorf("%q: %s should not match, got %v", tt.query, u, got)
			}
		}
		if tt.total >= 0 && len(got) != tt.total {
			t.Errorf("%q %v: %d hits %v, want %d", tt.query, tt.filters, len(got), got, tt.total)
		}
	}
	// Folding: every document the marked query finds, the unmarked finds.
	for _, q := range [][2]string{{"chỉnh đốn Đảng", "chinh don dang"}, {"hệ thống", "he thong"}} {
		marked, plain := searchURLs(t, ctx, q[0], nil), searchURLs(t, ctx, q[1], nil)
		for _, u := range marked {
			if indexOf(plain, u) < 0 {
				t.Errorf("%q finds %s but %q does not", q[0], u, q[1])
			}
		}
	}
	browsertest.NoProblems(t, ctx)
}

// TestMalformedQueries: odd input returns quickly and without errors.
func TestMalformedQueries(t *testing.T) {
	ctx, _ := openSample(t)
	js := `(async () => {
		const qs = ['"', '"""', '((.*+?[\\', "a".repeat(10000), "Đảng ".repeat(3000), "\u0000\uFFFF\uD800",
			"<script>alert(1)</script>", "😀 chỉnh", '"chỉnh đốn', "-", "/", "   "];
		const out = [];
		for (const q of qs) {
			const t0 = performance.now();
			const r = await tusachSearch.search(q, {type: ["<b>"], year: [null]});
			out.push({ms: performance.now() - t0, total: r.total});
		}
		return out;
	})()`
	type res struct {
		MS    float64 `json:"ms"`
		Total int     `json:"total"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]res](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r.MS > 1000 {
			t.Errorf("query %d took %.0f ms", i, r.MS)
		}
	}
	browsertest.NoProblems(t, ctx)
}

// TestSearchBox types into the box of a page and checks the results panel:
// first hit, highlighted snippet, link to the heading, escaped titles.
func TestSearchBox(t *testing.T) {
	ctx, _ := openSample(t)
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`window.alert = () => { window.__alerted = true; }`),
		chromedp.KeyEvent("/"),
	); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement === document.querySelector(".search-box input")`))
	if err != nil || !focused {
		t.Fatalf("'/' did not focus the search box (%v)", err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("chinh don dang")); err != nil {
		t.Fatal(err)
	}
	// Results come as you type: wait for those of the whole query, whose
	// first snippet highlights "Đảng" (a prefix like "da" would not).
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const h = document.querySelector(".search-panel .search-hit");
		return !!h && [...h.querySelectorAll(".search-hit-snippet mark")].some(m => m.textContent === "Đảng");
	})()`)); err != nil {
		t.Fatalf("no snippet highlighting the whole query: %v", err)
	}
	type hit struct {
		Title, Href, Meta, Snippet string
		Marks                      []string
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[hit](`(() => {
		const h = document.querySelector(".search-panel .search-hit");
		return {Title: h.querySelector(".search-hit-title").textContent,
			Href: h.querySelector("a").getAttribute("href"),
			Meta: h.querySelector(".search-hit-meta").textContent,
			Snippet: h.querySelector(".search-hit-snippet").textContent,
			Marks: [...h.querySelectorAll(".search-hit-snippet mark")].map(m => m.textContent)};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if first.Title != sampleDocs[0].Title || !strings.HasSuffix(first.Href, "van-ban/ke-hoach-205.html#noi-dung") {
		t.Errorf("first hit = %+v", first)
	}
	if !strings.Contains(first.Meta, "205/KH-UBND") || !strings.Contains(first.Meta, "Văn bản") {
		t.Errorf("meta = %q", first.Meta)
	}
	if !strings.Contains(strings.Join(first.Marks, " "), "chỉnh đốn Đảng") {
		t.Errorf("marks = %q in %q", first.Marks, first.Snippet)
	}

	// An HTML title shows as text.
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector(".search-box input"); i.value = ""; i.focus(); })()`),
		chromedp.KeyEvent("img onerror"),
	); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const a = document.querySelector(".search-panel .search-hit-title");
		return a && a.textContent.includes("onerror") ? a.textContent : "";
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if title != sampleDocs[6].Title {
		t.Errorf("title shown as %q", title)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".search-panel img, .search-panel script").length + (window.__alerted ? 100 : 0)`))
	if err != nil || n != 0 {
		t.Errorf("content became markup (%d, %v)", n, err)
	}
	browsertest.NoProblems(t, ctx)
}

// TestSearchPage opens search/index.html?q=… and narrows with a facet.
func TestSearchPage(t *testing.T) {
	ctx, dir := openSample(t)
	u := browsertest.FileURL(filepath.Join(dir, "search", "index.html")) + "?q=dang"
	if err := browsertest.Navigate(ctx, u); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		t.Helper()
		// an item comes first, its title when its document arrives
		n, err := chromedp.Run(ctx, chromedp.Poll[int](`(() => {
			const n = document.querySelectorAll(".search-hits .search-hit-title").length;
			return n && n === document.querySelectorAll(".search-hits .search-hit").length ? n : 0;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 3 {
		t.Fatalf("?q=dang: %d hits, want 3", n)
	}
	value, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("[data-search-page] input[name=q]").value`))
	if value != "dang" {
		t.Errorf("query box = %q", value)
	}
	// The filter panel is closed, its data not loaded: open it.
	if loaded, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`tusachSearch.transfers().some(t => t.file === "facets.js")`)); loaded {
		t.Error("facets.js loaded before the reader opened the filters")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".search-filters > summary"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`[...document.querySelectorAll('[data-facet="type"] input')].some(i => i.value === "Thông báo")`)); err != nil {
		t.Fatalf("opening the filters shows no type facet: %v", err)
	}
	// Tick "Thông báo" in the type facet.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const box = [...document.querySelectorAll('[data-facet="type"] input')].find(i => i.value === "Thông báo");
		box.click();
	})()`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".search-hits .search-hit-title").length === 2`)); err != nil {
		t.Fatalf("facet did not narrow the results: %v", err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	if !strings.Contains(loc, "type=Th") {
		t.Errorf("URL does not carry the facet: %q", loc)
	}
	browsertest.NoProblems(t, ctx)
}

// TestIndexFiles checks the files Build writes: names, wrapping, postings.
func TestIndexFiles(t *testing.T) {
	files, err := Build(sampleDocs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Build(sampleDocs, Options{Lang: "vi"})
	if len(again) != len(files) {
		t.Fatalf("not deterministic: %d vs %d files", len(files), len(again))
	}
	for name, b := range files {
		if !bytes.Equal(b, again[name]) {
			t.Errorf("%s differs between builds", name)
		}
		if strings.HasSuffix(name, ".bin") && (strings.HasPrefix(name, "search/d/") || strings.HasPrefix(name, "search/t/")) {
			continue // a pack's binary, read by readPack and TestPackShards
		}
		if !strings.HasPrefix(name, "search/") || !strings.HasSuffix(name, ".js") {
			t.Errorf("bad file name %q", name)
		}
		stem := strings.TrimSuffix(strings.TrimPrefix(name, "search/"), ".js")
		call := "add"
		if strings.HasPrefix(stem, "d/") || strings.HasPrefix(stem, "t/") {
			call = "pack"
		}
		if !bytes.HasPrefix(b, []byte(`__tusachSearch.`+call+`("`+stem+`",`)) || !bytes.HasSuffix(b, []byte(");\n")) {
			t.Errorf("%s is not a registration call: %.60s", name, b)
		}
		if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("<img")) {
			t.Errorf("%s holds raw markup", name)
		}
	}
	if _, ok := files["search/meta.js"]; !ok {
		t.Fatal("no search/meta.js")
	}
	if _, ok := files["search/d/0.js"]; !ok || len(sampleDocs) > DocsPerPack {
		t.Error("the sample documents are not in one pack, search/d/0.js")
	}
	if _, err := Build([]Doc{{Title: "x"}}, Options{}); err == nil {
		t.Error("a document without URL should be an error")
	}
	if os.Getenv("TUSACH_DUMP_INDEX") != "" {
		for k, v := range files {
			t.Logf("%s: %s", k, v)
		}
	}
}
