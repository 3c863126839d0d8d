package markdown

import (
	"bytes"
	"sync"

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
	res.HTML = bytes.Clone(buf.Bytes())
	if buf.Cap() <= maxPooledBuffer {
		htmlBufferPool.Put(buf)
	}
	return res
}
