package build

import (
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync/atomic"

	"tusach/generator/content"
	"tusach/generator/markdown"
	"tusach/generator/search"
	"tusach/generator/site"
	"tusach/generator/theme"
)

// The cold run of `tusach build` streams every file to a folder as it is
// made (Pipeline.dest) and no run comes after it: nothing of a stage's
// value is read again once the stages after it have what they need. So
// that a large site builds in bounded memory, it keeps per document only
// what the later stages read (front matter, links, counts) and puts the
// bulk, the body's HTML, its outline (headings and sections) and the text
// of its parts, in a temporary file (spill) that the render and index
// stages read back one document at a time:
//
//   - load: a document's Markdown is spilled as soon as it is parsed;
//   - markdown: it is read back to render, and let go; the HTML, the
//     outline and the text are spilled, the sections let go (the
//     headings stay for the assemble stage); no look-ups recorded, no
//     memo kept;
//   - render: the markdown results, the pages' outlines and, with the
//     built-in templates, the front matter that only the earlier stages
//     read (site.DropParams) go; a page's body and outline are read back
//     just before it renders, and let go once it is written, with its
//     table of contents, unless a page still to render shows them
//     (theme.ShowsOtherBodies: while those render first, every body is
//     held); with templates of the site's own, which may show anything,
//     every body is read back first and held;
//   - index: once the search documents are made from the pages, each
//     document's front matter is let go (lean); search.Build reads each
//     document's parts, their headings and text, back when it comes to
//     them (search.Options.Parts).

// streams reports whether the run is the cold run of Build, whose files
// go to a folder as they are made and which lets go of what it no longer
// needs.
func (p *Pipeline) streams() bool { return p.dest != nil }

// keepBody is the content.Options.Keep of the cold run: each document's
// Markdown goes to the spill as it is loaded, until the markdown stage.
func (p *Pipeline) keepBody() func(*content.Document) {
	if p.spill == nil {
		return nil
	}
	return p.spill.KeepBody
}

// spillErr returns the first error of the spill of a cold run.
func (p *Pipeline) spillErr() error {
	if p.spill == nil {
		return nil
	}
	return p.spill.Err()
}

// renderOnce renders d for a cold run: no look-ups recorded, d's source
// let go once rendered (d is the run's own: no memo shares it), the HTML
// and the text of the parts spilled.
func (p *Pipeline) renderOnce(rs resolvers, d *content.Document) *renderedDoc {
	body, err := p.spill.Body(d)
	if err != nil {
		p.spill.Fail(err)
	}
	d.Body = body
	rd := &renderedDoc{doc: d, res: rs.render(p.md.r, d, nil)}
	d.Body = nil
	rd.html = p.spill.Put(rd.res.HTML)
	rd.res.DropHTML()
	rd.outline = p.spill.PutOutline(rd.res.Headings, rd.res.Sections)
	texts := make([]string, len(rd.res.Sections))
	for i := range rd.res.Sections {
		texts[i] = rd.res.Sections[i].Text
	}
	rd.text = p.spill.PutTexts(texts)
	rd.res.Sections = nil // the search documents' parts read them back (partsOf)
	rd.res.Headings = compactHeadings(rd.res.Headings)
	rd.res.Links, rd.res.Cites = slices.Clone(rd.res.Links), slices.Clone(rd.res.Cites)
	return rd
}

// compactHeadings returns a copy of hs, the headings of a result held
// until the site is assembled, that keeps no more memory than it needs:
// no room to grow left by append, and each ID without the room viet.Slug
// made for it (the length of the heading's text, Vietnamese letters
// taking more bytes than their folded ASCII).
func compactHeadings(hs []markdown.Heading) []markdown.Heading {
	out := slices.Clone(hs)
	for i := range out {
		out[i].ID = strings.Clone(out[i].ID)
	}
	return out
}

// fillBodies reads back from the spill the body of each page of pages
// that has a document.
func (p *Pipeline) fillBodies(r *built, pages []*site.Page) error {
	for _, pg := range pages {
		if err := p.fillBody(r, pg); err != nil {
			return err
		}
	}
	return nil
}

