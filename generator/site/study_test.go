package site

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"tusach/generator/content"
	"tusach/generator/markdown"
)

// assembleFS loads the site in fsys, renders its Markdown as the build
// does (links and citations resolved) and assembles it, failing the test
// on any diagnostic.
func assembleFS(t *testing.T, fsys fstest.MapFS) *Site {
	t.Helper()
	src, errs := content.Load(fsys, content.Options{})
	if len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	return assembleSource(t, src)
}

func assembleSource(t *testing.T, src *content.Source) *Site {
	t.Helper()
	md := markdown.New(markdown.Options{})
	urls, numbers := NewURLs(src), NewNumbers(src)
	rendered := map[string]*markdown.Result{}
	for _, d := range append(append([]*content.Document(nil), src.Sections...), src.Documents...) {
		from := content.OutputPath(d.Path)
		r := md.Render(markdown.Input{File: d.File, Path: d.Path, Source: d.Body, FirstLine: d.BodyLine,
			Resolve: urls.Resolver(from), Cite: numbers.Resolver(from, d.Meta.Number)})
		if len(r.Errors) > 0 {
			t.Fatalf("render %s: %v", d.Path, r.Errors)
		}
		rendered[d.Path] = &r
	}
	s, errs := Assemble(src, rendered)
	if len(errs) > 0 {
		t.Fatalf("assemble: %v", errs)
	}
	return s
}

func page(t *testing.T, s *Site, url string) *Page {
	t.Helper()
	for _, p := range s.Pages {
		if p.URL == url {
			return p
		}
	}
	t.Fatalf("no page %s", url)
	return nil
}

func urlsOf(ps []*Page) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.URL)
	}
	return out
}

func doc(front, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\n" + front + "\n---\n\n" + body + "\n")}
}

// citeSite has documents that cite each other in their text and front
// matter, with number variants, an unknown number and a self-citation.
var citeSite = fstest.MapFS{
	"content/_index.md":      doc("title: Tủ sách", ""),
	"content/vb/ket-luan.md": doc("title: Kết luận\nnumber: 21-KL/TW\nissued: 2021-10-16", "Tự nhắc 21-KL/TW."),
	"content/vb/nghi-quyet.md": doc("title: Nghị quyết\nnumber: 30/NQ-CP\nissued: 2022-03-22",
		"Thực hiện Kết luận số 21-KL/TƯ, không phải 58-KH/TU."),
	"content/vb/ke-hoach.md": doc("title: Kế hoạch\nnumber: 205/KH-UBND\nissued: 2022-07-28\nreferences: [30/NQ-CP, 99/QĐ-XX]",
		"Thực hiện Nghị quyết 30/NQ-CP và Kết luận 21 - KL/TW; `21-KL/TW` trong mã."),
	"content/ghi-chep/bai.md": doc("title: Bài ghi chép\ndate: 2023-01-01\nreferences: [205/kh-ubnd]", "## Về 30/NQ-CP\n\nKhông nhắc số hiệu nào."),
}

func TestCitations(t *testing.T) {
	s := assembleFS(t, citeSite)
	tests := []struct {
		url            string
		cites, citedBy []string
	}{
		{"vb/ket-luan.html", nil, []string{"vb/ke-hoach.html", "vb/nghi-quyet.html"}},
		{"vb/nghi-quyet.html", []string{"vb/ket-luan.html"}, []string{"vb/ke-hoach.html"}},
		{"vb/ke-hoach.html", []string{"vb/nghi-quyet.html", "vb/ket-luan.html"}, []string{"ghi-chep/bai.html"}},
		{"ghi-chep/bai.html", []string{"vb/ke-hoach.html"}, nil},
	}
	for _, tt := range tests {
		p := page(t, s, tt.url)
		if got := urlsOf(p.Cites); !slices.Equal(got, tt.cites) {
			t.Errorf("%s: Cites = %q, want %q", tt.url, got, tt.cites)
		}
		if got := urlsOf(p.CitedBy); !slices.Equal(got, tt.citedBy) {
			t.Errorf("%s: CitedBy = %q, want %q", tt.url, got, tt.citedBy)
		}
	}
	html := string(page(t, s, "vb/ke-hoach.html").Content)
	for _, want := range []string{`<a href="nghi-quyet.html" class="xref">30/NQ-CP</a>`,
		`<a href="ket-luan.html" class="xref">21 - KL/TW</a>`, "<code>21-KL/TW</code>"} {
		if !strings.Contains(html, want) {
			t.Errorf("ke-hoach.html lacks %q:\n%s", want, html)
		}
	}
	if self := string(page(t, s, "vb/ket-luan.html").Content); strings.Contains(self, "xref") {
		t.Errorf("a document links its own number:\n%s", self)
	}
}

