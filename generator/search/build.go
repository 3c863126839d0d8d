package search

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
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

	// The register's fields: the ISO dates of issue, effect and expiry
	// ("2022-07-28", "" when unknown), the field (lĩnh vực) and the status
	// code known without the clock ("in-force", "partly-expired",
	// "expired", "not-yet", or "": the browser decides from the dates).
	Issued, Effective, Expires string
	Field                      string
	Status                     string
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
	// Write, when set, is handed the term packs (search/t/…), then the
	// document packs (search/d/…), as they are made, in order, on the
	// goroutine that called Build, which then leaves them out of the files
	// it returns: they are most of the index's bytes, and need not all be
	// in memory at once. data is Write's to read until it returns, not to
	// keep: Build makes later packs in the same memory.
	Write func(name string, data []byte) error
	// Parts, when set, returns the parts of docs[i] with their text, for
	// documents whose Parts hold no text (or none at all): Build asks for
	// them when it reads the text (twice: to index it, to store it) and
	// lets them go after, so that the texts of a whole site need not all
	// be in memory at once. It is called on several goroutines at once.
	Parts func(i int) ([]Part, error)
}

// Field weights: how many times an occurrence counts in a term's frequency.
const (
	TitleWeight   = 3 // title and document number
	HeadingWeight = 2 // headings, type, issuer, topics and tags
	BodyWeight    = 1 // body text
)

// BM25 parameters; see the package documentation. A high k1 lets a word
// repeated in a short article outweigh a word met once, and b = 1 fully
// normalizes length, so that a whole law or a long news item holding a few
// query words here and there does not outrank the short article about
// them: on the corpus's dev queries cut to four keywords this raised
// MRR@10 from 0.42 to 0.49 (k1 1.2 and b 0.75 before; README, "Search").
const (
	bm25K1 = 3.0
	bm25B  = 1.0
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
	maxShards        = 16384
)

// MaxQueryTermShards is the most term shards the searcher loads for one
// query, quoted phrases aside; with shards of about termShardBytes it
// bounds what a long pasted question loads (the searcher also bounds the
// postings it loads, for a site whose words are all common). Written to
// meta.js. 32 rather than 24: on the corpus's full questions hit@10 0.960
// → 0.967 (README, "Search"), 146 KB gzip at the p90.
const MaxQueryTermShards = 32

// Build returns the index files to write, keyed by path relative to the site
// root, all under "search/": "search/meta.js", "search/t/3f.js", ... The
// same documents always give the same bytes.
func Build(docs []Doc, opts Options) (map[string][]byte, error) {
	for i, d := range docs {
		if d.URL == "" {
			return nil, fmt.Errorf("search: document %d (%q): empty url", i, d.Title)
		}
	}
	ix := newIndex(len(docs))
	as := newAnalyzers()
	for start := 0; start < len(docs); start += analyzeBatch {
		per, err := as.analyze(docs, start, min(len(docs), start+analyzeBatch), opts.Parts)
		if err != nil {
			return nil, err
		}
		globalFolds := make([][]uint32, len(per))
		for i, dt := range per {
			globalFolds[i] = ix.add(uint32(start+i), dt)
		}
		ix.addBigrams(uint32(start), per, globalFolds)
	}
	files := make(map[string][]byte)
	write := opts.Write
	if write == nil {
		write = func(name string, data []byte) error { files[name] = bytes.Clone(data); return nil }
	}
	if err := ix.writeTerms(write); err != nil {
		return nil, err
	}
	if err := ix.writePrefixes(files); err != nil {
		return nil, err
	}
	if err := writeDocs(docs, opts.Parts, write); err != nil {
		return nil, err
	}
	ix.numberShards = writeNumbers(docs, files)
	if err := writeRegister(docs, files); err != nil {
		return nil, err
	}
	meta, df, fs, err := buildMeta(docs, opts, ix)
	if err != nil {
		return nil, err
	}
	files["search/meta.js"] = meta
	files["search/df.js"] = df
	files["search/facets.js"] = fs
	return files, nil
}

// withParts returns docs[start:end], with the parts load gives when it is
// not nil (in a copy: docs is the caller's).
func withParts(docs []Doc, start, end int, load func(int) ([]Part, error)) ([]Doc, error) {
	if load == nil {
		return docs[start:end], nil
	}
	out := make([]Doc, end-start)
	for i := range out {
		d, err := withPartsOf(docs, start+i, load)
		if err != nil {
			return nil, err
		}
		out[i] = *d
	}
	return out, nil
}

// withPartsOf returns docs[i], in a copy with the parts load gives when
// load is not nil.
func withPartsOf(docs []Doc, i int, load func(int) ([]Part, error)) (*Doc, error) {
	if load == nil {
		return &docs[i], nil
	}
	d := docs[i]
	parts, err := load(i)
	if err != nil {
		return nil, fmt.Errorf("search: %s: %w", d.URL, err)
	}
	d.Parts = parts
	return &d, nil
}

// analyzeBatch is how many documents are analyzed at a time: their term
// lists (ids and counts) are merged into the index before the next batch
// is analyzed, so that the term lists of the whole site are never all in
// memory at once, and the text is read once. 128 rather than 512: with
// their texts, the term lists of 512 documents of the generated corpus
// held about 45 MiB, a quarter of the live heap at its peak.
const analyzeBatch = 128

// workers is how many goroutines forEach runs for n items: one per core,
// at least one.
func workers(n int) int { return min(runtime.GOMAXPROCS(0), max(n, 1)) }

// forEach calls fn(w, i) for every i in [0, n) on workers(n) goroutines and
// returns when every call has returned; w (from 0) names the goroutine, so
// that fn may keep state per goroutine. Calls must touch disjoint data.
func forEach(n int, fn func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers(n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(w, i)
			}
		})
	}
	wg.Wait()
}
