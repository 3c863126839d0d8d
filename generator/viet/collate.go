package viet

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collator compares strings in the natural Vietnamese order every list of
// the site uses: dictionary order (a ă â b c d đ e ê ...; tones after the
// base letter), ignoring case, numbers inside the text compared as numbers
// ("Điều 2" before "Điều 10"), and punctuation, quotes and spaces at the
// start ignored ("- Thủ tướng …" files under T). The register's column sort
// in the browser (templates/assets/register.js) follows the same rules. A
// Collator is not safe for concurrent use: make one per goroutine with
// [NewCollator].
type Collator struct{ c *collate.Collator }

// NewCollator returns a collator for the given BCP 47 language ("vi" when
// empty or unknown).
func NewCollator(lang string) *Collator {
	tag, err := language.Parse(lang)
	if err != nil || lang == "" {
		tag = language.Vietnamese
	}
	return &Collator{c: collate.New(tag, collate.IgnoreCase, collate.Numeric)}
}

// Compare returns -1, 0 or +1 as a sorts before, with or after b. Strings
// equal but for their leading punctuation compare as whole strings.
func (c *Collator) Compare(a, b string) int {
	if k := c.c.CompareString(TrimLead(a), TrimLead(b)); k != 0 {
		return k
	}
	return c.c.CompareString(a, b)
}

// TrimLead returns s without the characters before its first letter or
// digit (punctuation, quotes, dashes, spaces), which sorting ignores; s
// itself when it has no letter or digit.
func TrimLead(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return s[i:]
		}
		if r == utf8.RuneError {
			return s
		}
	}
	return s
}

// Sort sorts ss in place in collation order; equal keys keep byte order so
// the result is deterministic.
func (c *Collator) Sort(ss []string) {
	sort.SliceStable(ss, func(i, j int) bool {
		if k := c.Compare(ss[i], ss[j]); k != 0 {
			return k < 0
		}
		return ss[i] < ss[j]
	})
}
