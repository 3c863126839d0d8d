package build

import (
	"cmp"
	"sort"
	"time"

	"tusach/generator/search"
	"tusach/generator/site"
	"tusach/generator/viet"
)

// SearchDocs turns the document pages of a site into the search stage's input.
func SearchDocs(s *site.Site) []search.Doc {
	docs := make([]search.Doc, 0, len(s.Documents))
	for _, p := range s.Documents {
		if p.NoSearch {
			continue
		}
		m := p.Doc.Meta
		d := search.Doc{
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
			d.Parts = append(d.Parts, search.Part{Anchor: sec.ID, Heading: sec.Heading, Text: sec.Text})
		}
		docs = append(docs, d)
	}
	return docs
}

// isoDate writes a date as YYYY-MM-DD, "" for the zero date.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
