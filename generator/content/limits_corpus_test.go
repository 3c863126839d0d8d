package content

import (
	"strings"
	"testing"

	"tusach/generator/corpus"
	"tusach/generator/internal/testsite"
)

// TestLimitsLeaveRoom measures every real document (the shared corpus as
// converted and the sample site's content/) and checks that each reaches at
// most a quarter of each limit. It logs the largest value of each and
// where, for the README's table.
func TestLimitsLeaveRoom(t *testing.T) {
	testsite.Requires(t, "the shared corpus")
	top := corpus.NewLargest(
		corpus.Limit{Name: "file bytes", Value: MaxFileBytes}, corpus.Limit{Name: "front-matter bytes", Value: MaxFrontMatterBytes},
		corpus.Limit{Name: "front-matter keys", Value: MaxFrontMatterKeys}, corpus.Limit{Name: "value depth", Value: MaxValueDepth},
		corpus.Limit{Name: "items of a list", Value: MaxTerms})
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
		top.See(doc, len(data), len(text)-len(front.body), len(front.fields), depth, terms)
	}
	err := corpus.Real(func(name string, md []byte, _ corpus.Record) error {
		measure(strings.TrimPrefix(name, "../../"), md)
		return nil
	}, "../../content")
	if err != nil {
		t.Fatal(err)
	}
	report, err := top.Report(4)
	t.Log("\n" + report)
	if err != nil {
		t.Error(err)
	}
}
