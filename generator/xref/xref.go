// Package xref recognizes Vietnamese document numbers (số hiệu văn bản) in
// running text and normalizes them, so that a citation such as "Kết luận số
// 21-KL/TƯ" can be matched with the document whose front matter says
// `number: 21-KL/TW`.
//
// # Recognized forms
//
// A number is recognized where it starts at a digit that does not follow a
// letter, a digit or one of "/ - . _", and takes one of two shapes:
//
//   - State documents: serial "/" [year "/"] code, where the year is four
//     digits from 1900 to 2099: "205/KH-UBND", "30/NQ-CP",
//     "68/2020/QH14", "15/2004/PL-UBTVQH11", "60/CP", "05/CT-TTg".
//   - Party documents: serial "-" kind "/" code, where kind is upper-case
//     letters: "21-KL/TW", "58-KH/TU", "18-L/CTN", "21-LCT/HĐNN8".
//
// The serial is one to five digits. A code is one or more parts joined by
// "-" or "/"; a part starts with an upper-case letter (Vietnamese letters
// such as Đ and Ư included) followed by upper-case letters and digits, and
// may end in at most two lower-case ASCII letters after at least two
// upper-case ones ("TTg"). A part must not run into a letter or digit. One
// space (or no-break space) is allowed on either side of each "/" and "-"
// ("205 / KH - UBND"), and the dashes ‐ ‑ – count as "-". The first part of
// a state document's code has at least two upper-case letters ("5/A" is not
// a number), and a part glued to a word ("205/KH-UBNDngày") spoils the
// whole match.
//
// So dates ("28/7/2022"), fractions ("1/2", "3/4"), phone numbers
// ("024-3825-1234", "0912.345.678"), times ("14:30"), article references
// ("Điều 5", "khoản 2-C") and words ("5/Luật") are not numbers.
//
// # Normalization
//
// [Normalize] maps the ways one number is written to one key: NFC, upper
// case, no white space, dash variants as "-", the leading zeros of the
// serial dropped ("01/VBHN-VPQH" = "1/VBHN-VPQH"), "TƯ" as "TW" (both mean
// Trung ương) and every other letter without its marks (Đ → D). "58-KH/TU"
// (Thành ủy) stays distinct from "21-KL/TƯ" (Trung ương).
package xref

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tusach/generator/viet"
)

// Match is one document number found in a text.
type Match struct {
	Start, End int    // byte offsets of the number in the text
	Number     string // the number as written: text[Start:End]
}

// maxSerialDigits bounds the serial number before the first separator.
const maxSerialDigits = 5

// Find returns every document number in text, in order, without overlaps.
// Invalid UTF-8 is treated as a character that is neither letter nor digit.
func Find(text []byte) []Match {
	var out []Match
	for i := 0; i < len(text); {
		c := text[i]
		if c < '0' || c > '9' || !startBoundary(text, i) {
			i++
			continue
		}
		if end := parseNumber(text, i); end > i {
			out = append(out, Match{Start: i, End: end, Number: string(text[i:end])})
			i = end
			continue
		}
		for i < len(text) && text[i] >= '0' && text[i] <= '9' {
			i++ // the rest of this digit run cannot start a number either
		}
	}
	return out
}

// startBoundary reports whether a number may start at offset i: the rune
// before it is none of letter, digit, "/", "-", ".", "_" or a dash.
func startBoundary(text []byte, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRune(text[:i])
	switch {
	case r == '/' || r == '.' || r == '_' || isDash(r):
		return false
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
		return false
	}
	return true
}

// parseNumber returns the end of the number starting at i, or i when there
// is none.
func parseNumber(text []byte, i int) int {
	j := i
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	if j-i > maxSerialDigits {
		return i
	}
	sep, after := separator(text, j)
	switch sep {
	case '/':
		if k, ok := year(text, after); ok {
			after = k
		}
		end, ok := code(text, after, 2)
		if !ok {
			return i
		}
		return end
	case '-':
		k, ok := part(text, after, false)
		if !ok {
			return i
		}
		s, next := separator(text, k)
		if s != '/' {
			return i
		}
		end, ok := code(text, next, 1)
		if !ok {
			return i
		}
		return end
	}
	return i
}

