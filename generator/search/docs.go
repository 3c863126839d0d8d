package search

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// HeadChunkBytes and ChunkBytes are the sizes, in bytes of UTF-8 text, a
// document's stored text is cut into for the searcher to load piece by
// piece: the first chunk, which the head carries, and each further one.
// Every result shown loads its head, ten per page of results, so the first
// chunk is small: 3 KB still holds the whole text of most documents of the
// real test corpus (median 1.3 KB), so most results cost one file, while
// on the generated 10,000-document corpus (about 10 KB a document) the
// heads of a page of results fall from 93 KB with 6 KB to 65 KB. Further
// chunks are loaded only for a snippet deeper in, at most two per result
// ([SnippetChunkLoads]); they are larger so that a document makes few
// files (tens of thousands of small files slow the build and the copy to
// a USB stick). A window of the snippet (32 syllables, about 200 bytes) is
// small beside a chunk, so a chunk boundary rarely cuts the best window.
const (
	HeadChunkBytes = 3 << 10
	ChunkBytes     = 6 << 10
)

// SnippetChunkLoads is the most further chunks the searcher loads for one
// result, beyond the head: the chunk whose signature promises the most
// query terms and, only while terms are still missing from the snippet,
// the next best. search-snippets.js holds the same constant. Every chunk of the
// stored text is written, so a snippet can come from anywhere in the first
// [MaxStoredText] bytes; ten results that each load two chunks, about
// 120 KB, are the worst case of a query.
const SnippetChunkLoads = 2

// DocsPerPack is how many consecutive documents share a pack at least,
// documents P·DocsPerPack onwards in search/d/P.js and search/d/P.bin: ten
// thousand documents make 1,250 files, not one a head and one a chunk
// (27,201 files in one folder before, more than FAT32 takes at 20,000
// documents, each a 32 KB cluster on a USB stick). A larger site packs
// more ([DocsPerPackFor]). Written to meta.js ("dp").
const DocsPerPack = 16

// MaxPacks bounds the packs of search/d: with a script and a binary each,
// the folder holds at most 2·MaxPacks = 8,192 entries, well under what a
// FAT32 folder takes (65,534 short names, fewer long ones) and under the
// 10,000 entries a folder may hold.
const MaxPacks = 4096

// DocsPerPackFor returns how many documents share a pack on a site of n
// documents: DocsPerPack, doubled until the packs are at most MaxPacks
// (32 at 100,000 documents). Over http a query reads only the entries it
// needs from a pack's binary, so a larger pack costs nothing there; from
// disk it doubles the bytes of each result's head pack.
func DocsPerPackFor(n int) int {
	per := DocsPerPack
	for (n+per-1)/per > MaxPacks {
		per *= 2
	}
	return per
}

// packWindow bounds the packs in memory at once: half of it encoded, on
// all cores, while the other half is handed on (writePacks).
const packWindow = 64

// writeDocs hands write the pack files of every document, in order, a
// window of packs encoded at a time on all cores; the same documents give
// the same files whatever the scheduling.
func writeDocs(docs []Doc, load func(int) ([]Part, error), write func(name string, data []byte) error) error {
	per := DocsPerPackFor(len(docs))
	packs := (len(docs) + per - 1) / per
	type scratch struct {
		folds *foldCache
		pk    *packer
	}
	ws := make([]scratch, workers(packWindow)) // each goroutine's
	for w := range ws {
		ws[w] = scratch{newFoldCache(), newPacker()}
	}
	return writePacks(packs, packName, func(w, p int) ([2][]byte, error) {
		pack, err := withParts(docs, p*per, min(len(docs), (p+1)*per), load)
		if err != nil {
			return [2][]byte{}, err
		}
		js, bin, err := packFiles(p, pack, ws[w].folds, ws[w].pk)
		return [2][]byte{js, bin}, err
	}, write)
}

// packName is the name of pack p, "d/12".
func packName(p int) string { return "d/" + strconv.Itoa(p) }

// packFiles encodes the documents of pack p (documents p·DocsPerPack
// onwards) twice. The script, run whole from disk:
//
//	__tusachSearch.pack("d/P",[[C1,…,CK,HEAD],…]);
//
// one array a document: its further chunks, then its head. The binary,
// read piece by piece over http with Range requests: a table of, a
// document after another, the byte offsets where its head starts and
// ends, each packTableDigits base-64 digits (most significant first), then
// per document its chunks and its head, each JSON value compressed on its
// own (zlib, which the browser's DecompressionStream("deflate") reads);
// the head's "o" says where each chunk starts and ends in the binary. pk is
// the calling worker's compressor.
func packFiles(p int, docs []Doc, folds *foldCache, pk *packer) (js, bin []byte, err error) {
	name := packName(p)
	js = packBuffer(16 << 10)
	js = append(js, `__tusachSearch.pack("`...)
	js = append(js, name...)
	js = append(js, `",[`...)
	table := 2 * packTableDigits * len(docs)
	bin = packBuffer(max(table, 8<<10))[:table] // each slot written below
	var buf []byte
	for j := range docs {
		if j > 0 {
			js = append(js, ',')
		}
		js = append(js, '[')
		head, chunks := docHead(&docs[j], folds)
		for _, c := range chunks {
			texts := c.texts
			if texts == nil {
				texts = []string{}
			}
			data, err := json.Marshal(texts)
			if err != nil {
				return nil, nil, fmt.Errorf("search: encode %s: %w", name, err)
			}
			js = append(append(js, data...), ',')
			head.Ranges = append(head.Ranges, pk.deflate(&bin, data))
		}
		ranges := head.Ranges
		head.Ranges = nil // the script needs none
		data, err := json.Marshal(head)
		if err != nil {
			return nil, nil, fmt.Errorf("search: encode %s: %w", name, err)
		}
		putRange(bin, j, pk.deflate(&bin, withRanges(data, ranges, &buf)))
		js = append(append(js, data...), ']')
	}
	return append(js, "]);\n"...), bin, nil
}

