package content

import (
	"strings"
	"testing"

	"tusach/generator/corpus"
)

// TestLimitsLeaveRoom measures every real document (the shared corpus as
// converted and the sample site's content/) and checks that each reaches at
// most a quarter of each limit. It logs the largest value of each and
// where, for the README's table.
func TestLimitsLeaveRoom(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus skipped in -short mode")
	}
	type largest struct {
		value int
		doc   string
	}
	var top [5]largest
	measure := func(doc string, data []byte) {
		text, err := normalizeText(doc, data)
		if err != nil {
			t.Fatal(err)
		}
		front, err := readFrontMatter(doc, text)
		if err != nil {
			t.Fatal(err)
		}
		terms, depth := 0, 0
		for _, f := range front.fields {
			if list, ok := f.value.([]any); ok {
				terms = max(terms, len(list))
			}
			depth = max(depth, valueDepth(f.value))
		}
		for i, v := range []int{len(data), len(text) - len(front.body), len(front.fields), depth, terms} {
			if v > top[i].value {
				top[i] = largest{v, doc}
			}
		}
	}
	err := corpus.Real(func(name string, md []byte, _ corpus.Record) error {
		measure(strings.TrimPrefix(name, "../../"), md)
		return nil
	}, "../../content")
	if err != nil {
		t.Fatal(err)
	}
	for i, limit := range []struct {
		name  string
		value int
	}{
		{"file bytes", MaxFileBytes}, {"front-matter bytes", MaxFrontMatterBytes}, {"front-matter keys", MaxFrontMatterKeys},
		{"value depth", MaxValueDepth}, {"items of a list", MaxTerms},
	} {
		t.Logf("%-20s limit %8d, largest real %7d in %s", limit.name, limit.value, top[i].value, top[i].doc)
		if top[i].value > limit.value/4 {
			t.Errorf("%s: %s reaches %d, more than a quarter of the limit %d", limit.name, top[i].doc, top[i].value, limit.value)
		}
	}
}
