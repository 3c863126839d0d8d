package build

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/feed"
	"tusach/generator/markdown"
	"tusach/generator/search"
	"tusach/generator/site"
	"tusach/generator/theme"
)

// renderedDoc is the Markdown stage's result for one document, with what
// it depended on besides the document itself.
type renderedDoc struct {
	key docKey
	res *markdown.Result
	// resolves and cites record every link and citation look-up the render
	// made and its answer; the result stays valid while every look-up gets
	// the same answer.
	resolves map[string]lookup
	cites    map[string]lookup
}

// docKey is what a render depends on within the document.
type docKey struct {
	file     string
	bodyLine int
	body     [32]byte
	number   string
}

// lookup is one answer of a link or citation resolver.
type lookup struct {
	href string
	ok   bool
}

func keyOf(d *content.Document) docKey {
	return docKey{file: d.File, bodyLine: d.BodyLine, body: sha(d.Body), number: d.Meta.Number}
}

// render renders one document with st's resolvers, recording its look-ups.
func (st *sessionState) render(d *content.Document) *renderedDoc {
	rd := &renderedDoc{key: keyOf(d), resolves: map[string]lookup{}, cites: map[string]lookup{}}
	from := content.OutputPath(d.Path)
	resolve := st.urls.Resolver(from)
	cite := st.numbers.Resolver(from, d.Meta.Number)
	r := st.md.Render(markdown.Input{
		File: d.File, Path: d.Path, Source: d.Body, FirstLine: d.BodyLine,
		Resolve: func(target string) (string, bool) {
			href, ok := resolve(target)
			rd.resolves[target] = lookup{href, ok}
			return href, ok
		},
		Cite: func(number string) (string, bool) {
			href, ok := cite(number)
			rd.cites[number] = lookup{href, ok}
			return href, ok
		},
	})
	rd.res = &r
	return rd
}

// reusable reports whether rd, rendered by an earlier build, is what
// rendering d with st's resolvers would give.
func (st *sessionState) reusable(rd *renderedDoc, d *content.Document) bool {
	if rd == nil || rd.key != keyOf(d) {
		return false
	}
	from := content.OutputPath(d.Path)
	resolve := st.urls.Resolver(from)
	for target, was := range rd.resolves {
		if href, ok := resolve(target); (lookup{href, ok}) != was {
			return false
		}
	}
	cite := st.numbers.Resolver(from, d.Meta.Number)
	for number, was := range rd.cites {
		if href, ok := cite(number); (lookup{href, ok}) != was {
			return false
		}
	}
	return true
}

// renderAll renders every document and section on all cores, reusing the
// results of prev that are still valid; like renderMarkdown.
func (st *sessionState) renderAll(ctx context.Context, prev map[string]*renderedDoc) (map[string]*markdown.Result, diag.List) {
	docs := append(append([]*content.Document(nil), st.src.Sections...), st.src.Documents...)
	out := make([]*renderedDoc, len(docs))
	forEach(ctx, len(docs), func(i int) {
		d := docs[i]
		if rd := prev[d.Path]; st.reusable(rd, d) {
			out[i] = rd
			return
		}
		out[i] = st.render(d)
	})
	st.rendered = make(map[string]*renderedDoc, len(docs))
	results := make(map[string]*markdown.Result, len(docs))
	var errs diag.List
	for i, d := range docs {
		if out[i] == nil { // cancelled
			continue
		}
		st.rendered[d.Path] = out[i]
		results[d.Path] = out[i].res
		errs = append(errs, out[i].res.Errors...)
	}
	return results, errs
}

