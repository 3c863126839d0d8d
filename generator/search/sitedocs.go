package search

import "tusach/generator/site"

// SiteDocs are the search documents of a site ([DocsOf]), in site order,
// with the place of each page's, so that a body edit can replace one
// ([SiteDocs.Patch]) without going through the site again.
type SiteDocs struct {
	Docs []Doc
	at   map[string]int // page URL → index in Docs
}

// NewSiteDocs returns the search documents of s.
func NewSiteDocs(s *site.Site) SiteDocs {
	d := SiteDocs{Docs: DocsOf(s), at: map[string]int{}}
	for i, doc := range d.Docs {
		d.at[doc.URL] = i
	}
	return d
}

// At returns the index in Docs of the document of the page at url; ok is
// false for a page without one.
func (d SiteDocs) At(url string) (i int, ok bool) {
	i, ok = d.at[url]
	return i, ok
}

// Patch replaces, in place, the search document of p, a document page
// patched by a body edit (site.Patch), and reports whether it has one.
func (d SiteDocs) Patch(p *site.Page) bool {
	i, ok := d.at[p.URL]
	if !ok || p.Kind != site.KindDocument {
		return false
	}
	d.Docs[i] = DocOf(p)
	return true
}
