package build

import (
	"strings"
	"testing"

	"tusach/generator/site"
	"tusach/generator/xref"
)

// TestCorpusCitations converts the shared corpus into a site, generates it,
// and checks cross-references at scale: law texts cite each other by
// numbers such as 68/2020/QH14, so some citations must link; every link
// goes to a document with that number, never to the citing document itself.
func TestCorpusCitations(t *testing.T) {
	siteDir, _ := corpusSite(t)
	g, err := assembled(t, siteDir)
	if err != nil {
		msg := err.Error()
		if len(msg) > 2000 {
			msg = msg[:2000]
		}
		t.Fatalf("generate: %s", msg)
	}
	citing, links, citedDocs := 0, 0, 0
	for _, p := range g.Documents {
		if len(p.CitedBy) > 0 {
			citedDocs++
		}
		if len(p.Cites) == 0 {
			continue
		}
		citing++
		own := xref.Normalize(p.Doc.Meta.Number)
		for _, q := range p.Cites {
			if q == p || xref.Normalize(q.Doc.Meta.Number) == own {
				t.Errorf("%s cites itself or its own number (%s)", p.URL, q.URL)
			}
			if !containsPage(q.CitedBy, p) {
				t.Errorf("%s cites %s, which does not list it as citing", p.URL, q.URL)
			}
		}
		links += strings.Count(string(p.Content), `class="xref"`)
	}
	t.Logf("corpus: %d documents cite %d others by number (%d links in text)", citing, citedDocs, links)
	if citing == 0 || links == 0 {
		t.Errorf("no citation in the corpus links: %d citing documents, %d links", citing, links)
	}
}

func containsPage(ps []*site.Page, p *site.Page) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
