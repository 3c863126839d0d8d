package search

import (
	"cmp"
	"time"

	"tusach/generator/site"
	"tusach/generator/viet"
)

// DocsOf turns the document pages of an assembled site into the index's
// input, in site order, leaving out the pages that opt out (no_search).
func DocsOf(s *site.Site) []Doc {
	docs := make([]Doc, 0, len(s.Documents))
	for _, p := range s.Documents {
		if !p.NoSearch {
			docs = append(docs, DocOf(p))
		}
	}
	return docs
}

// DocOf is the index's input for one document page: its title, front
// matter, register fields, section and the text under each heading.
func DocOf(p *site.Page) Doc {
	m := p.Doc.Meta
	d := Doc{
		URL: p.URL, Title: p.Title, Number: m.Number, Type: m.Type, Issuer: m.Issuer,
		Topics: m.Topics, Tags: m.Tags, Date: viet.ShortDate(m.Issued),
		Issued: isoDate(cmp.Or(m.Issued, m.Date)), Effective: isoDate(m.Effective), Expires: isoDate(p.Expires),
		Field: m.Field, Status: p.StatusCode,
	}
	if !m.Issued.IsZero() {
		d.Year = m.Issued.Year()
	} else {
		d.Date = viet.ShortDate(m.Date)
	}
	if p.Parent != nil && p.Parent.Kind == site.KindSection {
		d.Section = p.Parent.Title
	}
	for _, sec := range p.Sections {
		d.Parts = append(d.Parts, Part{Anchor: sec.ID, Heading: sec.Heading, Text: sec.Text})
	}
	return d
}

// isoDate writes a date as YYYY-MM-DD, "" for the zero date.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
