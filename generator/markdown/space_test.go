package markdown

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// TestSpaceLen checks spaceLen, and the table of lead bytes appendInline
// consults before calling it, against unicode.IsSpace at every code point:
// a white-space character is found whole, anything else is not one.
func TestSpaceLen(t *testing.T) {
	var buf [utf8.UTFMax + 1]byte
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		n := utf8.EncodeRune(buf[:], r)
		buf[n] = 'x'
		got, want := spaceLen(buf[:n+1]), 0
		if unicode.IsSpace(r) {
			want = n
		}
		if got != want {
			t.Fatalf("spaceLen(%U) = %d, want %d", r, got, want)
		}
		if want > 0 && !spaceLead[buf[0]] {
			t.Fatalf("spaceLead[%#x] = false, but %U starts with it", buf[0], r)
		}
	}
}

// TestAppendInline checks that the text of a leaf block is kept with each
// run of white space, of any kind, as one ASCII space.
func TestAppendInline(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Điều 2 khoản 1", "Điều 2 khoản 1"},
		{"  a\t\tb\n c ", "a b c "},
		{"a\u00a0\u2003b\u3000c", "a b c"},
		{"ử ệ\u1680ỹ", "ử ệ ỹ"},
		{"", ""},
	} {
		st := &pageState{leaf: ast.NewParagraph()}
		st.appendInline([]byte(c.in))
		if got := string(st.inline); got != c.want {
			t.Errorf("appendInline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
