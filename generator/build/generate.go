package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"sync"
	"sync/atomic"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/feed"
	"tusach/generator/markdown"
	"tusach/generator/offline"
	"tusach/generator/output"
	"tusach/generator/search"
	"tusach/generator/site"
	"tusach/generator/theme"
)

// Sink receives the files of a build: the output folder for `tusach build`,
// memory for the dev server.
type Sink interface {
	// Write stores data (minified by its type) at rel, a slash path.
	Write(rel string, data []byte) error
	// Copy stores the file name of fsys at rel as it is.
	Copy(rel string, fsys fs.FS, name string) error
}

// Generated is a site that has been loaded, rendered to Markdown, assembled,
// and whose templates have been parsed: everything but the writing.
type Generated struct {
	Source  *content.Source
	Site    *site.Site
	Theme   *theme.Theme
	themeFS fs.FS
	written atomic.Int64 // files written by Write
}

// Generate runs every stage up to rendering templates. It returns the
// diagnostics of content and templates together, as an error wrapping
// ErrContent that diag.AsList takes apart.
func Generate(ctx context.Context, opts Options) (*Generated, error) {
	progress(opts.Progress, "load", 0, 0)
	src, errs := content.Load(content.OpenSite(opts.Source), content.Options{Drafts: opts.Drafts, Root: opts.Source})
	if src == nil {
		return nil, contentErr(errs)
	}
	if opts.BaseURL != "" {
		src.Settings.BaseURL = opts.BaseURL
	}

	progress(opts.Progress, "markdown", 0, 0)
	rendered, mdErrs := renderMarkdown(ctx, src)
	if err := ctx.Err(); err != nil {
		return nil, err // documents left unrendered
	}
	errs = append(errs, mdErrs...)

	progress(opts.Progress, "assemble", 0, 0)
	s, siteErrs := site.Assemble(src, rendered)
	errs = append(errs, siteErrs...)

	tfs := themeFS(opts.Source, opts.Theme)
	th, themeErrs := theme.Load(tfs, s.Lang)
	errs = append(errs, themeErrs...)
	if len(errs) > 0 {
		return nil, contentErr(errs)
	}
	return &Generated{Source: src, Site: s, Theme: th, themeFS: tfs}, ctx.Err()
}

func contentErr(errs diag.List) error {
	errs.Sort()
	return fmt.Errorf("%w: %w", ErrContent, errs.Err())
}

func progress(f func(string, int, int), stage string, done, total int) {
	if f != nil {
		f(stage, done, total)
	}
}

// renderMarkdown renders every document and section body on all cores.
func renderMarkdown(ctx context.Context, src *content.Source) (map[string]*markdown.Result, diag.List) {
	md := markdown.New(markdown.Options{UnsafeHTML: src.Settings.UnsafeHTML, Lang: src.Settings.Language})
	urls := site.NewURLs(src)
	numbers := site.NewNumbers(src)
	docs := append(append([]*content.Document(nil), src.Sections...), src.Documents...)
	results := make([]*markdown.Result, len(docs))
	forEach(ctx, len(docs), func(i int) {
		d := docs[i]
		r := md.Render(markdown.Input{
			File: d.File, Path: d.Path, Source: d.Body, FirstLine: d.BodyLine,
			Resolve: urls.Resolver(content.OutputPath(d.Path)),
			Cite:    numbers.Resolver(content.OutputPath(d.Path), d.Meta.Number),
		})
		results[i] = &r
	})
	if ctx.Err() != nil {
		return nil, nil // some results are missing
	}
	out := make(map[string]*markdown.Result, len(docs))
	var errs diag.List
	for i, d := range docs {
		out[d.Path] = results[i]
		errs = append(errs, results[i].Errors...)
	}
	return out, errs
}

// Stats counts what Write produced.
func (g *Generated) Stats() Stats {
	return Stats{
		Documents: len(g.Source.Documents),
		Pages:     len(g.Site.Pages),
		Files:     int(g.written.Load()),
		Warnings:  g.Site.Warnings,
	}
}

