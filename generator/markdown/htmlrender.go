package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// pageExtension adds the page walk (heading IDs, links, text for search)
// and the HTML overrides of this package (table wrapper, silent raw HTML).
type pageExtension struct{ unsafe bool }

// Extend implements goldmark.Extender.
func (e *pageExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(pageTransformer{}, pageTransformerPriority)))
	// A lower priority value registers last and wins over the table
	// extension (500) and the CommonMark renderer (1000).
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&pageHTMLRenderer{unsafe: e.unsafe}, 100)))
}

// pageHTMLRenderer overrides how tables and raw HTML are written.
type pageHTMLRenderer struct{ unsafe bool }

// RegisterFuncs implements renderer.NodeRenderer.
func (r *pageHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, renderWrappedTable)
	if !r.unsafe {
		reg.Register(ast.KindHTMLBlock, renderNothing)
		reg.Register(ast.KindRawHTML, renderNothing)
	}
}

// renderWrappedTable writes a table inside <div class="table-wrap">, which
// the theme makes scroll sideways.
func renderWrappedTable(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="table-wrap">` + "\n<table")
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, extension.TableAttributeFilter)
	}
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// renderNothing drops a node and its children from the output.
func renderNothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}
