package build

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/search"
	"tusach/generator/viet"
)

// BenchmarkQueryBytes builds the site of BenchmarkSearchIndex (by default
// the generated 10,000 documents of `make bench`) with the default theme,
// opens its search page over http in headless Chromium for 30 typical
// queries (three words of a document title, marks removed) and 30 pasted
// ones (the start of a document's text, about 25 words), and reports the
// median and 90th percentile of what each loads of the searcher and the
// index, from disk and gzip-compressed, as the reader's browser shows ten
// results with their snippets:
//
//	go test ./generator/build -run '^$' -bench QueryBytes -benchtime 1x
func BenchmarkQueryBytes(b *testing.B) {
	src := benchSite(b)
	dest := filepath.Join(b.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: defaultTheme(b)}); err != nil {
		b.Fatal(err)
	}
	g, err := assembled(b, src)
	if err != nil {
		b.Fatal(err)
	}
	docs := search.DocsOf(g)
	var typical, pasted []string
	for i := 0; i < len(docs) && len(typical) < 30; i += max(1, len(docs)/30) {
		words := strings.Fields(viet.Fold(docs[i].Title))
		typical = append(typical, strings.Join(words[:min(3, len(words))], " "))
		text := ""
		for _, p := range docs[i].Parts {
			text += " " + p.Text
		}
		words = strings.Fields(text)
		pasted = append(pasted, strings.Join(words[:min(25, len(words))], " "))
	}
	// Over http, as a host serves the site: documents come from their packs'
	// binaries by Range requests, every other file whole.
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(dest)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := browsertest.New(b)
	root := srv.URL + "/"
	breakdown := map[string]int{} // bytes loaded by folder, over the queries of one kind
	measure := func(q string) (disk, gz int) {
		if err := browsertest.Navigate(ctx, root+"search/index.html?q="+url.QueryEscape(q)); err != nil {
			b.Fatal(err)
		}
		// every result item with its snippet in, or no result at all
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
			const page = document.querySelector("[data-search-page]");
			const status = page && page.querySelector(".search-status").textContent;
			if (!status || status === "Đang tìm…") return false;
			const items = page.querySelectorAll(".search-hit").length;
			return items === page.querySelectorAll(".search-hit-snippet").length;
		})()`)); err != nil {
			b.Fatalf("%q: %v", q, err)
		}
		// The searcher lists the index files it read (a range: start and
		// end), the page its own scripts.
		type transfer struct {
			File       string
			Start, End int
		}
		trs, err := chromedp.Run(ctx, chromedp.Evaluate[[]transfer](`tusachSearch.transfers()
			.map(t => ({file: "search/" + t.file, start: t.start, end: t.end}))
			.concat([...document.scripts].map(s => s.src).filter(s => s.includes("/assets/search"))
				.map(s => ({file: s.slice(`+"`"+`${tusachSearch.root}`+"`"+`.length), start: 0, end: 0})))`))
		if err != nil {
			b.Fatal(err)
		}
		for _, tr := range trs {
			rel, _ := url.PathUnescape(tr.File)
			data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
			if err != nil {
				b.Fatalf("%q loaded %s: %v", q, rel, err)
			}
			n, z := len(data), browsertest.GzipSize(data)
			if tr.End > 0 {
				n, z = tr.End-tr.Start, tr.End-tr.Start // a range of a pack's binary, compressed already
			}
			disk += n
			gz += z
			kind := rel[:strings.LastIndexByte(rel, '/')]
			if strings.HasPrefix(rel, "search/t/") {
				kind = "search/t"
			}
			if strings.HasPrefix(rel, "search/d/") && tr.End > 0 && tr.Start > 0 {
				kind += " ranges"
			}
			breakdown[kind] += n
		}
		return disk, gz
	}
	report := func(kind string, queries []string) {
		var disk, gz []int
		for _, q := range queries {
			d, z := measure(q)
			disk, gz = append(disk, d), append(gz, z)
		}
		slices.Sort(disk)
		slices.Sort(gz)
		at := func(xs []int, p float64) float64 { return float64(xs[min(len(xs)-1, int(p*float64(len(xs))))]) / 1024 }
		b.ReportMetric(at(disk, 0.5), kind+"-disk-KB")
		b.ReportMetric(at(gz, 0.5), kind+"-gzip-KB")
		b.ReportMetric(at(disk, 0.9), kind+"-p90-disk-KB")
		b.ReportMetric(at(gz, 0.9), kind+"-p90-gzip-KB")
		var parts []string
		for k, n := range breakdown {
			parts = append(parts, fmt.Sprintf("%s %.0f KB", k, float64(n)/1024/float64(len(queries))))
		}
		slices.Sort(parts)
		b.Logf("%s: mean bytes per query by folder: %s", kind, strings.Join(parts, ", "))
		clear(breakdown)
		b.Logf("%s queries (%d, e.g. %q): median %.0f KB disk / %.0f KB gzip, p90 %.0f / %.0f",
			kind, len(queries), queries[0], at(disk, 0.5), at(gz, 0.5), at(disk, 0.9), at(gz, 0.9))
	}
	for b.Loop() {
		report("typical", typical)
		report("pasted", pasted)
	}
	browsertest.NoProblems(b, ctx)
}