// fillBody reads back the body and the outline of pg, if it has a
// document, and makes its table of contents again, as site.Patch made it
// (renderCold lets them go until the page renders). The sections come
// back without their text, as renderOnce left them.
func (p *Pipeline) fillBody(r *built, pg *site.Page) error {
	if pg.Doc == nil || r.rendered[pg.Doc.Path] == nil {
		pg.MakeTOC()
		return nil
	}
	rd := r.rendered[pg.Doc.Path]
	html, err := p.spill.Get(rd.html)
	if err != nil {
		return err
	}
	headings, sections, err := p.spill.GetOutline(rd.outline)
	if err != nil {
		return err
	}
	pg.Content = template.HTML(html)
	pg.SetOutline(headings, sections)
	return nil
}

// partsOf returns the search.Options.Parts of the cold run r: the parts
// of each search document (its sections' IDs, headings and text), read
// back from the spill; the search documents made from the pages have
// none (renderOnce let the sections go).
func (p *Pipeline) partsOf(r *built) func(int) ([]search.Part, error) {
	pages := make([]*site.Page, len(r.index.Docs))
	for _, pg := range r.site.Documents {
		if i, ok := r.index.At(pg.URL); ok {
			pages[i] = pg
		}
	}
	return func(i int) ([]search.Part, error) {
		rd := r.rendered[pages[i].Doc.Path]
		_, sections, err := p.spill.GetOutline(rd.outline)
		if err != nil {
			return nil, err
		}
		texts, err := p.spill.GetTexts(rd.text)
		if err != nil {
			return nil, err
		}
		if len(texts) != len(sections) {
			return nil, fmt.Errorf("build: %s: %d texts spilled for %d sections", pages[i].URL, len(texts), len(sections))
		}
		var parts []search.Part
		for j, sec := range sections {
			parts = append(parts, search.Part{Anchor: sec.ID, Heading: sec.Heading, Text: texts[j]})
		}
		return parts, nil
	}
}

// lean lets go, in a cold run whose pages are all written and whose
// search documents are made (r.index.Docs), of what the index stage does
// not read: the markdown result of each document (its headings, links and
// citations; the spans of its HTML, outline and text stay), the pages'
// outlines and the documents' front matter (site.Site.Lean).
func (p *Pipeline) lean(r *built) {
	for _, rd := range r.rendered {
		rd.res = nil // renderCold did, unless no page rendered
	}
	r.site.Lean()
}

// renderCold renders pages with one, reading each body back from the
// spill just before its page renders and letting it go after (see the
// comment at the top of this file). The outlines of the pages with a
// document (headings, table of contents, sections) go too until then:
// the headings alone, with their IDs, were at 100,000 documents about
// 200 MB of the stage's live heap. The markdown results go (the pages
// hold what is read of them).
func (p *Pipeline) renderCold(ctx context.Context, r *built, pages []*site.Page, one func(*site.Page)) error {
	for _, rd := range r.rendered {
		rd.res = nil
	}
	site.DropOutlines(r.site.Pages)
	if !r.own {
		site.DropParams(r.site.Pages)
	}
	first, then := theme.ShowersFirst(pages)
	if r.own {
		first, then = pages, nil
	}
	if len(first) > 0 {
		if err := p.fillBodies(r, r.site.Pages); err != nil {
			return err
		}
		forEach(ctx, len(first), func(i int) { one(first[i]) })
		for _, pg := range r.site.Pages {
			pg.Content = ""
		}
		site.DropOutlines(r.site.Pages)
	}
	var failed atomic.Pointer[error]
	forEach(ctx, len(then), func(i int) {
		if err := p.fillBody(r, then[i]); err != nil {
			failed.CompareAndSwap(nil, &err)
			return
		}
		one(then[i])
		// written, and no page left to render shows them
		then[i].Content = ""
		site.DropOutlines(then[i : i+1])
	})
	if err := failed.Load(); err != nil {
		return *err
	}
	return nil
}
