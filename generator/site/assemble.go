package site

import (
	"path"
	"sort"
	"strings"
	"unicode"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/markdown"
	"tusach/generator/viet"
)

// Assemble builds the page graph from the loaded source and the rendered
// Markdown of every document and section (keyed by content path). It checks
// what only the whole site can tell: missing titles, links to headings that
// do not exist, and two pages that would be written to the same file.
func Assemble(src *content.Source, rendered map[string]*markdown.Result) (*Site, diag.List) {
	a := &assembler{
		src:      src,
		rendered: rendered,
		sections: map[string]*Page{},
		byURL:    map[string]*Page{},
		coll:     viet.NewCollator(src.Settings.Language),
	}
	s := &Site{Settings: src.Settings, Lang: lang(src.Settings.Language)}
	a.site = s

	a.addSections()
	a.addDocuments()
	a.warnUntitledFolders()
	a.setVisibility()
	a.orderSections()
	a.addTaxonomies()
	a.addSpecial()
	a.addCitations()
	a.addRelations()
	a.addAttachments()
	a.addStudyPages()
	a.paginateLists()
	a.checkLinks()

	s.Pages = make([]*Page, 0, len(a.byURL))
	for _, p := range a.byURL {
		s.Pages = append(s.Pages, p)
	}
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	for _, p := range s.Pages {
		if p.Kind == KindSection && p.IsFirstPage() {
			s.Sections = append(s.Sections, p)
		}
	}
	a.errs.Sort()
	a.warns.Sort()
	s.Warnings = a.warns
	return s, a.errs
}

func lang(l string) string {
	if l == "en" {
		return "en"
	}
	return "vi"
}

type assembler struct {
	src      *content.Source
	rendered map[string]*markdown.Result
	site     *Site
	sections map[string]*Page // by folder ("." for home)
	byURL    map[string]*Page
	coll     *viet.Collator
	errs     diag.List
	warns    diag.List // problems that do not stop the build
}

// add registers a page under its URL, reporting a clash with a page already there.
func (a *assembler) add(p *Page) {
	key := strings.ToLower(p.URL)
	if old, ok := a.byURL[key]; ok {
		a.errs.Add(diag.New(sourceOf(p), 0, "output path %s is also written by %s", p.URL, sourceOf(old)))
		return
	}
	a.byURL[key] = p
}

func sourceOf(p *Page) string {
	if p.Doc != nil {
		return p.Doc.File
	}
	return string(p.Kind) + " page"
}

// fill copies the front matter and rendered Markdown of d into p.
func (a *assembler) fill(p *Page, d *content.Document) {
	p.Description = d.Meta.Description
	p.Layout = d.Meta.Layout
	Patch(p, d, a.rendered[d.Path])
}

// Patch sets the fields of p that come from its document d and the body's
// rendered Markdown r (nil: none), as Assemble fills them. On an assembled
// site it is the fast path of a body edit: the caller must have checked
// that the edit changes nothing else of the site (the front matter, the
// title from the first heading, the citations, the heading IDs that other
// pages link to), so that p is then what Assemble would make of it.
func Patch(p *Page, d *content.Document, r *markdown.Result) {
	if r == nil {
		r = &markdown.Result{}
	}
	p.Doc = d
	p.Content = r.Body() // no copy: the string stays the same run after run
	p.contentSum = bodySum{}
	if r.Sum != ([32]byte{}) {
		p.contentSum = sumOf(p.Content, r.Sum)
	}
	p.Headings = r.Headings
	p.MakeTOC()
	p.Sections = r.Sections
	p.Words = r.Words
	p.Minutes = viet.ReadingMinutes(r.Words)
	p.Title = d.Meta.Title
	if p.Title == "" {
		p.Title = content.CleanText(r.Title)
		p.TitleInContent = r.Title != ""
	}
}

// section returns the section page of folder dir, creating it (and its
// ancestors) when the folder has no _index.md.
func (a *assembler) section(dir string) *Page {
	if p, ok := a.sections[dir]; ok {
		return p
	}
	p := &Page{Kind: KindSection, URL: dir + "/index.html", Title: FolderTitle(dir)}
	if dir == "." {
		p.Kind, p.URL, p.Title = KindHome, "index.html", a.src.Settings.Title
	}
	a.sections[dir] = p
	a.add(p)
	if dir != "." {
		parent := a.section(path.Dir(dir))
		p.Parent = parent
		parent.Subsections = append(parent.Subsections, p)
	}
	return p
}

// FolderTitle is the title of a section that does not give one, made
// from its folder's name: a name with marks ("Bộ luật dân sự 2015") as it
// is, in NFC; an ASCII slug ("bo-luat-dan-su-2015") with spaces for its
// hyphens and underscores and a capital first letter ("Bo luat dan su
// 2015"), which has lost its marks (see [asciiTitle]).
func FolderTitle(dir string) string {
	name := viet.NFC(path.Base(dir))
	if !isASCII(name) {
		return name
	}
	t := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	if t == "" {
		return name
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// warnUntitledFolders warns about every section without an _index.md
// whose title comes from an ASCII folder name.
func (a *assembler) warnUntitledFolders() {
	for dir, p := range a.sections {
		if dir != "." && p.Doc == nil {
			a.warnASCIITitle(dir, false)
		}
	}
}

// warnASCIITitle warns when the section of folder dir takes its title from
// an ASCII folder name, which cannot carry Vietnamese marks.
func (a *assembler) warnASCIITitle(dir string, hasIndex bool) {
	name := path.Base(dir)
	if !isASCII(name) || !strings.ContainsFunc(name, unicode.IsLetter) {
		return
	}
	folder := "content/" + dir
	if hasIndex {
		a.warns.Add(diag.Field(folder+"/_index.md", 1, "title", "missing: the section is titled %q from its folder's name, without marks; add a title", FolderTitle(dir)))
		return
	}
	a.warns.Add(diag.New(folder, 0, "section titled %q from the folder's name, without marks: add %s/_index.md with a title", FolderTitle(dir), folder))
}

func (a *assembler) addSections() {
	for _, d := range a.src.Sections {
		dir := path.Dir(d.Path)
		p := a.section(dir)
		a.fill(p, d)
		if dir == "." {
			p.Title = a.src.Settings.Title
			if p.Description == "" {
				p.Description = a.src.Settings.Description
			}
		} else if p.Title == "" {
			p.Title = FolderTitle(dir)
			a.warnASCIITitle(dir, true)
		}
	}
	a.site.Home = a.section(".")
}

func (a *assembler) addDocuments() {
	for _, d := range a.src.Documents {
		p := &Page{Kind: KindDocument, URL: content.OutputPath(d.Path)}
		a.fill(p, d)
		if p.Title == "" {
			a.errs.Add(diag.Field(d.File, 1, "title", "missing: add a title field or a level-1 heading (# Title)"))
			p.Title = path.Base(d.Path)
		}
		parent := a.section(path.Dir(d.Path))
		p.Parent = parent
		parent.Pages = append(parent.Pages, p)
		a.add(p)
		a.site.Documents = append(a.site.Documents, p)
		if b := newest(d.Meta); b.After(a.site.Built) {
			a.site.Built = b
		}
	}
	sort.SliceStable(a.site.Documents, func(i, j int) bool {
		return a.newerFirst(a.site.Documents[i], a.site.Documents[j])
	})
}
