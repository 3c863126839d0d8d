package search

import (
	"math"
	"runtime"
)

// index holds the global posting lists. Terms are numbered in the order of
// the first document that has them, so the same documents always give the
// same numbers, whichever worker analyzed them.
type index struct {
	n        int
	foldID   map[string]uint32
	folds    []string
	foldDF   []uint32
	exactID  map[string]uint32 // by termKey
	exacts   []string
	exFold   []uint32
	exPost   []postList
	biParts  []biPart // bigram postings, partitioned by key for parallel merging
	lengths  []uint32
	totalLen uint64

	termShards   int // number of term shards, set by writeTerms
	prefixShards int // number of prefix shards, set by writePrefixes
	numberShards int // number of number shards (0: no numbers), set by writeNumbers
}

func newIndex(n int) *index {
	return &index{
		n:       n,
		foldID:  make(map[string]uint32),
		exactID: make(map[string]uint32),
		lengths: make([]uint32, n),
	}
}

// add merges one document's unigram terms, documents in order, and
// returns the global fold number of each of the document's local folds.
// A worker's term is looked up by its string once; afterwards its number
// is remembered in the analyzer.
func (ix *index) add(doc uint32, dt docTerms) []uint32 {
	a := dt.an
	ix.lengths[doc] = dt.length
	ix.totalLen += uint64(dt.length)
	gfold := make([]uint32, len(dt.folds))
	for i, wf := range dt.folds {
		id := a.globalFold[wf]
		if id < 0 {
			f := a.folds[wf]
			g, ok := ix.foldID[f]
			if !ok {
				g = uint32(len(ix.folds))
				ix.foldID[f] = g
				ix.folds = append(ix.folds, f)
				ix.foldDF = append(ix.foldDF, 0)
			}
			id = int32(g)
			a.globalFold[wf] = id
		}
		ix.foldDF[id]++
		gfold[i] = uint32(id)
	}
	for i, we := range dt.exacts {
		id := a.globalExact[we]
		if id < 0 {
			e := a.exacts[we]
			key := termKey(a.folds[a.exFold[we]], e)
			g, ok := ix.exactID[key]
			if !ok {
				g = uint32(len(ix.exacts))
				ix.exactID[key] = g
				ix.exacts = append(ix.exacts, e)
				ix.exFold = append(ix.exFold, gfold[dt.exFold[i]])
				ix.exPost = append(ix.exPost, postList{})
			}
			id = int32(g)
			a.globalExact[we] = id
		}
		ix.exPost[id].add(doc, dt.exTF[i])
	}
	return gfold
}

// addBigrams merges the bigram postings of a batch of documents, the first
// numbered first, on all cores: worker w takes the keys of partition w and
// walks the documents in order, so every posting list is in document order
// whatever the scheduling. Batches come in document order.
func (ix *index) addBigrams(first uint32, per []docTerms, globalFolds [][]uint32) {
	if ix.biParts == nil {
		ix.biParts = make([]biPart, runtime.GOMAXPROCS(0))
		for w := range ix.biParts {
			ix.biParts[w].id = make(map[uint64]uint32)
		}
	}
	parts := len(ix.biParts)
	forEach(parts, func(_, w int) {
		part := &ix.biParts[w]
		for i := range per {
			dt := &per[i]
			gfold := globalFolds[i]
			for j, k := range dt.biKeys {
				g := uint64(gfold[k>>31])<<32 | uint64(gfold[k&pairMask])
				if int((g*0x9E3779B97F4A7C15)>>32%uint64(parts)) != w {
					continue
				}
				part.add(g, first+uint32(i), dt.biTF[j])
			}
		}
	})
}

// biPart is one partition of the bigram postings: the key of each bigram
// (the global numbers of its two folds, the first in the high 32 bits),
// numbered in the order met, and its postings.
type biPart struct {
	id    map[uint64]uint32 // key → number
	keys  []uint64          // by number
	lists []postList        // by number
}

// add appends a posting of doc to the list of the bigram key.
func (bp *biPart) add(key uint64, doc, tf uint32) {
	n, ok := bp.id[key]
	if !ok {
		n = uint32(len(bp.keys))
		bp.id[key] = n
		bp.keys = append(bp.keys, key)
		bp.lists = append(bp.lists, postList{})
	}
	bp.lists[n].add(doc, tf)
}

// weigh replaces each posting's frequency with its quantized BM25 weight.
func (ix *index) weigh(ps []posting) {
	avg := float64(ix.totalLen) / float64(max(ix.n, 1))
	if avg == 0 {
		avg = 1
	}
	for i := range ps {
		tf := float64(ps[i].tf)
		norm := bm25K1 * (1 - bm25B + bm25B*float64(ix.lengths[ps[i].doc])/avg)
		w := tf * (bm25K1 + 1) / (tf + norm)
		q := int(math.Round(w / (bm25K1 + 1) * 63))
		ps[i].tf = uint32(min(max(q, 1), 63))
	}
}

// shardCount returns the power of two that splits total bytes into shards
// of about target bytes, between 1 and maxShards.
func shardCount(total, target int) int {
	n := 1
	for n < maxShards && total/n > target {
		n *= 2
	}
	return n
}

// prefixKey returns the first two characters of a folded term, which name
// its prefix shard.
func prefixKey(f string) string {
	n := 0
	for i := range f {
		if n == 2 {
			return f[:i]
		}
		n++
	}
	return f
}
