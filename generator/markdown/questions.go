package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"tusach/generator/diag"
)

// questionsInfo is the info string of a fenced block of review questions.
const questionsInfo = "cau-hoi"

// questionsTransformerPriority makes question lists before the page walk,
// which then resolves their links and reads their text for search.
const questionsTransformerPriority = alertTransformerPriority

// Node kinds of a question list.
var (
	kindQuestions = ast.NewNodeKind("Questions")
	kindQuestion  = ast.NewNodeKind("Question")
	kindQPrompt   = ast.NewNodeKind("QuestionPrompt")
	kindQChoices  = ast.NewNodeKind("QuestionChoices")
	kindQChoice   = ast.NewNodeKind("QuestionChoice")
	kindQAnswer   = ast.NewNodeKind("QuestionAnswer")
)

// questionNode is a block of a question list; kind says which part it is.
// Prompts, choices and answers hold inline content; the others hold blocks.
type questionNode struct {
	ast.BaseBlock
	kind    ast.NodeKind
	correct bool   // a choice marked [x]
	key     string // an answer: the letters of the right choices, "B" or "A, C"
}

// Kind implements ast.Node.
func (n *questionNode) Kind() ast.NodeKind { return n.kind }

// Dump implements ast.Node.
func (n *questionNode) Dump(source []byte, level int) {
	attrs := map[string]string{}
	if n.correct {
		attrs["Correct"] = "true"
	}
	if n.key != "" {
		attrs["Key"] = n.key
	}
	ast.DumpHelper(n, source, level, attrs, nil)
}

func newQuestionNode(kind ast.NodeKind) *questionNode { return &questionNode{kind: kind} }

// questionLabels are the words a question list shows, per language.
type questionLabels struct{ show, key, right, wrong, list string }

var questionLabelsByLang = map[string]questionLabels{
	"vi": {show: "Xem đáp án", key: "Đáp án:", right: "Đúng", wrong: "Chưa đúng", list: "Câu hỏi ôn tập"},
	"en": {show: "Show answer", key: "Answer:", right: "Right", wrong: "Not right", list: "Review questions"},
}

// questionsExtension adds review questions to a goldmark instance.
type questionsExtension struct{ lang string }

// Extend implements goldmark.Extender.
func (e *questionsExtension) Extend(m goldmark.Markdown) {
	labels, ok := questionLabelsByLang[e.lang]
	if !ok {
		labels = questionLabelsByLang["vi"]
	}
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(&questionsTransformer{md: m}, questionsTransformerPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&questionsHTMLRenderer{labels: labels}, 500)))
}

// questionsTransformer replaces every ```cau-hoi block by a question list.
type questionsTransformer struct{ md goldmark.Markdown }

// Transform implements parser.ASTTransformer.
func (t *questionsTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(pageStateKey).(*pageState)
	if !ok {
		return // a line parsed for a question, or outside Render
	}
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if f, ok := n.(*ast.FencedCodeBlock); ok && string(f.Language(src)) == questionsInfo {
			blocks = append(blocks, f)
		}
		if isLeafBlock(n) {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, f := range blocks {
		list := t.build(st, f, src)
		f.Parent().ReplaceChild(f.Parent(), f, list)
	}
}

// questionBuilder reads the lines of one block.
type questionBuilder struct {
	t        *questionsTransformer
	st       *pageState
	src      []byte
	list     *questionNode
	question *questionNode // the open question
	choices  *questionNode // its choices, or nil
	answer   *questionNode // its answer, or nil
	last     *questionNode // the part a continuation line goes to; nil after a blank line
}

// build parses the lines of f into a question list. Syntax errors are
// recorded with their file line; the lines they name are skipped.
func (t *questionsTransformer) build(st *pageState, f *ast.FencedCodeBlock, src []byte) *questionNode {
	b := &questionBuilder{t: t, st: st, src: src, list: newQuestionNode(kindQuestions)}
	b.list.SetPos(f.Pos())
	lines := f.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.line(seg.Start, seg.Stop)
	}
	b.closeQuestion()
	return b.list
}

