package search

import (
	"unicode"
	"unicode/utf8"

	"tusach/generator/viet"
	"tusach/generator/xref"
)

// NumberMatch is a document number found in a query (or in a document's
// number field) by [FindNumbers].
type NumberMatch struct {
	Start, End int // byte offsets in the NFC text
	// Keys are the normalized numbers ([xref.Normalize]) to look up, the
	// whole match first, then the match cut before each later code part
	// down to the stem: "205/KH-UBND" → ["205/KH-UBND", "205/KH"].
	Keys []string
	// Stem is the normalized number up to its first code part ("205/KH",
	// "91/2015/QH13", "21-KL"): every key of the match shares its number
	// shard, so that one shard answers all of them.
	Stem string
}

// FindNumbers returns the document numbers in text, in order, read more
// loosely than [xref.Find] since readers type queries in any case: a
// serial of one to five digits, not after "/ - . _", then either "/", an
// optional year (19xx, 20xx) and "/", and code parts (the first with two
// letters at least), or "-", a kind, "/" and code parts. A code part is a
// token of ASCII letters, đ and ư, and digits, starting with a letter;
// parts are joined by "/" or a dash, with white space allowed around it.
// "205/kh-ubnd", "21 - KL/TƯ" and "91/2015/QH13" are numbers; "28/7/2022",
// "1/2" and "5/luật" are not. text is read as NFC; offsets are into the NFC
// form. search.js (numbers) implements the same rules:
// testdata/numbers.json is the table both follow.
func FindNumbers(text string) []NumberMatch {
	text = viet.NFC(text)
	words := wordSpans(text)
	var out []NumberMatch
	for i := 0; i < len(words); i++ {
		m, next := numberAt(text, words, i)
		if next > i {
			out = append(out, m)
			i = next
		}
	}
	return out
}

// span is one token of a text: byte offsets and the lowercased word.
type span struct {
	start, end int
	word       string
}

// wordSpans returns the tokens of an NFC text with their offsets: maximal
// runs of letters, marks and digits, lowercased (not cut).
func wordSpans(text string) []span {
	var out []span
	start := -1
	for i := 0; i <= len(text); {
		r, size := rune(-1), 1
		if i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if (r == utf8.RuneError && size == 1) || !isTokenRune(r) {
				r = -1
			}
		}
		if r >= 0 && start < 0 {
			start = i
		} else if r < 0 && start >= 0 {
			out = append(out, span{start, i, lowerRunes(text[start:i])})
			start = -1
		}
		i += size
	}
	return out
}

// lowerRunes lowercases s rune by rune, as the JavaScript lower does.
func lowerRunes(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		b = append(b, unicode.ToLower(r))
	}
	return string(b)
}

// numberAt reads a number starting at word i; it returns the match and
// the index of its last word, or i when there is none.
func numberAt(text string, w []span, i int) (NumberMatch, int) {
	if !isSerial(w[i].word) || !numberStart(text, w[i].start) || i+1 >= len(w) {
		return NumberMatch{}, i
	}
	var stemEnd, minEnd int // last word of the stem; of the shortest key
	switch gap(text, w, i+1) {
	case '/':
		k := i + 1
		if isYear(w[k].word) && k+1 < len(w) && gap(text, w, k+1) == '/' {
			k++
		}
		if !isCodePart(w[k].word) || letters(w[k].word) < 2 {
			return NumberMatch{}, i
		}
		stemEnd, minEnd = k, k
	case '-':
		k := i + 1
		if !isCodePart(w[k].word) || k+1 >= len(w) || gap(text, w, k+1) != '/' || !isCodePart(w[k+1].word) {
			return NumberMatch{}, i
		}
		stemEnd, minEnd = k, k+1
	default:
		return NumberMatch{}, i
	}
	end := minEnd
	for end+1 < len(w) && gap(text, w, end+1) != 0 && isCodePart(w[end+1].word) {
		end++
	}
	m := NumberMatch{Start: w[i].start, End: w[end].end, Stem: xref.Normalize(text[w[i].start:w[stemEnd].end])}
	for e := end; e >= minEnd; e-- {
		m.Keys = append(m.Keys, xref.Normalize(text[w[i].start:w[e].end]))
	}
	return m, end
}