func TestNumbers(t *testing.T) {
	src := &content.Source{Documents: []*content.Document{
		{Path: "luat/dieu-1.md", Meta: content.Meta{Number: "91/2015/QH13"}},
		{Path: "luat/dieu-2.md", Meta: content.Meta{Number: "91/2015/QH13"}},
		{Path: "vb/kl.md", Meta: content.Meta{Number: "21-KL/TƯ"}},
		{Path: "vb/khong-so.md"},
	}}
	n := NewNumbers(src)
	want := Numbers{"91/2015/QH13": "luat/dieu-1.html", "21-KL/TW": "vb/kl.html"}
	if len(n) != len(want) {
		t.Fatalf("NewNumbers = %v, want %v", n, want)
	}
	for k, v := range want {
		if n[k] != v {
			t.Errorf("NewNumbers[%q] = %q, want %q", k, n[k], v)
		}
	}
	tests := []struct {
		from, own, number, href string
		ok                      bool
	}{
		{"ghi-chep/a.html", "", "21-KL/TW", "../vb/kl.html", true},
		{"vb/a.html", "", "21-KL/TW", "kl.html", true},
		{"vb/kl.html", "21-KL/TW", "21-KL/TW", "", false},               // itself
		{"luat/dieu-2.html", "91/2015/QH13", "91/2015/QH13", "", false}, // its own law
		{"vb/a.html", "", "99/XX", "", false},
	}
	for _, tt := range tests {
		href, ok := n.Resolver(tt.from, tt.own)(tt.number)
		if href != tt.href || ok != tt.ok {
			t.Errorf("Resolver(%q, %q)(%q) = %q, %v; want %q, %v", tt.from, tt.own, tt.number, href, ok, tt.href, tt.ok)
		}
	}
}

func TestStudyPath(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md":           doc("title: Tủ sách", ""),
		"content/chuyen-de/_index.md": doc("title: Chuyên đề\nstudy: true", ""),
		"content/chuyen-de/ba.md":     doc("title: Ba\nweight: 3", "Một hai ba bốn."),
		"content/chuyen-de/mot.md":    doc("title: Một\nweight: 1", "Một."),
		"content/chuyen-de/hai.md":    doc("title: Hai\nweight: 2", "Hai."),
		"content/thuong/_index.md":    doc("title: Thường", ""),
		"content/thuong/a.md":         doc("title: A", "A."),
	})
	sec := page(t, s, "chuyen-de/index.html")
	if got := urlsOf(sec.Pages); !slices.Equal(got, []string{"chuyen-de/mot.html", "chuyen-de/hai.html", "chuyen-de/ba.html"}) {
		t.Errorf("lessons = %q, want weight order", got)
	}
	for i, p := range sec.Pages {
		if p.Lesson != i+1 {
			t.Errorf("%s: Lesson = %d, want %d", p.URL, p.Lesson, i+1)
		}
	}
	pr := page(t, s, "chuyen-de/in.html")
	if pr.Kind != KindStudyPrint || sec.Print != pr || pr.Print != sec || pr.Parent != sec {
		t.Errorf("print page %+v not linked with its section", pr)
	}
	if !slices.Equal(urlsOf(pr.Pages), urlsOf(sec.Pages)) || pr.Title != sec.Title {
		t.Errorf("print page lists %q titled %q", urlsOf(pr.Pages), pr.Title)
	}
	if got := urlsOf(pr.Ancestors); !slices.Equal(got, []string{"index.html", "chuyen-de/index.html"}) {
		t.Errorf("print page ancestors = %q", got)
	}
	if p := page(t, s, "thuong/a.html"); p.Lesson != 0 || page(t, s, "thuong/index.html").Print != nil {
		t.Errorf("an ordinary section became a study path")
	}
	if !slices.Equal(urlsOf(s.StudyPaths), []string{"chuyen-de/index.html"}) {
		t.Errorf("StudyPaths = %q", urlsOf(s.StudyPaths))
	}
}

