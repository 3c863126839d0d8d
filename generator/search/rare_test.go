package search

import (
	"sort"
	"strings"
)

// corpusDF returns the document frequency of every folded term of docs:
// in how many documents it occurs, in any field.
func corpusDF(docs []Doc) map[string]int {
	df := make(map[string]int)
	for i := range docs {
		d := &docs[i]
		seen := make(map[string]bool)
		texts := []string{d.Title, d.Number, d.Type, d.Issuer}
		texts = append(append(texts, d.Topics...), d.Tags...)
		for _, p := range d.Parts {
			texts = append(texts, p.Heading, p.Text)
		}
		for _, s := range texts {
			for _, tk := range Tokenize(s) {
				if !seen[tk.Fold] {
					seen[tk.Fold] = true
					df[tk.Fold]++
				}
			}
		}
	}
	return df
}

// rareWords reduces a query to its n distinct words (folded forms count
// as one word) of the lowest document frequency in df, in the order the
// query has them, joined by spaces, as typed: the keywords a reader
// would type instead of the whole question ("typed-rare4").
func rareWords(query string, df map[string]int, n int) string {
	type word struct {
		text string
		fold string
		at   int
	}
	var words []word
	seen := make(map[string]bool)
	for _, raw := range strings.FieldsFunc(query, func(r rune) bool { return !isTokenRune(r) }) {
		f := NewToken(raw).Fold
		if seen[f] {
			continue
		}
		seen[f] = true
		words = append(words, word{raw, f, len(words)})
	}
	byRarity := append([]word(nil), words...)
	sort.SliceStable(byRarity, func(i, j int) bool { return df[byRarity[i].fold] < df[byRarity[j].fold] })
	keep := byRarity[:min(n, len(byRarity))]
	sort.Slice(keep, func(i, j int) bool { return keep[i].at < keep[j].at })
	out := make([]string, len(keep))
	for i, w := range keep {
		out[i] = w.text
	}
	return strings.Join(out, " ")
}