// gap returns the separator between word k-1 and word k: '/' or '-' when
// the text between them is one slash or dash with optional white space
// around it, else 0.
func gap(text string, w []span, k int) byte {
	sep := byte(0)
	for _, r := range text[w[k-1].end:w[k].start] {
		switch {
		case r == ' ' || r == '\t' || r == '\u00a0':
		case sep == 0 && r == '/':
			sep = '/'
		case sep == 0 && isNumberDash(r):
			sep = '-'
		default:
			return 0
		}
	}
	return sep
}

// numberStart reports whether a number may start at offset i: the rune
// before is none of "/ . _" or a dash (as in [xref.Find]).
func numberStart(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r != '/' && r != '.' && r != '_' && !isNumberDash(r)
}

// isNumberDash reports whether r is "-" or a dash written for it.
func isNumberDash(r rune) bool { return r == '-' || r == '‐' || r == '‑' || r == '–' }

// isSerial reports whether a word is one to five ASCII digits.
func isSerial(w string) bool { return len(w) >= 1 && len(w) <= 5 && allDigits(w) }

// isYear reports whether a word is a year from 1900 to 2099.
func isYear(w string) bool {
	return len(w) == 4 && allDigits(w) && (w[:2] == "19" || w[:2] == "20")
}

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// isCodePart reports whether a lowercased word can be part of a number's
// code: a letter (a–z, đ, ư), then letters and digits.
func isCodePart(w string) bool {
	for i, r := range w {
		letter := r >= 'a' && r <= 'z' || r == 'đ' || r == 'ư'
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return w != ""
}

// letters counts the letters of a code part.
func letters(w string) int {
	n := 0
	for _, r := range w {
		if r < '0' || r > '9' {
			n++
		}
	}
	return n
}

// numberShardBytes is the target size of a number shard: a query with a
// number loads one.
const numberShardBytes = 2 << 10

// writeNumbers adds the number shards, search/n/XX.js, to files and
// returns their count (0 when no document has a number): every document
// number, as the key of its first match ([FindNumbers]), with the postings
// (no weights) of the documents that carry it, in the shard named by the
// hash of the match's stem. A number that is no match (no digits, say)
// goes under its normalized form, as its own stem.
func writeNumbers(docs []Doc, files map[string][]byte) int {
	type entry struct {
		stem string
		ps   []posting
	}
	byKey := make(map[string]*entry)
	var keys []string
	for i := range docs {
		if docs[i].Number == "" {
			continue
		}
		key, stem := numberKey(docs[i].Number)
		if key == "" {
			continue
		}
		e := byKey[key]
		if e == nil {
			e = &entry{stem: stem}
			byKey[key] = e
			keys = append(keys, key)
		}
		e.ps = append(e.ps, posting{doc: uint32(i)})
	}
	if len(keys) == 0 {
		return 0
	}
	total := 0
	enc := make(map[string]string, len(keys))
	for _, k := range keys {
		enc[k] = encodePostings(byKey[k].ps, false)
		total += len(k) + len(enc[k]) + 6
	}
	n := shardCount(total, numberShardBytes)
	shards := make([][]shardEntry, n)
	for _, k := range keys {
		s := int(hashTerm(byKey[k].stem) & uint32(n-1))
		shards[s] = append(shards[s], shardEntry{key: k, one: enc[k], num: -1})
	}
	encodeShards(files, "n", shards)
	return n
}

// numberKey returns the key and stem under which a document's number is
// looked up.
func numberKey(number string) (key, stem string) {
	if ms := FindNumbers(number); len(ms) > 0 {
		return ms[0].Keys[0], ms[0].Stem
	}
	k := xref.Normalize(number)
	return k, k
}
