package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"tusach/generator/corpus"
)

// TestLimitsLeaveRoom measures every real document (the shared corpus, as
// converted and as its raw text, and the sample site's content/) and
// checks that each reaches at most a quarter of each limit. It logs the
// largest value of each and where, for the README's table.
func TestLimitsLeaveRoom(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus skipped in -short mode")
	}
	type largest struct {
		value int
		doc   string
	}
	var top [5]largest
	measure := func(doc string, src []byte) {
		u, _ := measureBody(src)
		for i, r := range []reach{u.listDepth, u.quoteDepth, u.footnotes, u.definitions, u.brackets} {
			if r.value > top[i].value {
				top[i] = largest{r.value, doc}
			}
		}
	}
	dir, err := corpus.Dir()
	if err != nil {
		t.Fatalf("the shared corpus is required: %v", err)
	}
	f, err := os.Open(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	err = corpus.Each(f, func(r corpus.Record) error {
		md, err := corpus.Markdown(r)
		measure(r.ID, md)
		measure(r.ID+" (raw text)", []byte(r.Body))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		measure(p, bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, limit := range []struct {
		name  string
		value int
	}{
		{"list depth", MaxListDepth}, {"block quote depth", MaxQuoteDepth}, {"footnote definitions", MaxFootnotes},
		{"link reference definitions", MaxLinkDefinitions}, {`"["`, MaxBrackets},
	} {
		t.Logf("%-28s limit %6d, largest real %5d in %s", limit.name, limit.value, top[i].value, top[i].doc)
		if top[i].value > limit.value/4 {
			t.Errorf("%s: %s reaches %d, more than a quarter of the limit %d", limit.name, top[i].doc, top[i].value, limit.value)
		}
	}
}
