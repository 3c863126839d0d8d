package markdown

import (
	"bytes"
	"strings"
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
	var top [6]largest
	measure := func(doc string, src []byte) {
		u, _ := measureBody(src)
		for i, r := range []reach{u.listDepth, u.quoteDepth, u.footnotes, u.definitions, u.brackets, u.tableCells} {
			if r.value > top[i].value {
				top[i] = largest{r.value, doc}
			}
		}
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
	for i, limit := range []struct {
		name  string
		value int
	}{
		{"list depth", MaxListDepth}, {"block quote depth", MaxQuoteDepth}, {"footnote definitions", MaxFootnotes},
		{"link reference definitions", MaxLinkDefinitions}, {`"["`, MaxBrackets}, {"table cells", MaxTableCells},
	} {
		t.Logf("%-28s limit %6d, largest real %5d in %s", limit.name, limit.value, top[i].value, top[i].doc)
		if top[i].value > limit.value/4 {
			t.Errorf("%s: %s reaches %d, more than a quarter of the limit %d", limit.name, top[i].doc, top[i].value, limit.value)
		}
	}
}
