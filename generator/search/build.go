package search

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Doc is one document to index.
type Doc struct {
	URL     string // root-relative page URL, "van-ban/ke-hoach-205-kh-ubnd.html"
	Title   string
	Section string // section title, shown in results
	Number  string // document number, "205/KH-UBND"
	Type    string
	Issuer  string
	Year    int      // year of issue, 0 if none
	Date    string   // display date "28/7/2022", may be ""
	Topics  []string // topics (chủ đề)
	Tags    []string
	Parts   []Part // body text split at headings
}

// Part is the text of a document under one heading.
type Part struct {
	Anchor  string // heading id, "" before the first heading
	Heading string // heading text
	Text    string // plain text
}

// Options tune the index.
type Options struct {
	Lang string // UI language, "vi" or "en"; sets the collation of facet values
}

// Field weights: how many times an occurrence counts in a term's frequency.
const (
	TitleWeight   = 3 // title and document number
	HeadingWeight = 2 // headings, type, issuer, topics and tags
	BodyWeight    = 1 // body text
)

// BM25 parameters; see the package documentation.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// MaxStoredText is the most characters (bytes) of body text stored per
// document for snippets; text beyond it is indexed but not shown.
const MaxStoredText = 40000

// Target sizes of a shard, in bytes, from which the shard counts follow:
// the number of shards grows with the index so that a shard stays small,
// and the searcher's cap on the term shards of one query
// ([MaxQueryTermShards]) bounds the bytes a query loads.
const (
	termShardBytes   = 3 << 10
	prefixShardBytes = 8 << 10
	maxShards        = 4096
)

// MaxQueryTermShards is the most term shards the searcher loads for one
// query, quoted phrases aside; with shards of about termShardBytes it
// bounds what a long pasted question loads. Written to meta.js.
const MaxQueryTermShards = 24

// maxCachedForms bounds the cache of token forms of one worker.
const maxCachedForms = 1 << 18

// docTerms is what one document contributes to the index, with term
// numbers local to the document.
type docTerms struct {
	folds   []string          // distinct folded forms
	exacts  []string          // distinct exact forms
	exFold  []int32           // local fold of each exact form
	exTF    []uint32          // weighted frequency of each exact form
	bigrams map[uint64]uint32 // local fold pair → weighted frequency
	length  uint32            // weighted number of tokens
}

// Build returns the index files to write, keyed by path relative to the site
// root, all under "search/": "search/meta.js", "search/t/3f.js", ... The
// same documents always give the same bytes.
func Build(docs []Doc, opts Options) (map[string][]byte, error) {
	for i, d := range docs {
		if d.URL == "" {
			return nil, fmt.Errorf("search: document %d (%q): empty url", i, d.Title)
		}
	}
	per := analyze(docs)
	ix := newIndex(len(docs))
	globalFolds := make([][]uint32, len(per))
	for i, dt := range per {
		globalFolds[i] = ix.add(uint32(i), dt)
	}
	ix.addBigrams(per, globalFolds)
	files := make(map[string][]byte)
	if err := ix.writeTerms(files); err != nil {
		return nil, err
	}
	if err := ix.writePrefixes(files); err != nil {
		return nil, err
	}
	if err := writeDocs(docs, files); err != nil {
		return nil, err
	}
	meta, err := buildMeta(docs, opts, ix)
	if err != nil {
		return nil, err
	}
	files["search/meta.js"] = meta
	return files, nil
}

