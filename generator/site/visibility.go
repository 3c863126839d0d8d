package site

import "tusach/generator/content"

// setVisibility settles NoSearch and NoList of every section and document
// page, each field inherited from the nearest section that sets it, and
// lists the documents the site's lists show in Site.InLists. It runs after
// addDocuments, before anything builds a list.
func (a *assembler) setVisibility() {
	for _, p := range a.byURL {
		if p.Kind == KindDocument || p.Kind == KindSection || p.Kind == KindHome {
			p.NoSearch = !inherited(p, func(m content.Meta) *bool { return m.Search })
			p.NoList = !inherited(p, func(m content.Meta) *bool { return m.List })
		}
	}
	a.site.InLists = make([]*Page, 0, len(a.site.Documents))
	for _, p := range a.site.Documents {
		if !p.NoList {
			a.site.InLists = append(a.site.InLists, p)
		}
	}
}

// inherited returns the value of a true-or-false field of page p: its own
// when its front matter sets it, else that of the nearest enclosing section
// that does, else true.
func inherited(p *Page, field func(content.Meta) *bool) bool {
	for q := p; q != nil; q = q.Parent {
		if q.Doc == nil {
			continue
		}
		if v := field(q.Doc.Meta); v != nil {
			return *v
		}
	}
	return true
}
