package search

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkChunks checks what every split must give: at least one chunk, none
// over size, whole characters, starts that follow each other, and the
// texts of each part, chunk after chunk, equal to its stored text.
func checkChunks(t *testing.T, parts []Part, size, budget int, chunks []chunk) {
	t.Helper()
	if len(chunks) == 0 {
		t.Fatal("no chunk")
	}
	if chunks[0].part != 0 || chunks[0].offset != 0 {
		t.Errorf("first chunk starts at part %d offset %d", chunks[0].part, chunks[0].offset)
	}
	got := make([]string, len(parts))
	for k, c := range chunks {
		n := 0
		for j, s := range c.texts {
			n += len(s)
			if !utf8.ValidString(s) {
				t.Errorf("chunk %d text %d splits a character: %q", k, j, s)
			}
			p := c.part + j
			if p >= len(parts) {
				t.Fatalf("chunk %d has text for part %d of %d", k, p, len(parts))
			}
			want := 0
			if j == 0 {
				want = c.offset
			}
			if len(got[p]) != want {
				t.Errorf("chunk %d: part %d goes on at %d, stored so far %d", k, p, want, len(got[p]))
			}
			got[p] += s
		}
		if n > size {
			t.Errorf("chunk %d holds %d bytes, more than %d", k, n, size)
		}
	}
	for i, p := range parts {
		text := cutBytes(p.Text, max(budget, 0))
		budget -= len(text)
		if len(text) < len(p.Text) {
			budget = 0
		}
		if got[i] != text {
			t.Errorf("part %d stored as %q, want %q", i, got[i], text)
		}
	}
}

// starts returns where each chunk starts, "part:offset".
func starts(chunks []chunk) string {
	var s []string
	for _, c := range chunks {
		s = append(s, fmt.Sprintf("%d:%d", c.part, c.offset))
	}
	return strings.Join(s, " ")
}

func TestSplitChunks(t *testing.T) {
	tests := []struct {
		name   string
		parts  []string
		size   int
		budget int
		starts string   // where each chunk starts
		texts  []string // the texts of the first chunk, when given
	}{
		{name: "no parts", size: 10, budget: 100, starts: "0:0"},
		{name: "all fit", parts: []string{"ab", "cd", ""}, size: 10, budget: 100, starts: "0:0",
			texts: []string{"ab", "cd", ""}},
		{name: "part to a new chunk", parts: []string{"aaaaaa", "bbbbbb"}, size: 10, budget: 100,
			starts: "0:0 1:0"},
		{name: "part goes on when the chunk is under half full", parts: []string{"aaa", "bbbbbbbbb"}, size: 10, budget: 100,
			starts: "0:0 1:7", texts: []string{"aaa", "bbbbbbb"}},
		{name: "long part over three chunks", parts: []string{strings.Repeat("x", 25)}, size: 10, budget: 100,
			starts: "0:0 0:10 0:20"},
		{name: "cut after a space", parts: []string{"aaaa bbbb cccc"}, size: 12, budget: 100,
			starts: "0:0 0:10", texts: []string{"aaaa bbbb "}},
		{name: "cut after a line break rather than a space", parts: []string{"abcdefghi\nk lmnop"}, size: 12, budget: 100,
			starts: "0:0 0:10", texts: []string{"abcdefghi\n"}},
		{name: "cut inside a word with no space near the end", parts: []string{"aa bbbbbbbbbbbbbb"}, size: 12, budget: 100,
			starts: "0:0 0:12", texts: []string{"aa bbbbbbbbb"}},
		{name: "whole characters", parts: []string{"đđđđđđ"}, size: 5, budget: 100,
			starts: "0:0 0:4 0:8", texts: []string{"đđ"}},
		{name: "budget", parts: []string{"aaaa", "bbbb", "cccc"}, size: 100, budget: 6, starts: "0:0",
			texts: []string{"aaaa", "bb", ""}},
		{name: "budget ends inside a character", parts: []string{"aaaa", "bđ", "cccc"}, size: 100, budget: 6, starts: "0:0",
			texts: []string{"aaaa", "b", ""}},
		{name: "empty parts after a full chunk", parts: []string{"aaaaaaaaaa", "", ""}, size: 10, budget: 100,
			starts: "0:0", texts: []string{"aaaaaaaaaa", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := make([]Part, len(tt.parts))
			for i, s := range tt.parts {
				parts[i] = Part{Anchor: fmt.Sprint("h", i), Text: s}
			}
			chunks := splitChunks(parts, tt.size, tt.size, tt.budget)
			checkChunks(t, parts, tt.size, tt.budget, chunks)
			if got := starts(chunks); got != tt.starts {
				t.Errorf("chunks start at %q, want %q", got, tt.starts)
			}
			if tt.texts != nil && fmt.Sprintf("%q", chunks[0].texts) != fmt.Sprintf("%q", tt.texts) {
				t.Errorf("first chunk %q, want %q", chunks[0].texts, tt.texts)
			}
		})
	}
}

