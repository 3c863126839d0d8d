package site

import (
	"html/template"
	"path"
	"sort"
	"strings"

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
	a.setVisibility()
	a.orderSections()
	a.addTaxonomies()
	a.addSpecial()
	a.addCitations()
	a.addRelations()
	a.addAttachments()
	a.addStudyPages()
	a.checkLinks()

	s.Pages = make([]*Page, 0, len(a.byURL))
	for _, p := range a.byURL {
		s.Pages = append(s.Pages, p)
	}
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	for _, p := range s.Pages {
		if p.Kind == KindSection {
			s.Sections = append(s.Sections, p)
		}
	}
	a.errs.Sort()
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

// fill copies the rendered Markdown of d into p.
func (a *assembler) fill(p *Page, d *content.Document) {
	p.Doc = d
	p.Description = d.Meta.Description
	p.Layout = d.Meta.Layout
	r := a.rendered[d.Path]
	if r == nil {
		r = &markdown.Result{}
	}
	p.Content = template.HTML(r.HTML)
	p.Headings = r.Headings
	p.TOC = NestTOC(r.Headings, 2, 4)
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
	p := &Page{Kind: KindSection, URL: dir + "/index.html", Title: folderTitle(dir)}
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

func folderTitle(dir string) string {
	t := strings.ReplaceAll(path.Base(dir), "-", " ")
	if t == "" {
		return dir
	}
	return strings.ToUpper(t[:1]) + t[1:]
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
			p.Title = folderTitle(dir)
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
