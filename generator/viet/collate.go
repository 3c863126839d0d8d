package viet

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collator compares strings in Vietnamese dictionary order (a ă â b c d đ e
// ê ...; tones after the base letter), ignoring case. A Collator is not safe
// for concurrent use: make one per goroutine with [NewCollator].
type Collator struct{ c *collate.Collator }

// NewCollator returns a collator for the given BCP 47 language ("vi" when
// empty or unknown).
func NewCollator(lang string) *Collator {
	tag, err := language.Parse(lang)
	if err != nil || lang == "" {
		tag = language.Vietnamese
	}
	return &Collator{c: collate.New(tag, collate.IgnoreCase)}
}

// Compare returns -1, 0 or +1 as a sorts before, with or after b.
func (c *Collator) Compare(a, b string) int { return c.c.CompareString(a, b) }

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