// line handles the source line src[start:stop].
func (b *questionBuilder) line(start, stop int) {
	v := b.src[start:stop]
	for len(v) > 0 && (v[len(v)-1] == '\n' || v[len(v)-1] == '\r') {
		v, stop = v[:len(v)-1], stop-1
	}
	indent := len(v) - len(bytes.TrimLeft(v, " \t"))
	v, start = v[indent:], start+indent
	switch {
	case len(bytes.TrimSpace(v)) == 0:
		b.last = nil
	case v[0] == '?' && (len(v) == 1 || v[1] == ' ' || v[1] == '\t'):
		b.closeQuestion()
		b.question = newQuestionNode(kindQuestion)
		b.question.SetPos(start)
		p := newQuestionNode(kindQPrompt)
		b.question.AppendChild(b.question, p)
		b.fill(p, start+1, stop)
		if p.ChildCount() == 0 {
			b.fail(start, "question without text after \"?\"")
		}
		b.last = p
	case isChoice(v):
		if b.question == nil {
			b.fail(start, "choice before the first question (start a question with \"? \")")
			return
		}
		if b.choices == nil {
			b.choices = newQuestionNode(kindQChoices)
			b.question.AppendChild(b.question, b.choices)
		}
		c := newQuestionNode(kindQChoice)
		c.correct = v[3] == 'x' || v[3] == 'X'
		b.choices.AppendChild(b.choices, c)
		b.fill(c, start+5, stop)
		b.last = c
	case v[0] == '>':
		if b.question == nil {
			b.fail(start, "answer before the first question (start a question with \"? \")")
			return
		}
		if b.answer == nil {
			b.answer = newQuestionNode(kindQAnswer)
			b.answer.SetPos(start)
		} else if b.answer.ChildCount() > 0 {
			b.lineBreak(b.answer, start)
		}
		b.fill(b.answer, start+1, stop)
		b.last = b.answer
	case b.last != nil:
		b.lineBreak(b.last, start)
		b.fill(b.last, start, stop)
	default:
		b.fail(start, "want a line starting with \"? \" (question), \"- [x] \" or \"- [ ] \" (choice) or \"> \" (answer)")
	}
}

// isChoice reports whether a line starts "- [x] ", "- [X] " or "- [ ] " (or
// with "*" or "+" for "-").
func isChoice(v []byte) bool {
	return len(v) >= 5 && (v[0] == '-' || v[0] == '*' || v[0] == '+') && v[1] == ' ' && v[2] == '[' &&
		(v[3] == ' ' || v[3] == 'x' || v[3] == 'X') && v[4] == ']' && (len(v) == 5 || v[5] == ' ' || v[5] == '\t')
}

// closeQuestion files the open question: its answer goes last, with the
// letters of the right choices.
func (b *questionBuilder) closeQuestion() {
	q := b.question
	if q == nil {
		return
	}
	if b.choices != nil {
		var right []string
		i := 0
		for c := b.choices.FirstChild(); c != nil; c = c.NextSibling() {
			if c.(*questionNode).correct {
				right = append(right, choiceLetter(i))
			}
			i++
		}
		if len(right) == 0 {
			b.fail(q.Pos(), "no choice of this question is marked right with \"- [x] \"")
		}
		if b.answer == nil {
			b.answer = newQuestionNode(kindQAnswer)
		}
		b.answer.key = strings.Join(right, ", ")
	}
	if b.answer != nil {
		q.AppendChild(q, b.answer)
	}
	b.list.AppendChild(b.list, q)
	b.question, b.choices, b.answer, b.last = nil, nil, nil, nil
}

// choiceLetter names the i-th choice: A, B, ..., Z, then 27, 28, ...
func choiceLetter(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return strconv.Itoa(i + 1)
}

