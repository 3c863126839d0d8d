package theme

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io/fs"
	"reflect"
	"slices"
	"time"
	"unsafe"

	"tusach/generator/site"
)

// Page fingerprints: which pages a rebuild renders again.
//
// After the site is assembled, every page gets a fingerprint: a SHA-256 of
// a canonical encoding of every value its template can read. A page whose
// fingerprint is the one it had in the last good build, and whose output
// that build recorded, renders to the same bytes (templates are
// deterministic functions of what they read), so it is not rendered again;
// its recorded sum is kept. The rule that keeps this sound: ANYTHING A
// TEMPLATE CAN READ MUST BE HASHED. The encoding follows the default
// templates (templates/ and templates/partials/):
//
//   - site-wide values every page shows: the site settings and language, a
//     sum of every file of the theme (templates, UI strings, assets), the
//     home page's URL and its subsections' URLs and titles (the top
//     navigation), each taxonomy's key, URL and page, the register and
//     bookmarks pages' URLs and titles, and the Built date (footer);
//   - a "card" of each page, what lists show of it: kind, URL, title,
//     description, front matter, lesson number, reading time, terms, its
//     number of listed pages, and its status and expiry;
//   - the page's own fields: its card, body, table of contents, headings,
//     its ancestors' kinds, URLs and titles (the breadcrumbs: not their
//     cards, so that a new document does not render every page again),
//     parent, prev/next, the cards of the pages it lists (subsections,
//     pages, cites, cited-by), its relations, replacement,
//     history and attachments (prints_register.go), its printable page, its
//     taxonomy and term; plus what one kind reads besides (the home page:
//     the latest documents and the taxonomies' sizes; a taxonomy's page:
//     its terms and their counts, which a term's page does not show, so
//     that a new document renders again only its own terms' pages; the
//     404 page: the search page; the printable study path: its lessons'
//     bodies).
//
// A list's data file (site.KindListData), which no template renders, is
// fingerprinted by what renderListData reads (listDataSum).
//
// What is not enumerated is rendered every time: pages with a layout of
// their own, kinds not in [printedKinds], and every page of a site with
// its own templates (which may read anything). TestPagePrintsCoverTemplates
// mutates every field reachable from every page of a small site, one at a
// time, and fails when some page's bytes change but its fingerprint does
// not.

// printedKinds are the kinds of page whose default template's reads the
// fingerprint enumerates.
var printedKinds = map[site.Kind]bool{
	site.KindHome: true, site.KindDocument: true, site.KindSection: true,
	site.KindTaxonomy: true, site.KindTerm: true, site.KindNotFound: true,
	site.KindSearch: true, site.KindRegister: true, site.KindBookmarks: true,
	site.KindStudyPrint: true,
}

// homeLatest is how many of the newest documents home.html lists.
const homeLatest = 10

// Sum returns a SHA-256 of every file of the theme (templates, UI
// strings, assets), by path: what every page's fingerprint starts from.
func (t *Theme) Sum() ([32]byte, error) {
	h := sha256.New()
	err := fs.WalkDir(t.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(t.fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%d:%s", len(p), p)
		h.Write(sum[:])
		return nil
	})
	if err != nil {
		return [32]byte{}, fmt.Errorf("theme: sum: %w", err)
	}
	return [32]byte(h.Sum(nil)), nil
}

// Prints returns the fingerprint of every page of sit that has one, by
// URL; pages without one (see [printedKinds]) are to be rendered every
// time. sum is the [Theme.Sum] of the theme that renders them; each runs
// f(i) for every i in [0,n), on as many cores as it likes.
func Prints(sit *site.Site, sum [32]byte, each func(n int, f func(i int))) map[string][32]byte {
	siteSum := siteWideSum(sit, sum)
	cards := make(map[*site.Page][32]byte, len(sit.Pages))
	list := make([][32]byte, len(sit.Pages))
	each(len(sit.Pages), func(i int) { list[i] = cardSum(sit.Pages[i]) })
	for i, p := range sit.Pages {
		cards[p] = list[i]
	}
	prints := make([][32]byte, len(sit.Pages))
	has := make([]bool, len(sit.Pages))
	each(len(sit.Pages), func(i int) {
		p := sit.Pages[i]
		if p.Kind == site.KindListData { // rendered without a template, layout or not
			prints[i], has[i] = listDataSum(p, sum), true
			return
		}
		if p.Layout != "" || !printedKinds[p.Kind] {
			return
		}
		prints[i], has[i] = pageSum(sit, p, siteSum, cards), true
	})
	out := make(map[string][32]byte, len(sit.Pages))
	for i, p := range sit.Pages {
		if has[i] {
			out[p.URL] = prints[i]
		}
	}
	return out
}

// siteWideSum hashes what every page's template may show of the site.
func siteWideSum(sit *site.Site, theme [32]byte) [32]byte {
	w := newPrinter()
	w.h.Write(theme[:])
	w.value(reflect.ValueOf(sit.Settings))
	w.str(sit.Lang)
	w.time(sit.Built)
	w.link(sit.Home)
	if sit.Home != nil {
		w.int(len(sit.Home.Subsections))
		for _, s := range sit.Home.Subsections {
			w.link(s)
		}
	}
	w.int(len(sit.Taxonomies))
	for _, tax := range sit.Taxonomies {
		w.str(tax.Key)
		w.str(tax.URL)
		w.link(tax.Page)
	}
	w.link(sit.Register)
	w.link(sit.Bookmarks)
	return w.sum()
}