func TestRegisterAndBookmarks(t *testing.T) {
	s := assembleFS(t, citeSite)
	r := page(t, s, RegisterURL)
	if r.Kind != KindRegister || s.Register != r {
		t.Fatalf("register page %+v", r)
	}
	want := []string{"vb/ke-hoach.html", "vb/nghi-quyet.html", "vb/ket-luan.html"} // newest first, numbered only
	if got := urlsOf(r.Pages); !slices.Equal(got, want) {
		t.Errorf("register lists %q, want %q", got, want)
	}
	if b := page(t, s, BookmarksURL); b.Kind != KindBookmarks || s.Bookmarks != b || b.Title != "Đã lưu" {
		t.Errorf("bookmarks page %+v", b)
	}

	plain := assembleFS(t, fstest.MapFS{
		"content/_index.md": doc("title: Tủ sách\nlanguage: en", ""),
		"content/a.md":      doc("title: A", "No numbers."),
	})
	if plain.Register != nil {
		t.Errorf("register without numbered documents: %+v", plain.Register)
	}
	if plain.Bookmarks == nil || plain.Bookmarks.Title != "Saved" {
		t.Errorf("English bookmarks page: %+v", plain.Bookmarks)
	}
}

// TestSampleContent checks the study features on the sample site in
// content/: the register, the citations of the 205/KH-UBND plan and the
// study path with its printable page.
func TestSampleContent(t *testing.T) {
	src, errs := content.Load(os.DirFS("../.."), content.Options{})
	if len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	s := assembleSource(t, src)
	const plan = "van-ban/ke-hoach-205-kh-ubnd.html"
	if s.Register == nil || !slices.Contains(urlsOf(s.Register.Pages), plan) {
		t.Fatalf("register lacks %s", plan)
	}
	citedBy := urlsOf(page(t, s, plan).CitedBy)
	for _, u := range []string{"hoc-tap/ke-hoach-205/tom-tat.html", "hoc-tap/ke-hoach-205/nhiem-vu-trong-tam.html",
		"hoc-tap/ke-hoach-205/tu-kiem-tra.html"} {
		if !slices.Contains(citedBy, u) {
			t.Errorf("%s is not cited by %s (cited by %q)", plan, u, citedBy)
		}
	}
	sec := page(t, s, "hoc-tap/ke-hoach-205/index.html")
	want := []string{"hoc-tap/ke-hoach-205/tom-tat.html", "hoc-tap/ke-hoach-205/nhiem-vu-trong-tam.html",
		"hoc-tap/ke-hoach-205/tu-kiem-tra.html"}
	if sec.Print == nil || !slices.Equal(urlsOf(sec.Print.Pages), want) || sec.Print.URL != "hoc-tap/ke-hoach-205/in.html" {
		t.Errorf("study path %s: print %+v", sec.URL, sec.Print)
	}
	// The plan's relations, as its own text states them, shown both ways.
	kl := page(t, s, "van-ban/ket-luan-21-kl-tw.html")
	var by []string
	for _, r := range kl.RelatedBy {
		by = append(by, r.Label+" "+r.Page.URL)
	}
	if want := "Được thực hiện bởi van-ban/ke-hoach-205-kh-ubnd.html|Được thực hiện bởi van-ban/nghi-quyet-30-nq-cp.html"; strings.Join(by, "|") != want {
		t.Errorf("21-KL/TƯ related by %q, want %q", by, want)
	}
	if rs := page(t, s, plan).Relations; len(rs) != 2 || rs[0].Page == nil || rs[0].Page.URL != "van-ban/nghi-quyet-30-nq-cp.html" {
		t.Errorf("plan relations: %+v", rs)
	}
	if q := string(page(t, s, "hoc-tap/ke-hoach-205/tu-kiem-tra.html").Content); !strings.Contains(q, `<ol class="questions"`) {
		t.Errorf("tu-kiem-tra.html has no question list")
	}
}
