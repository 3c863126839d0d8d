package site

import (
	"sort"
	"time"

	"tusach/generator/content"
	"tusach/generator/markdown"
)

// newest returns the latest of a document's dates.
func newest(m content.Meta) time.Time {
	t := m.Issued
	for _, d := range []time.Time{m.Date, m.Lastmod} {
		if d.After(t) {
			t = d
		}
	}
	return t
}

// when is the date a document is ordered by: its date of issue, else its date.
func when(p *Page) time.Time {
	if p.Doc == nil {
		return time.Time{}
	}
	if !p.Doc.Meta.Issued.IsZero() {
		return p.Doc.Meta.Issued
	}
	return p.Doc.Meta.Date
}

func weight(p *Page) int {
	if p.Doc == nil {
		return 0
	}
	return p.Doc.Meta.Weight
}

// inSectionOrder reports whether p comes before q within a section: by
// weight (pages with a weight before those without), then newest first by
// date of issue or date, then by title in Vietnamese collation, then URL.
func (a *assembler) inSectionOrder(p, q *Page) bool {
	wp, wq := weight(p), weight(q)
	if wp != wq {
		if wp == 0 || wq == 0 {
			return wq == 0
		}
		return wp < wq
	}
	return a.newerFirst(p, q)
}

// newerFirst orders newest first, then by title, then URL.
func (a *assembler) newerFirst(p, q *Page) bool {
	tp, tq := when(p), when(q)
	if !tp.Equal(tq) {
		return tp.After(tq)
	}
	if c := a.coll.Compare(p.Title, q.Title); c != 0 {
		return c < 0
	}
	return p.URL < q.URL
}

// orderSections sorts every section's documents and subsections, sets
// previous/next links between the documents of a section, and breadcrumbs.
func (a *assembler) orderSections() {
	dirs := make([]string, 0, len(a.sections))
	for dir := range a.sections {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		s := a.sections[dir]
		sort.SliceStable(s.Pages, func(i, j int) bool { return a.inSectionOrder(s.Pages[i], s.Pages[j]) })
		sort.SliceStable(s.Subsections, func(i, j int) bool { return a.inSectionOrder(s.Subsections[i], s.Subsections[j]) })
		for i, p := range s.Pages {
			if i > 0 {
				p.Prev = s.Pages[i-1]
			}
			if i+1 < len(s.Pages) {
				p.Next = s.Pages[i+1]
			}
		}
	}
	for _, p := range a.byURL {
		setAncestors(p)
	}
	countDocuments(a.site.Home)
}

// countDocuments sets the Count of section s and of its subsections: their
// documents, all the way down; it returns s's.
func countDocuments(s *Page) int {
	if s == nil {
		return 0
	}
	s.Count = len(s.Pages)
	for _, sub := range s.Subsections {
		s.Count += countDocuments(sub)
	}
	return s.Count
}

func setAncestors(p *Page) {
	p.Ancestors = nil
	for q := p.Parent; q != nil; q = q.Parent {
		p.Ancestors = append([]*Page{q}, p.Ancestors...)
	}
}

// NestTOC builds a table of contents from the headings of levels min..max.
// A heading deeper than the one before it nests under it, whatever the gap.
func NestTOC(hs []markdown.Heading, min, max int) []*TOCEntry {
	var root []*TOCEntry
	var stack []*TOCEntry
	for _, h := range hs {
		if h.Level < min || h.Level > max {
			continue
		}
		e := &TOCEntry{Heading: h}
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			root = append(root, e)
		} else {
			top := stack[len(stack)-1]
			top.Children = append(top.Children, e)
		}
		stack = append(stack, e)
	}
	return root
}
