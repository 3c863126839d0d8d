package diag

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"content/văn-bản/a.md", "content/văn-bản/a.md"},
		{"Nghị quyết 205/KH-UBND “đúng”", "Nghị quyết 205/KH-UBND “đúng”"},
		{"a\x1b[31mred\x1b[0m", `a\x1b[31mred\x1b[0m`},
		{"x\x00y\x07z\x7f", `x\x00y\x07z\x7f`},
		{"two\nlines\r\ttab", `two\nlines\r\ttab`},
		{"c1 \u0085 \u009b", `c1 \u0085 \u009b`},
		{"evil\u202etxt.md", `evil\u202etxt.md`},
		{"\u202a\u202b\u202c\u202d", `\u202a\u202b\u202c\u202d`},
		{"\u2066\u2067\u2068\u2069", `\u2066\u2067\u2068\u2069`},
		{"\u200e\u200f\u061c", `\u200e\u200f\u061c`},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{`back\slash`, `back\slash`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestErrorEscapesEveryPart(t *testing.T) {
	e := &Error{Path: "content/\u202egpj.md", Line: 3, Field: "ti\x1btle", Msg: "got \"\x1b]0;pwned\x07\"",
		Err: errors.New("cause\nsecond line")}
	want := `content/\u202egpj.md:3: ti\x1btle: got "\x1b]0;pwned\x07": cause\nsecond line`
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := (List{e, e}).Error(); got != want+"\n"+want {
		t.Errorf("List.Error() = %q: one line per error", got)
	}
}

// FuzzEscape checks that nothing unsafe survives Escape and that safe text
// is kept as it is.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a\x1b[2J", "x\u202ey", "Tiếng Việt", "\xff", "\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Escape(s)
		if !utf8.ValidString(got) || needsEscape(got) {
			t.Fatalf("Escape(%q) = %q still holds unsafe characters", s, got)
		}
		if !needsEscape(s) && got != s {
			t.Fatalf("Escape changed safe text %q to %q", s, got)
		}
	})
}
