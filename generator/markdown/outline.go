package markdown

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"tusach/generator/viet"
)

// A law written without Markdown headings (the full laws of the real
// corpus: one paragraph of lines, 250 KB) still has its parts: lines that
// start "Chương I", "Mục 2." or "Điều 15.". When a document has no heading
// of level 2 to 4, those lines start paragraphs of their own, with IDs, and
// enter Result.Headings (Chương at level 2, Mục 3, Điều 4) with short IDs
// ("dieu-15"; an ID taken gets a suffix, as a heading's), so that the page
// gets a table of contents and scopes and links can point at an article.
const (
	// minOutline is the fewest such lines that make an outline: a single
	// article ("Điều 5. ...", the corpus's one-article documents) needs no
	// table of contents.
	minOutline = 2
	// maxOutline bounds the entries of one document.
	maxOutline = 2000
	// maxOutlineTitle is the most characters of a line kept as its title.
	maxOutlineTitle = 120
)

// outlineLine matches, on lowercase text, the start of a line that begins
// a part of a law, the number in group 2 and what follows in group 3.
var outlineLine = regexp.MustCompile(`^(chương|mục|điều)\s+([0-9]+[a-zđ]?|[ivxlc]+)\b\s*(.*)$`)

// outlineLevel returns the level of a line of text that begins a part of a
// law ("Điều 15. Quyền…" → 4), 0 for any other line. An article needs the
// full stop after its number ("Điều 5 của Luật này…" is a sentence); a
// chapter or section a line of its own or punctuation or capitals after.
func outlineLevel(line string) int {
	m := outlineLine.FindStringSubmatch(strings.ToLower(line))
	if m == nil {
		return 0
	}
	rest := m[3]
	ownLine := rest == "" || strings.ContainsAny(rest[:1], ".:-–") || upperRest(line)
	switch {
	case m[1] == "điều" && isDigitString(m[2]) && strings.HasPrefix(rest, "."):
		return 4
	case m[1] == "mục" && isDigitString(m[2]) && ownLine:
		return 3
	case m[1] == "chương" && ownLine:
		return 2
	}
	return 0
}

