package search

import (
	"encoding/json"
	"sort"
	"strconv"
)

// shardEntry is one key of a shard file: a term with either one posting
// list (a bigram, or a prefix's frequency written as a number) or a list
// of strings (a unigram's exact forms and their postings).
type shardEntry struct {
	key  string
	one  string   // a JSON string value, when list is nil and number < 0
	list []string // a JSON array of strings
	num  int64    // a JSON number value, when >= 0
}

// writePrefixes adds the prefix shards to files: every folded unigram with
// its document frequency, by the hash of its first two characters.
func (ix *index) writePrefixes(files map[string][]byte) error {
	total := 0
	for _, f := range ix.folds {
		total += len(f) + 8
	}
	ix.prefixShards = shardCount(total, prefixShardBytes)
	shards := make([][]shardEntry, ix.prefixShards)
	for id, f := range ix.folds {
		s := int(hashTerm(prefixKey(f)) & uint32(ix.prefixShards-1))
		shards[s] = append(shards[s], shardEntry{key: f, num: int64(ix.foldDF[id])})
	}
	encodeShards(files, "p", shards)
	return nil
}

// encodeShards encodes the non-empty shards as family/xx.js files, on all
// cores, each an object with its keys in sorted order (term shards go
// into packs instead: packShards).
func encodeShards(files map[string][]byte, family string, shards [][]shardEntry) {
	objs := shardObjects(shards)
	for i, obj := range objs {
		if obj == nil {
			continue
		}
		name := shardName(family, i, len(shards))
		b := make([]byte, 0, len(obj)+len(name)+32)
		b = append(b, `__tusachSearch.add("`...)
		b = append(b, name...)
		b = append(b, `",`...)
		b = append(b, obj...)
		files["search/"+name+".js"] = append(b, ");\n"...)
	}
}

// shardObjects encodes each non-empty shard as a JSON object with its keys
// in sorted order, on all cores; an empty shard is nil.
func shardObjects(shards [][]shardEntry) [][]byte {
	out := make([][]byte, len(shards))
	forEach(len(shards), func(_, i int) { out[i] = shardObject(shards[i]) })
	return out
}

// shardObject encodes a shard as a JSON object with its keys in sorted
// order (sorting es); an empty shard is nil.
func shardObject(es []shardEntry) []byte {
	if len(es) == 0 {
		return nil
	}
	sort.Slice(es, func(a, b int) bool { return es[a].key < es[b].key })
	size := 8
	for _, e := range es {
		size += len(e.key) + len(e.one) + 8
		for _, s := range e.list {
			size += len(s) + 3
		}
	}
	b := make([]byte, 0, size)
	b = append(b, '{')
	for k, e := range es {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, e.key)
		b = append(b, ':')
		switch {
		case e.list != nil:
			b = append(b, '[')
			for j, s := range e.list {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, s)
			}
			b = append(b, ']')
		case e.num >= 0:
			b = strconv.AppendInt(b, e.num, 10)
		default:
			b = appendJSONString(b, e.one)
		}
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string. Strings of printable
// characters without quotes, backslashes or the line separators U+2028 and
// U+2029 (all of the index's terms and postings, in practice) are copied
// as they are; others go through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == 0x7f || c == 0xe2 {
			plain = false
			break
		}
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	j, _ := json.Marshal(s) // a string always encodes
	return append(b, j...)
}
