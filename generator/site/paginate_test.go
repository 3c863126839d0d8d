package site

import (
	"fmt"
	"slices"
	"testing"
	"testing/fstest"
)

// TestPaginateLists checks that a section, a term and a taxonomy longer
// than ListPageSize are split into pages at stable URLs, that every page
// knows its neighbours and its share of the items, and that short lists
// stay on one page.
func TestPaginateLists(t *testing.T) {
	fs := fstest.MapFS{"content/_index.md": doc("title: Tủ sách", "")}
	const n = 2*ListPageSize + 5 // three pages
	for i := 1; i <= n; i++ {
		fs[fmt.Sprintf("content/luat/d%d.md", i)] = doc(fmt.Sprintf("title: Điều %d\ntopics: [Luật]\ntags: [t%d]", i, i), "")
	}
	fs["content/khac/a.md"] = doc("title: A\ntopics: [Khác]", "")
	s := assembleFS(t, fs)

	sec := page(t, s, "luat/index.html")
	if sec.Paging == nil || len(sec.Paging.Pages) != 3 {
		t.Fatalf("section paging = %+v, want 3 pages", sec.Paging)
	}
	if got := urlsOf(sec.Paging.Pages); !slices.Equal(got, []string{"luat/index.html", "luat/index/2.html", "luat/index/3.html"}) {
		t.Errorf("section page URLs = %v", got)
	}
	last := page(t, s, "luat/index/3.html")
	if g := last.Paging; g.Number != 3 || g.First != 2*ListPageSize+1 || g.Last != n || g.Total != n || len(g.Items) != 5 {
		t.Errorf("last page: number %d, items %d–%d of %d, %d listed", g.Number, g.First, g.Last, g.Total, len(g.Items))
	}
	if last.Paging.Items[0].Title != fmt.Sprintf("Điều %d", 2*ListPageSize+1) {
		t.Errorf("last page starts with %q: natural order lost", last.Paging.Items[0].Title)
	}
	if last.Paging.Prev().URL != "luat/index/2.html" || last.Paging.Next() != nil || sec.Paging.Prev() != nil {
		t.Error("previous/next between the pages are wrong")
	}
	if last.Kind != KindSection || last.Content != "" || last.Doc != nil || last.Title != sec.Title ||
		!slices.Equal(urlsOf(last.Ancestors), []string{"index.html"}) {
		t.Errorf("later page: kind %s, title %q, doc %v, ancestors %v", last.Kind, last.Title, last.Doc, urlsOf(last.Ancestors))
	}
	if len(sec.Pages) != n || sec.Count != n {
		t.Errorf("the first page keeps the whole list: %d pages, count %d", len(sec.Pages), sec.Count)
	}
	for _, p := range s.Sections {
		if !p.IsFirstPage() {
			t.Errorf("later page %s listed among the sections (navigation)", p.URL)
		}
	}

	term := page(t, s, "chu-de/luat.html")
	if got := urlsOf(term.Paging.Pages); !slices.Equal(got, []string{"chu-de/luat.html", "chu-de/luat/2.html", "chu-de/luat/3.html"}) {
		t.Errorf("term page URLs = %v", got)
	}
	if p2 := page(t, s, "chu-de/luat/2.html"); p2.Term == nil || p2.Kind != KindTerm || len(p2.Listed()) != ListPageSize {
		t.Errorf("term page 2: term %v, %d listed", p2.Term, len(p2.Listed()))
	}

	tags := page(t, s, "the/index.html")
	if len(tags.Paging.Pages) != 3 || len(tags.ListedTerms()) != ListPageSize {
		t.Errorf("tags: %d pages, %d terms on the first", len(tags.Paging.Pages), len(tags.ListedTerms()))
	}
	if p3 := page(t, s, "the/index/3.html"); len(p3.ListedTerms()) != 5 || p3.Kind != KindTaxonomy {
		t.Errorf("tags page 3 lists %d terms", len(p3.ListedTerms()))
	}

	short := page(t, s, "khac/index.html")
	if len(short.Paging.Pages) != 1 || len(short.Listed()) != 1 {
		t.Errorf("a short list: %d pages, %d listed", len(short.Paging.Pages), len(short.Listed()))
	}

	// The data of each long list's filter, beside its later pages.
	for first, want := range map[string]int{"luat/index.html": n, "chu-de/luat.html": n, "the/index.html": 0} {
		p := page(t, s, first)
		d := p.Paging.Data
		if d == nil || d.Kind != KindListData || d.URL != ListDataURL(first) || page(t, s, d.URL) != d {
			t.Errorf("%s: data page %+v, want a %s page at %s", first, d, KindListData, ListDataURL(first))
			continue
		}
		if len(d.Pages) != want || (want == 0 && d.Taxonomy != p.Taxonomy) {
			t.Errorf("%s: data lists %d documents (want %d), taxonomy %v", first, len(d.Pages), want, d.Taxonomy)
		}
		for _, q := range p.Paging.Pages {
			if q.Paging.Data != d {
				t.Errorf("%s does not share its list's data", q.URL)
			}
		}
	}
	if short.Paging.Data != nil {
		t.Errorf("a list of one page has a data file %s", short.Paging.Data.URL)
	}
	if got := ListDataURL("chu-de/dang.html"); got != "chu-de/dang/list.js" {
		t.Errorf("ListDataURL = %q", got)
	}
}

// TestPagingLinks checks the compact numbered links: first, last and two
// each side of the current page, gaps between.
func TestPagingLinks(t *testing.T) {
	pages := make([]*Page, 65)
	for i := range pages {
		pages[i] = &Page{URL: ListPageURL("a/index.html", i+1)}
	}
	tests := []struct {
		number int
		want   string
	}{
		{1, "1 2 3 … 65"},
		{6, "1 … 4 5 6 7 8 … 65"},
		{4, "1 2 3 4 5 6 … 65"},
		{65, "1 … 63 64 65"},
	}
	for _, tt := range tests {
		g := &Paging{Number: tt.number, Pages: pages}
		got := ""
		for i, l := range g.Links() {
			if i > 0 {
				got += " "
			}
			if l.Page == nil {
				got += "…"
				continue
			}
			if l.Page != pages[l.Number-1] {
				t.Errorf("link %d goes to %s", l.Number, l.Page.URL)
			}
			got += fmt.Sprint(l.Number)
		}
		if got != tt.want {
			t.Errorf("page %d: links %q, want %q", tt.number, got, tt.want)
		}
	}
	if got := ListPageURL("index.html", 2); got != "index/2.html" {
		t.Errorf("home page 2 = %q", got)
	}
}
