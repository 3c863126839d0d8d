package build

import (
	"tusach/generator/content"
	"tusach/generator/markdown"
	"tusach/generator/site"
	"tusach/generator/theme"
)

// The cold run of `tusach build` streams every file to a folder as it is
// made (Pipeline.dest) and no run comes after it: nothing of a stage's
// value is read again once the stages after it have what they need. So
// that a large site builds in bounded memory, it lets go of each value as
// soon as it can, where a warm run keeps them for its memos:
//
//   - markdown: a document's source once its HTML is made (no look-ups
//     recorded, no memo kept);
//   - assemble: the HTML of each result once its page holds it;
//   - render: a page's body once the page is written, unless a page still
//     to render shows it (theme.ShowsOtherBodies: those render first);
//     with templates of the site's own, which may show anything, no body
//     is let go.

// streams reports whether the run is the cold run of Build, whose files
// go to a folder as they are made and which lets go of what it no longer
// needs.
func (p *Pipeline) streams() bool { return p.dest != nil }

// renderOnce renders d for a cold run: no look-ups recorded, and d's
// source let go once rendered (d is the run's own: no memo shares it).
func (rs resolvers) renderOnce(md *markdown.Renderer, d *content.Document) *renderedDoc {
	rd := &renderedDoc{doc: d, res: rs.render(md, d, nil, nil)}
	d.Body = nil
	return rd
}

// releaseMarkdown lets go of the markdown stage's values once the site
// is assembled: the memo and each result's HTML (its page holds a copy).
func (p *Pipeline) releaseMarkdown(r *built) {
	for _, rd := range r.rendered {
		rd.res.HTML = nil
	}
	r.rendered, p.md.docs = nil, nil
}

// showersFirst splits pages into those whose templates may show other
// pages' bodies, to render first, and the others, whose bodies can be let
// go once each is written.
func showersFirst(pages []*site.Page) (first, then []*site.Page) {
	for _, pg := range pages {
		if theme.ShowsOtherBodies(pg) {
			first = append(first, pg)
		} else {
			then = append(then, pg)
		}
	}
	return first, then
}
