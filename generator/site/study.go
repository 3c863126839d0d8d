package site

import (
	"path"
	"sort"
	"strconv"
)

// The URLs of the study pages that do not come from content.
const (
	RegisterURL  = "so-van-ban/index.html"
	BookmarksURL = "da-luu/index.html"
	// PrintName is the file name of a study path's printable page, in the
	// section's folder: "hoc-tap/ke-hoach-205/in.html".
	PrintName = "in.html"
)

// addStudyPages adds the document register, the page of saved pages and,
// for every section whose _index.md sets study: true, the numbered lessons
// and the printable page of the study path.
func (a *assembler) addStudyPages() {
	a.addRegister()
	title := "Đã lưu"
	if a.site.Lang == "en" {
		title = "Saved"
	}
	b := &Page{Kind: KindBookmarks, URL: BookmarksURL, Title: title, Parent: a.site.Home}
	setAncestors(b)
	a.add(b)
	a.site.Bookmarks = b

	dirs := make([]string, 0, len(a.sections))
	for dir, s := range a.sections {
		if s.Doc != nil && s.Doc.Meta.Study {
			dirs = append(dirs, dir)
		}
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		a.addStudyPath(a.sections[dir])
	}
}

// RegisterPageSize is the number of documents on one page of the register.
const RegisterPageSize = 50

// addRegister adds the register of every document with a number, newest
// first, when there is any: RegisterPageSize documents a page,
// so-van-ban/index.html, so-van-ban/2.html, … so that every page stays
// small whatever the size of the site.
func (a *assembler) addRegister() {
	var docs []*Page
	for _, p := range a.site.InLists { // newest first
		if p.Doc.Meta.Number != "" {
			docs = append(docs, p)
		}
	}
	if len(docs) == 0 {
		return
	}
	title := "Sổ văn bản"
	if a.site.Lang == "en" {
		title = "Document register"
	}
	first := &Page{Kind: KindRegister, URL: RegisterURL, Title: title, Parent: a.site.Home}
	setAncestors(first)
	a.add(first)
	pages := a.paginate(first, len(docs), RegisterPageSize, RegisterPageURL, func(p *Page, from, to int) {
		p.Pages = docs[from:to]
		p.Paging.Items = p.Pages
	})
	a.site.Register = pages[0]
	a.site.RegisterDocs = docs
	a.site.RegisterValues = a.registerValues(docs)
}

// RegisterValues are the distinct values of the register's documents that
// its filter offers, types, issuers and fields in collation order, years
// newest first.
type RegisterValues struct {
	Types, Issuers, Fields []string
	Years                  []int
}

func (a *assembler) registerValues(docs []*Page) *RegisterValues {
	v := &RegisterValues{}
	seen := map[string]bool{}
	add := func(list *[]string, kind, s string) {
		if s != "" && !seen[kind+s] {
			seen[kind+s] = true
			*list = append(*list, s)
		}
	}
	years := map[int]bool{}
	for _, p := range docs {
		m := p.Doc.Meta
		add(&v.Types, "t", m.Type)
		add(&v.Issuers, "i", m.Issuer)
		add(&v.Fields, "f", m.Field)
		d := m.Issued
		if d.IsZero() {
			d = m.Date
		}
		if !d.IsZero() && !years[d.Year()] {
			years[d.Year()] = true
			v.Years = append(v.Years, d.Year())
		}
	}
	a.coll.Sort(v.Types)
	a.coll.Sort(v.Issuers)
	a.coll.Sort(v.Fields)
	sort.Sort(sort.Reverse(sort.IntSlice(v.Years)))
	return v
}

// RegisterPageURL returns the URL of page n (from 1) of the register:
// so-van-ban/index.html, so-van-ban/2.html, …
func RegisterPageURL(n int) string {
	if n <= 1 {
		return RegisterURL
	}
	return path.Join(path.Dir(RegisterURL), strconv.Itoa(n)+".html")
}

// addStudyPath numbers the lessons of the study-path section s (its
// documents, already in weight order) and adds its printable page.
func (a *assembler) addStudyPath(s *Page) {
	for i, p := range s.Pages {
		p.Lesson = i + 1
	}
	dir := path.Dir(s.URL)
	pr := &Page{Kind: KindStudyPrint, URL: path.Join(dir, PrintName), Title: s.Title,
		Description: s.Description, Parent: s, Pages: s.Pages, Print: s}
	for _, p := range s.Pages {
		pr.Words += p.Words
		pr.Minutes += p.Minutes
	}
	setAncestors(pr)
	a.add(pr)
	s.Print = pr
	a.site.StudyPaths = append(a.site.StudyPaths, s)
}
