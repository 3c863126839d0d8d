package search

import "strings"

// A chunk signature is a Bloom filter of the folded unigrams of one chunk
// of a document's stored text, written in the document's head so that the
// searcher can tell, before loading any chunk, which chunks may hold a
// query's terms.
//
// Sizing. A filter of m bits holding n terms with k probes answers "may
// contain" for an absent term with probability about (1 − e^(−kn/m))^k.
// With [SignatureBitsPerTerm] = 9 and [SignatureProbes] = 3 that is 2.3 %
// (3.1 % at 8 bits, 1.7 % at 9 bits and 4 probes, 1.2 % at 10 bits and
// 4 probes). A false positive costs at most one needless chunk of about
// 6 KB, and only when it outranks the true chunk, while every bit is paid
// in the head of every long document a query shows: a 6 KB chunk of the
// real test corpus holds 203 distinct folded syllables at the median (246
// at the 90th percentile, 344 at most), so at 1.5 base-64 digits a term a
// signature is about 0.3 KB (0.5 KB at most) beside the chunk's 6 KB.
// Three probes rather than the optimal 6 (9·ln 2) keep the rate within a
// point of the best for these 9 bits and halve the work of the searcher,
// which tests every known term of a result against every chunk. m is
// rounded up to whole digits of 6 bits, which only lowers the rate.
//
// Probes. Probe i (0 ≤ i < k) of a term sets bit (a + i·b) mod 2³² mod m,
// where a = [hashTerm] of the folded term (FNV-1a-32) and b = fmix32(a) | 1
// (the final mix of MurmurHash3, so that b does not follow a's weak low
// bits; odd so that it is never 0), all in unsigned 32-bit arithmetic:
// JavaScript computes the same with Math.imul and >>> 0. Bit j is bit
// j mod 6 (least significant first) of digit j / 6 of the signature.
const (
	// SignatureBitsPerTerm is the size of a chunk signature, in bits per
	// distinct term of the chunk.
	SignatureBitsPerTerm = 9
	// SignatureProbes is the number of bits a term sets in a signature.
	SignatureProbes = 3
)

// signature is a Bloom filter over folded terms, m = 6·len(bits) bits,
// each byte holding the 6 bits of one base-64 digit.
type signature struct {
	bits []byte
}

// newSignature returns an empty filter sized for n distinct terms:
// n·SignatureBitsPerTerm bits rounded up to whole digits; no digit at all
// for no term.
func newSignature(n int) signature {
	return signature{bits: make([]byte, (n*SignatureBitsPerTerm+5)/6)}
}

// probes returns the bit positions term sets in a filter of m bits (m > 0).
func probes(term string, m int) [SignatureProbes]int { return probesOf(hashTerm(term), m) }

// probesOf returns the bit positions a term of hashTerm a sets in a
// filter of m bits (m > 0).
func probesOf(a uint32, m int) [SignatureProbes]int {
	b := fmix32(a) | 1
	var out [SignatureProbes]int
	for i := range out {
		out[i] = int((a + uint32(i)*b) % uint32(m))
	}
	return out
}

// fmix32 is the finalizer of MurmurHash3: every input bit affects every
// output bit.
func fmix32(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// add puts term in the filter.
func (s signature) add(term string) { s.addHash(hashTerm(term)) }

// addHash puts the term of hashTerm h in the filter.
func (s signature) addHash(h uint32) {
	if len(s.bits) == 0 {
		return
	}
	for _, j := range probesOf(h, 6*len(s.bits)) {
		s.bits[j/6] |= 1 << (j % 6)
	}
}

// mayContain reports whether term may have been added: always true for an
// added term, rarely for another.
func (s signature) mayContain(term string) bool {
	if len(s.bits) == 0 {
		return false
	}
	for _, j := range probes(term, 6*len(s.bits)) {
		if s.bits[j/6]&(1<<(j%6)) == 0 {
			return false
		}
	}
	return true
}

// String encodes the filter as base-64 digits of the index.
func (s signature) String() string {
	var b strings.Builder
	b.Grow(len(s.bits))
	for _, v := range s.bits {
		b.WriteByte(digits[v&63])
	}
	return b.String()
}

// chunkTerms returns the distinct folded unigrams of a chunk, in order of
// first occurrence: those of its texts and of the headings of the parts
// it holds text of. heads[p] is the heading of part p. A token cut in two
// by a chunk boundary (only where no space falls near the end of a chunk)
// counts as its two pieces.
func chunkTerms(c chunk, heads []string, folds *foldCache) []string {
	ids := folds.chunkFolds(c, heads)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = folds.folds[id]
	}
	return out
}

// chunkSignature returns the encoded signature of a chunk.
func chunkSignature(c chunk, heads []string, folds *foldCache) string {
	ids := folds.chunkFolds(c, heads)
	s := newSignature(len(ids))
	for _, id := range ids {
		s.addHash(folds.hashes[id])
	}
	return s.String()
}

// foldCache numbers the folded forms of the raw words met in text, as
// found there, and tells the distinct ones of a chunk apart with a mark
// per number rather than a set of strings: one per worker, so that the
// signatures of a corpus fold and hash each distinct word once.
type foldCache struct {
	raw    map[string]int32 // raw word → fold number (at most maxCachedForms)
	ids    map[string]int32 // folded form → fold number
	folds  []string         // folded form of each fold number
	hashes []uint32         // hashTerm of each folded form
	seen   []int32          // the chunk (epoch) that last met each fold
	epoch  int32            // 1 + the number of chunks read
	out    []int32          // scratch: the fold numbers of the current chunk
}

func newFoldCache() *foldCache {
	return &foldCache{raw: make(map[string]int32), ids: make(map[string]int32)}
}

// chunkFolds returns the numbers of the distinct folded unigrams of a
// chunk, in the order of chunkTerms; the slice is the cache's, valid
// until the next call.
func (c *foldCache) chunkFolds(ch chunk, heads []string) []int32 {
	c.epoch++
	c.out = c.out[:0]
	add := func(s string) {
		eachWord(s, func(raw string) {
			id := c.fold(raw)
			if c.seen[id] != c.epoch {
				c.seen[id] = c.epoch
				c.out = append(c.out, id)
			}
		})
	}
	for j, text := range ch.texts {
		if p := ch.part + j; p < len(heads) {
			add(heads[p])
		}
		add(text)
	}
	return c.out
}

// fold returns the number of the folded form of a raw word.
func (c *foldCache) fold(raw string) int32 {
	if id, ok := c.raw[raw]; ok {
		return id
	}
	f := FoldForm(normalWord(raw))
	id, ok := c.ids[f]
	if !ok {
		id = int32(len(c.folds))
		c.ids[f] = id
		c.folds = append(c.folds, f)
		c.hashes = append(c.hashes, hashTerm(f))
		c.seen = append(c.seen, 0)
	}
	if len(c.raw) < maxCachedForms {
		c.raw[strings.Clone(raw)] = id
	}
	return id
}
