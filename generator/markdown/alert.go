package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// alertKind is the kind of a GitHub-style alert.
type alertKind uint8

const (
	alertNote alertKind = iota
	alertTip
	alertImportant
	alertWarning
	alertCaution
	alertKinds // number of kinds
)

// alertMarkers are the first-line markers, upper case; matching ignores case.
var alertMarkers = [alertKinds]string{"[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]", "[!CAUTION]"}

// alertClasses are the CSS class suffixes: "alert alert-note".
var alertClasses = [alertKinds]string{"note", "tip", "important", "warning", "caution"}

// alertTitles are the titles shown above an alert, per language.
var alertTitles = map[string][alertKinds]string{
	"vi": {"Ghi chú", "Mẹo", "Quan trọng", "Cảnh báo", "Thận trọng"},
	"en": {"Note", "Tip", "Important", "Warning", "Caution"},
}

// alertKindOf returns the kind named by a trimmed first line, if it is a marker.
func alertKindOf(line []byte) (alertKind, bool) {
	for k, m := range alertMarkers {
		if len(line) == len(m) && bytes.EqualFold(line, []byte(m)) {
			return alertKind(k), true
		}
	}
	return 0, false
}

// kindAlert is the goldmark node kind of an alert.
var kindAlert = ast.NewNodeKind("Alert")

// alertNode is a block quote turned into an alert; its children are the
// quote's blocks without the marker line.
type alertNode struct {
	ast.BaseBlock
	kind alertKind
}

// Kind implements ast.Node.
func (n *alertNode) Kind() ast.NodeKind { return kindAlert }

// Dump implements ast.Node.
func (n *alertNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"AlertKind": fmt.Sprint(alertClasses[n.kind])}, nil)
}

// alertExtension adds alerts to a goldmark instance.
type alertExtension struct{ lang string }

// Extend implements goldmark.Extender.
func (e *alertExtension) Extend(m goldmark.Markdown) {
	titles, ok := alertTitles[e.lang]
	if !ok {
		titles = alertTitles["vi"]
	}
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(alertTransformer{}, alertTransformerPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&alertHTMLRenderer{titles: titles}, 500)))
}

// Transformer priorities: lower runs first. Footnotes (999) are gathered
// before; alerts are made before the page walk reads the tree.
const (
	alertTransformerPriority = 1000
	pageTransformerPriority  = 1001
)

// alertTransformer turns block quotes that start with a marker line into
// alert nodes.
type alertTransformer struct{}

// Transform implements parser.ASTTransformer.
func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if q, ok := n.(*ast.Blockquote); ok {
			quotes = append(quotes, q)
		}
		if isLeafBlock(n) {
			return ast.WalkSkipChildren, nil // no block quote inside
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	for _, q := range quotes {
		makeAlert(q, src)
	}
}

// isLeafBlock reports whether n is a block holding inline content
// (paragraph, heading, table cell, ...), which cannot contain blocks.
func isLeafBlock(n ast.Node) bool {
	c := n.FirstChild()
	return n.Type() == ast.TypeBlock && c != nil && c.Type() == ast.TypeInline
}

// makeAlert replaces q by an alert when its first line is a marker and
// something follows it, as GitHub does.
func makeAlert(q *ast.Blockquote, src []byte) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return
	}
	first := p.Lines().At(0)
	kind, ok := alertKindOf(bytes.TrimSpace(first.Value(src)))
	if !ok {
		return
	}
	if p.Lines().Len() == 1 && p.NextSibling() == nil {
		return // a marker alone is not an alert
	}
	// Drop the inline nodes of the marker line.
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		if pos := c.Pos(); pos < 0 || pos >= first.Stop {
			break
		}
		p.RemoveChild(p, c)
		c = next
	}
	p.Lines().SetSliced(1, p.Lines().Len())
	if p.ChildCount() == 0 {
		q.RemoveChild(q, p)
	}
	a := &alertNode{kind: kind}
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		a.AppendChild(a, c)
		c = next
	}
	q.Parent().ReplaceChild(q.Parent(), q, a)
}

// alertHTMLRenderer writes alert nodes.
type alertHTMLRenderer struct{ titles [alertKinds]string }

// RegisterFuncs implements renderer.NodeRenderer.
func (r *alertHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindAlert, r.render)
}

func (r *alertHTMLRenderer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	k := n.(*alertNode).kind
	_, _ = w.WriteString(`<div class="alert alert-`)
	_, _ = w.WriteString(alertClasses[k])
	_, _ = w.WriteString(`" role="note"><p class="alert-title">`)
	_, _ = w.WriteString(r.titles[k])
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}
