package theme

import (
	"html/template"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"tusach/generator/content"
	"tusach/generator/markdown"
	"tusach/generator/site"
)

// searchStub stands in for the search worker's files, so these tests do not
// depend on them.
var searchStub = fstest.MapFS{
	"partials/search-box.html": {Data: []byte(`{{define "search-box"}}<form role="search" action="{{$.Root}}search/index.html"><input name="q" aria-label="Tìm"></form>{{end}}`)},
	"search.html":              {Data: []byte(`{{define "main"}}<h1>Tìm kiếm</h1>{{end}}`)},
}

// themeFS is the real default theme under the search stub and any extra
// layers, which come first.
func themeFS(extra ...fs.FS) fs.FS {
	layers := append(append([]fs.FS(nil), extra...), searchStub, os.DirFS("../../templates"))
	return Overlay(layers...)
}

// loadTheme loads the real theme and fails the test on any diagnostic.
func loadTheme(t testing.TB, lang string, extra ...fs.FS) *Theme {
	t.Helper()
	th, errs := Load(themeFS(extra...), lang)
	if len(errs) > 0 {
		t.Fatalf("Load: %v", errs)
	}
	return th
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// fixture is a small site built by hand: home, one section with two
// documents, a taxonomy with one term, the 404 and the search page.
type fixture struct {
	site                         *site.Site
	home, section, doc1, doc2    *site.Page
	taxonomy, term, notFound, sp *site.Page
}

func newFixture() *fixture {
	f := &fixture{}
	f.home = &site.Page{Kind: site.KindHome, URL: "index.html", Title: "Tủ sách học tập",
		Content: template.HTML("<p>Chào mừng đến với tủ sách.</p>")}
	f.section = &site.Page{Kind: site.KindSection, URL: "van-ban/index.html", Title: "Văn bản",
		Description: "Các văn bản chỉ đạo của thành phố.",
		Content:     template.HTML("<p>Giới thiệu mục văn bản.</p>"),
		Parent:      f.home, Ancestors: []*site.Page{f.home},
		Doc: &content.Document{Path: "van-ban/_index.md", File: "content/van-ban/_index.md"}}
	f.doc1 = &site.Page{Kind: site.KindDocument, URL: "van-ban/ke-hoach-205.html",
		Title:       "Kế hoạch thực hiện Nghị quyết 30/NQ-CP",
		Description: "Nhiều nhiệm vụ, giải pháp trong xây dựng, chỉnh đốn Đảng.",
		Content: template.HTML(`<h2 id="muc-tieu">Mục tiêu</h2><p>Nội dung <a href="#yeu-cau">yêu cầu</a>.</p>` +
			`<h3 id="yeu-cau">Yêu cầu</h3><p>Thực hiện nghiêm.</p><h2 id="giai-phap">Giải pháp</h2>`),
		Words: 1000, Minutes: 5,
		Parent: f.section, Ancestors: []*site.Page{f.home, f.section},
		Doc: &content.Document{Path: "van-ban/ke-hoach-205.md", File: "content/van-ban/ke-hoach-205.md",
			Meta: content.Meta{Title: "Kế hoạch thực hiện Nghị quyết 30/NQ-CP", Number: "205/KH-UBND",
				Type: "Kế hoạch", Issuer: "UBND thành phố Hà Nội", Issued: day(2022, 7, 28),
				Topics: []string{"Xây dựng Đảng"}, Tags: []string{"chỉnh đốn"}}},
		TOC: []*site.TOCEntry{
			{Heading: markdown.Heading{Level: 2, ID: "muc-tieu", Text: "Mục tiêu"},
				Children: []*site.TOCEntry{{Heading: markdown.Heading{Level: 3, ID: "yeu-cau", Text: "Yêu cầu"}}}},
			{Heading: markdown.Heading{Level: 2, ID: "giai-phap", Text: "Giải pháp"}},
		}}
	f.doc2 = &site.Page{Kind: site.KindDocument, URL: "van-ban/ket-luan-21.html",
		Title:   `<img src=x onerror=alert(1)>`,
		Content: template.HTML("<p>Kết luận.</p>"), Words: 50, Minutes: 1,
		Parent: f.section, Ancestors: []*site.Page{f.home, f.section},
		Doc: &content.Document{Path: "van-ban/ket-luan-21.md", File: "content/van-ban/ket-luan-21.md",
			Meta: content.Meta{Date: day(2022, 3, 1), Layout: "", Lines: map[string]int{"layout": 4}}}}
	f.doc1.Next, f.doc2.Prev = f.doc2, f.doc1
	f.section.Pages = []*site.Page{f.doc1, f.doc2}
	f.section.Count = 2
	f.home.Subsections = []*site.Page{f.section}

	tax := &site.Taxonomy{Key: "topics", URL: "chu-de/index.html"}
	term := &site.Term{Taxonomy: tax, Name: "Xây dựng Đảng", Slug: "xay-dung-dang", URL: "chu-de/xay-dung-dang.html",
		Pages: []*site.Page{f.doc1}}
	tax.Terms = []*site.Term{term}
	f.taxonomy = &site.Page{Kind: site.KindTaxonomy, URL: tax.URL, Title: "Chủ đề", Taxonomy: tax,
		Parent: f.home, Ancestors: []*site.Page{f.home}}
	f.term = &site.Page{Kind: site.KindTerm, URL: term.URL, Title: term.Name, Taxonomy: tax, Term: term,
		Pages: term.Pages, Parent: f.taxonomy, Ancestors: []*site.Page{f.home, f.taxonomy}}
	tax.Page, term.Page = f.taxonomy, f.term
	f.doc1.Terms = []*site.Term{term}

	f.notFound = &site.Page{Kind: site.KindNotFound, URL: "404.html", Title: "Không tìm thấy trang"}
	f.sp = &site.Page{Kind: site.KindSearch, URL: "search/index.html", Title: "Tìm kiếm",
		Parent: f.home, Ancestors: []*site.Page{f.home}}

	f.site = &site.Site{
		Settings: content.Settings{Title: "Tủ sách học tập", Description: "Tài liệu học tập của chi bộ.",
			Language: "vi"},
		Lang: "vi", Home: f.home,
		Pages:      []*site.Page{f.notFound, f.taxonomy, f.term, f.home, f.sp, f.section, f.doc1, f.doc2},
		Documents:  []*site.Page{f.doc1, f.doc2},
		InLists:    []*site.Page{f.doc1, f.doc2},
		Sections:   []*site.Page{f.section},
		Taxonomies: []*site.Taxonomy{tax},
		Built:      day(2022, 7, 28),
	}
	return f
}

// render renders p with th and fails the test on error.
func render(t testing.TB, th *Theme, s *site.Site, p *site.Page) string {
	t.Helper()
	var b strings.Builder
	if err := th.Render(&b, View{Site: s, Page: p, Root: RootFor(p.URL)}); err != nil {
		t.Fatalf("Render %s: %v", p.URL, err)
	}
	return b.String()
}
