package search

import (
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// tokenCase is one row of testdata/tokens.json, the table the Go tokenizer
// and the JavaScript tokenizer (browser_test.go) must both follow.
type tokenCase struct {
	In     string      `json:"in"`
	Tokens [][2]string `json:"tokens"` // [exact, fold]
}

func readTokenCases(t testing.TB) []tokenCase {
	t.Helper()
	b, err := os.ReadFile("testdata/tokens.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []tokenCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatalf("testdata/tokens.json: %v", err)
	}
	return cases
}

func tokenPairs(s string) [][2]string {
	out := [][2]string{}
	for _, tk := range Tokenize(s) {
		out = append(out, [2]string{tk.Exact, tk.Fold})
	}
	return out
}

func TestTokenizeTable(t *testing.T) {
	cases := readTokenCases(t)
	if *update {
		for i := range cases {
			cases[i].Tokens = tokenPairs(cases[i].In)
		}
		b, err := json.MarshalIndent(cases, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/tokens.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		got := tokenPairs(c.In)
		if !equalPairs(got, c.Tokens) {
			t.Errorf("Tokenize(%q) = %v, want %v", c.In, got, c.Tokens)
		}
	}
}

func equalPairs(a, b [][2]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestForms checks the rules the table relies on, written out.
func TestForms(t *testing.T) {
	tests := []struct {
		in, exact, fold string
	}{
		{"Đảng", "đang3", "dang"},
		{"đang", "đang", "dang"},
		{"dạng", "dang5", "dang"},
		{"hoà", "hoa1", "hoa"},
		{"hòa", "hoa1", "hoa"},
		{norm.NFD.String("Chỉnh"), "chinh3", "chinh"},
		{"thuở", "thuơ3", "thuo"},
		{"TƯ", "tư", "tu"},
		{"TW", "tw", "tu"},
		{"KH", "kh", "kh"},
		{"2022", "2022", "2022"},
		{"ĐẠI", "đai5", "dai"},
		{"Khuyến", "khuyên2", "khuyen"},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in)
		if len(toks) != 1 {
			t.Errorf("Tokenize(%q) gave %d tokens", tt.in, len(toks))
			continue
		}
		if toks[0].Exact != tt.exact || toks[0].Fold != tt.fold {
			t.Errorf("Tokenize(%q) = %+v, want {%s %s}", tt.in, toks[0], tt.exact, tt.fold)
		}
	}
}

func TestTokenizeNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want []string // folded
	}{
		{"205/KH-UBND", []string{"205", "kh", "ubnd"}},
		{"kh-ubnd", []string{"kh", "ubnd"}},
		{"21-KL/TW", []string{"21", "kl", "tu"}},
		{"21-KL/TƯ", []string{"21", "kl", "tu"}},
		{"Nghị quyết số 30/NQ-CP, ngày 22/3/2022", []string{"nghi", "quyet", "so", "30", "nq", "cp", "ngay", "22", "3", "2022"}},
		{"68/2020/QH14", []string{"68", "2020", "qh14"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range Tokenize(tt.in) {
			got = append(got, tk.Fold)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("Tokenize(%q) folds = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestTokenizeLongAndInvalid(t *testing.T) {
	long := strings.Repeat("ạ", 100)
	toks := Tokenize(long + " b")
	if len(toks) != 2 || utf8.RuneCountInString(toks[0].Fold) != MaxTokenRunes {
		t.Errorf("long token: %+v", toks)
	}
	toks = Tokenize("a\xffb")
	if len(toks) != 2 || toks[0].Fold != "a" || toks[1].Fold != "b" {
		t.Errorf("invalid UTF-8 should separate tokens: %+v", toks)
	}
	if got := Tokenize(" ,.;\"'<>() "); len(got) != 0 {
		t.Errorf("punctuation gave tokens: %+v", got)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Chỉnh đốn Đảng", "205/KH-UBND", "hoà hòa", norm.NFD.String("Đảng viên"), "a\xffb", "İstanbul ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tk := range Tokenize(s) {
			if tk.Exact == "" || tk.Fold == "" && !strings.ContainsFunc(tk.Exact, isTokenRune) {
				t.Fatalf("empty token from %q: %+v", s, tk)
			}
			if !utf8.ValidString(tk.Exact) || !utf8.ValidString(tk.Fold) {
				t.Fatalf("invalid UTF-8 token from %q: %+v", s, tk)
			}
			if strings.ContainsAny(tk.Fold, " /-") {
				t.Fatalf("separator in token from %q: %+v", s, tk)
			}
			if utf8.RuneCountInString(tk.Fold) > MaxTokenRunes {
				t.Fatalf("token longer than %d runes from %q: %+v", MaxTokenRunes, s, tk)
			}
			if again := FoldForm(tk.Fold); again != tk.Fold {
				t.Fatalf("fold not idempotent: %q → %q → %q", tk.Exact, tk.Fold, again)
			}
		}
		// NFC and NFD input tokenize the same.
		if a, b := tokenPairs(s), tokenPairs(norm.NFD.String(s)); utf8.ValidString(s) && !equalPairs(a, b) {
			t.Fatalf("NFC/NFD differ for %q: %v vs %v", s, a, b)
		}
	})
}

// TestIsTokenRune checks isTokenRune, by its table below tokenTableBelow,
// against the unicode package's definition at every code point (and a
// few values that are none).
func TestIsTokenRune(t *testing.T) {
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if got, want := isTokenRune(r), isTokenRuneSlow(r); got != want {
			t.Fatalf("isTokenRune(%U) = %v, want %v", r, got, want)
		}
	}
	for _, r := range "aZ09đĐơƯẫỹ\u0301\u0323" {
		if !isTokenRune(r) {
			t.Errorf("isTokenRune(%q) = false", r)
		}
	}
	for _, r := range " .,-/\u00a0\u2013" {
		if isTokenRune(r) {
			t.Errorf("isTokenRune(%q) = true", r)
		}
	}
}
