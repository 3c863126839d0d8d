package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tusach/generator/viet"
)

// MaxTokenRunes is the longest token kept; longer runs of letters and digits
// are cut to this many runes.
const MaxTokenRunes = 32

// Token is one syllable or number of a text.
type Token struct {
	Exact string // lowercase, vowel marks kept, tone as a final digit: "đang3"
	Fold  string // folded: "dang"
}

// toneDigit maps the five Vietnamese tone marks, as combining characters,
// to the digit written at the end of an exact form.
var toneDigit = map[rune]byte{
	'\u0300': '1', // huyền
	'\u0301': '2', // sắc
	'\u0309': '3', // hỏi
	'\u0303': '4', // ngã
	'\u0323': '5', // nặng
}

// isTokenRune reports whether r belongs to a token: a letter, a combining
// mark or a decimal digit.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// Tokenize splits s into tokens, in order. s may be in any normalization
// form and may hold invalid UTF-8 (which separates tokens).
func Tokenize(s string) []Token {
	var toks []Token
	eachToken(s, func(word string) {
		toks = append(toks, NewToken(word))
	})
	return toks
}

// eachToken calls fn with each token of s, lowercased NFC and cut to
// MaxTokenRunes, without building its forms.
func eachToken(s string, fn func(word string)) {
	s = viet.NFC(s)
	start := -1
	for i := 0; i <= len(s); {
		r, size := rune(-1), 1
		if i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				r = -1
			}
		}
		if r >= 0 && isTokenRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			fn(cutRunes(strings.ToLower(s[start:i]), MaxTokenRunes))
			start = -1
		}
		i += size
	}
}

// cutRunes returns s cut to at most n runes.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// NewToken returns the forms of one word, which should be a single token of
// lowercase NFC text (as [Tokenize] yields).
func NewToken(word string) Token {
	return Token{Exact: ExactForm(word), Fold: FoldForm(word)}
}

// FoldForm returns the folded form of a token: [viet.Fold], with "tw" (the
// usual ASCII spelling of "TƯ", Trung ương, in document numbers) read as
// "tu".
func FoldForm(word string) string {
	f := viet.Fold(word)
	if f == "tw" {
		return "tu"
	}
	return f
}

// ExactForm returns the exact form of a token: lowercase NFC with the tone
// mark removed and written as a digit at the end, so that every placement of
// the tone gives the same form: "hoà" and "hòa" → "hoa1", "Đảng" → "đang3".
// A token without a tone is unchanged (lowercased).
func ExactForm(word string) string {
	word = strings.ToLower(word)
	if isASCII(word) {
		return word
	}
	d := norm.NFD.String(word)
	var b strings.Builder
	b.Grow(len(d))
	var tone byte
	for _, r := range d {
		if t, ok := toneDigit[r]; ok {
			tone = t
			continue
		}
		b.WriteRune(r)
	}
	out := norm.NFC.String(b.String())
	if tone != 0 {
		out += string(tone)
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
