package markdown

import (
	"bytes"
	"strings"
	"testing"

	"tusach/generator/corpus"
	"tusach/generator/internal/testsite"
)

// TestLimitsLeaveRoom measures every real document (the shared corpus, as
// converted and as its raw text, and the sample site's content/) and
// checks that each reaches at most a quarter of each limit. It logs the
// largest value of each and where, for the README's table.
func TestLimitsLeaveRoom(t *testing.T) {
	testsite.Requires(t, "the shared corpus")
	top := corpus.NewLargest(
		corpus.Limit{Name: "list depth", Value: MaxListDepth}, corpus.Limit{Name: "block quote depth", Value: MaxQuoteDepth},
		corpus.Limit{Name: "footnote definitions", Value: MaxFootnotes}, corpus.Limit{Name: "link reference definitions", Value: MaxLinkDefinitions},
		corpus.Limit{Name: `"["`, Value: MaxBrackets}, corpus.Limit{Name: "table cells", Value: MaxTableCells},
		corpus.Limit{Name: "headings", Value: MaxHeadings})
	measure := func(doc string, src []byte) {
		u, _ := measureBody(src)
		top.See(doc, u.listDepth.value, u.quoteDepth.value, u.footnotes.value, u.definitions.value, u.brackets.value, u.tableCells.value, u.headings.value)
	}
	err := corpus.Real(func(name string, md []byte, r corpus.Record) error {
		measure(strings.TrimPrefix(name, "../../"), bytes.ReplaceAll(md, []byte("\r\n"), []byte("\n")))
		if r.Body != "" {
			measure(name+" (raw text)", []byte(r.Body))
		}
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
