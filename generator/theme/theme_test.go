package theme

import (
	"fmt"
	"html"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"tusach/generator/site"
)

func TestRenderPages(t *testing.T) {
	f := newFixture()
	th := loadTheme(t, "vi")
	tests := []struct {
		name    string
		page    *site.Page
		want    []string
		notWant []string
	}{
		{"home", f.home, []string{
			`<html lang="vi">`, `<title>Tủ sách học tập</title>`,
			`<a class="skip-link" href="#tusach-main">Bỏ qua, đến nội dung chính</a>`,
			`<h1>Tủ sách học tập</h1>`, "Tài liệu học tập của chi bộ.", "Các chuyên mục",
			`<a href="van-ban/index.html">Văn bản</a>`, "Các văn bản chỉ đạo của thành phố.", "2 tài liệu",
			"Tài liệu mới nhất", `href="van-ban/ke-hoach-205.html"`, "205/KH-UBND", "28/7/2022",
			`<a href="chu-de/index.html">Chủ đề`, `aria-current="page"`, `<form role="search"`,
			`<header class="site-header">`, `<footer class="site-footer">`, `<main id="tusach-main"`,
		}, []string{"Bỏ qua, đến nội dung chính</a>\n<a"}},
		{"section", f.section, []string{
			`<title>Văn bản · Tủ sách học tập</title>`,
			`<nav class="breadcrumbs" aria-label="Đường dẫn">`, `<a href="../index.html">Trang chủ</a>`,
			`<a href="../van-ban/index.html" aria-current="page">Văn bản</a>`,
			`<a href="../van-ban/index.html" aria-current="page">Văn bản</a></li>`,
			"Giới thiệu mục văn bản.", `<ol class="doc-list">`, `href="../van-ban/ke-hoach-205.html"`, "Kế hoạch",
			`<time datetime="2022-07-28">28/7/2022</time>`, `<time datetime="2022-03-01">1/3/2022</time>`,
		}, nil},
		{"document", f.doc1, []string{
			`<a href="../index.html">Trang chủ</a>`, `<a href="../van-ban/index.html">Văn bản</a>`,
			`aria-current="page">Kế hoạch thực hiện Nghị quyết 30/NQ-CP</a>`,
			"<title>Kế hoạch số\u00a0205/KH-UBND: Kế hoạch thực hiện Nghị quyết 30/NQ-CP · Tủ sách học tập</title>",
			`<h1 class="doc-name"><span class="doc-headline">Kế hoạch số&nbsp;<span class="doc-number">205/KH-UBND</span></span> <span class="doc-summary">Kế hoạch thực hiện Nghị quyết 30/NQ-CP</span></h1>`,
			"<dt>Số hiệu</dt><dd class=\"doc-number\">205/KH-UBND</dd>",
			"<dt>Loại văn bản</dt><dd>Kế hoạch</dd>", "<dt>Cơ quan ban hành</dt><dd>UBND thành phố Hà Nội</dd>",
			`<dt>Ngày ban hành</dt><dd><time datetime="2022-07-28">28/7/2022</time></dd>`,
			`<dt>Chủ đề</dt><dd><a href="../chu-de/xay-dung-dang.html">Xây dựng Đảng</a></dd>`,
			`<dt>Thẻ</dt><dd class="tags">chỉnh đốn</dd>`,
			"Khoảng 5 phút đọc", `<nav class="toc" aria-label="Mục lục">`,
			"<li><a href=\"#muc-tieu\">Mục tiêu</a><ol>\n<li><a href=\"#yeu-cau\">Yêu cầu</a></li>\n</ol></li>",
			`<h2 id="muc-tieu">Mục tiêu</h2>`, `rel="next" href="../van-ban/ket-luan-21.html"`,
			`<nav class="site-nav" aria-label="Chuyên mục">`, `<a href="../van-ban/index.html" aria-current="true">Văn bản</a>`,
		}, []string{`rel="prev"`}},
		{"document without metadata", f.doc2, []string{
			`rel="prev" href="../van-ban/ke-hoach-205.html"`, "Khoảng 1 phút đọc",
		}, []string{`class="doc-meta"`, `class="toc"`, `rel="next"`}},
		{"taxonomy", f.taxonomy, []string{
			`<h1>Chủ đề</h1>`, `<a href="../chu-de/xay-dung-dang.html">Xây dựng Đảng</a> <span class="count" title="1 tài liệu">1</span>`,
			`<a href="../chu-de/index.html" aria-current="page">Chủ đề</a></li>`,
		}, nil},
		{"term", f.term, []string{
			`<span class="kicker">Chủ đề</span> Xây dựng Đảng</h1>`, "1 tài liệu",
			`<a href="../chu-de/index.html">Chủ đề</a>`, `href="../van-ban/ke-hoach-205.html"`,
		}, nil},
		{"404", f.notFound, []string{
			`<title>Không tìm thấy trang · Tủ sách học tập</title>`, "<h1>Không tìm thấy trang</h1>",
			`<a href="index.html">Về trang chủ</a>`, `<a href="search/index.html">Tìm kiếm tài liệu</a>`,
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, th, f.site, tt.page)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q", w)
				}
			}
			if n := strings.Count(out, "<h1"); n != 1 {
				t.Errorf("%d h1 elements, want 1", n)
			}
		})
	}
}

var linkAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

// TestLinksResolve checks that every link and asset reference of every
// page, joined with the page's folder, names a page or an asset.
func TestLinksResolve(t *testing.T) {
	f := newFixture()
	th := loadTheme(t, "vi")
	targets := map[string]bool{}
	for _, p := range f.site.Pages {
		targets[p.URL] = true
	}
	for _, a := range th.Assets() {
		targets[a.Out] = true
	}
	targets["feed.xml"] = true // written by the build (feed.AtomFile)
	for _, p := range f.site.Pages {
		out := render(t, th, f.site, p)
		links := linkAttr.FindAllStringSubmatch(out, -1)
		if len(links) < 4 {
			t.Errorf("%s: only %d links", p.URL, len(links))
		}
		for _, m := range links {
			ref := html.UnescapeString(m[1])
			if strings.HasPrefix(ref, "#") {
				continue
			}
			if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") {
				t.Errorf("%s: link %q is not relative", p.URL, ref)
				continue
			}
			ref, _, _ = strings.Cut(ref, "#")
			if target := path.Join(path.Dir(p.URL), ref); !targets[target] {
				t.Errorf("%s: link %q resolves to %q, which is neither a page nor an asset", p.URL, ref, target)
			}
		}
	}
}

func TestUntrustedTitleIsEscaped(t *testing.T) {
	f := newFixture()
	th := loadTheme(t, "vi")
	for _, p := range []*site.Page{f.doc2, f.section, f.home, f.doc1} {
		out := render(t, th, f.site, p)
		if strings.Contains(out, "<img src=x") {
			t.Errorf("%s: raw title markup in output", p.URL)
		}
		if !strings.Contains(out, "&lt;img src=x onerror=alert(1)&gt;") {
			t.Errorf("%s: escaped title missing", p.URL)
		}
	}
}

func TestEnglish(t *testing.T) {
	f := newFixture()
	f.site.Lang = "en"
	th := loadTheme(t, "en")
	out := render(t, th, f.site, f.doc1)
	for _, w := range []string{`<html lang="en">`, "Skip to main content", "<dt>Number</dt>",
		"<dt>Document type</dt>", "<dt>Issued by</dt>", "<dt>Date of issue</dt>", "<dt>Topics</dt>",
		"About 5 min read", `aria-label="Contents"`, `<a href="../index.html">Home</a>`} {
		if !strings.Contains(out, w) {
			t.Errorf("English output lacks %q", w)
		}
	}
	if strings.Contains(out, "Số hiệu") || strings.Contains(out, "Mục lục") {
		t.Error("English output has Vietnamese labels")
	}
}