// fail records a syntax error at the line of offset off.
func (b *questionBuilder) fail(off int, msg string) {
	b.st.res.Errors.Add(&diag.Error{Path: b.st.in.File, Line: b.st.line(off), Msg: "questions: " + msg})
}

// lineBreak ends the inline content of part so far with a soft line break.
func (b *questionBuilder) lineBreak(part *questionNode, off int) {
	if part.ChildCount() == 0 {
		return
	}
	br := ast.NewTextSegment(text.NewSegment(off, off))
	br.SetSoftLineBreak(true)
	part.AppendChild(part, br)
}

// fill appends to part the inline content of src[start:stop], with leading
// spaces skipped. The text is parsed as Markdown on its own; when it is not
// a single paragraph (say "1. ..." or "# ..."), it is kept as plain text.
// Nodes keep their offsets in the document, so links are resolved and
// reported at the right line by the page walk.
func (b *questionBuilder) fill(part *questionNode, start, stop int) {
	for start < stop && (b.src[start] == ' ' || b.src[start] == '\t') {
		start++
	}
	if start >= stop {
		return
	}
	if part.Pos() < 0 {
		part.SetPos(start)
	}
	lineStart := bytes.LastIndexByte(b.src[:start], '\n') + 1
	r := text.NewReader(b.src[:stop])
	for {
		_, seg := r.PeekLine()
		if seg.Start >= lineStart || seg.Stop >= stop {
			break
		}
		r.AdvanceLine()
	}
	r.PeekLine()
	r.Advance(start - lineStart)
	doc := b.t.md.Parser().Parse(r)
	p, ok := doc.FirstChild().(*ast.Paragraph)
	if !ok || p.NextSibling() != nil {
		t := ast.NewTextSegment(text.NewSegment(start, stop))
		part.AppendChild(part, t)
		return
	}
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		part.AppendChild(part, c)
		c = next
	}
}

// questionsHTMLRenderer writes question lists.
type questionsHTMLRenderer struct{ labels questionLabels }

// RegisterFuncs implements renderer.NodeRenderer.
func (r *questionsHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	for _, k := range []ast.NodeKind{kindQuestions, kindQuestion, kindQPrompt, kindQChoices, kindQChoice, kindQAnswer} {
		reg.Register(k, r.render)
	}
}

func (r *questionsHTMLRenderer) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*questionNode)
	switch n.kind {
	case kindQuestions:
		if entering {
			_, _ = w.WriteString(`<ol class="questions" aria-label="` + r.labels.list + `" data-right="` +
				r.labels.right + `" data-wrong="` + r.labels.wrong + "\">\n")
		} else {
			_, _ = w.WriteString("</ol>\n")
		}
	case kindQuestion:
		if entering {
			_, _ = w.WriteString("<li class=\"question\">\n")
		} else {
			_, _ = w.WriteString("</li>\n")
		}
	case kindQPrompt:
		if entering {
			_, _ = w.WriteString(`<p class="question-text">`)
		} else {
			_, _ = w.WriteString("</p>\n")
		}
	case kindQChoices:
		if entering {
			_, _ = w.WriteString("<ol class=\"choices\" type=\"A\">\n")
		} else {
			_, _ = w.WriteString("</ol>\n")
		}
	case kindQChoice:
		if !entering {
			_, _ = w.WriteString("</li>\n")
		} else if n.correct {
			_, _ = w.WriteString(`<li class="choice" data-correct="true">`)
		} else {
			_, _ = w.WriteString(`<li class="choice">`)
		}
	case kindQAnswer:
		if !entering {
			_, _ = w.WriteString("</p>\n</details>\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<details class=\"answer\"><summary>" + r.labels.show + "</summary>\n<p>")
		if n.key != "" {
			_, _ = w.WriteString(`<strong class="answer-key">` + r.labels.key + " " + n.key + "</strong>")
			if n.ChildCount() > 0 {
				_, _ = w.WriteString(" ")
			}
		}
	}
	return ast.WalkContinue, nil
}
