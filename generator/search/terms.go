package search

import (
	"math"
	"sort"
)

// termRef names the postings of one entry of a term shard: the unigrams
// of fold n (part < 0), or bigram n of partition part.
type termRef struct {
	part int32
	n    uint32
}

// writeTerms hands the term shards, in packs, to write, dropping the
// index's posting lists as it encodes them. It first sizes every entry
// from the postings, which sets the number of shards, and files each term
// under its shard; then the entries of a window of packs at a time are
// encoded, packed and written (packShards): the encoded entries of the
// whole index are never in memory at once. Posting lists are weighed and
// encoded on all cores; the bytes do not depend on the scheduling, since
// every shard's keys are written in sorted order.
func (ix *index) writeTerms(write func(name string, data []byte) error) error {
	// Unigrams: exact forms grouped under their folded form, in order.
	byFold := make([][]uint32, len(ix.folds))
	for e, f := range ix.exFold {
		byFold[f] = append(byFold[f], uint32(e))
	}
	sizes := make([]int, len(ix.folds)+len(ix.biParts))
	const batch = 256
	forEach((len(byFold)+batch-1)/batch, func(_, c int) {
		for f := c * batch; f < min(len(byFold), (c+1)*batch); f++ {
			es := byFold[f]
			sort.Slice(es, func(i, j int) bool { return ix.exacts[es[i]] < ix.exacts[es[j]] })
			for _, e := range es {
				sizes[f] += ix.exPost[e].encodedLen() + len(ix.exacts[e]) + 6
			}
		}
	})
	forEach(len(ix.biParts), func(_, w int) {
		part := &ix.biParts[w]
		part.id = nil // the keys are numbered: the map goes
		for n, k := range part.keys {
			a, b := ix.folds[k>>32], ix.folds[k&math.MaxUint32]
			sizes[len(ix.folds)+w] += part.lists[n].encodedLen() + len(a) + 1 + len(b) + 6
		}
	})
	total := 0
	for _, n := range sizes {
		total += n
	}
	ix.termShards = shardCount(total, termShardBytes)
	mask := uint32(ix.termShards - 1)
	refs := make([][]termRef, ix.termShards)
	for f, fold := range ix.folds {
		s := hashTerm(fold) & mask
		refs[s] = append(refs[s], termRef{-1, uint32(f)})
	}
	for w := range ix.biParts {
		for n, k := range ix.biParts[w].keys {
			h := hashMore(hashMore(hashMore(fnvOffset, ix.folds[k>>32]), " "), ix.folds[k&math.MaxUint32])
			refs[h&mask] = append(refs[h&mask], termRef{int32(w), uint32(n)})
		}
	}
	scratch := make([][]posting, workers(packWindow))
	return packShards("t", len(refs), func(w, s int) []shardEntry {
		es := make([]shardEntry, len(refs[s]))
		for i, r := range refs[s] {
			es[i] = ix.entry(r, byFold, &scratch[w])
		}
		refs[s] = nil
		return es
	}, write)
}

// entry encodes the shard entry of r, letting go of its postings; scratch
// is the caller's buffer for decoding them.
func (ix *index) entry(r termRef, byFold [][]uint32, scratch *[]posting) shardEntry {
	encode := func(pl *postList) string {
		ps := pl.appendTo((*scratch)[:0])
		*pl = postList{} // read: the postings go
		ix.weigh(ps)
		*scratch = ps
		return encodePostings(ps, true)
	}
	if r.part < 0 {
		es := byFold[r.n]
		list := make([]string, 0, 2*len(es))
		for _, e := range es {
			list = append(list, ix.exacts[e], encode(&ix.exPost[e]))
		}
		return shardEntry{key: ix.folds[r.n], list: list, num: -1}
	}
	part := &ix.biParts[r.part]
	k := part.keys[r.n]
	key := ix.folds[k>>32] + " " + ix.folds[k&math.MaxUint32]
	return shardEntry{key: key, one: encode(&part.lists[r.n]), num: -1}
}