// withRanges returns a head encoded without its Ranges (data) as
// json.Marshal encodes it with them: "o", the last field, is left out
// when empty, else goes before the closing brace. *buf is scratch space.
func withRanges(data []byte, ranges [][2]int, buf *[]byte) []byte {
	if len(ranges) == 0 {
		return data
	}
	b := append((*buf)[:0], data[:len(data)-1]...)
	b = append(b, `,"o":[`...)
	for i, r := range ranges {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(r[0]), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(r[1]), 10)
		b = append(b, ']')
	}
	b = append(b, "]}"...)
	*buf = b
	return b
}

// docHead returns the head of document d and its further chunks, whose
// signatures the head carries; the caller fills the head's chunk ranges.
// folds is the calling worker's cache of folded words.
func docHead(d *Doc, folds *foldCache) (storedHead, []chunk) {
	chunks := splitChunks(d.Parts, HeadChunkBytes, ChunkBytes, MaxStoredText)
	head := storedHead{
		URL: d.URL, Title: d.Title, Section: d.Section,
		Number: d.Number, Date: d.Date,
		Effective: d.Effective, Expires: d.Expires, Status: d.Status,
		Parts: make([][2]string, len(d.Parts)),
		Text:  chunks[0].texts,
	}
	if head.Text == nil {
		head.Text = []string{}
	}
	heads := make([]string, len(d.Parts))
	for j, p := range d.Parts {
		head.Parts[j] = [2]string{p.Anchor, p.Heading}
		heads[j] = p.Heading
	}
	for _, c := range chunks[1:] {
		head.Chunks = append(head.Chunks, [2]int{c.part, c.offset})
		head.Signatures = append(head.Signatures, chunkSignature(c, heads, folds))
	}
	return head, chunks[1:]
}

// storedHead is the content of a document's head file, search/d/N.js.
type storedHead struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Section string `json:"s,omitempty"`
	Number  string `json:"n,omitempty"`
	Date    string `json:"d,omitempty"`
	// Effective, Expires (ISO dates) and Status (a code) settle the
	// document's status in the browser, as status.js does on pages.
	Effective string      `json:"ef,omitempty"`
	Expires   string      `json:"ex,omitempty"`
	Status    string      `json:"st,omitempty"`
	Parts     [][2]string `json:"h"`           // anchor and heading of every part
	Text      []string    `json:"x"`           // chunk 0: texts of parts 0, 1, …
	Chunks    [][2]int    `json:"k,omitempty"` // part and byte offset where chunks 1, 2, … start
	// Signatures are the Bloom filters of the folded terms of chunks 1, 2, …
	Signatures []string `json:"g,omitempty"`
	// Ranges are where chunks 1, 2, … start and end in the pack's binary,
	// in bytes (absent from its script).
	Ranges [][2]int `json:"o,omitempty"`
}

// chunk is a piece of a document's stored text: the texts of consecutive
// parts, the first starting at byte offset within the stored text of part
// part, every other at the start of its part.
type chunk struct {
	part   int
	offset int
	texts  []string
}

// splitChunks cuts the text of parts, the first budget bytes of it (the
// last part stored cut at a character boundary), into
// a first chunk of at most first bytes and further chunks of at most size
// bytes (both at least 4, the longest character). A
// part starts a new chunk when it does not fit in the current one but fits
// in an empty one and the current one is at least half full; otherwise it
// fills the current chunk and goes on in the next, cut after a line break
// or a space near the end where there is one, else between two characters.
// There is always at least one chunk, and concatenating the texts of a
// part, chunk after chunk, gives back its stored text.
func splitChunks(parts []Part, first, size, budget int) []chunk {
	var out []chunk
	cur := chunk{}
	used := 0
	room := first // the size of the current chunk
	flush := func(part, offset int) {
		out = append(out, cur)
		cur = chunk{part: part, offset: offset}
		used, room = 0, size
	}
	for i, p := range parts {
		text := cutBytes(p.Text, max(budget, 0))
		budget -= len(text)
		if len(text) < len(p.Text) {
			budget = 0 // the rest of a character cut off does not go to the next part
		}
		if used > 0 && used+len(text) > room && len(text) <= size && 2*used >= room {
			flush(i, 0)
		}
		for off := 0; ; {
			rest := text[off:]
			if used+len(rest) <= room {
				cur.texts = append(cur.texts, rest)
				used += len(rest)
				break
			}
			n := cutPoint(rest, room-used)
			if n > 0 {
				cur.texts = append(cur.texts, rest[:n])
				off += n
			}
			flush(i, off)
		}
	}
	return append(out, cur)
}

// cutPoint returns where to cut s to fit in room bytes: after the last line
// break in the last quarter of the room, else after the last space there,
// else at the last character boundary; 0 when not even one character fits.
func cutPoint(s string, room int) int {
	n := len(cutBytes(s, room))
	from := n - n/4
	if i := strings.LastIndexByte(s[from:n], '\n'); i >= 0 {
		return from + i + 1
	}
	if i := strings.LastIndexByte(s[from:n], ' '); i >= 0 {
		return from + i + 1
	}
	return n
}

// cutBytes cuts s to at most n bytes without splitting a character.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
