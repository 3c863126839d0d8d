package site

import (
	"tusach/generator/content"
	"tusach/generator/markdown"
)

// A build that writes each page as it renders it (the cold run of
// `tusach build`) keeps between stages only what the stages still to run
// read: these let go of what only page templates read, and give it back
// where a page still to render needs it.

// DropOutlines lets go of the headings, table of contents and sections of
// each of pages that has a document; SetOutline gives them back.
func DropOutlines(pages []*Page) {
	for _, p := range pages {
		if p.Doc != nil {
			p.Headings, p.TOC, p.Sections = nil, nil, nil
		}
	}
}

// SetOutline gives p, if it has a document, its headings and sections
// again and makes its table of contents from the headings, as Assemble
// and Patch make it.
func (p *Page) SetOutline(headings []markdown.Heading, sections []markdown.Section) {
	if p.Doc != nil {
		p.Headings, p.Sections = headings, sections
		p.MakeTOC()
	}
}

// MakeTOC makes the table of contents of p, if it has a document, from its
// headings, as Assemble and Patch make it.
func (p *Page) MakeTOC() {
	if p.Doc != nil {
		p.TOC = NestTOC(p.Headings, 2, 4)
	}
}

// DropParams lets go, in the document of each of pages, of the front
// matter that only the load and assemble stages and templates of a
// site's own read: the keys the format does not know (Meta.Params) and
// the line of every key (Meta.Lines) but layout's, which theme reports a
// layout without a template at. On the generated corpus of 100,000
// documents, whose front matter has a summary (an unknown key), they were
// about 55 MB of the live heap from the assemble stage on.
func DropParams(pages []*Page) {
	for _, p := range pages {
		if p.Doc == nil {
			continue
		}
		m := &p.Doc.Meta
		line, ok := m.Lines["layout"]
		m.Params, m.Lines = nil, nil
		if ok {
			m.Lines = map[string]int{"layout": line}
		}
	}
}

// Lean lets go of the headings, table of contents and sections of every
// page of s and the front matter of every document: once every page is
// written and the search documents are made (they copy what the index
// reads), nothing reads them. On the generated corpus of 10,000 documents
// that took the cold build's peak RSS from about 380 MB to about 300.
func (s *Site) Lean() {
	for _, p := range s.Pages {
		p.Headings, p.TOC, p.Sections = nil, nil, nil
		if p.Doc != nil {
			p.Doc.Meta = content.Meta{}
		}
	}
}
