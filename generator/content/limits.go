package content

import (
	"bytes"
	"strings"

	"tusach/generator/diag"
)

// Limits bound the work one document can cause, far above what real
// documents reach (the README lists each with the largest real value). Each
// is checked before the expensive step it protects: the file size before
// anything is parsed, the front matter's size and nesting before it is
// decoded, the key count and list lengths before fields are read.
const (
	MaxFileBytes        = 8 << 20  // a document file
	MaxFrontMatterBytes = 64 << 10 // the front matter
	MaxFrontMatterKeys  = 200      // top-level front-matter keys
	MaxValueDepth       = 20       // lists and maps nested in front-matter values
	MaxTerms            = 100      // items of tags, topics or references
)

// termFields are the list fields whose items become pages or links, bounded
// by MaxTerms.
var termFields = map[string]bool{"tags": true, "topics": true, "references": true}

// checkFileSize refuses a file larger than MaxFileBytes.
func checkFileSize(file string, data []byte) *diag.Error {
	if len(data) > MaxFileBytes {
		return diag.New(file, 1, "file is %.1f MB; a document may have at most %d MB: split it", float64(len(data))/(1<<20), MaxFileBytes>>20)
	}
	return nil
}

// checkFrontMatterSize refuses front matter src, starting on file line
// firstLine, larger than MaxFrontMatterBytes.
func checkFrontMatterSize(file string, src []byte, firstLine int) *diag.Error {
	if len(src) > MaxFrontMatterBytes {
		return diag.New(file, firstLine+bytes.Count(src[:MaxFrontMatterBytes], []byte("\n")),
			"front matter is larger than %d KB", MaxFrontMatterBytes>>10)
	}
	return nil
}

// checkFields refuses more than MaxFrontMatterKeys keys, term lists of more
// than MaxTerms items and values nested deeper than MaxValueDepth, naming the
// first key or field past a limit.
func checkFields(file string, fields []field) *diag.Error {
	if len(fields) > MaxFrontMatterKeys {
		f := fields[MaxFrontMatterKeys]
		return diag.New(file, f.line, "more than %d front-matter keys", MaxFrontMatterKeys)
	}
	for _, f := range fields {
		if list, ok := f.value.([]any); ok && len(list) > MaxTerms && termFields[strings.ToLower(strings.TrimSpace(f.key))] {
			return diag.Field(file, f.line, f.key, "%d items; at most %d are allowed", len(list), MaxTerms)
		}
		if depth := valueDepth(f.value); depth > MaxValueDepth {
			return diag.Field(file, f.line, f.key, "lists and maps nested more than %d deep", MaxValueDepth)
		}
	}
	return nil
}

// valueDepth returns how deep lists and maps nest in v (a scalar is 0),
// looking no deeper than MaxValueDepth+1.
func valueDepth(v any) int {
	return depthBelow(v, MaxValueDepth+1)
}

// depthBelow returns the nesting depth of v, or limit when it is at least
// limit.
func depthBelow(v any, limit int) int {
	if limit <= 0 {
		return 0
	}
	deepest := 0
	visit := func(x any) bool {
		deepest = max(deepest, depthBelow(x, limit-1))
		return deepest < limit-1
	}
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if !visit(x) {
				break
			}
		}
	case []map[string]any:
		for _, x := range v {
			if !visit(x) {
				break
			}
		}
	case map[string]any:
		for _, x := range v {
			if !visit(x) {
				break
			}
		}
	case map[any]any:
		for _, x := range v {
			if !visit(x) {
				break
			}
		}
	default:
		return 0
	}
	return deepest + 1
}

// bracketScanner finds how deep "[" and "{" nest in TOML or JSON text, and
// where a JSON value ends, skipping strings and (for TOML) comments. It is
// one linear pass and needs no stack, so any input is safe to scan.
type bracketScanner struct {
	toml bool // TOML syntax: '…' literal strings, """…""" and '''…''' strings, # comments
}

// scan reads src from the start. It stops at the first bracket that nests
// deeper than MaxValueDepth (deep is then true) or, for JSON, at the end of
// the first value (end is then its offset + 1). line is the 1-based line
// where it stopped. In TOML each dot of a dotted key ("a.b.c = 1",
// "[a.b.c]") nests one level too: the TOML parser takes time quadratic in
// their number.
func (s bracketScanner) scan(src []byte) (end, line int, deep bool) {
	depth, dots := 0, 0
	line = 1
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line++
			dots = 0
		case '.':
			if s.toml && !(i > 0 && isDigit(src[i-1]) && i+1 < len(src) && isDigit(src[i+1])) { // not 1.5
				dots++
				if depth+dots > MaxValueDepth {
					return i + 1, line, true
				}
			}
		case '[', '{':
			depth++
			if depth > MaxValueDepth {
				return i + 1, line, true
			}
		case ']', '}':
			depth--
			if depth == 0 && !s.toml {
				return i + 1, line, false
			}
		case '#':
			if s.toml {
				for i < len(src) && src[i] != '\n' {
					i++
				}
				i-- // the newline is counted by the loop
			}
		case '"', '\'':
			if c == '\'' && !s.toml {
				continue
			}
			n, lines := skipString(src[i:], s.toml)
			i += n - 1
			line += lines
		}
	}
	return len(src), line, false
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// skipString returns the length of the string that starts src (quote char
// src[0], tripled for TOML multi-line strings) up to and including its
// closing quote or the end of the line or of src when it is not closed, and
// the number of newlines in it. Backslash escapes count in "…" only.
func skipString(src []byte, toml bool) (n, lines int) {
	q := src[0]
	delim := src[:1]
	if toml && len(src) >= 3 && src[1] == q && src[2] == q {
		delim = src[:3]
	}
	multi := len(delim) == 3
	for i := len(delim); i < len(src); i++ {
		switch src[i] {
		case '\\':
			if q == '"' {
				if i+1 < len(src) && src[i+1] == '\n' {
					lines++
				}
				i++
			}
		case '\n':
			if !multi {
				return i, lines // unclosed: the parser will say so
			}
			lines++
		case q:
			if bytes.HasPrefix(src[i:], delim) {
				return i + len(delim), lines
			}
		}
	}
	return len(src), lines
}
