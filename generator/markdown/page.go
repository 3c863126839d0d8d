package markdown

import (
	"bytes"
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// pageStateKey carries the *pageState of one Render call through the
// goldmark parser context to pageTransformer.
var pageStateKey = parser.NewContextKey()

// pageState is what one Render call learns while walking its tree: the
// result being built and scratch space reused across calls via a pool.
type pageState struct {
	in     Input
	unsafe bool
	src    []byte
	res    Result

	lineStarts []int // offset of the start of each body line; built on first use

	headingNodes []ast.Node                // parallel to res.Headings: headings and outline paragraphs
	outline      map[ast.Node]outlineEntry // paragraphs that start a part of a law (outline.go)
	explicitIDs  []string                  // parallel to res.Headings; "" when automatic
	usedIDs      map[string]bool
	nextSuffix   map[string]int // last suffix tried per base ID

	leaf   ast.Node // block whose inline text is being collected, or nil
	inline []byte   // its text so far, white space collapsed

	sectionOpen    bool   // a heading has started a section
	sectionHeading int    // index into res.Headings of the open section's heading
	sectionTitle   string // its text
	sectionText    []byte // lines of the open section so far
	sectionOf      []int  // heading index of each res.Sections entry, -1 for none

	unwrap  []ast.Node // links and images to replace by their content
	replace []ast.Node // autolinks to replace by their label
}

var pageStatePool = sync.Pool{New: func() any {
	return &pageState{usedIDs: map[string]bool{}, nextSuffix: map[string]int{}}
}}

// getPageState returns a cleared state for rendering in.
func getPageState(in Input, unsafe bool) *pageState {
	st := pageStatePool.Get().(*pageState)
	st.in, st.unsafe, st.src = in, unsafe, in.Source
	st.res = Result{}
	st.lineStarts = st.lineStarts[:0]
	st.headingNodes = st.headingNodes[:0]
	clear(st.outline)
	st.explicitIDs = st.explicitIDs[:0]
	clear(st.usedIDs)
	clear(st.nextSuffix)
	st.leaf, st.inline = nil, st.inline[:0]
	st.sectionOpen, st.sectionHeading, st.sectionTitle = false, -1, ""
	st.sectionText = st.sectionText[:0]
	st.sectionOf = st.sectionOf[:0]
	st.unwrap, st.replace = st.unwrap[:0], st.replace[:0]
	return st
}

// putPageState returns st to the pool without holding on to the document.
func putPageState(st *pageState) {
	st.in, st.src, st.res = Input{}, nil, Result{}
	clear(st.headingNodes)
	clear(st.outline)
	clear(st.unwrap)
	clear(st.replace)
	st.leaf = nil
	pageStatePool.Put(st)
}

// pageTransformer is the single walk over the finished tree: heading IDs,
// links, title, sections and words.
type pageTransformer struct{}

// Transform implements parser.ASTTransformer.
func (pageTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(pageStateKey).(*pageState)
	if !ok {
		return // parsed outside Render: nothing to record
	}
	st.src = reader.Source()
	st.splitOutline(doc)
	_ = ast.Walk(doc, st.visit)
	st.finishSection()
	st.assignHeadingIDs()
	for i, h := range st.sectionOf {
		if h >= 0 {
			st.res.Sections[i].ID = st.res.Headings[h].ID
		}
	}
	st.applyEdits()
}

// visit is the ast.Walker of the page walk.
func (st *pageState) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		if n == st.leaf {
			st.endLeaf()
		}
		return ast.WalkContinue, nil
	}
	if len(st.outline) > 0 {
		if e, ok := st.outline[n]; ok {
			st.addOutlineHeading(n, e)
		}
	}
	switch n := n.(type) {
	case *ast.Text:
		st.appendText(n)
	case *ast.String:
		st.appendInline(n.Value)
	case *ast.Heading:
		st.leaf = n
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		st.leaf = n
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			st.appendInline(seg.Value(st.src))
		}
	case *ast.HTMLBlock, *ast.RawHTML:
		return ast.WalkSkipChildren, nil
	case *ast.Link:
		st.link(n)
	case *ast.Image:
		st.image(n)
	case *ast.AutoLink:
		st.autoLink(n)
		st.appendInline(n.Label(st.src))
		return ast.WalkSkipChildren, nil
	case *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
		return ast.WalkSkipChildren, nil
	default:
		if st.leaf == nil && isLeafBlock(n) {
			st.leaf = n
		}
	}
	return ast.WalkContinue, nil
}

// appendText adds a text node, with backslash escapes and character
// references resolved as the HTML renderer does.
func (st *pageState) appendText(t *ast.Text) {
	v := t.Segment.Value(st.src)
	if !t.IsRaw() && (bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, '&') >= 0) {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
	}
	st.appendInline(v)
	if t.SoftLineBreak() || t.HardLineBreak() {
		st.appendInline([]byte{' '})
	}
}

