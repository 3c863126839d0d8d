package markdown

import (
	"bytes"

	"tusach/generator/diag"
)

// Limits bound the work one document's Markdown can cause. goldmark has no
// limits of its own and some inputs cost it far more than their size (a list
// nested 3,000 levels takes it most of a minute, "[a](" repeated 100,000
// times close to one), so [Renderer.Render] measures the source in one linear
// pass first and refuses a document that passes a limit, with an error at the
// line where it does. Each limit is far above what real documents reach (see
// the README's table of limits and TestLimitsLeaveRoom).
const (
	MaxListDepth       = 32      // lists nested in lists
	MaxQuoteDepth      = 32      // block quotes nested in block quotes
	MaxFootnotes       = 2000    // footnote definitions ("[^1]: …")
	MaxLinkDefinitions = 2000    // link reference definitions ("[x]: /url")
	MaxBrackets        = 5000    // "[" (every link, image and footnote opens with one)
	MaxTableCells      = 100_000 // cells of all tables: rows × the columns of their header
	MaxHeadings        = 10_000  // headings ("# …" and underlined), each an ID to make unique
)

// usage is what [measureBody] finds in a Markdown source: for each limited
// quantity the largest value and the source line (1-based) on which it was
// reached.
type usage struct {
	listDepth, quoteDepth, footnotes, definitions, brackets, tableCells, headings reach
}

// reach is a value and the line on which it was reached.
type reach struct{ value, line int }

// raise records value on line when it is larger than what r holds, and
// reports whether it is now over limit.
func (r *reach) raise(value, line, limit int) bool {
	if value > r.value {
		r.value, r.line = value, line
	}
	return r.value > limit
}

// checkLimits returns an error at the file line where in.Source first passes
// one of the limits, or nil.
func checkLimits(in Input) *diag.Error {
	u, over := measureBody(in.Source)
	if !over {
		return nil
	}
	for _, c := range []struct {
		r     reach
		limit int
		what  string
	}{
		{u.listDepth, MaxListDepth, "lists nested %d deep; at most %d levels are allowed"},
		{u.quoteDepth, MaxQuoteDepth, "block quotes nested %d deep; at most %d levels are allowed"},
		{u.footnotes, MaxFootnotes, "more than %[2]d footnote definitions (this is number %[1]d)"},
		{u.definitions, MaxLinkDefinitions, "more than %[2]d link reference definitions (this is number %[1]d)"},
		{u.brackets, MaxBrackets, "more than %[2]d \"[\" in one document (links, images, footnotes; this is number %[1]d); split the document"},
		{u.headings, MaxHeadings, "more than %[2]d headings in one document (this is number %[1]d); split the document"},
		{u.tableCells, MaxTableCells, "tables of more than %[2]d cells in one document (%[1]d here, counting every row as wide as its header); split the document"},
	} {
		if c.r.value > c.limit {
			return diag.New(in.File, in.FirstLine+c.r.line-1, c.what, c.r.value, c.limit)
		}
	}
	return nil
}

