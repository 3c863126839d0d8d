package theme

import (
	"reflect"

	"tusach/generator/site"
)

// What the document register adds to a page's fingerprint (see
// prints.go): its relations both ways, the document that
// replaces it, its history and its attachments. Status and expiry are
// part of the page's card, since lists show them.

// registerSum writes the register's fields of p.
func (w *printer) registerSum(p *site.Page, cards map[*site.Page][32]byte) {
	w.relations(p.Relations, cards)
	w.relations(p.RelatedBy, cards)
	w.cards([]*site.Page{p.ReplacedBy}, cards)
	w.int(len(p.History))
	for _, e := range p.History {
		w.time(e.Date)
		w.str(e.Label)
		w.str(e.Number)
		w.cards([]*site.Page{e.Page}, cards)
		w.str(e.Scope)
		w.str(e.ScopeURL)
	}
	w.value(reflect.ValueOf(p.Attachments))
}

// relations writes a list of relations, with the card of each page named.
func (w *printer) relations(rs []*site.Relation, cards map[*site.Page][32]byte) {
	w.int(len(rs))
	for _, r := range rs {
		w.str(r.Type)
		w.str(r.Label)
		w.str(r.Number)
		w.cards([]*site.Page{r.Page}, cards)
		w.str(r.Scope)
		w.str(r.ScopeURL)
		w.time(r.Date)
	}
}

// paging writes the place of p in a paginated list: its number, the
// pages' links, the items it lists and the list's data file.
func (w *printer) paging(g *site.Paging, cards map[*site.Page][32]byte) {
	w.bool(g != nil)
	if g == nil {
		return
	}
	w.int(g.Number)
	w.int(g.Total)
	w.int(g.First)
	w.int(g.Last)
	w.int(len(g.Pages))
	for _, q := range g.Pages {
		w.link(q)
	}
	w.cards(g.Items, cards)
	w.termCounts(g.Terms)
	w.link(g.Data)
}

// termCounts writes a list of terms, each with its number of documents.
func (w *printer) termCounts(terms []*site.Term) {
	w.int(len(terms))
	for _, t := range terms {
		w.term(t)
		w.int(len(t.Pages))
	}
}