// cardSum hashes what a list, breadcrumb or pager may show of p.
func cardSum(p *site.Page) [32]byte {
	w := newPrinter()
	w.str(string(p.Kind))
	w.link(p)
	w.bool(p.TitleInContent)
	w.str(p.Description)
	w.int(p.Lesson)
	w.int(p.Minutes)
	w.int(len(p.Pages))
	w.int(p.Count)
	w.bool(p.Doc != nil)
	if p.Doc != nil {
		w.value(reflect.ValueOf(p.Doc.Meta))
	}
	w.terms(p.Terms)
	w.str(p.StatusCode)
	w.time(p.Expires)
	return w.sum()
}

// pageSum hashes everything p's template may read.
func pageSum(sit *site.Site, p *site.Page, siteSum [32]byte, cards map[*site.Page][32]byte) [32]byte {
	w := newPrinter()
	w.h.Write(siteSum[:])
	w.card(p, cards)
	w.str(p.Layout)
	w.body(p)
	w.value(reflect.ValueOf(p.TOC))
	w.value(reflect.ValueOf(p.Headings))
	w.int(len(p.Ancestors)) // the breadcrumbs: kind, URL and title of each
	for _, a := range p.Ancestors {
		w.str(string(a.Kind))
		w.link(a)
	}
	w.link(p.Parent)
	w.link(p.Prev)
	w.link(p.Next)
	w.cards(p.Subsections, cards)
	w.cards(p.Pages, cards)
	w.cards(p.Cites, cards)
	w.cards(p.CitedBy, cards)
	w.registerSum(p, cards)
	w.paging(p.Paging, cards)
	w.link(p.Print)
	if p.Print != nil {
		w.int(p.Print.Minutes)
	}
	w.bool(p.Taxonomy != nil)
	if tax := p.Taxonomy; tax != nil {
		w.str(tax.Key)
		w.str(tax.URL)
		w.link(tax.Page)
	}
	w.bool(p.Term != nil)
	if p.Term != nil {
		w.term(p.Term)
		w.int(len(p.Term.Pages))
	}
	switch p.Kind {
	case site.KindTaxonomy: // the terms and their counts; a term's page shows its own only
		if tax := p.Taxonomy; tax != nil {
			w.termCounts(tax.Terms)
		}
	case site.KindHome:
		w.cards(sit.InLists[:min(homeLatest, len(sit.InLists))], cards)
		if r := sit.Register; r != nil && r.Paging != nil {
			w.int(r.Paging.Total)
		}
		for _, tax := range sit.Taxonomies {
			w.int(len(tax.Terms))
		}
	case site.KindRegister:
		w.value(reflect.ValueOf(sit.RegisterValues))
	case site.KindNotFound:
		i := slices.IndexFunc(sit.Pages, func(q *site.Page) bool { return q.Kind == site.KindSearch })
		if i >= 0 {
			w.link(sit.Pages[i])
		}
	case site.KindStudyPrint:
		for _, q := range p.Pages {
			w.body(q)
		}
	}
	return w.sum()
}

// printer writes a canonical, unambiguous encoding of values to a hash:
// every string and list is length-prefixed.
type printer struct {
	h   hash.Hash
	buf [binary.MaxVarintLen64]byte
}

func newPrinter() *printer { return &printer{h: sha256.New()} }

func (w *printer) sum() [32]byte { return [32]byte(w.h.Sum(nil)) }

func (w *printer) int(n int) {
	w.h.Write(w.buf[:binary.PutVarint(w.buf[:], int64(n))])
}

func (w *printer) bool(b bool) {
	if b {
		w.int(1)
	} else {
		w.int(0)
	}
}

func (w *printer) str(s string) {
	w.int(len(s))
	// Not []byte(s), which would copy a page's whole body: a Writer
	// neither changes nor keeps what it is given (io.Writer's contract).
	w.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}

func (w *printer) time(t time.Time) {
	w.str(t.Format(time.RFC3339Nano))
	w.str(t.Location().String())
}

// body writes p's rendered body, by its sum (taken once per render by
// the Markdown stage: see site.Page.ContentSum).
func (w *printer) body(p *site.Page) {
	sum := p.ContentSum()
	w.h.Write(sum[:])
}

// link writes what a link to p shows: its URL and title; nil is written
// as such.
func (w *printer) link(p *site.Page) {
	w.bool(p != nil)
	if p != nil {
		w.str(p.URL)
		w.str(p.Title)
	}
}

// card writes p's card, computing it when cards lacks it.
func (w *printer) card(p *site.Page, cards map[*site.Page][32]byte) {
	sum, ok := cards[p]
	if !ok {
		sum = cardSum(p)
	}
	w.h.Write(sum[:])
}

func (w *printer) cards(pages []*site.Page, cards map[*site.Page][32]byte) {
	w.int(len(pages))
	for _, p := range pages {
		w.bool(p != nil)
		if p != nil {
			w.card(p, cards)
		}
	}
}

func (w *printer) term(t *site.Term) {
	w.bool(t.Taxonomy != nil)
	if t.Taxonomy != nil {
		w.str(t.Taxonomy.Key)
	}
	w.str(t.Name)
	w.str(t.Slug)
	w.str(t.URL)
	w.link(t.Page)
}

func (w *printer) terms(terms []*site.Term) {
	w.int(len(terms))
	for _, t := range terms {
		w.term(t)
	}
}
