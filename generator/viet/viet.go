// Package viet holds the Vietnamese language rules every stage shares:
// normalization to NFC, folding away tone and vowel marks (with đ → d, which
// Unicode does not decompose), slugs for URLs and heading IDs, collation for
// sorting lists, and dates written the way Vietnamese readers write them.
//
// All functions are safe for concurrent use except a [Collator], which must
// stay with one goroutine.
package viet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps each precomposed Latin letter in U+00C0..U+1EFF to its base
// lowercase ASCII letter. It is filled once at init and only read afterwards.
var foldTable = func() map[rune]rune {
	t := make(map[rune]rune, 400)
	for r := rune(0xC0); r <= 0x1EFF; r++ {
		d := norm.NFD.String(string(r))
		base, _ := utf8.DecodeRuneInString(d)
		if base < 0x80 && base != r && unicode.IsLetter(base) {
			t[r] = unicode.ToLower(base)
		}
	}
	t['đ'], t['Đ'] = 'd', 'd'
	t['ð'], t['Ð'] = 'd', 'd'
	return t
}()

// NFC returns s in Unicode normalization form C. It does no work when s is
// already NFC, the common case.
func NFC(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// Lower returns s in NFC and lowercase.
func Lower(s string) string { return strings.ToLower(NFC(s)) }

// Fold returns s lowercased with every tone and vowel mark removed and đ
// mapped to d: "Chỉnh đốn Đảng" → "chinh don dang". Input in NFD (as pasted
// from Word) folds the same as NFC.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		if f, ok := foldTable[r]; ok {
			b.WriteRune(f)
			continue
		}
		if unicode.Is(unicode.Mn, r) { // combining mark from NFD input
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// FoldRune folds one rune as [Fold] does; combining marks fold to 0.
func FoldRune(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if f, ok := foldTable[r]; ok {
		return f
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	return unicode.ToLower(r)
}

// Slug returns an ASCII identifier for s, fit for a URL path segment or an
// HTML id: "Xây dựng, chỉnh đốn Đảng" → "xay-dung-chinh-don-dang". Letters
// and digits are kept (folded); every other run of characters becomes one
// hyphen. It returns "" when s has no letter or digit.
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	for _, r := range s {
		f := FoldRune(r)
		if f == 0 {
			continue
		}
		if ('a' <= f && f <= 'z') || ('0' <= f && f <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(f)
			continue
		}
		if unicode.IsLetter(f) || unicode.IsDigit(f) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(f)
			continue
		}
		hyphen = true
	}
	return b.String()
}
