package content

import (
	"strings"
)

// isHiddenControl reports whether r is a character that is never shown but
// changes what a reader or a terminal sees: a C0 control other than tab and
// line feed, DEL, a C1 control, or a bidirectional formatting character
// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which can
// reorder the text around it ("Trojan Source"). Vietnamese text needs none
// of them. Zero-width joiners (U+200C, U+200D) are kept: emoji and some
// scripts need them.
func isHiddenControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r == 0x7F, 0x80 <= r && r <= 0x9F:
		return true
	case r == 0x061C, r == 0x200E, r == 0x200F,
		0x202A <= r && r <= 0x202E,
		0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// CleanText returns s without control and bidirectional formatting
// characters (see isHiddenControl), so that titles and front-matter values
// never carry them into pages, the search index or a terminal. Text without
// any is returned as it is.
func CleanText(s string) string {
	if strings.IndexFunc(s, isHiddenControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isHiddenControl(r) {
			return -1
		}
		return r
	}, s)
}
