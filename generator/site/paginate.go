package site

import (
	"sort"
	"strconv"
	"strings"
)

// ListPageSize is the number of items on one page of a section's, a term's
// or a taxonomy's list: a hundred documents make about 40 KB of HTML, so a
// page stays small however big the list.
const ListPageSize = 100

// Paging places a page in a paginated list: the register, a section, a
// term or a taxonomy.
type Paging struct {
	Number int     // this page's number, from 1
	Pages  []*Page // every page of the list, in order
	Total  int     // items over all pages
	First  int     // the place (from 1) of this page's first item
	Last   int     // the place (from 1) of this page's last item
	// Items are the documents this page lists (register, section, home
	// and term pages); Terms the terms (taxonomy pages).
	Items []*Page
	Terms []*Term
	// Data is the list's data file (a page of kind KindListData) that
	// its quick filter loads; nil for a list of one page.
	Data *Page
}

// Prev returns the page before, nil on the first.
func (g *Paging) Prev() *Page {
	if g.Number <= 1 {
		return nil
	}
	return g.Pages[g.Number-2]
}

// Next returns the page after, nil on the last.
func (g *Paging) Next() *Page {
	if g.Number >= len(g.Pages) {
		return nil
	}
	return g.Pages[g.Number]
}

// PageLink is one link of a pager: a page, or a gap (Page nil) where
// pages are left out.
type PageLink struct {
	Number int
	Page   *Page
}

// Links returns the numbered links a pager shows: the first and last
// pages and those within two of this one, with gaps between; at most
// nine, however many pages there are (1 … 4 5 6 7 8 … 65).
func (g *Paging) Links() []PageLink {
	var out []PageLink
	n := len(g.Pages)
	for i := 1; i <= n; i++ {
		if i == 1 || i == n || (i >= g.Number-2 && i <= g.Number+2) {
			out = append(out, PageLink{Number: i, Page: g.Pages[i-1]})
		} else if len(out) > 0 && out[len(out)-1].Page != nil {
			out = append(out, PageLink{})
		}
	}
	return out
}

// ListPageURL returns the URL of page n (from 1) of the list whose first
// page is first: the first page itself, then a folder named after it,
// which no content can take: "chu-de/dang.html" → "chu-de/dang/2.html",
// "luat/index.html" → "luat/index/2.html".
func ListPageURL(first string, n int) string {
	if n <= 1 {
		return first
	}
	return strings.TrimSuffix(first, ".html") + "/" + strconv.Itoa(n) + ".html"
}

// ListDataName is the file name of a paginated list's data, in the folder
// of the list's later pages.
const ListDataName = "list.js"

// ListDataURL returns the URL of the data file of the list whose first
// page is first, beside its later pages: "chu-de/dang.html" →
// "chu-de/dang/list.js".
func ListDataURL(first string) string {
	return strings.TrimSuffix(first, ".html") + "/" + ListDataName
}

// Listed returns the documents p lists: its page's share when the list is
// paginated, else all of them.
func (p *Page) Listed() []*Page {
	if p.Paging != nil {
		return p.Paging.Items
	}
	return p.Pages
}

// ListedTerms returns the terms a taxonomy page lists: its page's share
// when the list is paginated, else all of them.
func (p *Page) ListedTerms() []*Term {
	if p.Paging != nil {
		return p.Paging.Terms
	}
	if p.Taxonomy != nil {
		return p.Taxonomy.Terms
	}
	return nil
}

// ListStart returns the place (from 1) of the first item p lists.
func (p *Page) ListStart() int {
	if p.Paging != nil {
		return p.Paging.First
	}
	return 1
}

// Paginated reports whether p's list spreads over more than one page.
func (p *Page) Paginated() bool { return p.Paging != nil && len(p.Paging.Pages) > 1 }

// IsFirstPage reports whether p is a page of its own or the first page of
// a paginated list: the page that shows the list's introduction.
func (p *Page) IsFirstPage() bool { return p.Paging == nil || p.Paging.Number == 1 }

// paginate splits a list of n items into pages of size items, first
// (already added) being page 1 and urlOf naming page i; it adds the other
// pages, copies of first without its content, sets every page's Paging and
// calls fill to give page p the items [from, to). It returns the pages.
func (a *assembler) paginate(first *Page, n, size int, urlOf func(int) string, fill func(p *Page, from, to int)) []*Page {
	count := max(1, (n+size-1)/size)
	pages := make([]*Page, count)
	pages[0] = first
	for i := 1; i < count; i++ {
		pages[i] = &Page{Kind: first.Kind, URL: urlOf(i + 1), Title: first.Title, Parent: first.Parent,
			Ancestors: first.Ancestors, Taxonomy: first.Taxonomy, Term: first.Term, Count: first.Count}
		a.add(pages[i])
	}
	for i, p := range pages {
		from, to := i*size, min((i+1)*size, n)
		p.Paging = &Paging{Number: i + 1, Pages: pages, Total: n, First: from + 1, Last: to}
		fill(p, from, to)
	}
	return pages
}

// paginateLists paginates the lists of documents of the home page, the
// sections (but study paths, whose lessons stay on one page) and the
// terms, and the lists of terms of the taxonomies, ListPageSize items a
// page.
func (a *assembler) paginateLists() {
	docs := func(list []*Page) func(p *Page, from, to int) {
		return func(p *Page, from, to int) { p.Paging.Items = list[from:to] }
	}
	next := func(first *Page) func(int) string {
		return func(n int) string { return ListPageURL(first.URL, n) }
	}
	dirs := make([]string, 0, len(a.sections))
	for dir := range a.sections {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		if s := a.sections[dir]; s.Print == nil {
			pages := a.paginate(s, len(s.Pages), ListPageSize, next(s), docs(s.Pages))
			a.addListData(pages, &Page{Pages: s.Pages})
		}
	}
	for _, tx := range a.site.Taxonomies {
		terms := tx.Terms
		pages := a.paginate(tx.Page, len(terms), ListPageSize, next(tx.Page),
			func(p *Page, from, to int) { p.Paging.Terms = terms[from:to] })
		a.addListData(pages, &Page{Taxonomy: tx})
		for _, t := range terms {
			pages := a.paginate(t.Page, len(t.Pages), ListPageSize, next(t.Page), docs(t.Pages))
			a.addListData(pages, &Page{Pages: t.Pages})
		}
	}
}

// addListData gives a list of more than one page its data file: data, a
// page of kind KindListData at ListDataURL listing either the documents
// (Pages) or the terms of a taxonomy (Taxonomy) of the whole list.
func (a *assembler) addListData(pages []*Page, data *Page) {
	if len(pages) < 2 {
		return
	}
	data.Kind = KindListData
	data.URL = ListDataURL(pages[0].URL)
	data.Title = pages[0].Title
	a.add(data)
	for _, p := range pages {
		p.Paging.Data = data
	}
}