func FuzzSplitChunks(f *testing.F) {
	f.Add("Điều 1. Phạm vi\nLuật này quy định", "", "chương hai", 8, 30)
	f.Add("", "", "", 4, 0)
	f.Add("aaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbb", "c", 5, 1000)
	f.Fuzz(func(t *testing.T, a, b, c string, size, budget int) {
		size = 4 + abs(size)%64
		budget = abs(budget) % 4096
		parts := []Part{{Text: a}, {Anchor: "b", Heading: "B", Text: b}, {Anchor: "c", Text: c}}
		for i := range parts {
			parts[i].Text = strings.ToValidUTF8(parts[i].Text, "?")
		}
		checkChunks(t, parts, size, budget, splitChunks(parts, size, size, budget))
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// readScript returns the name and the data of an index file.
func readScript(t *testing.T, b []byte) (string, []byte) {
	t.Helper()
	const pre = `__tusachSearch.add("`
	if !bytes.HasPrefix(b, []byte(pre)) || !bytes.HasSuffix(b, []byte(");\n")) {
		t.Fatalf("not a registration call: %.60s", b)
	}
	b = bytes.TrimSuffix(bytes.TrimPrefix(b, []byte(pre)), []byte(");\n"))
	name, data, ok := bytes.Cut(b, []byte(`",`))
	if !ok {
		t.Fatalf("no name: %.60s", b)
	}
	return string(name), data
}

// longDoc returns a document of several parts whose text is longer than
// MaxStoredText: seven chunks, some parts spanning two.
func longDoc() Doc {
	para := strings.Repeat("Điều khoản quy định về quyền và nghĩa vụ của công dân. ", 40) // about 2.3 KB
	d := Doc{URL: "van-ban/dai.html", Title: "Luật dài", Number: "1/2020/QH14", Date: "1/1/2020",
		Parts: []Part{{Text: "Mở đầu."}}}
	for i := range 12 {
		d.Parts = append(d.Parts, Part{Anchor: fmt.Sprint("dieu-", i+1), Heading: fmt.Sprint("Điều ", i+1),
			Text: strings.Repeat(para, 1+(i+1)%3)})
	}
	return d
}

// collect returns a write function that puts files in m.
func collect(m map[string][]byte) func(string, []byte) error {
	return func(name string, data []byte) error { m[name] = bytes.Clone(data); return nil } // data is reused once written
}

// readPack reads pack p back from its binary, by the offsets of its table
// and of its heads' "o", as the searcher reads it over http, checking that
// the script, run whole from disk, holds the same: per document its head
// and its further chunks.
func readPack(t *testing.T, files map[string][]byte, p int) (heads []storedHead, chunks [][][]string) {
	t.Helper()
	b, ok := files[fmt.Sprintf("search/d/%d.js", p)]
	bin, okBin := files[fmt.Sprintf("search/d/%d.bin", p)]
	if !ok || !okBin {
		t.Fatalf("no pack %d", p)
	}
	pre := fmt.Sprintf(`__tusachSearch.pack("d/%d",`, p)
	if !bytes.HasPrefix(b, []byte(pre)) || !bytes.HasSuffix(b, []byte(");\n")) {
		t.Fatalf("pack %d: not a pack call: %.60s", p, b)
	}
	var whole [][]json.RawMessage
	if err := json.Unmarshal(b[len(pre):len(b)-3], &whole); err != nil {
		t.Fatalf("pack %d: %v", p, err)
	}
	inflate := func(r [2]int) []byte {
		if r[0] < 2*packTableDigits*len(whole) || r[1] > len(bin) || r[0] >= r[1] {
			t.Fatalf("pack %d: range %v out of the binary (%d bytes)", p, r, len(bin))
		}
		z, err := zlib.NewReader(bytes.NewReader(bin[r[0]:r[1]]))
		if err != nil {
			t.Fatalf("pack %d: range %v: %v", p, r, err)
		}
		data, err := io.ReadAll(z)
		if err != nil {
			t.Fatalf("pack %d: range %v: %v", p, r, err)
		}
		return data
	}
	for j := range whole {
		data := inflate(readRange(t, bin, j))
		var h, inScript storedHead
		if err := json.Unmarshal(data, &h); err != nil {
			t.Fatalf("pack %d doc %d: head: %v", p, j, err)
		}
		if err := json.Unmarshal(whole[j][len(whole[j])-1], &inScript); err != nil || inScript.Ranges != nil {
			t.Fatalf("pack %d doc %d: the script's head: %v, ranges %v", p, j, err, inScript.Ranges)
		}
		if inScript.Ranges = h.Ranges; !reflect.DeepEqual(h, inScript) {
			t.Errorf("pack %d doc %d: the binary's head is not the script's", p, j)
		}
		if len(h.Ranges) != len(whole[j])-1 {
			t.Fatalf("pack %d doc %d: %d chunk ranges, %d chunks", p, j, len(h.Ranges), len(whole[j])-1)
		}
		var cs [][]string
		for k, r := range h.Ranges {
			var texts []string
			data := inflate(r)
			if err := json.Unmarshal(data, &texts); err != nil || !bytes.Equal(whole[j][k], data) {
				t.Fatalf("pack %d doc %d chunk %d: range %v: %v", p, j, k+1, r, err)
			}
			cs = append(cs, texts)
		}
		heads, chunks = append(heads, h), append(chunks, cs)
	}
	return heads, chunks
}

// TestWriteDocs reads back the packs of documents short and long: one
// head per document, its further chunks beside it, together the stored
// text of every part, the first MaxStoredText bytes; the head has a
// signature per further chunk that holds every term of the chunk.
func TestWriteDocs(t *testing.T) {
	var docs []Doc
	for range 3 { // more than one pack, the last one not full
		docs = append(append(docs, sampleDocs...), longDoc())
	}
	files := make(map[string][]byte)
	if err := writeDocs(docs, nil, collect(files)); err != nil {
		t.Fatal(err)
	}
	packs := (len(docs) + DocsPerPack - 1) / DocsPerPack
	if packs < 2 || len(files) != 2*packs {
		t.Fatalf("%d files for %d documents, want %d packs", len(files), len(docs), packs)
	}
	var heads []storedHead
	var chunks [][][]string
	for p := range packs {
		hs, cs := readPack(t, files, p)
		heads, chunks = append(heads, hs...), append(chunks, cs...)
	}
	if len(heads) != len(docs) {
		t.Fatalf("%d heads for %d documents", len(heads), len(docs))
	}
	for i, d := range docs {
		h := heads[i]
		if h.URL != d.URL || h.Title != d.Title || h.Number != d.Number || h.Date != d.Date || len(h.Parts) != len(d.Parts) {
			t.Errorf("head of %d = %+v", i, h)
		}
		hds := make([]string, len(d.Parts))
		for j, p := range d.Parts {
			hds[j] = p.Heading
			if h.Parts[j] != [2]string{p.Anchor, p.Heading} {
				t.Errorf("doc %d part %d: %q", i, j, h.Parts[j])
			}
		}
		if len(h.Signatures) != len(h.Chunks) || len(chunks[i]) != len(h.Chunks) {
			t.Fatalf("doc %d: %d signatures and %d chunks for %d further chunks", i, len(h.Signatures), len(chunks[i]), len(h.Chunks))
		}
		texts := make([]string, len(d.Parts))
		add := func(part int, ts []string) {
			for j, s := range ts {
				texts[part+j] += s
			}
		}
		add(0, h.Text)
		for k, st := range h.Chunks {
			ts := chunks[i][k]
			if len(texts[st[0]]) != st[1] {
				t.Errorf("doc %d chunk %d starts part %d at %d, stored so far %d", i, k+1, st[0], st[1], len(texts[st[0]]))
			}
			add(st[0], ts)
			sig := parseSignature(t, h.Signatures[k])
			terms := chunkTerms(chunk{part: st[0], offset: st[1], texts: ts}, hds, newFoldCache())
			for _, w := range terms {
				if !sig.mayContain(w) {
					t.Errorf("doc %d chunk %d: signature lacks %q", i, k+1, w)
				}
			}
			if len(terms) == 0 || sig.mayContain("xylofon") {
				t.Errorf("doc %d chunk %d: %d terms, signature holds a word the chunk has not", i, k+1, len(terms))
			}
		}
		all, text := "", ""
		for j, p := range d.Parts {
			if !strings.HasPrefix(p.Text, texts[j]) || (texts[j] != p.Text && j+1 < len(d.Parts) && texts[j+1] != "") {
				t.Errorf("doc %d part %d stored as %.40q…, not the beginning of the text", i, j, texts[j])
			}
			all += texts[j]
			text += p.Text
		}
		if want := cutBytes(text, MaxStoredText); all != want {
			t.Errorf("doc %d: %d bytes stored in %d chunks, want %d", i, len(all), len(h.Chunks)+1, len(want))
		}
		long := (i+1)%(len(sampleDocs)+1) == 0
		if !long && len(h.Chunks) != 0 {
			t.Errorf("short doc %d has %d further chunks", i, len(h.Chunks))
		}
		if long && len(h.Chunks) < 6 {
			t.Errorf("long doc: %d chunks", len(h.Chunks)+1)
		}
	}
}

// TestWriteDocsDeterministic: one worker or many, the same files.
func TestWriteDocsDeterministic(t *testing.T) {
	var docs []Doc
	for range 20 {
		docs = append(docs, sampleDocs...)
		docs = append(docs, longDoc())
	}
	many := make(map[string][]byte)
	if err := writeDocs(docs, nil, collect(many)); err != nil {
		t.Fatal(err)
	}
	one := make(map[string][]byte)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if err := writeDocs(docs, nil, collect(one)); err != nil {
		t.Fatal(err)
	}
	if len(one) != len(many) {
		t.Fatalf("%d files with one worker, %d with many", len(one), len(many))
	}
	for k, v := range one {
		if !bytes.Equal(v, many[k]) {
			t.Errorf("%s differs", k)
		}
	}
}

// BenchmarkWriteDocs encodes the document files of the real corpus.
func BenchmarkWriteDocs(b *testing.B) {
	docs, _ := loadCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		files := make(map[string][]byte, len(docs))
		if err := writeDocs(docs, nil, collect(files)); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(files)), "files")
	}
}

