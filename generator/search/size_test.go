package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
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

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestQueryBytes measures what one query loads on the real corpus, in a
// fresh page each: the searcher, meta.js, the term and prefix shards, and
// the files of the ten first results. A typical query is a few words typed
// without marks (the first three syllables of each dev query); a pasted
// question is a whole dev query. The median of each must be in the budget.
func TestQueryBytes(t *testing.T) {
	docs, _ := loadCorpus(t)
	queries := loadQueries(t)
	files, err := Build(docs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	page := writeSite(t, t.TempDir(), files, harnessPage)
	js, err := os.ReadFile(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	measure := func(q string) (disk, gz int) {
		if err := browsertest.Navigate(ctx, browsertest.FileURL(page)); err != nil {
			t.Fatal(err)
		}
		qj, _ := json.Marshal(q)
		names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(async () => {
			await new Promise(r => { const w = () => window.tusachSearch ? r() : setTimeout(w, 5); w(); });
			const res = await tusachSearch.search(%s);
			await Promise.all(res.hits.slice(0, 10).map(tusachSearch.doc));
			return tusachSearch.loadedFiles();
		})()`, qj), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		disk, gz = len(js), gzipSize(js)
		termShards := 0
		for _, n := range names {
			if strings.HasPrefix(n, "t/") {
				termShards++
			}
		}
		if termShards > MaxQueryTermShards && !strings.ContainsAny(q, "\"“”") {
			t.Errorf("%q loads %d term shards, more than %d", q, termShards, MaxQueryTermShards)
		}
		for _, n := range names {
			b := files["search/"+n+".js"]
			disk += len(b)
			gz += gzipSize(b)
		}
		return disk, gz
	}
	var shortDisk, shortGz, longDisk, longGz []int
	for i, q := range queries {
		if i%5 != 0 {
			continue
		}
		words := strings.Fields(viet.Fold(q.Query))
		short := strings.Join(words[:min(3, len(words))], " ")
		d, g := measure(short)
		shortDisk, shortGz = append(shortDisk, d), append(shortGz, g)
		d, g = measure(q.Query)
		longDisk, longGz = append(longDisk, d), append(longGz, g)
	}
	med := func(xs []int) int { s := append([]int(nil), xs...); sort.Ints(s); return s[len(s)/2] }
	p90 := func(xs []int) int { s := append([]int(nil), xs...); sort.Ints(s); return s[len(s)*9/10] }
	line := fmt.Sprintf("bytes per query, searcher included (median of %d): typical %d KB disk, %d KB gzip; "+
		"pasted questions %d KB disk, %d KB gzip (p90 %d KB disk, %d KB gzip)",
		len(shortDisk), med(shortDisk)>>10, med(shortGz)>>10, med(longDisk)>>10, med(longGz)>>10,
		p90(longDisk)>>10, p90(longGz)>>10)
	t.Log(line)
	fmt.Println(line)
	for _, c := range []struct {
		what     string
		disk, gz []int
	}{{"typical query", shortDisk, shortGz}, {"pasted question", longDisk, longGz}} {
		if med(c.disk) > maxQueryDiskBytes || med(c.gz) > maxQueryGzipBytes {
			t.Errorf("a %s loads more than %d KB from disk or %d KB gzip", c.what, maxQueryDiskBytes>>10, maxQueryGzipBytes>>10)
		}
	}
	browsertest.NoProblems(t, ctx)
}
