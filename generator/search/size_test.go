package search

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/viet"
)

// Budgets of the issue for a query, typed or pasted, searcher included.
const (
	maxQueryDiskBytes = 300 << 10
	maxQueryGzipBytes = 150 << 10
)

// queryLoad is what one query loaded: bytes from disk and gzip, searcher
// included, the bytes of document files among them, and how many further
// chunks of its results it loaded.
type queryLoad struct {
	disk, gz, docDisk, chunks int
}

// TestQueryBytes measures what one query loads on the real corpus, in a
// fresh page each, over http (documents come from their packs' binaries by
// Range requests, each entry compressed on its own): the searcher, meta.js, the term and
// prefix shards, and the heads of the ten first results with the chunks
// their snippets need. A typical query is a few words typed without marks
// (the first three syllables of each dev query); a pasted question is a
// whole dev query. The median and the 90th percentile of each must be in
// the budget.
func TestQueryBytes(t *testing.T) {
	docs, _ := loadCorpus(t)
	queries := loadQueries(t)
	files, err := Build(docs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeSite(t, dir, files, harnessPage)
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(dir)))
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	var js []byte
	for _, b := range searcherScripts(t) {
		js = append(js, b...)
	}
	ctx := browsertest.New(t)
	type transfer struct {
		File       string
		Start, End int
	}
	measure := func(q string) queryLoad {
		if err := browsertest.Navigate(ctx, srv.URL+"/index.html"); err != nil {
			t.Fatal(err)
		}
		qj, _ := json.Marshal(q)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
			Names     []string
			Transfers []transfer
		}](fmt.Sprintf(`(async () => {
			await new Promise(r => { const w = () => `+searcherReady+` ? r() : setTimeout(w, 5); w(); });
			const res = await tusachSearch.search(%s);
			await Promise.all(res.hits.slice(0, 10).map(async id => {
				const d = await tusachSearch.doc(id);
				if (d) await tusachSearch.snippet(d, res.plan);
			}));
			return {names: tusachSearch.loadedFiles(), transfers: tusachSearch.transfers()
				.map(t => ({file: t.file, start: t.start, end: t.end}))};
		})()`, qj), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		l := queryLoad{disk: len(js), gz: browsertest.GzipSize(js)}
		termShards := 0
		for _, n := range got.Names {
			if strings.HasPrefix(n, "t/") {
				termShards++
			}
			if strings.HasPrefix(n, "d/") && strings.Contains(n, "-") {
				l.chunks++
			}
		}
		if termShards > MaxQueryTermShards && !strings.ContainsAny(q, "\"“”") {
			t.Errorf("%q loads %d term shards, more than %d", q, termShards, MaxQueryTermShards)
		}
		for _, tr := range got.Transfers {
			b, ok := files["search/"+tr.File]
			if !ok || tr.End > len(b) {
				t.Errorf("%q loaded %s (%d-%d), which the index does not have", q, tr.File, tr.Start, tr.End)
			}
			n, z := len(b), browsertest.GzipSize(b)
			if tr.End > 0 {
				n = tr.End - tr.Start
				z = n // a range of a pack's binary, compressed already
			} else if strings.HasPrefix(tr.File, "d/") || strings.HasPrefix(tr.File, "t/") {
				t.Errorf("%q loaded the whole pack %s over http", q, tr.File)
			}
			l.disk += n
			l.gz += z
			if strings.HasPrefix(tr.File, "d/") {
				l.docDisk += n
			}
		}
		return l
	}
	var typical, pasted []queryLoad
	for i, q := range queries {
		if i%5 != 0 {
			continue
		}
		words := strings.Fields(viet.Fold(q.Query))
		typical = append(typical, measure(strings.Join(words[:min(3, len(words))], " ")))
		pasted = append(pasted, measure(q.Query))
	}
	for _, c := range []struct {
		what  string
		loads []queryLoad
	}{{"typical query", typical}, {"pasted question", pasted}} {
		disk, gz := stat(c.loads, func(l queryLoad) int { return l.disk }), stat(c.loads, func(l queryLoad) int { return l.gz })
		docDisk, chunks := stat(c.loads, func(l queryLoad) int { return l.docDisk }), stat(c.loads, func(l queryLoad) int { return l.chunks })
		line := fmt.Sprintf("bytes per %s, searcher included (%d queries): median %d KB disk, %d KB gzip; "+
			"p90 %d KB disk, %d KB gzip; of which documents median %d KB, p90 %d KB disk; further chunks median %d, p90 %d",
			c.what, len(c.loads), disk.med>>10, gz.med>>10, disk.p90>>10, gz.p90>>10,
			docDisk.med>>10, docDisk.p90>>10, chunks.med, chunks.p90)
		t.Log(line)
		fmt.Println(line)
		if disk.p90 > maxQueryDiskBytes || gz.p90 > maxQueryGzipBytes {
			t.Errorf("a %s loads more than %d KB from disk or %d KB gzip at the p90", c.what, maxQueryDiskBytes>>10, maxQueryGzipBytes>>10)
		}
	}
	browsertest.NoProblems(t, ctx)
}

// quantiles are the median and the 90th percentile of a measure.
type quantiles struct{ med, p90 int }

// stat returns the quantiles of f over loads.
func stat(loads []queryLoad, f func(queryLoad) int) quantiles {
	xs := make([]int, len(loads))
	for i, l := range loads {
		xs[i] = f(l)
	}
	sort.Ints(xs)
	return quantiles{med: xs[len(xs)/2], p90: xs[len(xs)*9/10]}
}
