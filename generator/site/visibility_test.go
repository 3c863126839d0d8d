package site

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestVisibilityInherited checks that search and list are inherited from
// the nearest section that sets them, that a page's own value wins, and
// that pages kept out of lists leave the term pages, the register and
// "cited by" lists but stay on their own section's page.
func TestVisibilityInherited(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md":              doc("title: Tủ sách", ""),
		"content/vb/a.md":                doc("title: A\nnumber: 1/KH\ntopics: [Đảng]", ""),
		"content/hd/_index.md":           doc("title: Hướng dẫn\nsearch: false\nlist: false", ""),
		"content/hd/b.md":                doc("title: B\ntopics: [Đảng]\nnumber: 2/HD", "Xem Kế hoạch số 1/KH."),
		"content/hd/c.md":                doc("title: C\nsearch: true", ""),
		"content/hd/muc/_index.md":       doc("title: Mục con\nlist: true", ""),
		"content/hd/muc/d.md":            doc("title: D", "Theo 1/KH."),
		"content/hd/muc/chau/e.md":       doc("title: E\nsearch: true\nlist: false", ""),
		"content/vb/khong-tim/_index.md": doc("title: Không tìm\nsearch: false", ""),
		"content/vb/khong-tim/f.md":      doc("title: F", ""),
	})
	tests := []struct {
		url              string
		noSearch, noList bool
	}{
		{"vb/a.html", false, false},
		{"hd/index.html", true, true},
		{"hd/b.html", true, true},
		{"hd/c.html", false, true},           // own search wins, list inherited
		{"hd/muc/index.html", true, false},   // own list, search inherited
		{"hd/muc/d.html", true, false},       // both from the nearest sections
		{"hd/muc/chau/e.html", false, true},  // folder without _index.md: inherits through it
		{"vb/khong-tim/f.html", true, false}, // search only
	}
	for _, tt := range tests {
		p := page(t, s, tt.url)
		if p.NoSearch != tt.noSearch || p.NoList != tt.noList {
			t.Errorf("%s: NoSearch, NoList = %v, %v; want %v, %v", tt.url, p.NoSearch, p.NoList, tt.noSearch, tt.noList)
		}
	}
	if got, want := urlsOf(s.InLists), []string{"hd/muc/d.html", "vb/a.html", "vb/khong-tim/f.html"}; !slices.Equal(sortedURLs(got), want) {
		t.Errorf("listed = %v, want %v", got, want)
	}
	if got := urlsOf(s.RegisterDocs); !slices.Equal(got, []string{"vb/a.html"}) {
		t.Errorf("register = %v, want only vb/a.html", got)
	}
	for _, tx := range s.Taxonomies {
		for _, term := range tx.Terms {
			if slices.Contains(urlsOf(term.Pages), "hd/b.html") {
				t.Errorf("term %q lists hd/b.html, which sets list: false", term.Name)
			}
		}
	}
	a := page(t, s, "vb/a.html")
	if got := urlsOf(a.CitedBy); !slices.Equal(got, []string{"hd/muc/d.html"}) {
		t.Errorf("cited by = %v, want only the listed hd/muc/d.html", got)
	}
	if got := urlsOf(page(t, s, "hd/b.html").Cites); !slices.Equal(got, []string{"vb/a.html"}) {
		t.Errorf("an unlisted page still links what it cites: cites = %v", got)
	}
	if got := urlsOf(page(t, s, "hd/index.html").Pages); !slices.Contains(got, "hd/b.html") {
		t.Errorf("its own section lists it: %v", got)
	}
}

func sortedURLs(urls []string) []string {
	out := slices.Clone(urls)
	slices.Sort(out)
	return out
}
