package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"tusach/generator/diag"
	"tusach/generator/site"
)

// View is the data every template gets as ".".
type View struct {
	Site *site.Site
	Page *site.Page
	// Root is the relative prefix from this page to the site root: "" for
	// "index.html", "../" for "a/b.html". See [RootFor].
	Root string
	// Shared holds the fragments of this render of the site (see
	// [Shared]); nil for none.
	Shared *Shared
	set    *template.Template // the page's template set, for Shared's partials
}

// RootFor returns the relative prefix from the page at url to the site
// root: "a/b/c.html" → "../../".
func RootFor(url string) string { return site.RootFor(url) }

// Theme is a parsed theme, ready to render pages. It is safe for concurrent
// use by several goroutines.
type Theme struct {
	fsys     fs.FS
	lang     string
	strings  map[string]string // UI strings in lang
	fallback map[string]string // UI strings in vi
	pages    map[string]*pageTemplate
	assets   map[string]Asset // by name under assets/: "style.css"
	list     []Asset          // sorted by Src
}

// The page templates every theme must have, one per kind. search.html is
// optional: the search stage may not be part of the build.
var requiredPages = []site.Kind{site.KindHome, site.KindDocument, site.KindSection,
	site.KindTaxonomy, site.KindTerm, site.KindNotFound}

// Load reads and parses the theme in fsys for a site in the given language
// ("vi" or "en"). Every template is parsed once here. Problems are reported
// as diagnostics naming "templates/<file>:<line>"; the theme is nil when
// there is any.
func Load(fsys fs.FS, lang string) (*Theme, diag.List) {
	if lang == "" {
		lang = "vi"
	}
	t := &Theme{fsys: fsys, lang: lang, pages: map[string]*pageTemplate{}}
	var errs diag.List
	t.fallback, errs = readStrings(fsys, "vi", errs)
	t.strings = t.fallback
	if lang != "vi" {
		t.strings, errs = readStrings(fsys, lang, errs)
	}
	if err := t.loadAssets(); err != nil {
		errs.Add(err)
	}
	errs = t.parse(errs)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return t, nil
}