// isDigitString reports whether s starts with a digit.
func isDigitString(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// upperRest reports whether the line, past its first two words, has no
// lowercase letter ("Chương II NHỮNG QUY ĐỊNH CHUNG").
func upperRest(line string) bool {
	f := strings.Fields(line)
	if len(f) < 3 {
		return false
	}
	return strings.IndexFunc(strings.Join(f[2:], " "), unicode.IsLower) < 0
}

// outlineEntry is a paragraph that starts a part of a law.
type outlineEntry struct {
	level int
	title string
	id    string // its part and number: "dieu-15", "chuong-ii"
}

// splitOutline finds, when doc has no heading of level 2 to 4, the lines
// of its paragraphs (list items' included: a line "1. …" of a law starts a
// list) that start a part of a law, makes each the start of a paragraph of
// its own and records it in st.outline. It reads each inline node a
// bounded number of times.
func (st *pageState) splitOutline(doc *ast.Document) {
	type start struct {
		block ast.Node // the paragraph or text block of the line
		node  ast.Node // first inline node of the line
		entry outlineEntry
	}
	var starts []start
	headings := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch b := n.(type) {
		case *ast.Heading:
			if b.Level >= 2 && b.Level <= 4 {
				headings = true
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			for c := b.FirstChild(); c != nil && len(starts) < maxOutline; {
				if !st.mayStartPart(c) {
					c = nextLine(c)
					continue
				}
				line, next := st.lineText(c)
				if level := outlineLevel(line); level > 0 {
					title := line
					if level < 4 && next != nil && !strings.ContainsAny(line, ".:") {
						if more, _ := st.lineText(next); more != "" && outlineLevel(more) == 0 &&
							strings.IndexFunc(more, unicode.IsLower) < 0 {
							title = line + ". " + more
						}
					}
					id := viet.Slug(strings.Join(strings.Fields(line)[:2], " "))
					starts = append(starts, start{b, c, outlineEntry{level, cutTitle(title), id}})
				}
				c = next
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if headings || len(starts) < minOutline {
		return
	}
	if st.outline == nil {
		st.outline = map[ast.Node]outlineEntry{}
	}
	var cur, from ast.Node // the block being split, and its original
	for _, s := range starts {
		if s.block != from {
			cur, from = s.block, s.block
		}
		if _, para := cur.(*ast.Paragraph); s.node != cur.FirstChild() || !para {
			cur = splitParagraph(cur, s.node)
		}
		st.outline[cur] = s.entry
	}
}

// splitParagraph moves node and the inline nodes after it out of block (a
// paragraph or text block) into a new paragraph right after it, with the
// source lines they come from, and returns the new paragraph; a block left
// empty goes. The line break before node goes.
func splitParagraph(block, node ast.Node) ast.Node {
	if t, ok := node.PreviousSibling().(*ast.Text); ok {
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
	}
	para, parent := block, block.Parent()
	np := ast.NewParagraph()
	if off := firstOffset(node); off >= 0 {
		lines := para.Lines()
		k := 0
		for k < lines.Len() && lines.At(k).Stop <= off {
			k++
		}
		rest := text.NewSegments()
		rest.AppendAll(lines.Sliced(k, lines.Len()))
		np.SetLines(rest)
		lines.SetSliced(0, k)
	}
	parent.InsertAfter(parent, para, np)
	for n := node; n != nil; {
		next := n.NextSibling()
		para.RemoveChild(para, n)
		np.AppendChild(np, n)
		n = next
	}
	if !para.HasChildren() {
		parent.RemoveChild(parent, para)
	}
	return np
}

// firstOffset returns the source offset of the first text in n, -1 when
// it has none.
func firstOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// partWords are the lowercase first words of the lines outlineLevel may
// accept.
var partWords = []string{"điều", "chương", "mục"}

// mayStartPart tells cheaply, from the first bytes of its text, whether the
// line starting at inline node n may start a part of a law, so that other
// lines are passed over without collecting their text.
func (st *pageState) mayStartPart(n ast.Node) bool {
	off := firstOffset(n)
	if off < 0 {
		return false
	}
	head := strings.ToLower(string(st.src[off:min(off+len("chương"), len(st.src))]))
	for _, w := range partWords {
		if strings.HasPrefix(head, w) {
			return true
		}
	}
	return false
}

// nextLine returns the first inline node of the line after the one that
// holds n, nil at the end of the paragraph.
func nextLine(n ast.Node) ast.Node {
	for ; n != nil; n = n.NextSibling() {
		if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			return n.NextSibling()
		}
	}
	return nil
}

// lineText returns the plain text of the line of a paragraph that starts at
// inline node n (at most a little over maxOutlineTitle characters of it)
// and the first node of the next line, nil at the end of the paragraph.
func (st *pageState) lineText(n ast.Node) (string, ast.Node) {
	var b []byte
	for ; n != nil; n = n.NextSibling() {
		if len(b) < 4*maxOutlineTitle {
			b = st.appendPlain(b, n)
		}
		if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			return collapse(b), n.NextSibling()
		}
	}
	return collapse(b), nil
}

// collapse returns text with each run of white space made one space.
func collapse(b []byte) string { return strings.Join(strings.Fields(string(b)), " ") }

// appendPlain appends the text of inline node n and its children, escapes
// and character references resolved.
func (st *pageState) appendPlain(b []byte, n ast.Node) []byte {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(st.src)
		if !n.IsRaw() {
			v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
		}
		return append(b, v...)
	case *ast.String:
		return append(b, n.Value...)
	case *ast.RawHTML, *ast.AutoLink:
		return b
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b = st.appendPlain(b, c)
	}
	return b
}

// cutTitle shortens a title to maxOutlineTitle characters at a space,
// marking the cut with "…".
func cutTitle(s string) string {
	if utf8.RuneCountInString(s) <= maxOutlineTitle {
		return s
	}
	cut, n := 0, 0
	for i := range s {
		if n == maxOutlineTitle {
			break
		}
		cut, n = i, n+1
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > maxOutlineTitle/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
