package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"sync"
	"sync/atomic"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/markdown"
	"tusach/generator/output"
	"tusach/generator/site"
	"tusach/generator/spill"
	"tusach/generator/theme"
)

// mdMemo is the markdown stage's memo: the renderer (kept while its
// options are the same) and its results by content path.
type mdMemo struct {
	r    *markdown.Renderer
	opts markdown.Options
	docs map[string]*renderedDoc
}

// renderedDoc is the Markdown stage's result for one document, with what
// it depended on besides the document itself.
type renderedDoc struct {
	doc *content.Document // the document rendered (the load memo keeps it while the file is unchanged)
	key docKey
	res *markdown.Result
	// resolves and cites record every link and citation look-up the render
	// made and its answer; the result stays valid while every look-up gets
	// the same answer.
	resolves map[string]lookup
	cites    map[string]lookup
	// html and text are where a cold run spilled the HTML and the text of
	// the parts (see renderOnce).
	html, text spill.Span
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
	return docKey{file: d.File, bodyLine: d.BodyLine, body: sha256.Sum256(d.Body), number: d.Meta.Number}
}

// resolvers are the link and citation look-ups of one site's Markdown.
type resolvers struct {
	urls    site.URLs
	numbers site.Numbers
}

// renderDoc renders one document, recording its look-ups.
func (rs resolvers) renderDoc(md *markdown.Renderer, d *content.Document) *renderedDoc {
	rd := &renderedDoc{doc: d, key: keyOf(d), resolves: map[string]lookup{}, cites: map[string]lookup{}}
	rd.res = rs.render(md, d, func(target string, l lookup) { rd.resolves[target] = l },
		func(number string, l lookup) { rd.cites[number] = l })
	rd.res.TakeSum() // for the page's fingerprint (theme.Prints)
	return rd
}

// render renders d, telling resolved and cited (when not nil) each
// look-up and its answer.
func (rs resolvers) render(md *markdown.Renderer, d *content.Document, resolved, cited func(string, lookup)) *markdown.Result {
	from := content.OutputPath(d.Path)
	resolve := rs.urls.Resolver(from)
	cite := rs.numbers.Resolver(from, d.Meta.Number)
	r := md.Render(markdown.Input{
		File: d.File, Path: d.Path, Source: d.Body, FirstLine: d.BodyLine,
		Resolve: func(target string) (string, bool) {
			href, ok := resolve(target)
			if resolved != nil {
				resolved(target, lookup{href, ok})
			}
			return href, ok
		},
		Cite: func(number string) (string, bool) {
			href, ok := cite(number)
			if cited != nil {
				cited(number, lookup{href, ok})
			}
			return href, ok
		},
	})
	return &r
}

// reusable reports whether rd, rendered by an earlier run, is what
// rendering d with these resolvers would give.
func (rs resolvers) reusable(rd *renderedDoc, d *content.Document) bool {
	if rd == nil || (rd.doc != d && rd.key != keyOf(d)) {
		return false
	}
	from := content.OutputPath(d.Path)
	resolve := rs.urls.Resolver(from)
	for target, was := range rd.resolves {
		if href, ok := resolve(target); (lookup{href, ok}) != was {
			return false
		}
	}
	cite := rs.numbers.Resolver(from, d.Meta.Number)
	for number, was := range rd.cites {
		if href, ok := cite(number); (lookup{href, ok}) != was {
			return false
		}
	}
	return true
}

// markdown renders every document and section of r.src on all cores,
// reusing the memo's results that are still valid, and keeps the results
// in the memo and in r.rendered.
func (p *Pipeline) markdown(ctx context.Context, r *built) (map[string]*markdown.Result, diag.List) {
	src := r.src
	opts := markdown.Options{UnsafeHTML: src.Settings.UnsafeHTML, Lang: src.Settings.Language, Deadline: p.Deadline}
	if p.md.r == nil || p.md.opts != opts {
		p.md = mdMemo{r: markdown.New(opts), opts: opts}
	}
	rs := resolvers{site.NewURLs(src), site.NewNumbers(src)}
	r.rs = rs
	docs := append(append([]*content.Document(nil), src.Sections...), src.Documents...)
	out := make([]*renderedDoc, len(docs))
	forEach(ctx, len(docs), func(i int) {
		if p.streams() {
			out[i] = p.renderOnce(rs, docs[i])
			return
		}
		if rd := p.md.docs[docs[i].Path]; rs.reusable(rd, docs[i]) {
			out[i] = rd
			return
		}
		out[i] = rs.renderDoc(p.md.r, docs[i])
	})
	if ctx.Err() != nil {
		return nil, nil // some results are missing
	}
	r.rendered = make(map[string]*renderedDoc, len(docs))
	results := make(map[string]*markdown.Result, len(docs))
	var errs diag.List
	for i, d := range docs {
		r.rendered[d.Path] = out[i]
		results[d.Path] = out[i].res
		errs = append(errs, out[i].res.Errors...)
	}
	p.md.docs = r.rendered // valid whatever happens next
	return results, errs
}

// pagesToRender is the render stage's memo: it fingerprints r's pages
// (theme.Prints) and returns those to render: those without a fingerprint,
// new, or whose fingerprint differs from old's. The others keep old's
// bytes in m. Every page is rendered when the memos are off or the site
// has templates of its own (which may read anything).
func (p *Pipeline) pagesToRender(ctx context.Context, r, old *built, m *output.Maker) []*site.Page {
	pages := r.site.Pages
	if p.NoMemo || r.own {
		return pages
	}
	sum, err := r.theme.Sum()
	if err != nil {
		return pages // untracked: rendered every time
	}
	r.prints = theme.Prints(r.site, sum, func(n int, f func(int)) { forEach(ctx, n, f) })
	if old == nil || old.prints == nil || ctx.Err() != nil {
		return pages
	}
	out := make([]*site.Page, 0, len(pages))
	for _, pg := range pages {
		now, ok := r.prints[pg.URL]
		was, known := old.prints[pg.URL]
		if ok && known && now == was && m.Keep(pg.URL) {
			continue
		}
		out = append(out, pg)
	}
	return out
}

var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render renders pages on all cores into m.
func (p *Pipeline) render(ctx context.Context, r *built, m *output.Maker, pages []*site.Page, up *Update) error {
	var perr pageErrors
	var done atomic.Int64
	one := func(pg *site.Page) {
		buf := pageBuffers.Get().(*bytes.Buffer)
		defer pageBuffers.Put(buf)
		buf.Reset()
		err := r.theme.Render(buf, theme.View{Site: r.site, Page: pg, Root: site.RootFor(pg.URL)})
		if err == nil {
			err = m.Put(pg.URL, buf.Bytes())
		}
		perr.add(pg.URL, err)
		progress(p.opts.Progress, "pages", int(done.Add(1)), len(pages))
	}
	if !p.streams() {
		forEach(ctx, len(pages), func(i int) { one(pages[i]) })
	} else if err := p.renderCold(ctx, r, pages, one); err != nil {
		return err
	}
	if err := perr.err(); err != nil {
		return err
	}
	up.Pages += len(pages)
	return ctx.Err()
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
