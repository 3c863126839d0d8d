package search

import (
	"testing"

	"tusach/generator/content"
	"tusach/generator/markdown"
	"tusach/generator/site"
)

// TestSiteDocsPatch patches the page of a body edit into a site's search
// documents: its document is replaced in place, the others stay, and a
// page that has none (opted out, or not a document) is not patched.
func TestSiteDocsPatch(t *testing.T) {
	page := func(url, text string) *site.Page {
		return &site.Page{Kind: site.KindDocument, URL: url, Title: url, Doc: &content.Document{},
			Sections: []markdown.Section{{Text: text}}}
	}
	a, b := page("a.html", "cũ"), page("b.html", "b")
	hidden := page("an.html", "ẩn")
	hidden.NoSearch = true
	d := NewSiteDocs(&site.Site{Documents: []*site.Page{a, hidden, b}})
	if i, ok := d.At("b.html"); !ok || i != 1 || d.Docs[i].URL != "b.html" {
		t.Fatalf("At(b.html) = %d, %v; want 1, true", i, ok)
	}
	if _, ok := d.At("an.html"); ok {
		t.Error("a page out of search has a document")
	}
	a.Sections = []markdown.Section{{Text: "mới"}}
	if !d.Patch(a) {
		t.Error("Patch(a) = false, want true")
	}
	if got := d.Docs[0].Parts[0].Text; got != "mới" {
		t.Errorf("a's text after Patch = %q, want the new one", got)
	}
	if got := d.Docs[1].Parts[0].Text; got != "b" {
		t.Errorf("b's text = %q, want it unchanged", got)
	}
	for _, p := range []*site.Page{hidden, {Kind: site.KindHome, URL: "index.html"}} {
		if d.Patch(p) {
			t.Errorf("Patch(%s) = true, want false", p.URL)
		}
	}
}
