package markdown

import (
	"bytes"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"tusach/generator/diag"
)

// Options configures a [Renderer].
type Options struct {
	// UnsafeHTML lets raw HTML, heading attributes other than the ID and
	// links of every scheme (javascript:, data:, ...) through. Only for
	// sites whose every author is trusted.
	UnsafeHTML bool
	// Lang is the language of generated labels such as alert titles: "vi"
	// (the default, also for any unknown value) or "en".
	Lang string
	// Deadline, when positive, bounds the wall time of one Render: a
	// document still rendering then gets an error instead of its HTML,
	// and its rendering goes on unseen until it ends (the limits of
	// checkLimits bound that work). Only the preview server sets it, so
	// that one document cannot hold up every later edit; a build leaves
	// it zero, so that its output never depends on the machine's speed.
	Deadline time.Duration
}

// Renderer renders Markdown documents. It holds one goldmark instance built
// by [New] and is safe for concurrent use.
type Renderer struct {
	md   goldmark.Markdown
	opts Options
}

// vietnameseTypography replaces ASCII punctuation with the characters used
// in Vietnamese print. The replacements are literal characters rather than
// entities so that plain text taken from the tree reads the same as the
// HTML. Guillemets are switched off: Vietnamese does not use them. So is
// the apostrophe rule: its English special cases ('twas, 'em, 'n', 'll)
// would turn the opening quote of 'tôi', 'em', 'nhà', 'lần' into a closing
// one; an apostrophe inside a word stays straight.
var vietnameseTypography = map[extension.TypographicPunctuation][]byte{
	extension.LeftSingleQuote:  []byte("‘"),
	extension.RightSingleQuote: []byte("’"),
	extension.LeftDoubleQuote:  []byte("“"),
	extension.RightDoubleQuote: []byte("”"),
	extension.EnDash:           []byte("–"),
	extension.EmDash:           []byte("—"),
	extension.Ellipsis:         []byte("…"),
	extension.LeftAngleQuote:   nil,
	extension.RightAngleQuote:  nil,
	extension.Apostrophe:       nil,
}

// New returns a Renderer for opts. It builds the goldmark instance with all
// extensions once; call it once per build, not per page.
func New(opts Options) *Renderer {
	if opts.Lang != "en" {
		opts.Lang = "vi"
	}
	var htmlOpts []renderer.Option
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.NewTypographer(extension.WithTypographicSubstitutions(vietnameseTypography)),
			&alertExtension{lang: opts.Lang},
			&questionsExtension{lang: opts.Lang},
			citeExtension{},
			&pageExtension{unsafe: opts.UnsafeHTML},
		),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(htmlOpts...),
	)
	return &Renderer{md: md, opts: opts}
}

// htmlBuffer is a bytes.Buffer that goldmark accepts as its buffered
// writer, so the HTML is written straight into it without a bufio layer.
type htmlBuffer struct{ bytes.Buffer }

// Buffered reports no pending bytes: everything written is already in the
// buffer.
func (b *htmlBuffer) Buffered() int { return 0 }

// Flush does nothing; see Buffered.
func (b *htmlBuffer) Flush() error { return nil }

// maxPooledBuffer keeps one huge document from pinning its buffer forever.
const maxPooledBuffer = 4 << 20

var htmlBufferPool = sync.Pool{New: func() any { return new(htmlBuffer) }}

// Render renders one document. Problems in the content (broken links) are
// returned in Result.Errors with file lines; Render itself never fails.
func (r *Renderer) Render(in Input) Result {
	if r.opts.Deadline > 0 {
		return r.renderWithin(in, r.opts.Deadline)
	}
	return r.render(in)
}

// renderWithin renders in on its own goroutine and gives up waiting after
// d. Once it has given up, the rendering's calls of in.Resolve and in.Cite
// no longer reach the caller (they answer "not found"), so that nothing the
// caller owns is touched after Render returned.
func (r *Renderer) renderWithin(in Input, d time.Duration) Result {
	var mu sync.Mutex
	abandoned := false
	guard := func(f func(string) (string, bool)) func(string) (string, bool) {
		if f == nil {
			return nil
		}
		return func(s string) (string, bool) {
			mu.Lock()
			defer mu.Unlock()
			if abandoned {
				return "", false
			}
			return f(s)
		}
	}
	in.Resolve, in.Cite = guard(in.Resolve), guard(in.Cite)
	done := make(chan Result, 1)
	go func() { done <- r.render(in) }()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case res := <-done:
		return res
	case <-timer.C:
		mu.Lock()
		abandoned = true
		mu.Unlock()
		line := in.FirstLine
		if line < 1 {
			line = 1
		}
		return Result{Errors: diag.List{diag.New(in.File, line,
			"took longer than %s to render: split it into smaller documents", d)}}
	}
}

// render renders one document on the calling goroutine.
func (r *Renderer) render(in Input) Result {
	if in.FirstLine < 1 {
		in.FirstLine = 1
	}
	if err := checkLimits(in); err != nil {
		return Result{Errors: diag.List{err}}
	}
	st := getPageState(in, r.opts.UnsafeHTML)
	defer putPageState(st)

	pc := parser.NewContext()
	pc.Set(pageStateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(in.Source), parser.WithContext(pc))

	buf := htmlBufferPool.Get().(*htmlBuffer)
	buf.Reset()
	if err := r.md.Renderer().Render(buf, in.Source, doc); err != nil {
		st.res.Errors.Add(&diag.Error{Path: in.File, Line: in.FirstLine, Msg: "render markdown", Err: err})
	}
	res := st.res
	res.setHTML(buf.Bytes())
	if buf.Cap() <= maxPooledBuffer {
		htmlBufferPool.Put(buf)
	}
	return res
}
