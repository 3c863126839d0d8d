package site

import "tusach/generator/content"

// A build that writes each page as it renders it (the cold run of
// `tusach build`) keeps between stages only what the stages still to run
// read: these let go of what only page templates read, and make it again
// where a page still to render needs it.

// DropTOCs lets go of the table of contents of each of pages that has a
// document; MakeTOC makes it again from the headings.
func DropTOCs(pages []*Page) {
	for _, p := range pages {
		if p.Doc != nil {
			p.TOC = nil
		}
	}
}

// MakeTOC makes the table of contents of p, if it has a document, from its
// headings, as Assemble and Patch make it.
func (p *Page) MakeTOC() {
	if p.Doc != nil {
		p.TOC = NestTOC(p.Headings, 2, 4)
	}
}

// DropOutlines lets go of the headings, table of contents and sections of
// every page of s and the front matter of every document: once every page
// is written and the search documents are made (they copy what the index
// reads), nothing reads them. On the generated corpus of 10,000 documents
// that took the cold build's peak RSS from about 380 MB to about 300.
func (s *Site) DropOutlines() {
	for _, p := range s.Pages {
		p.Headings, p.TOC, p.Sections = nil, nil, nil
		if p.Doc != nil {
			p.Doc.Meta = content.Meta{}
		}
	}
}
