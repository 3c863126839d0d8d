package theme

import "tusach/generator/site"

// ownBodyKinds are the kinds of page whose default templates show, of other
// pages, only what a body edit never changes (URL, title, description,
// front matter, order, counts): never another page's body, headings or
// reading time. A page of any other kind (the printable study path, kinds
// added later) may show other pages' bodies.
var ownBodyKinds = map[site.Kind]bool{
	site.KindHome: true, site.KindDocument: true, site.KindSection: true,
	site.KindTaxonomy: true, site.KindTerm: true, site.KindNotFound: true,
	site.KindSearch: true, site.KindRegister: true, site.KindBookmarks: true,
	site.KindListData: true, // a list's URLs, titles and numbers
}

// ShowsOtherBodies reports whether the default template of p may show
// what an edit of another page's body changes (its body, headings or
// reading time): pages of kinds outside ownBodyKinds and pages with a
// layout of their own. A body edit renders these again besides the page
// edited.
func ShowsOtherBodies(p *site.Page) bool {
	return !ownBodyKinds[p.Kind] || p.Layout != ""
}

// ShowersFirst splits pages, in order, into those whose templates may show
// other pages' bodies ([ShowsOtherBodies]), to render first while every
// body is at hand, and the others, whose bodies can be let go once each is
// rendered.
func ShowersFirst(pages []*site.Page) (first, then []*site.Page) {
	for _, pg := range pages {
		if ShowsOtherBodies(pg) {
			first = append(first, pg)
		} else {
			then = append(then, pg)
		}
	}
	return first, then
}
