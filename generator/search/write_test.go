package search

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestBuildWrite: with Options.Write, the term packs then the document
// packs go to it, in order, and the files Build returns are the rest:
// together the same files as without it. An error of Write is Build's.
func TestBuildWrite(t *testing.T) {
	var docs []Doc
	for range 7 {
		docs = append(append(docs, sampleDocs...), longDoc())
	}
	all, err := Build(docs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	written := make(map[string][]byte)
	rest, err := Build(docs, Options{Lang: "vi", Write: func(name string, data []byte) error {
		order = append(order, name)
		written[name] = bytes.Clone(data) // Build reuses data once Write returns
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, family := range []string{"t", "d"} {
		for p := 0; all[fmt.Sprintf("search/%s/%d.js", family, p)] != nil; p++ {
			want = append(want, fmt.Sprintf("search/%s/%d.js", family, p), fmt.Sprintf("search/%s/%d.bin", family, p))
		}
	}
	if packs := (len(docs) + DocsPerPack - 1) / DocsPerPack; !slices.Contains(want, fmt.Sprintf("search/d/%d.bin", packs-1)) {
		t.Fatalf("Build without Write made no search/d/%d.bin", packs-1)
	}
	if !slices.Equal(order, want) {
		t.Errorf("written %q, want %q", order, want)
	}
	for name, data := range rest {
		if strings.HasPrefix(name, "search/d/") || strings.HasPrefix(name, "search/t/") {
			t.Errorf("%s returned, not written", name)
		}
		written[name] = data
	}
	if !reflect.DeepEqual(written, all) {
		t.Errorf("written and returned: %d files, not the %d of Build without Write", len(written), len(all))
	}
	boom := errors.New("disk full")
	if _, err := Build(docs, Options{Write: func(string, []byte) error { return boom }}); !errors.Is(err, boom) {
		t.Errorf("Build with a failing Write: %v", err)
	}
}
