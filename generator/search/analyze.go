package search

import (
	"slices"
	"strings"
)

// maxCachedForms bounds the cache of raw words of one worker.
const maxCachedForms = 1 << 18

// analyzer is the state of one analysis worker: the terms it has met,
// numbered in the order it met them (its "worker numbers"), a cache from
// raw words to them, and per-term scratch space that maps a worker number
// to its index in the document being analyzed, so that a document's terms
// are counted with array lookups rather than maps.
type analyzer struct {
	forms   map[string]int32 // raw word as found in text → exact number
	exactOf map[string]int32 // termKey(fold, exact) → exact number
	foldOf  map[string]int32 // folded form → fold number
	exacts  []string         // exact form of each exact number
	exFold  []int32          // fold number of each exact number
	folds   []string         // folded form of each fold number

	epoch     int32   // 1 + the number of documents analyzed
	exEpoch   []int32 // the epoch in which exSlot[e] is valid
	exSlot    []int32 // index of exact number e in the current document
	foldEpoch []int32
	foldSlot  []int32
	pairs     []uint64 // scratch: the current document's adjacent pairs

	// Filled by index.add, serially, after analysis: the index's number
	// of each worker number, -1 until first met.
	globalFold  []int32
	globalExact []int32
}

// docTerms is what one document contributes to the index. Terms are
// numbered locally: folds[i] and exacts[i] are worker numbers of an.
type docTerms struct {
	an     *analyzer
	folds  []int32  // worker numbers of the distinct folded forms
	exacts []int32  // worker numbers of the distinct exact forms
	exFold []int32  // local fold of each exact form
	exTF   []uint32 // weighted frequency of each exact form
	biKeys []uint64 // adjacent local folds, first<<31 | second, increasing
	biTF   []uint32 // weighted frequency of each pair
	length uint32   // weighted number of tokens
}

// pairMask is the mask of the second local fold of a pair key.
const pairMask = 1<<31 - 1

func newAnalyzer() *analyzer {
	return &analyzer{
		forms:   make(map[string]int32),
		exactOf: make(map[string]int32),
		foldOf:  make(map[string]int32),
	}
}

// analyzers are the analysis workers of one index build, kept from one
// batch of documents to the next so that their caches and numbers last.
type analyzers []*analyzer

func newAnalyzers() analyzers {
	as := make(analyzers, workers(1<<30))
	for w := range as {
		as[w] = newAnalyzer()
	}
	return as
}

// analyze tokenizes a batch of documents on all cores. The index's numbers
// of the terms first met in it are -1 until index.add sets them.
func (as analyzers) analyze(docs []Doc) []docTerms {
	out := make([]docTerms, len(docs))
	forEach(len(docs), func(w, i int) { out[i] = as[w].analyzeDoc(&docs[i]) })
	for _, a := range as {
		a.globalFold = extend(a.globalFold, len(a.folds))
		a.globalExact = extend(a.globalExact, len(a.exacts))
	}
	return out
}

// extend returns s grown to n entries, the new ones -1.
func extend(s []int32, n int) []int32 {
	for len(s) < n {
		s = append(s, -1)
	}
	return s
}

// termKey names an exact form under its folded form. Exact forms alone are
// ambiguous: the tone digit of "thú" (exact "thu2", folded "thu") makes it
// look like the literal "thu2" (folded "thu2"), so a term is its pair.
func termKey(fold, exact string) string { return fold + "\x00" + exact }

// exact returns the worker number of the exact form of a raw word.
func (a *analyzer) exact(word string) int32 {
	if e, ok := a.forms[word]; ok {
		return e
	}
	tk := NewToken(word)
	key := termKey(tk.Fold, tk.Exact)
	e, ok := a.exactOf[key]
	if !ok {
		f, ok := a.foldOf[tk.Fold]
		if !ok {
			f = int32(len(a.folds))
			a.foldOf[tk.Fold] = f
			a.folds = append(a.folds, tk.Fold)
			a.foldEpoch = append(a.foldEpoch, 0)
			a.foldSlot = append(a.foldSlot, 0)
		}
		e = int32(len(a.exacts))
		a.exactOf[key] = e
		a.exacts = append(a.exacts, tk.Exact)
		a.exFold = append(a.exFold, f)
		a.exEpoch = append(a.exEpoch, 0)
		a.exSlot = append(a.exSlot, 0)
	}
	if len(a.forms) < maxCachedForms {
		a.forms[strings.Clone(word)] = e
	}
	return e
}

// analyzeDoc counts the terms of one document.
func (a *analyzer) analyzeDoc(d *Doc) docTerms {
	a.epoch++
	dt := docTerms{an: a}
	pairs := a.pairs[:0]
	field := func(text string, weight uint32) {
		prev := int32(-1)
		eachWord(text, func(word string) {
			e := a.exact(word)
			if a.exEpoch[e] != a.epoch {
				a.exEpoch[e] = a.epoch
				f := a.exFold[e]
				if a.foldEpoch[f] != a.epoch {
					a.foldEpoch[f] = a.epoch
					a.foldSlot[f] = int32(len(dt.folds))
					dt.folds = append(dt.folds, f)
				}
				a.exSlot[e] = int32(len(dt.exacts))
				dt.exacts = append(dt.exacts, e)
				dt.exFold = append(dt.exFold, a.foldSlot[f])
				dt.exTF = append(dt.exTF, 0)
			}
			x := a.exSlot[e]
			dt.exTF[x] += weight
			dt.length += weight
			f := dt.exFold[x]
			if prev >= 0 {
				// weights are 1–3: two bits below the pair
				pairs = append(pairs, (uint64(prev)<<31|uint64(f))<<2|uint64(weight))
			}
			prev = f
		})
	}
	field(d.Title, TitleWeight)
	field(d.Number, TitleWeight)
	for _, s := range []string{d.Type, d.Issuer} {
		field(s, HeadingWeight)
	}
	for _, ss := range [][]string{d.Topics, d.Tags} {
		for _, s := range ss {
			field(s, HeadingWeight)
		}
	}
	for _, p := range d.Parts {
		field(p.Heading, HeadingWeight)
		field(p.Text, BodyWeight)
	}
	slices.Sort(pairs)
	for i := 0; i < len(pairs); {
		k := pairs[i] >> 2
		tf := uint32(0)
		for ; i < len(pairs) && pairs[i]>>2 == k; i++ {
			tf += uint32(pairs[i] & 3)
		}
		dt.biKeys = append(dt.biKeys, k)
		dt.biTF = append(dt.biTF, tf)
	}
	a.pairs = pairs
	return dt
}
