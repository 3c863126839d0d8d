package search

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
)

// plant replaces an occurrence of "quyền" in chunk k of d, the first of
// its first text or the last of its last, with word, of the same length so
// that the chunks do not move; it returns the part it went to.
func plant(t *testing.T, d *Doc, chunks []chunk, k int, last bool, word string) int {
	t.Helper()
	const old = "quyền"
	if len(word) != len(old) {
		t.Fatalf("plant %q: not %d bytes", word, len(old))
	}
	c := chunks[k]
	j := 0
	if last {
		j = len(c.texts) - 1
	}
	text := c.texts[j]
	at := strings.Index(text, old)
	if last {
		at = strings.LastIndex(text, old)
	}
	if at < 0 {
		t.Fatalf("plant %q: no %q in chunk %d", word, old, k)
	}
	p := c.part + j
	if j == 0 {
		at += c.offset
	}
	d.Parts[p].Text = d.Parts[p].Text[:at] + word + d.Parts[p].Text[at+len(old):]
	return p
}

// TestSnippetChunks checks which further chunks a result loads for its
// snippet, from the signatures in its head: none when the head's text
// shows the query or no signature holds it; only the chunk holding a term
// (the sixth, not the five before); a chunk whose part goes on a window
// into the next, and that next; but not a second chunk that cannot beat
// the window of the first.
func TestSnippetChunks(t *testing.T) {
	long := longDoc()
	chunks := splitChunks(long.Parts, HeadChunkBytes, ChunkBytes, MaxStoredText)
	if len(chunks) < 7 || chunks[5].part != chunks[4].part+len(chunks[4].texts)-1 || chunks[5].offset == 0 ||
		chunks[1].offset == 0 || chunks[3].part == chunks[1].part {
		t.Fatalf("the test document no longer has the chunks the test needs: %v", starts(chunks))
	}
	sixth := plant(t, &long, chunks, 6, false, "xylofon")
	spans := plant(t, &long, chunks, 4, true, "marimba")
	plant(t, &long, chunks, 5, false, "celesta")
	apart := plant(t, &long, chunks, 1, true, "ocarina")
	plant(t, &long, chunks, 3, false, "fagotto")
	long.Parts[len(long.Parts)-1].Text += " Đàn theremin."
	if got := starts(splitChunks(long.Parts, HeadChunkBytes, ChunkBytes, MaxStoredText)); got != starts(chunks) {
		t.Fatalf("planting moved the chunks: %s, was %s", got, starts(chunks))
	}
	docs := append(append([]Doc(nil), sampleDocs...), long)
	id := len(sampleDocs)
	files, err := Build(docs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	// Each planted word is in its chunk's file and signature only.
	heads, texts := readPack(t, files, id/DocsPerPack)
	head := heads[id%DocsPerPack]
	for w, k := range map[string]int{"xylofon": 6, "marimba": 4, "celesta": 5, "ocarina": 1, "fagotto": 3, "theremin": -1} {
		for j, g := range head.Signatures {
			if in := strings.Contains(strings.Join(texts[id%DocsPerPack][j], ""), w); in != (j+1 == k) {
				t.Fatalf("%q in chunk %d: %v", w, j+1, in)
			}
			if parseSignature(t, g).mayContain(w) != (j+1 == k) {
				t.Fatalf("signature of chunk %d holds %q: %v (a false positive: plant another word)", j+1, w, j+1 == k)
			}
		}
	}
	ctx, _ := openFiles(t, files)
	type result struct {
		Anchor string   `json:"anchor"`
		Text   string   `json:"text"`
		Marks  []string `json:"marks"`
		Chunks []string `json:"chunks"`
	}
	name := func(k int) string { return fmt.Sprintf("d/%d-%d", id, k) }
	for _, tt := range []struct {
		query, anchor string
		marks         []string
		loaded        []string // further chunks loaded for this query
	}{
		{query: "mở đầu", anchor: "", marks: []string{"Mở", "đầu"}},
		{query: "xylofon", anchor: long.Parts[sixth].Anchor, marks: []string{"xylofon"}, loaded: []string{name(6)}},
		{query: "marimba celesta", anchor: long.Parts[spans].Anchor, marks: []string{"marimba", "celesta"},
			loaded: []string{name(4), name(5)}},
		{query: "ocarina fagotto", anchor: long.Parts[apart].Anchor, marks: []string{"ocarina"}, loaded: []string{name(1)}},
		{query: "theremin"},
	} {
		q, _ := json.Marshal(tt.query)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[result](fmt.Sprintf(`(async () => {
			const before = new Set(tusachSearch.loadedFiles());
			const res = await tusachSearch.search(%s);
			if (res.hits[0] !== %d) return {anchor: "hits " + res.hits, marks: [], chunks: []};
			const sn = await tusachSearch.snippet(await tusachSearch.doc(%d), res.plan);
			return {anchor: sn.anchor, text: sn.parts.map(p => p.text).join(""),
				marks: sn.parts.filter(p => p.mark).map(p => p.text),
				chunks: tusachSearch.loadedFiles().filter(n => n.startsWith("d/%d-") && !before.has(n)).sort()};
		})()`, q, id, id, id), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if got.Anchor != tt.anchor || fmt.Sprint(got.Marks) != fmt.Sprint(tt.marks) {
			t.Errorf("%q: snippet at #%s marking %q, want #%s marking %q", tt.query, got.Anchor, got.Marks, tt.anchor, tt.marks)
		}
		if fmt.Sprint(got.Chunks) != fmt.Sprint(tt.loaded) {
			t.Errorf("%q: loaded further chunks %q, want %q", tt.query, got.Chunks, tt.loaded)
		}
		if tt.query == "ocarina fagotto" && !strings.HasPrefix(got.Text, "… ") {
			t.Errorf("%q: a snippet from inside a part shows no ellipsis first: %q", tt.query, got.Text)
		}
	}
	browsertest.NoProblems(t, ctx)
}
