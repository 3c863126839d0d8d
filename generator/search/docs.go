package search

import (
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

// writeDocs adds the files of every document, encoded on all cores; the
// same documents give the same files whatever the scheduling.
func writeDocs(docs []Doc, files map[string][]byte) error {
	out := make([][]docFile, len(docs))
	errs := make([]error, len(docs))
	folds := make([]foldCache, workers(len(docs))) // each goroutine's cache
	for w := range folds {
		folds[w] = make(foldCache)
	}
	forEach(len(docs), func(w, i int) { out[i], errs[i] = docFiles(i, &docs[i], folds[w]) })
	for i, fs := range out {
		if errs[i] != nil {
			return errs[i]
		}
		for _, f := range fs {
			files[f.path] = f.data
		}
	}
	return nil
}

// docFile is one file of a document: its path under the site root and its
// bytes.
type docFile struct {
	path string
	data []byte
}

// docFiles encodes document i as its head, search/d/i.js, and one file
// search/d/i-k.js per further chunk k, whose signature the head carries.
// folds is the calling worker's cache of folded words.
func docFiles(i int, d *Doc, folds foldCache) ([]docFile, error) {
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
	name := "d/" + strconv.Itoa(i)
	b, err := script(name, head)
	if err != nil {
		return nil, err
	}
	out := make([]docFile, 0, len(chunks))
	out = append(out, docFile{"search/" + name + ".js", b})
	for k, c := range chunks[1:] {
		cname := name + "-" + strconv.Itoa(k+1)
		b, err := script(cname, c.texts)
		if err != nil {
			return nil, err
		}
		out = append(out, docFile{"search/" + cname + ".js", b})
	}
	return out, nil
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