// appendInline adds b to the text of the current leaf block, collapsing
// every run of white space (Unicode included) to one space and dropping
// leading white space. Runs of other bytes are copied whole.
func (st *pageState) appendInline(b []byte) {
	if st.leaf == nil {
		return
	}
	out := st.inline
	space := len(out) == 0 || out[len(out)-1] == ' '
	for i := 0; i < len(b); {
		j := i
		for j < len(b) {
			if spaceLead[b[j]] && spaceLen(b[j:]) > 0 {
				break
			}
			j++
		}
		if j > i {
			out = append(out, b[i:j]...)
			space = false
			i = j
			continue
		}
		if !space {
			out = append(out, ' ')
			space = true
		}
		i += spaceLen(b[i:])
	}
	st.inline = out
}

// spaceLead tells the bytes that may start a white-space character (see
// spaceLen), so that appendInline calls it for those only: the text of a
// site goes through that loop byte by byte.
var spaceLead = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true,
	0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}

// spaceLen returns the length of the white-space character that b starts
// with, or 0 when it starts with something else (or a continuation byte).
func spaceLen(b []byte) int {
	c := b[0]
	if c < utf8.RuneSelf {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			return 1
		}
		return 0
	}
	// Only these lead bytes start a non-ASCII space (U+0085, U+00A0,
	// U+1680, U+2000–U+205F, U+3000); Vietnamese letters skip decoding.
	if c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 {
		return 0
	}
	if r, size := utf8.DecodeRune(b); unicode.IsSpace(r) {
		return size
	}
	return 0
}

// endLeaf files the collected text of the current leaf block: as a heading
// or as one line of the open section. A code block's text counts as words
// but stays out of the sections, so search snippets never show code
// (YAML, commands).
func (st *pageState) endLeaf() {
	line := bytes.TrimRight(st.inline, " ")
	switch leaf := st.leaf.(type) {
	case *ast.Heading:
		st.addHeading(leaf, string(line))
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		st.res.Words += countWords(line)
	default:
		st.addLine(line)
	}
	st.leaf, st.inline = nil, st.inline[:0]
}

// addHeading records a heading; levels 1–4 start a section, 5–6 are a line
// of the open one.
func (st *pageState) addHeading(h *ast.Heading, text string) {
	explicit := ""
	if v, ok := h.AttributeString("id"); ok {
		switch v := v.(type) {
		case []byte:
			explicit = string(bytes.TrimSpace(v))
		case string:
			explicit = v
		}
	}
	if !st.unsafe {
		h.RemoveAttributes()
	}
	idx := len(st.res.Headings)
	st.res.Headings = append(st.res.Headings, Heading{Level: h.Level, Text: text, Line: st.line(h.Pos())})
	st.headingNodes = append(st.headingNodes, h)
	st.explicitIDs = append(st.explicitIDs, explicit)
	if h.Level == 1 && st.res.Title == "" {
		st.res.Title = text
	}
	if h.Level > 4 {
		st.addLine([]byte(text))
		return
	}
	st.res.Words += countWords([]byte(text))
	st.finishSection()
	st.sectionOpen, st.sectionHeading, st.sectionTitle = true, idx, text
}

// addOutlineHeading records a paragraph that starts a part of a law as a
// heading of the table of contents; its text stays a line of the open
// section.
func (st *pageState) addOutlineHeading(n ast.Node, e outlineEntry) {
	st.res.Headings = append(st.res.Headings, Heading{Level: e.level, Text: e.title, Line: st.line(nodeOffset(n))})
	st.headingNodes = append(st.headingNodes, n)
	st.explicitIDs = append(st.explicitIDs, e.id)
}

// addLine appends one line of text to the open section.
func (st *pageState) addLine(line []byte) {
	if len(line) == 0 {
		return
	}
	st.res.Words += countWords(line)
	if len(st.sectionText) > 0 {
		st.sectionText = append(st.sectionText, '\n')
	}
	st.sectionText = append(st.sectionText, line...)
}

// finishSection closes the open section. Text before the first heading
// becomes a section only when there is some.
func (st *pageState) finishSection() {
	if !st.sectionOpen && len(st.sectionText) == 0 {
		return
	}
	st.res.Sections = append(st.res.Sections, Section{Heading: st.sectionTitle, Text: string(st.sectionText)})
	st.sectionOf = append(st.sectionOf, st.sectionHeading)
	st.sectionText = st.sectionText[:0]
	st.sectionOpen, st.sectionHeading, st.sectionTitle = false, -1, ""
}

// countWords counts the words of collapsed text: one more than its spaces.
func countWords(line []byte) int {
	if len(line) == 0 {
		return 0
	}
	return bytes.Count(line, []byte{' '}) + 1
}

// line returns the file line of a byte offset in the body; offsets that
// are unknown (negative) give the first line of the body.
func (st *pageState) line(off int) int {
	if off < 0 {
		return st.in.FirstLine
	}
	if len(st.lineStarts) == 0 {
		st.lineStarts = append(st.lineStarts, 0)
		for i := 0; ; {
			j := bytes.IndexByte(st.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			st.lineStarts = append(st.lineStarts, i)
		}
	}
	i := sort.Search(len(st.lineStarts), func(i int) bool { return st.lineStarts[i] > off })
	return i - 1 + st.in.FirstLine
}

// nodeOffset returns the source offset of n, or of its nearest ancestor
// that has one; -1 when none does.
func nodeOffset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
	}
	return -1
}
