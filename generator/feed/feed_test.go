package feed

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"tusach/generator/content"
	"tusach/generator/site"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// testSite has a home, a section, three documents (one with a hostile
// title, one without any date), a term page and the 404 page.
func testSite(baseURL string) *site.Site {
	home := &site.Page{Kind: site.KindHome, URL: "index.html", Title: "Tủ sách"}
	sec := &site.Page{Kind: site.KindSection, URL: "van-ban/index.html", Title: "Văn bản"}
	tax := &site.Taxonomy{Key: "topics", URL: "chu-de/index.html"}
	term := &site.Term{Taxonomy: tax, Name: "Xây dựng Đảng", Slug: "xay-dung-dang", URL: "chu-de/xay-dung-dang.html"}
	d1 := &site.Page{Kind: site.KindDocument, URL: "van-ban/ke-hoach-205.html", Title: "Kế hoạch 205/KH-UBND",
		Description: "Nhiều nhiệm vụ, giải pháp.", Terms: []*site.Term{term},
		Doc: &content.Document{Meta: content.Meta{Issued: day(2022, 7, 28), Lastmod: day(2022, 8, 2),
			Issuer: "UBND thành phố Hà Nội"}}}
	d2 := &site.Page{Kind: site.KindDocument, URL: "van-ban/ket-luan.html",
		Title: `Kết luận <b>"21"</b> & 'Đảng' ]]>`, Description: "a < b && c > d",
		Doc: &content.Document{Meta: content.Meta{Date: day(2021, 10, 30)}}}
	d3 := &site.Page{Kind: site.KindDocument, URL: "van-ban/khong-ngay.html", Title: "Không ngày",
		Doc: &content.Document{}}
	sec.Pages = []*site.Page{d1, d2, d3}
	termPage := &site.Page{Kind: site.KindTerm, URL: term.URL, Title: term.Name, Pages: []*site.Page{d1}}
	term.Page = termPage
	return &site.Site{
		Settings:  content.Settings{Title: "Tủ sách học tập", Description: "Tài liệu & văn bản", BaseURL: baseURL},
		Lang:      "vi",
		Home:      home,
		Pages:     []*site.Page{{Kind: site.KindNotFound, URL: "404.html"}, termPage, home, sec, d1, d2, d3},
		Documents: []*site.Page{d1, d2, d3},
		InLists:   []*site.Page{d1, d2, d3},
		Built:     day(2022, 8, 2),
	}
}

type parsedSitemap struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

func TestSitemap(t *testing.T) {
	tests := []struct {
		name, base string
		want       map[string]string // loc → lastmod
	}{
		{"relative", "", map[string]string{
			"index.html": "2022-08-02", "van-ban/index.html": "2022-08-02", "chu-de/xay-dung-dang.html": "2022-08-02",
			"van-ban/ke-hoach-205.html": "2022-08-02", "van-ban/ket-luan.html": "2021-10-30", "van-ban/khong-ngay.html": "",
		}},
		{"absolute", "http://intranet/hoc-tap", map[string]string{
			"http://intranet/hoc-tap/index.html":                "2022-08-02",
			"http://intranet/hoc-tap/van-ban/index.html":        "2022-08-02",
			"http://intranet/hoc-tap/chu-de/xay-dung-dang.html": "2022-08-02",
			"http://intranet/hoc-tap/van-ban/ke-hoach-205.html": "2022-08-02",
			"http://intranet/hoc-tap/van-ban/ket-luan.html":     "2021-10-30",
			"http://intranet/hoc-tap/van-ban/khong-ngay.html":   "",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := Sitemap(testSite(tt.base))
			if !bytes.HasPrefix(out, []byte(xml.Header)) {
				t.Error("no XML declaration")
			}
			var got parsedSitemap
			if err := xml.Unmarshal(out, &got); err != nil {
				t.Fatalf("sitemap does not parse: %v\n%s", err, out)
			}
			if len(got.URLs) != len(tt.want) {
				t.Errorf("%d URLs, want %d (404 excluded)", len(got.URLs), len(tt.want))
			}
			for _, u := range got.URLs {
				lastmod, ok := tt.want[u.Loc]
				if !ok {
					t.Errorf("unexpected loc %q", u.Loc)
				} else if u.Lastmod != lastmod {
					t.Errorf("%s: lastmod %q, want %q", u.Loc, u.Lastmod, lastmod)
				}
			}
		})
	}
}