// analyze tokenizes every document, in parallel.
func analyze(docs []Doc) []docTerms {
	out := make([]docTerms, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			forms := make(map[string]Token) // this worker's cache of NewToken
			for i := range next {
				out[i] = analyzeDoc(&docs[i], forms)
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// analyzeDoc counts the terms of one document. forms caches the forms of
// the words seen so far.
func analyzeDoc(d *Doc, forms map[string]Token) docTerms {
	dt := docTerms{bigrams: make(map[uint64]uint32)}
	foldIx := make(map[string]int32)
	exactIx := make(map[string]int32)
	field := func(text string, weight uint32) {
		prev := int32(-1)
		eachWord(text, func(word string) {
			tk, ok := forms[word]
			if !ok {
				tk = NewToken(word)
				if len(forms) < maxCachedForms {
					forms[strings.Clone(word)] = tk
				}
			}
			ex := tk.Exact
			e, ok := exactIx[ex]
			if !ok {
				fo := tk.Fold
				f, ok := foldIx[fo]
				if !ok {
					f = int32(len(dt.folds))
					foldIx[fo] = f
					dt.folds = append(dt.folds, fo)
				}
				e = int32(len(dt.exacts))
				exactIx[ex] = e
				dt.exacts = append(dt.exacts, ex)
				dt.exFold = append(dt.exFold, f)
				dt.exTF = append(dt.exTF, 0)
			}
			dt.exTF[e] += weight
			dt.length += weight
			f := dt.exFold[e]
			if prev >= 0 {
				dt.bigrams[uint64(prev)<<32|uint64(f)] += weight
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
	return dt
}

// index holds the global posting lists.
type index struct {
	n        int
	foldID   map[string]uint32
	folds    []string
	foldDF   []uint32
	exactID  map[string]uint32
	exacts   []string
	exFold   []uint32
	exPost   [][]posting
	biParts  []map[uint64][]posting // bigram postings, partitioned by key for parallel merging
	lengths  []uint32
	totalLen uint64

	termShards   int // number of term shards, set by writeTerms
	prefixShards int // number of prefix shards, set by writePrefixes
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
func (ix *index) add(doc uint32, dt docTerms) []uint32 {
	ix.lengths[doc] = dt.length
	ix.totalLen += uint64(dt.length)
	gfold := make([]uint32, len(dt.folds))
	for i, f := range dt.folds {
		id, ok := ix.foldID[f]
		if !ok {
			id = uint32(len(ix.folds))
			ix.foldID[f] = id
			ix.folds = append(ix.folds, f)
			ix.foldDF = append(ix.foldDF, 0)
		}
		ix.foldDF[id]++
		gfold[i] = id
	}
	for i, e := range dt.exacts {
		id, ok := ix.exactID[e]
		if !ok {
			id = uint32(len(ix.exacts))
			ix.exactID[e] = id
			ix.exacts = append(ix.exacts, e)
			ix.exFold = append(ix.exFold, gfold[dt.exFold[i]])
			ix.exPost = append(ix.exPost, nil)
		}
		ix.exPost[id] = append(ix.exPost[id], posting{doc, dt.exTF[i]})
	}
	return gfold
}

// addBigrams merges the bigram postings of every document on all cores:
// worker w takes the keys of partition w and walks the documents in order,
// so every posting list is in document order whatever the scheduling.
func (ix *index) addBigrams(per []docTerms, globalFolds [][]uint32) {
	parts := runtime.GOMAXPROCS(0)
	ix.biParts = make([]map[uint64][]posting, parts)
	var wg sync.WaitGroup
	for w := range parts {
		ix.biParts[w] = make(map[uint64][]posting)
		wg.Add(1)
		go func() {
			defer wg.Done()
			post := ix.biParts[w]
			for i, dt := range per {
				gfold := globalFolds[i]
				for k, tf := range dt.bigrams {
					g := uint64(gfold[k>>32])<<32 | uint64(gfold[k&math.MaxUint32])
					if int((g*0x9E3779B97F4A7C15)>>32%uint64(parts)) != w {
						continue
					}
					post[g] = append(post[g], posting{uint32(i), tf})
				}
			}
		}()
	}
	wg.Wait()
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

// writeTerms adds the term shards to files.
func (ix *index) writeTerms(files map[string][]byte) error {
	type entry struct {
		key string
		val any
	}
	var entries []entry
	total := 0
	// Unigrams: exact forms grouped under their folded form.
	byFold := make([][]uint32, len(ix.folds))
	for e, f := range ix.exFold {
		byFold[f] = append(byFold[f], uint32(e))
	}
	for f, es := range byFold {
		sort.Slice(es, func(i, j int) bool { return ix.exacts[es[i]] < ix.exacts[es[j]] })
		list := make([]string, 0, 2*len(es))
		for _, e := range es {
			ix.weigh(ix.exPost[e])
			p := encodePostings(ix.exPost[e], true)
			list = append(list, ix.exacts[e], p)
			total += len(p) + len(ix.exacts[e]) + 6
		}
		entries = append(entries, entry{ix.folds[f], list})
	}
	for _, part := range ix.biParts {
		for k, ps := range part {
			ix.weigh(ps)
			key := ix.folds[k>>32] + " " + ix.folds[k&math.MaxUint32]
			p := encodePostings(ps, true)
			total += len(p) + len(key) + 6
			entries = append(entries, entry{key, p})
		}
	}
	ix.termShards = shardCount(total, termShardBytes)
	shards := make([]map[string]any, ix.termShards)
	for _, e := range entries {
		s := int(hashTerm(e.key) & uint32(ix.termShards-1))
		if shards[s] == nil {
			shards[s] = make(map[string]any)
		}
		shards[s][e.key] = e.val
	}
	return writeShards(files, "t", shards)
}

// writePrefixes adds the prefix shards to files: every folded unigram with
// its document frequency, by the hash of its first two characters.
func (ix *index) writePrefixes(files map[string][]byte) error {
	total := 0
	for _, f := range ix.folds {
		total += len(f) + 8
	}
	ix.prefixShards = shardCount(total, prefixShardBytes)
	shards := make([]map[string]any, ix.prefixShards)
	for id, f := range ix.folds {
		s := int(hashTerm(prefixKey(f)) & uint32(ix.prefixShards-1))
		if shards[s] == nil {
			shards[s] = make(map[string]any)
		}
		shards[s][f] = ix.foldDF[id]
	}
	return writeShards(files, "p", shards)
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

// writeShards encodes non-empty shards as family/xx.js files.
func writeShards(files map[string][]byte, family string, shards []map[string]any) error {
	for i, sh := range shards {
		if sh == nil {
			continue
		}
		name := shardName(family, i, len(shards))
		b, err := script(name, sh)
		if err != nil {
			return err
		}
		files["search/"+name+".js"] = b
	}
	return nil
}
