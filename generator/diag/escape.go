package diag

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape makes s safe to print on a terminal: control characters (C0, DEL,
// C1), bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069,
// and the marks U+200E, U+200F, U+061C) and bytes that are not UTF-8 are
// replaced by visible escapes such as \x1b, \n, \u202e, so that a file name
// or a line of content can neither move the cursor, recolour the terminal,
// reorder what is shown, nor start a new message line. Everything else,
// Vietnamese included, is kept as it is. Every message tusach prints goes
// through it ([Error.Error] does).
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Hidden(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether Escape would change s.
func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\t' || r == '\n' || Hidden(r) {
			return true
		}
		i += size
	}
	return false
}

// Hidden reports the characters that make text read differently from what
// it is, or act on a terminal: the C0 controls but tab and line feed, DEL,
// the C1 controls, and the bidirectional formatting characters (ALM, LRM,
// RLM, LRE–RLO, LRI–PDI). Messages escape them (Escape); content strips
// them from titles and metadata.
func Hidden(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r == 0x7f, 0x80 <= r && r <= 0x9f:
		return true
	}
	return r == 0x061c || r == 0x200e || r == 0x200f ||
		(0x202a <= r && r <= 0x202e) || (0x2066 <= r && r <= 0x2069)
}
