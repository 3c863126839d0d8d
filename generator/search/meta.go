package search

import (
	"sort"
	"strconv"
	"strings"

	"tusach/generator/viet"
)

// FacetKeys are the facets, in the order the searcher shows them.
var FacetKeys = []string{"type", "issuer", "year", "topics", "tags"}

// meta is the content of search/meta.js.
type meta struct {
	Version      int `json:"v"`
	Docs         int `json:"n"`
	TermShards   int `json:"ts"`
	PrefixShards int `json:"ps"`
	// NumberShards is the count of number shards, search/n/XX.js; 0 (left
	// out) when no document has a number.
	NumberShards int `json:"ns,omitempty"`
	// DocsPerPack is how many documents a pack file search/d/P.js holds
	// ([DocsPerPackFor]).
	DocsPerPack int `json:"dp"`
	// ShardsPerPack is how many term shards a pack file search/t/P.js
	// holds ([ShardsPerPack]).
	ShardsPerPack int      `json:"tp"`
	Stopwords     []string `json:"stop"`
	// CommonDF is the document frequency of every folded unigram found in
	// at least CommonMin documents; a term missing from it is rarer. The
	// searcher reads a term's informativeness (idf) from it before loading
	// any shard, to choose the shards of a long query. It is written to a
	// file of its own, search/df.js, which only a query with more term
	// shards than QueryShards loads: a few typed words get all theirs.
	CommonDF  map[string]uint32 `json:"-"`
	CommonMin int               `json:"dfm"`
	// QueryShards is the most term shards one query loads, quoted phrases
	// aside ([MaxQueryTermShards]).
	QueryShards int `json:"tq"`
}

// facets is the content of search/facets.js: what the searcher's filters
// need and nothing else, so that a query without a filter, whose reader
// has not opened the filter panel, does not load it (on a large site the
// facet postings are most of what meta.js used to carry).
type facets struct {
	Facets []facet `json:"f"`
	// Lifecycle groups the documents that have a status or an effective
	// or expiry date by those three: [status, effective, expires,
	// postings without weights], in the order of each group's first
	// document. The searcher settles each group's status from today's
	// date, as status.js does, for the status facet.
	Lifecycle [][4]string `json:"lc,omitempty"`
}

// facet is one facet: its values, and for each value the documents that
// have it as a posting list without weights.
type facet struct {
	Key    string   `json:"k"`
	Values []string `json:"v"`
	Docs   []string `json:"d"`
}

// facetValues returns the values a document has for the facet key.
func facetValues(d *Doc, key string) []string {
	switch key {
	case "type":
		return []string{d.Type}
	case "issuer":
		return []string{d.Issuer}
	case "year":
		if d.Year == 0 {
			return nil
		}
		return []string{strconv.Itoa(d.Year)}
	case "topics":
		return d.Topics
	case "tags":
		return d.Tags
	}
	return nil
}

// Bounds of the document-frequency table of meta.js: terms found in at
// least one document in commonShare (and in at least two documents), at
// most maxCommonTerms of them, the most frequent.
const (
	commonShare    = 100
	maxCommonTerms = 2048
)

// commonDF returns the document frequencies of the most frequent folded
// unigrams, at most maxTerms of them, and the least frequency listed: every
// term found in at least that many documents is in the table.
func (ix *index) commonDF(maxTerms int) (map[string]uint32, int) {
	minDF := max(2, ix.n/commonShare)
	ids := make([]int, 0, 64)
	for id, df := range ix.foldDF {
		if int(df) >= minDF {
			ids = append(ids, id)
		}
	}
	if len(ids) > maxTerms {
		sort.Slice(ids, func(i, j int) bool { return ix.foldDF[ids[i]] > ix.foldDF[ids[j]] })
		// keep whole frequencies: drop every term as rare as the first one cut
		minDF = int(ix.foldDF[ids[maxTerms]]) + 1
		ids = ids[:maxTerms]
		for len(ids) > 0 && int(ix.foldDF[ids[len(ids)-1]]) < minDF {
			ids = ids[:len(ids)-1]
		}
	}
	out := make(map[string]uint32, len(ids))
	for _, id := range ids {
		out[ix.folds[id]] = ix.foldDF[id]
	}
	return out, minDF
}

// buildMeta encodes search/meta.js, search/df.js (meta's CommonDF) and
// search/facets.js.
func buildMeta(docs []Doc, opts Options, ix *index) (metaJS, dfJS, facetsJS []byte, err error) {
	m := meta{
		Version: 1, Docs: len(docs), TermShards: ix.termShards, PrefixShards: ix.prefixShards,
		NumberShards: ix.numberShards, DocsPerPack: DocsPerPackFor(len(docs)), ShardsPerPack: ShardsPerPack,
		Stopwords: StopwordForms(),
	}
	m.CommonDF, m.CommonMin = ix.commonDF(maxCommonTerms)
	m.QueryShards = MaxQueryTermShards
	fs := facets{Facets: []facet{}, Lifecycle: lifecycleGroups(docs)}
	coll := viet.NewCollator(opts.Lang)
	for _, key := range FacetKeys {
		byValue := make(map[string][]posting)
		for i := range docs {
			seen := make(map[string]bool)
			for _, v := range facetValues(&docs[i], key) {
				v = strings.TrimSpace(viet.NFC(v))
				if v == "" || seen[v] {
					continue
				}
				seen[v] = true
				byValue[v] = append(byValue[v], posting{doc: uint32(i)})
			}
		}
		if len(byValue) == 0 {
			continue
		}
		values := make([]string, 0, len(byValue))
		for v := range byValue {
			values = append(values, v)
		}
		if key == "year" {
			sort.Slice(values, func(i, j int) bool {
				a, _ := strconv.Atoi(values[i])
				b, _ := strconv.Atoi(values[j])
				return a > b
			})
		} else {
			coll.Sort(values)
		}
		f := facet{Key: key, Values: values}
		for _, v := range values {
			f.Docs = append(f.Docs, encodePostings(byValue[v], false))
		}
		fs.Facets = append(fs.Facets, f)
	}
	if dfJS, err = script("df", m.CommonDF); err != nil {
		return nil, nil, nil, err
	}
	if facetsJS, err = script("facets", fs); err != nil {
		return nil, nil, nil, err
	}
	metaJS, err = script("meta", m)
	return metaJS, dfJS, facetsJS, err
}

// lifecycleGroups returns meta's Lifecycle table.
func lifecycleGroups(docs []Doc) [][4]string {
	byKey := make(map[[3]string][]posting)
	var keys [][3]string
	for i, d := range docs {
		k := [3]string{d.Status, d.Effective, d.Expires}
		if k == ([3]string{}) {
			continue
		}
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], posting{doc: uint32(i)})
	}
	out := make([][4]string, len(keys))
	for i, k := range keys {
		out[i] = [4]string{k[0], k[1], k[2], encodePostings(byKey[k], false)}
	}
	return out
}