// Write renders every page and writes it, the theme's assets, the content's
// other files, the sitemap, the feed and the search index to sink.
func (g *Generated) Write(ctx context.Context, sink Sink, prog func(string, int, int)) error {
	rec := offline.NewRecorder(sink) // notes every file for the service worker
	counted := countingSink{rec, &g.written}
	sink = counted
	pages := g.Site.Pages
	var done atomic.Int64
	var perr pageErrors
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	forEach(ctx, len(pages), func(i int) {
		p := pages[i]
		buf := bufs.Get().(*bytes.Buffer)
		defer bufs.Put(buf)
		buf.Reset()
		err := g.Theme.Render(buf, theme.View{Site: g.Site, Page: p, Root: site.RootFor(p.URL)})
		if err == nil {
			err = sink.Write(p.URL, buf.Bytes())
		}
		perr.add(p.URL, err)
		progress(prog, "pages", int(done.Add(1)), len(pages))
	})
	if err := perr.err(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, a := range g.Theme.Assets() {
		data, err := fs.ReadFile(g.themeFS, a.Src)
		if err != nil {
			return fmt.Errorf("build: theme %s: %w", a.Src, err)
		}
		if err := sink.Write(a.Out, data); err != nil {
			return err
		}
	}
	for _, f := range g.Source.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := sink.Copy(f, g.Source.FS, f); err != nil {
			return err
		}
	}
	if err := sink.Write("sitemap.xml", feed.Sitemap(g.Site)); err != nil {
		return err
	}
	if err := sink.Write("feed.xml", feed.Atom(g.Site, 20)); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	progress(prog, "search", 0, 0)
	// the document packs, most of the index, are written as they are made
	idx, err := search.Build(SearchDocs(g.Site), search.Options{Lang: g.Site.Lang, Write: counted.WriteRaw})
	if err != nil {
		return fmt.Errorf("build: search index: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err // the destination is swapped in only once all is written
	}
	for _, name := range sortedKeys(idx) { // compact already: not minified
		if err := counted.WriteRaw(name, idx[name]); err != nil {
			return err
		}
	}
	return g.writeOffline(rec, sink)
}

// offlineSite is what the web app manifest says of the site: its title,
// description, language and the theme's icon.
func offlineSite(s *site.Site, th *theme.Theme) offline.Site {
	ws := offline.Site{Title: s.Settings.Title, Description: s.Settings.Description, Lang: s.Lang}
	for _, a := range th.Assets() {
		if a.Src == "assets/favicon.svg" {
			ws.Icon = a.Out
		}
	}
	return ws
}

// writeOffline writes the web app manifest, the list of files and the
// service worker, last: its version is a hash of every other file.
func (g *Generated) writeOffline(rec *offline.Recorder, sink Sink) error {
	files, err := rec.Finish(offlineSite(g.Site, g.Theme))
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	for _, f := range files {
		if err := sink.Write(f.Name, f.Data); err != nil {
			return err
		}
	}
	return nil
}

func newOutput(opts Options) (*output.Writer, error) {
	return output.New(opts.Dest, output.Options{NoMinify: opts.NoMinify})
}

// countingSink counts the files written through it.
type countingSink struct {
	Sink
	n *atomic.Int64
}

func (c countingSink) Write(rel string, data []byte) error {
	c.n.Add(1)
	return c.Sink.Write(rel, data)
}

func (c countingSink) Copy(rel string, fsys fs.FS, name string) error {
	c.n.Add(1)
	return c.Sink.Copy(rel, fsys, name)
}

// WriteRaw writes without minifying when the underlying sink can.
func (c countingSink) WriteRaw(rel string, data []byte) error {
	c.n.Add(1)
	if raw, ok := c.Sink.(interface{ WriteRaw(string, []byte) error }); ok {
		return raw.WriteRaw(rel, data)
	}
	return c.Sink.Write(rel, data)
}

// pageErrors collects the errors of pages rendered in parallel: problems in
// content or templates as diagnostics, anything else as the first error.
type pageErrors struct {
	mu    sync.Mutex
	diags diag.List
	first error
}

// add records err (if any) of the page at url.
func (e *pageErrors) add(url string, err error) {
	if err == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if l := diag.AsList(err); len(l) > 0 && l[0].Path != "" {
		e.diags = append(e.diags, l...)
	} else if e.first == nil {
		e.first = fmt.Errorf("build: %s: %w", url, err)
	}
}

// err returns the diagnostics as a content error, else the first other error.
func (e *pageErrors) err() error {
	if len(e.diags) > 0 {
		return contentErr(e.diags)
	}
	return e.first
}
