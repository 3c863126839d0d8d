package search

import (
	"errors"
	"reflect"
	"sync/atomic"
	"testing"
)

// TestBuildParts: with Options.Parts, documents whose parts hold no text
// give the files they give with their text, the caller's documents are
// left as they were, and an error of Parts is Build's.
func TestBuildParts(t *testing.T) {
	var docs []Doc
	for range 5 {
		docs = append(append(docs, sampleDocs...), longDoc())
	}
	want, err := Build(docs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	bare := make([]Doc, len(docs))
	for i, d := range docs {
		bare[i] = d
		bare[i].Parts = nil
		for _, p := range d.Parts {
			bare[i].Parts = append(bare[i].Parts, Part{Anchor: p.Anchor, Heading: p.Heading})
		}
	}
	asked := make([]atomic.Int32, len(docs)) // Parts is called on several goroutines
	got, err := Build(bare, Options{Lang: "vi", Parts: func(i int) ([]Part, error) {
		asked[i].Add(1)
		return docs[i].Parts, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Build with Parts: %d files, not the %d of Build with the texts in the documents", len(got), len(want))
	}
	for i, d := range bare {
		if asked[i].Load() == 0 {
			t.Errorf("parts of document %d never asked for", i)
		}
		for _, p := range d.Parts {
			if p.Text != "" {
				t.Fatalf("document %d: the caller's parts were changed", i)
			}
		}
	}
	boom := errors.New("read error")
	if _, err := Build(bare, Options{Parts: func(int) ([]Part, error) { return nil, boom }}); !errors.Is(err, boom) {
		t.Errorf("Build with a failing Parts: %v", err)
	}
}
