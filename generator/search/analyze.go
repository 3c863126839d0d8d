package search

import (
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
	pairTab   []pairSlot // the current document's pairs, by hash of key
	cur       docTerms   // the current document's terms, as they are counted
	kept      docTerms   // the batch's: the terms of its documents, end to end

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
	biKeys []uint64 // adjacent local folds, first<<31 | second, in the order first met
	biTF   []uint32 // weighted frequency of each pair
	length uint32   // weighted number of tokens
}

// truncate empties the slices of dt, keeping their arrays.
func (dt *docTerms) truncate() {
	*dt = docTerms{an: dt.an, folds: dt.folds[:0], exacts: dt.exacts[:0], exFold: dt.exFold[:0],
		exTF: dt.exTF[:0], biKeys: dt.biKeys[:0], biTF: dt.biTF[:0]}
}

// keep appends s to *arena and returns the copy, capped at its length.
func keep[T any](arena *[]T, s []T) []T {
	start := len(*arena)
	*arena = append(*arena, s...)
	return (*arena)[start:len(*arena):len(*arena)]
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

// analyze tokenizes the batch of documents docs[start:end] on all cores,
// each with the parts load gives when it is not nil, read on the worker
// that analyzes it (so that the reads go on in parallel too). The index's
// numbers of the terms first met in it are -1 until index.add sets them.
func (as analyzers) analyze(docs []Doc, start, end int, load func(int) ([]Part, error)) ([]docTerms, error) {
	for _, a := range as {
		a.kept.truncate() // the batch before is in the index
	}
	out := make([]docTerms, end-start)
	errs := make([]error, end-start)
	forEach(end-start, func(w, i int) {
		d, err := withPartsOf(docs, start+i, load)
		if err != nil {
			errs[i] = err
			return
		}
		out[i] = as[w].analyzeDoc(d)
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for _, a := range as {
		a.globalFold = extend(a.globalFold, len(a.folds))
		a.globalExact = extend(a.globalExact, len(a.exacts))
	}
	return out, nil
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

// analyzeDoc counts the terms of one document, in the analyzer's scratch
// space, and returns them copied to the batch's (so that a batch of
// documents takes no allocation once the worker has seen a larger one):
// they last until the next batch.
func (a *analyzer) analyzeDoc(d *Doc) docTerms {
	a.epoch++
	dt := &a.cur
	dt.an = a
	dt.truncate()
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
				a.addPair(dt, uint64(prev)<<31|uint64(f), weight)
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
	k := &a.kept
	return docTerms{an: a, length: dt.length,
		folds: keep(&k.folds, dt.folds), exacts: keep(&k.exacts, dt.exacts), exFold: keep(&k.exFold, dt.exFold),
		exTF: keep(&k.exTF, dt.exTF), biKeys: keep(&k.biKeys, dt.biKeys), biTF: keep(&k.biTF, dt.biTF)}
}

// pairSlot is an entry of an analyzer's table of the pairs of the
// current document: the key of a pair and its index in docTerms.biKeys,
// valid only when epoch is the analyzer's.
type pairSlot struct {
	key   uint64
	epoch int32
	slot  int32
}

// addPair counts an occurrence of the pair k (first<<31 | second) of
// weight in dt: a hash table open-addressed by linear probing, whose
// entries of documents before are free, counts the pairs of a document
// in one pass, without sorting them.
func (a *analyzer) addPair(dt *docTerms, k uint64, weight uint32) {
	if 2*(len(dt.biKeys)+1) > len(a.pairTab) {
		a.growPairs(dt)
	}
	mask := uint64(len(a.pairTab) - 1)
	for i := pairHash(k) & mask; ; i = (i + 1) & mask {
		e := &a.pairTab[i]
		if e.epoch != a.epoch {
			*e = pairSlot{key: k, epoch: a.epoch, slot: int32(len(dt.biKeys))}
			dt.biKeys = append(dt.biKeys, k)
			dt.biTF = append(dt.biTF, weight)
			return
		}
		if e.key == k {
			dt.biTF[e.slot] += weight
			return
		}
	}
}

// growPairs doubles the table of pairs (1,024 entries at least), putting
// back the pairs of dt.
func (a *analyzer) growPairs(dt *docTerms) {
	a.pairTab = make([]pairSlot, max(1024, 2*len(a.pairTab)))
	mask := uint64(len(a.pairTab) - 1)
	for n, k := range dt.biKeys {
		i := pairHash(k) & mask
		for a.pairTab[i].epoch == a.epoch {
			i = (i + 1) & mask
		}
		a.pairTab[i] = pairSlot{key: k, epoch: a.epoch, slot: int32(n)}
	}
}

// pairHash mixes a pair's key (Fibonacci hashing), its high bits first.
func pairHash(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> 32 }
