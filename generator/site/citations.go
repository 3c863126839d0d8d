package site

import (
	"sort"

	"tusach/generator/content"
	"tusach/generator/xref"
)

// Numbers maps the normalized number of every document that has one
// ([xref.Normalize]: "21-KL/TW") to the URL of its page. When several
// documents carry the same number (the articles of one law), the first by
// content path has it. Like [URLs], it is known before any Markdown is
// rendered, so the Markdown stage can link citations.
type Numbers map[string]string

// NewNumbers computes the number map of a loaded source.
func NewNumbers(src *content.Source) Numbers {
	n := Numbers{}
	for _, d := range src.Documents { // sorted by path
		key := xref.Normalize(d.Meta.Number)
		if key == "" {
			continue
		}
		if _, taken := n[key]; !taken {
			n[key] = content.OutputPath(d.Path)
		}
	}
	return n
}

// Resolver returns the function the Markdown stage uses to link a cited
// number from the page at fromURL: the href of the document relative to
// that page. A page does not cite itself, nor the document that holds its
// own number.
func (n Numbers) Resolver(fromURL, ownNumber string) func(number string) (string, bool) {
	own := xref.Normalize(ownNumber)
	return func(number string) (string, bool) {
		to, ok := n[number]
		if !ok || to == fromURL || number == own {
			return "", false
		}
		return Rel(fromURL, to), true
	}
}

// addCitations links every document to the documents it cites, by the
// numbers its text cites (found by the Markdown stage) and by its
// front-matter references, and back.
func (a *assembler) addCitations() {
	byNumber := a.pagesByNumber()
	if len(byNumber) == 0 {
		return
	}
	for _, p := range a.site.Documents {
		own := xref.Normalize(p.Doc.Meta.Number)
		var keys []string
		if r := a.rendered[p.Doc.Path]; r != nil {
			keys = append(keys, r.Cites...)
		}
		for _, ref := range p.Doc.Meta.References {
			keys = append(keys, xref.Normalize(ref))
		}
		seen := map[*Page]bool{}
		for _, k := range keys {
			q := byNumber[k]
			if q == nil || q == p || k == own || seen[q] {
				continue
			}
			seen[q] = true
			p.Cites = append(p.Cites, q)
			if !p.NoList {
				q.CitedBy = append(q.CitedBy, p)
			}
		}
	}
	for _, q := range byNumber {
		if q != nil {
			sort.SliceStable(q.CitedBy, func(i, j int) bool { return a.newerFirst(q.CitedBy[i], q.CitedBy[j]) })
		}
	}
}
