package build

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/viet"
	"tusach/generator/xref"
)

// benchPublic is the built site the register and number benchmarks open:
// $TUSACH_BENCH_PUBLIC when set (a site built by another version, for a
// before-and-after), else the corpus site built by this one.
func benchPublic(b *testing.B) string {
	if dir := os.Getenv("TUSACH_BENCH_PUBLIC"); dir != "" {
		return dir
	}
	dir, _ := corpusPublicSite(b)
	return dir
}

// loadedBytes returns what the page in ctx loaded from the site at dir
// (file://), from disk and gzip-compressed: the page, its stylesheets and
// scripts, and the search index files its scripts loaded (Chromium keeps
// no resource timing for file://).
func loadedBytes(b *testing.B, ctx context.Context, dir string) (int, int) {
	names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.href.split(/[?#]/)[0]]
		.concat(Array.from(document.querySelectorAll("link[rel=stylesheet], script[src]")).map(e => e.href || e.src))
		.concat(window.tusachSearch ? tusachSearch.loadedFiles().map(n => tusachSearch.root + "search/" + n + ".js") : [])`))
	if err != nil {
		b.Fatal(err)
	}
	root := browsertest.FileURL(dir) + "/"
	raw, gz := 0, 0
	for _, n := range names {
		rel, ok := strings.CutPrefix(n, root)
		if !ok {
			continue
		}
		if u, err := url.PathUnescape(rel); err == nil {
			rel = u
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			continue
		}
		raw += len(data)
		gz += browsertest.GzipSize(data)
	}
	return raw, gz
}

// BenchmarkRegister opens the register's first view on the corpus site
// from file:// in headless Chromium, five times, and reports what it
// loads (from disk and gzip-compressed) and the median time to the load
// event; then, where the register has a filter, the time and bytes of its
// first use (a title word typed):
//
//	go test ./generator/build -run '^$' -bench Register -benchtime 1x
//	TUSACH_BENCH_PUBLIC=/path/to/public go test ... (a site built by main)
func BenchmarkRegister(b *testing.B) {
	dir := benchPublic(b)
	ctx := browsertest.New(b)
	page := browsertest.FileURL(dir) + "/so-van-ban/index.html"
	var times []float64
	raw, gz := 0, 0
	for range 5 {
		if err := browsertest.Navigate(ctx, page); err != nil {
			b.Fatal(err)
		}
		ms, err := chromedp.Run(ctx, chromedp.Poll[float64](`(n => n && n.loadEventEnd > 0 ? n.loadEventEnd : 0)(performance.getEntriesByType("navigation")[0])`))
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, ms)
		raw, gz = loadedBytes(b, ctx, dir)
	}
	sort.Float64s(times)
	b.ReportMetric(float64(raw), "bytes/view")
	b.ReportMetric(float64(gz), "gzip-bytes/view")
	b.ReportMetric(times[len(times)/2], "ms/view")
	b.Logf("register first view: %d bytes (%d gzip), load event after %.0f ms (median of 5)", raw, gz, times[len(times)/2])

	hasFilter, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector("form.register-filter:not([hidden])")`))
	if !hasFilter {
		return
	}
	before := raw
	start := time.Now()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`(i => { i.value = "lao động"; i.dispatchEvent(new Event("input")); })(document.querySelector("form.register-filter input[name=q]"))`)); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`location.search.includes("q=") && document.querySelector("table[data-register]").getAttribute("aria-busy") === "false"`)); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	raw, gz = loadedBytes(b, ctx, dir)
	b.ReportMetric(float64(took.Milliseconds()), "ms/first-filter")
	b.ReportMetric(float64(raw-before), "bytes/first-filter")
	b.Logf("register first filter: %d more bytes (%d gzip in all), results after %v (150 ms of it typing debounce)", raw-before, gz, took.Round(time.Millisecond))
}

// BenchmarkNumberLookup searches the corpus site for every distinct
// document number of the corpus, as written and folded (viet.Fold:
// "91/2015/qh13"), in headless Chromium from file://, and reports the
// share of queries whose first result carries that number and the median
// time from the query to its first result's head:
//
//	go test ./generator/build -run '^$' -bench NumberLookup -benchtime 1x
func BenchmarkNumberLookup(b *testing.B) {
	dir := benchPublic(b)
	src, _ := corpusSite(b)
	g, err := assembled(b, src)
	if err != nil {
		b.Fatal(err)
	}
	var numbers []string
	for _, p := range g.Documents {
		if n := p.Doc.Meta.Number; n != "" && !slices.Contains(numbers, n) {
			numbers = append(numbers, n)
		}
	}
	var queries, want []string
	for _, n := range numbers {
		queries = append(queries, n, viet.Fold(n))
		want = append(want, n, n)
	}
	ctx := browsertest.New(b)
	if err := browsertest.Navigate(ctx, browsertest.FileURL(dir)+"/index.html"); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!(window.tusachSearch && tusachSearch.search && tusachSearch.doc)`)); err != nil {
		b.Fatal(err)
	}
	type answer struct {
		First string
		Ms    float64
	}
	var answers []answer
	for _, q := range queries {
		a, err := chromedp.Run(ctx, chromedp.Evaluate[answer](`(async q => {
			const t0 = performance.now();
			const r = await tusachSearch.search(q, {});
			const d = r.hits.length ? await tusachSearch.doc(r.hits[0]) : null;
			return {First: d && d.n || "", Ms: performance.now() - t0};
		})(`+jsString(q)+`)`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		answers = append(answers, a)
	}
	hits, asWritten, folded := 0, 0, 0
	var ms []float64
	var missed []string
	for i, a := range answers {
		ms = append(ms, a.Ms)
		if xref.Normalize(a.First) == xref.Normalize(want[i]) {
			hits++
			if i%2 == 0 {
				asWritten++
			} else {
				folded++
			}
		} else if len(missed) < 10 {
			missed = append(missed, queries[i]+" → "+a.First)
		}
	}
	sort.Float64s(ms)
	share := 100 * float64(hits) / float64(len(answers))
	b.ReportMetric(share, "%first")
	b.ReportMetric(ms[len(ms)/2], "ms/query")
	b.Logf("%d distinct numbers, %d queries: first result carries the number in %.1f%% (as written %d/%d, folded %d/%d); median %.1f ms, 90th percentile %.1f ms",
		len(numbers), len(queries), share, asWritten, len(numbers), folded, len(numbers), ms[len(ms)/2], ms[len(ms)*9/10])
	if len(missed) > 0 {
		b.Logf("missed (first 10): %q", missed)
	}
}