// measureBody measures src in one pass over its lines, stopping at the
// first line that passes a limit (over is then true). Block structure is
// approximated as CommonMark reads it: a line's list depth is the number of
// open list items whose content column the line reaches, plus the list
// markers that start it; its quote depth the number of ">" that start it.
func measureBody(src []byte) (u usage, over bool) {
	var items []int // content columns of the open list items
	prevQuotes := 0
	prevBlank := true
	columns := 0 // of the table being read, 0 outside tables
	for n := 1; len(src) > 0; n++ {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if u.brackets.raise(u.brackets.value+countOpenBrackets(line), n, MaxBrackets) {
			return u, true
		}
		quotes, rest, col := 0, line, 0
		for {
			r, c := skipSpace(rest, col)
			if len(r) == 0 || r[0] != '>' {
				break
			}
			quotes, rest, col = quotes+1, r[1:], c+1
		}
		if quotes != prevQuotes {
			items = items[:0] // a list inside other quotes is another list
		}
		prevQuotes = quotes
		rest, col = skipSpace(rest, col)
		if len(rest) == 0 {
			prevBlank, columns = true, 0
			continue // a blank line closes no list by itself
		}
		// A table's every row is rendered as wide as its header (goldmark
		// pads short rows), so a wide header over many rows costs rows ×
		// columns however short the rows are.
		if columns > 0 {
			if u.tableCells.raise(u.tableCells.value+columns, n, MaxTableCells) {
				return u, true
			}
		} else if c := delimiterRowCells(rest); c > 0 && !prevBlank {
			columns = c
			if u.tableCells.raise(u.tableCells.value+2*columns, n, MaxTableCells) {
				return u, true
			}
		}
		if isHeading(rest, prevBlank) && u.headings.raise(u.headings.value+1, n, MaxHeadings) {
			return u, true
		}
		prevBlank = false
		for len(items) > 0 && items[len(items)-1] > col {
			items = items[:len(items)-1]
		}
		base := 0
		if len(items) > 0 {
			base = items[len(items)-1]
		}
		if col < base+4 { // further in, the line is code or continued text
			for {
				if len(rest) > 0 && rest[0] == '>' {
					quotes++
					rest, col = skipSpace(rest[1:], col+1)
					continue
				}
				width := listMarker(rest)
				if width == 0 {
					break
				}
				after, c := skipSpace(rest[width:], col+width)
				if c-(col+width) > 4 || len(after) == 0 {
					c = col + width + 1 // content starts one column after the marker
				}
				items = append(items, c)
				rest, col = after, c
			}
		}
		if u.listDepth.raise(len(items), n, MaxListDepth) || u.quoteDepth.raise(quotes, n, MaxQuoteDepth) {
			return u, true
		}
		if bytes.HasPrefix(rest, []byte("[")) && bytes.Contains(rest, []byte("]:")) {
			if bytes.HasPrefix(rest, []byte("[^")) {
				if u.footnotes.raise(u.footnotes.value+1, n, MaxFootnotes) {
					return u, true
				}
			} else if u.definitions.raise(u.definitions.value+1, n, MaxLinkDefinitions) {
				return u, true
			}
		}
	}
	return u, false
}

// skipSpace returns b after its leading spaces and tabs and the column
// reached from col (tabs stop every 4 columns).
func skipSpace(b []byte, col int) ([]byte, int) {
	i := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return b[i:], col
		}
	}
	return b[i:], col
}

// listMarker returns the width of the list item marker that starts b ("-",
// "*", "+", "1." or "1)", followed by a space, a tab or the end of the
// line), or 0.
func listMarker(b []byte) int {
	i := 0
	switch {
	case len(b) > 0 && (b[0] == '-' || b[0] == '*' || b[0] == '+'):
		i = 1
	default:
		for i < len(b) && i < 9 && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(b) || (b[i] != '.' && b[i] != ')') {
			return 0
		}
		i++
	}
	if i < len(b) && b[i] != ' ' && b[i] != '\t' {
		return 0
	}
	return i
}

// isHeading reports whether line (after its containers and indentation)
// starts an ATX heading ("## …") or, after a line of text (afterBlank false),
// underlines one ("===" or "---").
func isHeading(line []byte, afterBlank bool) bool {
	if len(line) == 0 {
		return false
	}
	hashes := 0
	for hashes < len(line) && line[hashes] == '#' {
		hashes++
	}
	if hashes >= 1 && hashes <= 6 {
		return hashes == len(line) || line[hashes] == ' ' || line[hashes] == '\t'
	}
	if afterBlank || (line[0] != '=' && line[0] != '-') {
		return false
	}
	trimmed := bytes.TrimRight(line, " \t")
	return len(bytes.Trim(trimmed, string(line[:1]))) == 0
}

// delimiterRowCells returns the number of cells of line when it can be a
// table's delimiter row ("|---|:-:|", "--- | ---"): only "|", "-", ":",
// spaces and tabs, at least one "|" and one "-"; otherwise 0.
func delimiterRowCells(line []byte) int {
	cells, pipes, inCell := 0, 0, false
	for _, c := range line {
		switch c {
		case '-':
			if !inCell {
				cells++
				inCell = true
			}
		case '|':
			pipes++
			inCell = false
		case ':', ' ', '\t':
		default:
			return 0
		}
	}
	if pipes == 0 {
		return 0
	}
	return cells
}

// countOpenBrackets counts the "[" of line that no backslash escapes.
func countOpenBrackets(line []byte) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '[':
			n++
		}
	}
	return n
}