type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Summary   string `xml:"summary"`
		Author    string `xml:"author>name"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Categories []struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

func parseFeed(t *testing.T, out []byte) parsedFeed {
	t.Helper()
	var f parsedFeed
	if err := xml.Unmarshal(out, &f); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, out)
	}
	return f
}

func TestAtom(t *testing.T) {
	f := parseFeed(t, Atom(testSite(""), 2))
	if f.Title != "Tủ sách học tập" || f.Lang != "vi" || f.Updated != "2022-08-02T00:00:00Z" {
		t.Errorf("feed head = %q %q %q", f.Title, f.Lang, f.Updated)
	}
	if f.ID != "urn:tusach:tu-sach-hoc-tap" {
		t.Errorf("feed id = %q", f.ID)
	}
	if len(f.Entries) != 2 {
		t.Fatalf("%d entries, want 2 (n=2)", len(f.Entries))
	}
	e := f.Entries[0]
	if e.Title != "Kế hoạch 205/KH-UBND" || e.Updated != "2022-08-02T00:00:00Z" || e.Published != "2022-07-28T00:00:00Z" ||
		e.Author != "UBND thành phố Hà Nội" || e.Link.Href != "van-ban/ke-hoach-205.html" || e.Summary != "Nhiều nhiệm vụ, giải pháp." {
		t.Errorf("entry 0 = %+v", e)
	}
	if len(e.Categories) != 1 || e.Categories[0].Term != "xay-dung-dang" || e.Categories[0].Label != "Xây dựng Đảng" {
		t.Errorf("categories = %+v", e.Categories)
	}
	if e := f.Entries[1]; e.Updated != "2021-10-30T00:00:00Z" {
		t.Errorf("entry 1 updated %q, want its date", e.Updated)
	}
	if all := parseFeed(t, Atom(testSite(""), 0)); len(all.Entries) != 3 || all.Entries[2].Updated != "2022-08-02T00:00:00Z" {
		t.Errorf("n=0: %d entries; undated entry updated %q, want Site.Built", len(all.Entries), all.Entries[2].Updated)
	}
}

func TestAtomAbsolute(t *testing.T) {
	f := parseFeed(t, Atom(testSite("http://intranet/hoc-tap/"), 1))
	if f.ID != "http://intranet/hoc-tap/" {
		t.Errorf("feed id = %q", f.ID)
	}
	hrefs := map[string]string{}
	for _, l := range f.Links {
		hrefs[l.Rel] = l.Href
	}
	if hrefs["self"] != "http://intranet/hoc-tap/feed.xml" || hrefs["alternate"] != "http://intranet/hoc-tap/index.html" {
		t.Errorf("links = %v", hrefs)
	}
	if e := f.Entries[0]; e.ID != "http://intranet/hoc-tap/van-ban/ke-hoach-205.html" || e.Link.Href != e.ID {
		t.Errorf("entry id %q, link %q", e.ID, e.Link.Href)
	}
}

func TestEscaping(t *testing.T) {
	s := testSite("")
	out := Atom(s, 0)
	if bytes.Contains(out, []byte("<b>")) || bytes.Contains(out, []byte("&& c")) {
		t.Errorf("markup or ampersand unescaped:\n%s", out)
	}
	f := parseFeed(t, out)
	if got := f.Entries[1].Title; got != `Kết luận <b>"21"</b> & 'Đảng' ]]>` {
		t.Errorf("title round trip = %q", got)
	}
	if got := f.Entries[1].Summary; got != "a < b && c > d" {
		t.Errorf("summary round trip = %q", got)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := Atom(testSite(""), 10), Atom(testSite(""), 10)
	if !bytes.Equal(a, b) {
		t.Error("two feeds of the same site differ")
	}
	if !bytes.Equal(Sitemap(testSite("")), Sitemap(testSite(""))) {
		t.Error("two sitemaps of the same site differ")
	}
	s := testSite("")
	s.Built = day(2023, 1, 1)
	if bytes.Equal(a, Atom(s, 10)) {
		t.Error("feed ignores Site.Built")
	}
}

// FuzzAtom checks that any title and description give a feed that parses
// back, with the text preserved when it is valid XML character data.
func FuzzAtom(f *testing.F) {
	f.Add("Kế hoạch", "mô tả")
	f.Add("<script>alert(1)</script>", "]]><!--")
	f.Add("\x00\x01\ufffe", "&amp;&#0;")
	f.Add("\xff\xfe", "\r\n\t")
	f.Fuzz(func(t *testing.T, title, desc string) {
		s := testSite("http://x/")
		s.Documents[0].Title, s.Documents[0].Description = title, desc
		s.Settings.Title = title
		out := Atom(s, 1)
		var got parsedFeed
		if err := xml.Unmarshal(out, &got); err != nil {
			t.Fatalf("feed does not parse: %v\n%s", err, out)
		}
		if len(got.Entries) != 1 {
			t.Fatalf("%d entries", len(got.Entries))
		}
		if plain := nfc(title); isXMLText(plain) && got.Entries[0].Title != plain {
			t.Errorf("title %q came back as %q", plain, got.Entries[0].Title)
		}
		if err := xml.Unmarshal(Sitemap(s), new(parsedSitemap)); err != nil {
			t.Fatalf("sitemap does not parse: %v", err)
		}
	})
}

// isXMLText reports whether s survives XML unchanged: valid UTF-8, only
// XML characters, and no carriage returns (normalized by parsers).
func isXMLText(s string) bool {
	if strings.ToValidUTF8(s, "") != s {
		return false
	}
	for _, r := range s {
		if r == '\r' || (r < 0x20 && r != '\t' && r != '\n') || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}

// TestSitemapEscapesNames checks that a page named with spaces and
// Vietnamese letters gets a percent-encoded address, as sitemaps require.
func TestSitemapEscapesNames(t *testing.T) {
	s := testSite("http://intranet/hoc-tap/")
	s.Documents[2].URL = "tài liệu/bài giảng 1.html"
	var got parsedSitemap
	if err := xml.Unmarshal(Sitemap(s), &got); err != nil {
		t.Fatal(err)
	}
	want := "http://intranet/hoc-tap/t%C3%A0i%20li%E1%BB%87u/b%C3%A0i%20gi%E1%BA%A3ng%201.html"
	for _, u := range got.URLs {
		if u.Loc == want {
			return
		}
	}
	t.Errorf("sitemap lacks %s: %+v", want, got.URLs)
}