// TestWithRanges checks that a head encoded without its ranges, then
// given them by withRanges, is what json.Marshal makes of it with them.
func TestWithRanges(t *testing.T) {
	tests := []struct {
		name   string
		head   storedHead
		ranges [][2]int
	}{
		{name: "no chunks", head: storedHead{URL: "a.html", Title: "A", Text: []string{"x"}}},
		{name: "one chunk", head: storedHead{URL: "a.html", Title: "<Luật>", Text: []string{"a & b"},
			Chunks: [][2]int{{0, 3}}, Signatures: []string{"AB"}}, ranges: [][2]int{{10, 2000}}},
		{name: "chunks", head: storedHead{URL: "b.html", Title: "Điều \"1\"", Parts: [][2]string{{"d1", "Điều 1"}},
			Text: []string{}, Status: "expired"}, ranges: [][2]int{{0, 1}, {1, 123456789}, {123456789, 123456790}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bare, err := json.Marshal(tt.head)
			if err != nil {
				t.Fatal(err)
			}
			tt.head.Ranges = tt.ranges
			want, err := json.Marshal(tt.head)
			if err != nil {
				t.Fatal(err)
			}
			var buf []byte
			if got := withRanges(bare, tt.ranges, &buf); !bytes.Equal(got, want) {
				t.Errorf("got %s\nwant %s", got, want)
			}
		})
	}
}
