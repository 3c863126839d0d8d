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
	// looks are the render's link and citation look-ups and their answers:
	// the result stays valid while every look-up gets the same answer.
	looks markdown.Lookups
	// html, outline and text are where a cold run spilled the HTML, the
	// headings and sections, and the text of the sections (see renderOnce).
	html, outline, text spill.Span
}

// docKey is what a render depends on within the document.
type docKey struct {
	file     string
	bodyLine int
	body     [32]byte
	number   string
}

// keyOf returns the key of d, whose Markdown is body.
func keyOf(d *content.Document, body []byte) docKey {
	return docKey{file: d.File, bodyLine: d.BodyLine, body: sha256.Sum256(body), number: d.Meta.Number}
}

// resolvers are the link and citation look-ups of one site's Markdown.
type resolvers struct {
	urls    site.URLs
	numbers site.Numbers
}

// renderDoc renders one document, whose Markdown is body (its Body, or
// the body set aside), recording its look-ups.
func (rs resolvers) renderDoc(md *markdown.Renderer, d *content.Document, body []byte) *renderedDoc {
	rd := &renderedDoc{doc: d, key: keyOf(d, body)}
	rd.res = rs.renderBody(md, d, body, &rd.looks)
	rd.res.TakeSum() // for the page's fingerprint (theme.Prints)
	return rd
}

// render renders d, recording its look-ups in looks when not nil.
func (rs resolvers) render(md *markdown.Renderer, d *content.Document, looks *markdown.Lookups) *markdown.Result {
	return rs.renderBody(md, d, d.Body, looks)
}

// renderBody renders d as if its Body were body.
func (rs resolvers) renderBody(md *markdown.Renderer, d *content.Document, body []byte, looks *markdown.Lookups) *markdown.Result {
	from := content.OutputPath(d.Path)
	in := markdown.Input{File: d.File, Path: d.Path, Source: body, FirstLine: d.BodyLine,
		Resolve: rs.urls.Resolver(from), Cite: rs.numbers.Resolver(from, d.Meta.Number)}
	if looks != nil {
		in = looks.Record(in)
	}
	r := md.Render(in)
	return &r
}

// reusable reports whether rd, rendered by an earlier run, is what
// rendering d, whose Markdown is body, with these resolvers would give.
func (rs resolvers) reusable(rd *renderedDoc, d *content.Document, body []byte) bool {
	if rd == nil || (rd.doc != d && rd.key != keyOf(d, body)) {
		return false
	}
	from := content.OutputPath(d.Path)
	return rd.looks.Same(rs.urls.Resolver(from), rs.numbers.Resolver(from, d.Meta.Number))
}

// markdown renders every document and section of r.src on all cores,
// reusing the memo's results that are still valid, and keeps the results
// in the memo and in r.rendered. A warm run sets each document's body
// aside in the store once it is rendered (asideBodies). Its error is the
// store's.
func (p *Pipeline) markdown(ctx context.Context, r *built) (map[string]*markdown.Result, diag.List, error) {
	src := r.src
	opts := markdown.Options{UnsafeHTML: src.Settings.UnsafeHTML, Lang: src.Settings.Language, Deadline: p.Deadline}
	if p.md.r == nil || p.md.opts != opts {
		p.md = mdMemo{r: markdown.New(opts), opts: opts}
	}
	rs := resolvers{site.NewURLs(src), site.NewNumbers(src)}
	if !p.streams() {
		r.rs = rs // for a body edit of a later run (patch); a cold run has none
	}
	docs := append(append([]*content.Document(nil), src.Sections...), src.Documents...)
	out := make([]*renderedDoc, len(docs))
	var failed atomic.Pointer[error]
	forEach(ctx, len(docs), func(i int) {
		if p.streams() {
			out[i] = p.renderOnce(rs, docs[i])
			return
		}
		if err := p.renderWarm(rs, docs[i], &out[i]); err != nil {
			failed.CompareAndSwap(nil, &err)
		}
	})
	if err := failed.Load(); err != nil {
		return nil, nil, *err
	}
	if ctx.Err() != nil {
		return nil, nil, nil // some results are missing
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
	if !p.streams() {
		p.aside.keepOnly(docs)
	}
	return results, errs, nil
}

// renderWarm sets *out to the memo's result for d when it is still valid,
// else renders d; then it sets d's body aside. The body is read back from
// the store only when the memo's result is for another document (its key
// is then compared) or must be made again: not for the unchanged
// documents of every run.
func (p *Pipeline) renderWarm(rs resolvers, d *content.Document, out **renderedDoc) error {
	rd := p.md.docs[d.Path]
	if rd != nil && rd.doc == d && rs.reusable(rd, d, nil) { // the same document: its key is not read
		*out = rd
		return p.aside.setAside(p.store, d)
	}
	body, err := p.aside.of(p.store, d)
	if err != nil {
		return err
	}
	if rs.reusable(rd, d, body) {
		*out = rd
	} else {
		*out = rs.renderDoc(p.md.r, d, body)
	}
	return p.aside.setAside(p.store, d)
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
	var errs diag.Collector
	var done atomic.Int64
	var shared *theme.Shared // the default templates' shared partials read only the site
	if !r.own {
		shared = theme.NewShared()
	}
	one := func(pg *site.Page) {
		buf := pageBuffers.Get().(*bytes.Buffer)
		defer pageBuffers.Put(buf)
		buf.Reset()
		err := r.theme.Render(buf, theme.View{Site: r.site, Page: pg, Root: site.RootFor(pg.URL), Shared: shared})
		if err == nil {
			err = m.Put(pg.URL, buf.Bytes())
		}
		errs.AddErr(pg.URL, err)
		progress(p.opts.Progress, "pages", int(done.Add(1)), len(pages))
	}
	if !p.streams() {
		forEach(ctx, len(pages), func(i int) { one(pages[i]) })
	} else if err := p.renderCold(ctx, r, pages, one); err != nil {
		return err
	}
	if l := errs.List(); len(l) > 0 {
		return contentErr(l)
	}
	if err := errs.Failure(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	up.Pages += len(pages)
	return ctx.Err()
}
