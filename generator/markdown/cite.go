package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"tusach/generator/xref"
)

// citeTransformerPriority runs the cross-reference walk after the page
// walk, so that the links it adds are not taken for links written by the
// author (resolved as paths, reported as broken).
const citeTransformerPriority = pageTransformerPriority + 1

// citeClass marks the links made from document numbers: class="xref".
var citeClass = []byte("xref")

// citeExtension adds the cross-reference transformer.
type citeExtension struct{}

// Extend implements goldmark.Extender.
func (citeExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(citeTransformer{}, citeTransformerPriority)))
}

// citeTransformer links the document numbers cited in text to the pages
// of those documents, through [Input.Cite].
type citeTransformer struct{}

// Transform implements parser.ASTTransformer.
func (citeTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(pageStateKey).(*pageState)
	if !ok || st.in.Cite == nil {
		return
	}
	src := reader.Source()
	var texts []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock,
			*ast.Link, *ast.Image, *ast.AutoLink, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *questionNode:
			if n.kind == kindQChoice {
				return ast.WalkSkipChildren, nil // a link would spoil picking the choice
			}
		case *ast.Text:
			mergeFollowingText(n, src)
			if mayCite(n.Segment.Value(src)) {
				texts = append(texts, n)
			}
		case *ast.String:
			if !n.IsCode() && mayCite(n.Value) {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	seen := map[string]bool{}
	for _, n := range texts {
		st.citeIn(n, src, seen)
	}
}

// mergeFollowingText joins to t the text nodes that follow it directly in
// the source: the inline parser may split "30/NQ-CP" at the "-".
func mergeFollowingText(t *ast.Text, src []byte) {
	for {
		next, ok := t.NextSibling().(*ast.Text)
		if !ok || next.Segment.Start != t.Segment.Stop || t.SoftLineBreak() || t.HardLineBreak() ||
			next.IsRaw() != t.IsRaw() || t.Segment.Padding != 0 || next.Segment.Padding != 0 {
			return
		}
		if v := t.Segment.Value(src); len(v) > 0 && v[len(v)-1] == '\\' {
			return // an escape must stay where the parser put it
		}
		t.Segment = t.Segment.WithStop(next.Segment.Stop)
		t.SetSoftLineBreak(next.SoftLineBreak())
		t.SetHardLineBreak(next.HardLineBreak())
		t.Parent().RemoveChild(t.Parent(), next)
	}
}

// mayCite is a cheap test that v holds a digit followed by a separator,
// which every document number does.
func mayCite(v []byte) bool {
	for i := 0; i+1 < len(v); i++ {
		if v[i] >= '0' && v[i] <= '9' {
			switch v[i+1] {
			case '/', '-', ' ', 0xE2, 0xC2: // 0xE2, 0xC2 start the other dashes and the no-break space
				return true
			}
		}
	}
	return false
}

// citeIn splits the text node n around every number that Cite resolves,
// putting each into a link.
func (st *pageState) citeIn(n ast.Node, src []byte, seen map[string]bool) {
	var value []byte
	var seg text.Segment
	t, isText := n.(*ast.Text)
	if isText {
		seg = t.Segment
		value = seg.Value(src)
	} else {
		value = n.(*ast.String).Value
	}
	parent := n.Parent()
	done := 0 // bytes of value already placed before n
	for _, m := range xref.Find(value) {
		key := xref.Normalize(m.Number)
		href, ok := st.in.Cite(key)
		if !ok {
			continue
		}
		if !seen[key] {
			seen[key] = true
			st.res.Cites = append(st.res.Cites, key)
		}
		if m.Start > done {
			parent.InsertBefore(parent, n, citePiece(n, isText, seg, value, done, m.Start))
		}
		link := ast.NewLink()
		link.Destination = []byte(href)
		link.SetAttributeString("class", citeClass)
		link.AppendChild(link, citePiece(n, isText, seg, value, m.Start, m.End))
		parent.InsertBefore(parent, n, link)
		done = m.End
	}
	if done == 0 {
		return
	}
	// n keeps the rest of the text, and with it any line break after it.
	if isText {
		t.Segment = seg.WithStart(seg.Start + done)
	} else {
		s := n.(*ast.String)
		s.Value = s.Value[done:]
	}
	if done == len(value) && !isText {
		parent.RemoveChild(parent, n)
	}
}

// citePiece returns a node holding value[from:to] of the text node n, of
// the same kind: a Text over the same source, or a String.
func citePiece(n ast.Node, isText bool, seg text.Segment, value []byte, from, to int) ast.Node {
	if isText {
		p := ast.NewTextSegment(text.NewSegment(seg.Start+from, seg.Start+to))
		p.SetRaw(n.(*ast.Text).IsRaw())
		return p
	}
	s := ast.NewString(append([]byte(nil), value[from:to]...))
	s.SetRaw(n.(*ast.String).IsRaw())
	return s
}