func TestStringsFallBack(t *testing.T) {
	layer := fstest.MapFS{
		"i18n/vi.json": {Data: []byte(`{"only.vi": "Chỉ tiếng Việt", "both": "Cả hai"}`)},
		"i18n/en.json": {Data: []byte(`{"both": "Both"}`)},
	}
	th := loadTheme(t, "en", layer)
	tests := []struct{ key, want string }{
		{"both", "Both"}, {"only.vi", "Chỉ tiếng Việt"}, {"no.such.key", "no.such.key"},
	}
	for _, tt := range tests {
		if got := th.T(tt.key); got != tt.want {
			t.Errorf("T(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestOverridePartial(t *testing.T) {
	f := newFixture()
	layer := fstest.MapFS{"partials/footer.html": {Data: []byte(`{{define "footer"}}<footer>Chân trang riêng của {{.Site.Settings.Title}}</footer>{{end}}`)}}
	th := loadTheme(t, "vi", layer)
	out := render(t, th, f.site, f.doc1)
	if !strings.Contains(out, "<footer>Chân trang riêng của Tủ sách học tập</footer>") {
		t.Error("overriding partial not used")
	}
	if strings.Contains(out, `class="site-footer"`) {
		t.Error("default footer still rendered")
	}
	if !strings.Contains(out, `<nav class="toc"`) {
		t.Error("other default templates lost")
	}
}

func TestLayout(t *testing.T) {
	f := newFixture()
	layer := fstest.MapFS{"wide.html": {Data: []byte(`{{define "main"}}<div class="wide">{{.Page.Title}}</div>{{end}}`)}}
	th := loadTheme(t, "vi", layer)
	f.doc1.Layout = "wide"
	if out := render(t, th, f.site, f.doc1); !strings.Contains(out, `<div class="wide">Kế hoạch`) {
		t.Error("layout template not used")
	}
	f.doc2.Layout = "khong-co"
	err := th.Render(&strings.Builder{}, View{Site: f.site, Page: f.doc2})
	if err == nil || !strings.HasPrefix(err.Error(), `content/van-ban/ket-luan-21.md:4: layout: no template "templates/khong-co.html"`) {
		t.Errorf("unknown layout: err = %v", err)
	}
}

// TestNotFoundUsesBaseURL: the 404 page is served at any depth, so with a
// base URL its links are absolute.
func TestNotFoundUsesBaseURL(t *testing.T) {
	f := newFixture()
	f.site.Settings.BaseURL = "http://intranet/hoc-tap"
	th := loadTheme(t, "vi")
	out := render(t, th, f.site, f.notFound)
	if !strings.Contains(out, `href="http://intranet/hoc-tap/index.html"`) ||
		!strings.Contains(out, `href="http://intranet/hoc-tap/assets/style.`) {
		t.Errorf("404 links not absolute:\n%s", out)
	}
	if doc := render(t, th, f.site, f.doc1); strings.Contains(doc, "http://intranet") {
		t.Error("document page links absolute; want relative")
	}
}

func TestRootFor(t *testing.T) {
	tests := []struct{ url, want string }{
		{"index.html", ""}, {"404.html", ""}, {"a/b.html", "../"}, {"a/b/c.html", "../../"},
	}
	for _, tt := range tests {
		if got := RootFor(tt.url); got != tt.want {
			t.Errorf("RootFor(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func BenchmarkRenderDocument(b *testing.B) {
	f := newFixture()
	benchRenderDoc1(b, f)
}

// BenchmarkRenderDocumentWideNav renders the fixture's first document
// with twenty sections in the top navigation, as the generated corpora
// have: what each page's navigation costs.
func BenchmarkRenderDocumentWideNav(b *testing.B) {
	f := newFixture()
	for i := range 19 {
		f.home.Subsections = append(f.home.Subsections, &site.Page{Kind: site.KindSection,
			URL: fmt.Sprintf("muc-%d/index.html", i), Title: fmt.Sprintf("Mục %d", i), Parent: f.home})
	}
	benchRenderDoc1(b, f)
}

// benchRenderDoc1 renders the first document of f, b.N times, as the
// pages of one render of a site (one Shared).
func benchRenderDoc1(b *testing.B, f *fixture) {
	th := loadTheme(b, "vi")
	shared := NewShared()
	var out strings.Builder
	for b.Loop() {
		out.Reset()
		if err := th.Render(&out, View{Site: f.site, Page: f.doc1, Root: "../", Shared: shared}); err != nil {
			b.Fatal(err)
		}
	}
}
