package site

import (
	"path"
	"sort"
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

// addRegister adds the register of every document with a number, newest
// first, when there is any.
func (a *assembler) addRegister() {
	var docs []*Page
	for _, p := range a.site.Documents { // newest first
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
	r := &Page{Kind: KindRegister, URL: RegisterURL, Title: title, Parent: a.site.Home, Pages: docs}
	setAncestors(r)
	a.add(r)
	a.site.Register = r
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