// rebuild runs the whole pipeline, reusing the Markdown and the file sums
// of the last good build.
func (s *Session) rebuild(ctx context.Context, sink Sink) (Update, error) {
	old := s.st
	root := s.opts.Source
	listing, stamps := listSite(root) // before reading: a change after it is seen later
	src, errs := content.Load(content.OpenSite(root), content.Options{Drafts: s.opts.Drafts, Root: root})
	if src == nil {
		return Update{}, fail(errs)
	}
	if s.opts.BaseURL != "" {
		src.Settings.BaseURL = s.opts.BaseURL
	}
	st := &sessionState{src: src, listing: listing, stamps: stamps,
		urls: site.NewURLs(src), numbers: site.NewNumbers(src)}
	mdOpts := markdown.Options{UnsafeHTML: src.Settings.UnsafeHTML, Lang: src.Settings.Language, Deadline: RenderDeadline}
	if s.md == nil || s.mdOpts != mdOpts {
		s.md, s.mdOpts, s.cache = markdown.New(mdOpts), mdOpts, nil
	}
	st.md = s.md
	rendered, mdErrs := st.renderAll(ctx, s.cache)
	if err := ctx.Err(); err != nil {
		return Update{}, err
	}
	s.cache = st.rendered // valid whatever happens next
	errs = append(errs, mdErrs...)
	sit, siteErrs := site.Assemble(src, rendered)
	errs = append(errs, siteErrs...)
	st.themeFS = themeFS(root, s.opts.Theme)
	th, themeErrs := theme.Load(st.themeFS, sit.Lang)
	errs = append(errs, themeErrs...)
	if len(errs) > 0 {
		return Update{}, fail(errs)
	}
	if err := ctx.Err(); err != nil {
		return Update{}, err
	}
	st.site, st.theme = sit, th
	st.overrides = hasOwnTemplates(root)
	st.always = pagesShowingOthers(sit.Pages, st.overrides)
	st.byURL = make(map[string]*site.Page, len(sit.Pages))
	for _, p := range sit.Pages {
		st.byURL[p.URL] = p
	}
	var oldSums map[string][32]byte
	if old != nil {
		oldSums = old.sums
	}
	st.sums = make(map[string][32]byte, len(oldSums))
	up := Update{Full: true, Complete: old == nil}
	pages, err := st.pagesToRender(ctx, old)
	if err != nil {
		return Update{}, err
	}
	if err := st.renderPages(ctx, sink, pages, oldSums, st.sums, &up); err != nil {
		return Update{}, err
	}
	if err := st.writeRest(sink, old, &up); err != nil {
		return Update{}, err
	}
	st.gen = 1
	if old != nil {
		st.gen = old.gen + 1
		st.offlineSums = old.offlineSums
	}
	st.searchDocs = SearchDocs(sit)
	st.indexSearchDocs()
	if old == nil || old.searchNames == nil {
		files, err := search.Build(st.searchDocs, search.Options{Lang: sit.Lang})
		if err != nil {
			return Update{}, fmt.Errorf("build: search index: %w", err)
		}
		if err := st.writeSearch(sink, files, oldSums, &up); err != nil {
			return Update{}, err
		}
		st.searchGen = st.gen
	} else {
		st.searchNames, st.searchGen = old.searchNames, old.searchGen
		for name := range old.searchNames {
			st.sums[name] = old.sums[name]
		}
	}
	if err := st.writeOffline(sink, &up); err != nil {
		return Update{}, err
	}
	up.SearchStale = st.searchGen != st.gen
	up.Removed = removedFiles(old, st)
	s.st = st
	return up, nil
}

// renderPages renders pages on all cores and gives the sink those whose
// bytes differ from old; their sums go to sums.
func (st *sessionState) renderPages(ctx context.Context, sink Sink, pages []*site.Page, old, sums map[string][32]byte, up *Update) error {
	got := make([][32]byte, len(pages))
	written := make([]bool, len(pages))
	var perr pageErrors
	forEach(ctx, len(pages), func(i int) {
		p := pages[i]
		buf := pageBuffers.Get().(*pageBuffer)
		defer pageBuffers.Put(buf)
		buf.Reset()
		err := st.theme.Render(buf, theme.View{Site: st.site, Page: p, Root: site.RootFor(p.URL)})
		if err == nil {
			got[i] = sha(buf.Bytes())
			if prev, ok := old[p.URL]; !ok || prev != got[i] {
				err = sink.Write(p.URL, buf.Bytes())
				written[i] = err == nil
			}
		}
		perr.add(p.URL, err)
	})
	if err := perr.err(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, p := range pages {
		sums[p.URL] = got[i]
		if written[i] {
			up.Written = append(up.Written, p.URL)
		}
	}
	up.Pages += len(pages)
	return nil
}

// writeRest writes the theme's assets, the content's other files, the
// sitemap and the feed, as Generated.Write does.
func (st *sessionState) writeRest(sink Sink, old *sessionState, up *Update) error {
	var oldSums map[string][32]byte
	var oldCopied map[string]stamp
	if old != nil {
		oldSums, oldCopied = old.sums, old.copied
	}
	for _, a := range st.theme.Assets() {
		data, err := fs.ReadFile(st.themeFS, a.Src)
		if err != nil {
			return fmt.Errorf("build: theme %s: %w", a.Src, err)
		}
		if err := writeFile(sink, st.sums, oldSums, a.Out, data, false, up); err != nil {
			return err
		}
	}
	st.copied = make(map[string]stamp, len(st.src.Files))
	for _, f := range st.src.Files {
		name := path.Join("content", f)
		stm := st.stamps[name]
		prev, known := oldSums[f]
		if known && stm.valid() && oldCopied[f] == stm {
			st.sums[f], st.copied[f] = prev, stm
			continue
		}
		data, err := fs.ReadFile(st.src.FS, f)
		if err != nil {
			return fmt.Errorf("build: %s: %w", name, err)
		}
		st.sums[f], st.copied[f] = sha(data), stm
		if known && prev == st.sums[f] {
			continue
		}
		if err := sink.Copy(f, st.src.FS, f); err != nil {
			return err
		}
		up.Written = append(up.Written, f)
	}
	if err := writeFile(sink, st.sums, oldSums, feed.SitemapFile, feed.Sitemap(st.site), false, up); err != nil {
		return err
	}
	return writeFile(sink, st.sums, oldSums, feed.AtomFile, feed.Atom(st.site, 20), false, up)
}

// hasOwnTemplates reports whether the site folder has templates of its own
// (any .html file under templates/).
func hasOwnTemplates(root string) bool {
	found := false
	fs.WalkDir(os.DirFS(root), "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".html" {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// removedFiles lists the files of old's build that st's does not have.
func removedFiles(old, st *sessionState) []string {
	if old == nil {
		return nil
	}
	var out []string
	for name := range old.sums {
		if _, ok := st.sums[name]; !ok {
			out = append(out, name)
		}
	}
	sortStrings(out)
	return out
}