// year reads a four-digit year from 1900 to 2099 and the "/" after it,
// returning the offset after the slash.
func year(text []byte, i int) (int, bool) {
	if i+4 > len(text) {
		return i, false
	}
	y := text[i : i+4]
	for _, c := range y {
		if c < '0' || c > '9' {
			return i, false
		}
	}
	if !(y[0] == '1' && y[1] == '9' || y[0] == '2' && y[1] == '0') {
		return i, false
	}
	if s, next := separator(text, i+4); s == '/' {
		return next, true
	}
	return i, false
}

// code reads one or more parts joined by separators and returns the end of
// the last part. The first part must be valid and hold at least first
// upper-case letters; a later invalid part ends the code before its
// separator, unless it is glued to it and starts upper-case
// ("205/KH-UBNDngày"), which makes the whole text a word, not a number.
func code(text []byte, i int, first int) (int, bool) {
	end, ok := part(text, i, true)
	if !ok || countUpper(text[i:end]) < first {
		return i, false
	}
	for {
		sep, next := separator(text, end)
		if sep == 0 {
			return end, true
		}
		e, ok := part(text, next, true)
		if !ok {
			if r, _ := utf8.DecodeRune(text[next:]); next == end+1 && unicode.IsUpper(r) {
				return i, false // "205/KH-UBNDngày": a word, not a number
			}
			return end, true
		}
		end = e
	}
}

// countUpper counts the upper-case letters of b.
func countUpper(b []byte) int {
	n := 0
	for _, r := range string(b) {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// part reads a code part at i: an upper-case letter, then upper-case
// letters and digits, then (when tail is allowed and there were two
// upper-case letters) up to two lower-case ASCII letters. The part must not
// run into another letter or digit.
func part(text []byte, i int, tail bool) (int, bool) {
	upper := 0
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRune(text[j:])
		switch {
		case unicode.IsUpper(r):
			upper++
		case j > i && '0' <= r && r <= '9':
		default:
			goto done
		}
		j += size
	}
done:
	if upper == 0 || j == i {
		return i, false
	}
	if tail && upper >= 2 {
		k := j
		for k < len(text) && k-j < 2 && 'a' <= text[k] && text[k] <= 'z' {
			k++
		}
		j = k
	}
	if j < len(text) {
		r, _ := utf8.DecodeRune(text[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			return i, false
		}
	}
	return j, true
}

// separator reads an optional space, "/" or a dash, and an optional space at
// i. It returns the separator ('/' or '-') and the offset after it, or 0 and
// i when there is none.
func separator(text []byte, i int) (byte, int) {
	j := skipSpace(text, i)
	if j >= len(text) {
		return 0, i
	}
	r, size := utf8.DecodeRune(text[j:])
	var sep byte
	switch {
	case r == '/':
		sep = '/'
	case isDash(r):
		sep = '-'
	default:
		return 0, i
	}
	return sep, skipSpace(text, j+size)
}

// skipSpace skips one space or no-break space at i.
func skipSpace(text []byte, i int) int {
	if i < len(text) && text[i] == ' ' {
		return i + 1
	}
	if i+1 < len(text) && text[i] == 0xC2 && text[i+1] == 0xA0 {
		return i + 2
	}
	return i
}

// isDash reports whether r is "-" or one of the dashes written for it.
func isDash(r rune) bool {
	return r == '-' || r == '‐' || r == '‑' || r == '–'
}

// Normalize returns the key under which number is matched: see the package
// documentation. "21-KL/TƯ", "21 - kl/tw" and "21-KL/TW" all give
// "21-KL/TW"; "Đ" gives "D". It returns "" for a string with nothing but
// white space.
func Normalize(number string) string {
	s := viet.NFC(number)
	var b strings.Builder
	b.Grow(len(s))
	var prev rune // previous rune kept, upper case, before folding
	serial, zeros := true, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		if isDash(r) {
			r = '-'
		}
		if serial {
			if r == '0' {
				zeros = true
				continue
			}
			serial = false
			if zeros && (r < '1' || r > '9') {
				b.WriteByte('0') // the serial was all zeros
			}
		}
		up := unicode.ToUpper(r)
		out := up
		if up >= utf8.RuneSelf {
			if up == 'Ư' && prev == 'T' {
				out = 'W'
			} else if f := viet.FoldRune(up); f != 0 {
				out = unicode.ToUpper(f)
			} else {
				continue // a combining mark
			}
		}
		b.WriteRune(out)
		prev = up
	}
	if serial && zeros {
		b.WriteByte('0')
	}
	return b.String()
}
