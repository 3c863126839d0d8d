package search

import (
	"strings"
	"sync"
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
	if r >= 0 && r < tokenTableBelow {
		return tokenTable()[r/64]&(1<<(r%64)) != 0
	}
	return isTokenRuneSlow(r)
}

// isTokenRuneSlow is isTokenRune by the unicode package's range tables:
// a binary search for each rune above Latin-1.
func isTokenRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// tokenTableBelow bounds the code points tokenTable describes: Latin (with
// Vietnamese, U+1EA0–U+1EF9), the combining marks, Greek, Cyrillic and the
// rest of the alphabets of U+0000–U+1FFF.
const tokenTableBelow = 0x2000

// tokenTable returns a bitmap of the code points below tokenTableBelow
// that isTokenRuneSlow accepts: indexing runs eachWord over all of a
// site's text, and the range tables' search took 0.8 s of the CPU of the
// generated 10,000 documents' build.
var tokenTable = sync.OnceValue(func() *[tokenTableBelow / 64]uint64 {
	var t [tokenTableBelow / 64]uint64
	for r := rune(0); r < tokenTableBelow; r++ {
		if isTokenRuneSlow(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return &t
})

// Tokenize splits s into tokens, in order. s may be in any normalization
// form and may hold invalid UTF-8 (which separates tokens).
func Tokenize(s string) []Token {
	var toks []Token
	eachWord(s, func(raw string) {
		toks = append(toks, NewToken(raw))
	})
	return toks
}

// eachWord calls fn with each maximal run of letters, marks and digits of s,
// as it is in s. Normalizing a run to NFC never moves a token boundary
// (composition joins a mark to the letter before it), so [NewToken] of each
// run gives the tokens of the NFC text.
func eachWord(s string, fn func(raw string)) {
	start := -1
	for i := 0; i <= len(s); {
		r, size := rune(-1), 1
		if i < len(s) {
			if s[i] < utf8.RuneSelf {
				r = rune(s[i])
				if r < 'A' || (r > 'Z' && r < 'a') || r > 'z' {
					if r < '0' || r > '9' {
						r = -1
					}
				}
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
				if (r == utf8.RuneError && size == 1) || !isTokenRune(r) {
					r = -1
				}
			}
		}
		if r >= 0 {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			fn(s[start:i])
			start = -1
		}
		i += size
	}
}

// normalWord returns a run found by eachWord as a token: NFC, lowercase,
// cut to MaxTokenRunes.
func normalWord(raw string) string {
	return cutRunes(strings.ToLower(viet.NFC(raw)), MaxTokenRunes)
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

// NewToken returns the token a word gives: the word should be one run of
// letters, marks and digits, in any normalization form and case.
func NewToken(word string) Token {
	word = normalWord(word)
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