// parse parses base.html with the partials once, then each page template
// on a clone of that set.
func (t *Theme) parse(errs diag.List) diag.List {
	baseSrc, err := fs.ReadFile(t.fsys, "base.html")
	if err != nil {
		errs.Add(&diag.Error{Path: "templates/base.html", Msg: "cannot read the base template", Err: err})
		return errs
	}
	base := template.New("base.html").Funcs(t.funcs())
	if _, err := base.Parse(string(baseSrc)); err != nil {
		errs.Add(templateError(err, "base.html"))
	}
	partials, _ := fs.Glob(t.fsys, "partials/*.html")
	for _, name := range partials {
		src, err := fs.ReadFile(t.fsys, name)
		if err != nil {
			errs.Add(&diag.Error{Path: "templates/" + name, Msg: "cannot read template", Err: err})
			continue
		}
		if _, err := base.New(name).Parse(string(src)); err != nil {
			errs.Add(templateError(err, name))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	names, _ := fs.Glob(t.fsys, "*.html")
	for _, name := range names {
		if name == "base.html" {
			continue
		}
		src, err := fs.ReadFile(t.fsys, name)
		if err != nil {
			errs.Add(&diag.Error{Path: "templates/" + name, Msg: "cannot read template", Err: err})
			continue
		}
		page, err := base.Clone()
		if err != nil {
			errs.Add(&diag.Error{Path: "templates/" + name, Msg: "cannot clone the base template", Err: err})
			continue
		}
		if _, err := page.New(name).Parse(string(src)); err != nil {
			errs.Add(templateError(err, name))
			continue
		}
		t.pages[strings.TrimSuffix(name, ".html")] = &pageTemplate{tmpl: page}
	}
	for _, k := range requiredPages {
		if _, ok := t.pages[string(k)]; !ok && !hasPageError(errs, string(k)) {
			errs.Add(diag.New("templates/"+string(k)+".html", 0, "missing: the theme has no template for %s pages", k))
		}
	}
	return errs
}

func hasPageError(errs diag.List, name string) bool {
	for _, e := range errs {
		if e.Path == "templates/"+name+".html" {
			return true
		}
	}
	return false
}

// Render writes the HTML of v.Page to w. The template is the page's Layout
// when set ("wide" → wide.html), else the one for its Kind. Nothing is
// written when execution fails; the error is a [*diag.Error] naming the
// template file and line (or, for an unknown layout, the document and its
// front-matter line).
//
// The 404 page is served at any depth of a site, where relative links
// cannot work; when the site has a BaseURL the 404 page links from it.
func (t *Theme) Render(w io.Writer, v View) error {
	if v.Page == nil || v.Site == nil {
		return fmt.Errorf("theme: render: view without a page or site")
	}
	if v.Page.Kind == site.KindListData {
		return t.renderListData(w, v.Page)
	}
	name := string(v.Page.Kind)
	if v.Page.Layout != "" {
		name = strings.TrimSuffix(v.Page.Layout, ".html")
	}
	tmpl, ok := t.pages[name]
	if !ok {
		return t.missingTemplate(v.Page, name)
	}
	if v.Page.Kind == site.KindNotFound && v.Site.Settings.BaseURL != "" {
		v.Root = strings.TrimSuffix(v.Site.Settings.BaseURL, "/") + "/"
	}
	v.set = tmpl.tmpl
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	if err := t.execute(tmpl, buf, v); err != nil {
		e := templateError(err, name+".html")
		e.Msg = "rendering " + v.Page.URL + ": " + e.Msg
		return e
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("theme: writing %s: %w", v.Page.URL, err)
	}
	return nil
}

// pageTemplate is the template set of one kind of page, folded (see
// fold.go) once it has run without error.
type pageTemplate struct {
	tmpl   *template.Template
	mu     sync.Mutex  // held by runs before the set is folded, and by the folding
	folded atomic.Bool // set once folded: runs need mu no more
}

// execute runs the page template p on v into w. The runs before the first
// that succeeds take turns; that one folds the set, which no run reads
// meanwhile; the runs after it read the folded set side by side.
func (t *Theme) execute(p *pageTemplate, w io.Writer, v View) error {
	if p.folded.Load() {
		return p.tmpl.ExecuteTemplate(w, "base.html", v)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	err := p.tmpl.ExecuteTemplate(w, "base.html", v)
	if err == nil && !p.folded.Load() {
		t.fold(p.tmpl, "base.html")
		p.folded.Store(true)
	}
	return err
}

// renderBuffers hold pages while they render (a page is written only
// whole), reused: a site's pages pass through them once.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// missingTemplate reports a page whose template does not exist.
func (t *Theme) missingTemplate(p *site.Page, name string) error {
	if p.Layout != "" && p.Doc != nil {
		return diag.Field(p.Doc.File, p.Doc.Meta.Lines["layout"], "layout",
			"no template %q in the theme", "templates/"+name+".html")
	}
	return diag.New("templates/"+name+".html", 0, "missing: no template to render %s", p.URL)
}

// Layouts returns the names of the page templates a document may choose
// with "layout:", sorted.
func (t *Theme) Layouts() []string {
	out := make([]string, 0, len(t.pages))
	for name := range t.pages {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// FS returns the theme's file system, from which [Asset.Src] is read.
func (t *Theme) FS() fs.FS { return t.fsys }

// Lang returns the language the theme renders in.
func (t *Theme) Lang() string { return t.lang }

// T returns the UI string for key in the site language, falling back to
// Vietnamese, then to the key itself.
func (t *Theme) T(key string) string {
	if s, ok := t.strings[key]; ok {
		return s
	}
	if s, ok := t.fallback[key]; ok {
		return s
	}
	return key
}

// templatePath names a theme file in messages: "templates/partials/x.html".
func templatePath(name string) string { return path.Join("templates", name) }
