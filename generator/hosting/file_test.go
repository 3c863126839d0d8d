package hosting

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/build"
	"tusach/generator/internal/testsite"
)

// budget is what a page may cost beyond its own text, gzip: HTML, CSS and
// JS, the search index excluded. 31 KB since the searcher reads packed
// index files (0.65 KB more of search.js; the register page, the heaviest,
// was at 29.9 KB); 32 KB since the facets load only when the filter panel
// opens (about 0.3 KB more of the searcher's scripts, which the register
// page loads for its number look-up, now at 31.1 KB; a query downloads
// about 26 KB gzip less of meta.js on a site of 10,000 documents).
const budget = 32 * 1024

// TestSiteFromDisk builds the sample site with --zip, unzips it into a new
// folder and reads it from file:// in Chromium: every page, every link,
// no failed request, no request outside the folder, no console error;
// search and the dark mode switch work; no page is over the weight budget.
func TestSiteFromDisk(t *testing.T) {
	testsite.Requires(t, "Chromium") // before the setup, skipped in -short
	tmp := t.TempDir()
	zipFile := filepath.Join(tmp, "hoc-tap.zip")
	dest := buildSample(t, repoRoot, build.Options{Dest: filepath.Join(tmp, "public"), Zip: zipFile})
	unzipped := t.TempDir()
	unzip(t, zipFile, unzipped)
	site := filepath.Join(unzipped, "hoc-tap")

	built, got := readTree(t, dest), readTree(t, site)
	if len(got) != len(built) {
		t.Errorf("the zip holds %d files, the build wrote %d", len(got), len(built))
	}
	for name, data := range built {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s: differs after unzipping", name)
		}
	}

	ctx := browsertest.New(t)
	root := browsertest.FileURL(site) + "/"
	res := browsertest.Crawl(t, ctx, browsertest.CrawlOptions{Root: root, Dir: site})
	for _, p := range res.Problems {
		t.Error(p)
	}
	pages := 0
	for name := range got {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	visited := map[string]bool{}
	for _, p := range res.Pages {
		visited[p.Rel] = true
	}
	for name := range got {
		if strings.HasSuffix(name, ".html") && !visited[name] {
			t.Errorf("%s: not visited", name)
		}
	}
	if len(visited) != pages || pages < 60 {
		t.Errorf("visited %d pages of %d (want every page of the ~65)", len(visited), pages)
	}
	var weights []int
	sizes := map[string]int{}
	worst := ""
	for _, p := range res.Pages {
		if !p.Linked && p.Rel != "404.html" {
			t.Logf("%s: no link leads to it", p.Rel)
		}
		for _, r := range p.Resources {
			if strings.HasSuffix(r.URL, "/sw.js") || strings.HasSuffix(r.URL, ".webmanifest") {
				t.Errorf("%s: loaded %s from file://", p.Rel, r.URL)
			}
		}
		w := pageWeight(t, root, site, p, sizes)
		if w > budget {
			t.Errorf("%s: %d bytes (gzip) of HTML, CSS and JS beyond its text, budget %d", p.Rel, w, budget)
		}
		if len(weights) == 0 || w > maxOf(weights) {
			worst = p.Rel
		}
		weights = append(weights, w)
	}
	mx := maxOf(weights)
	t.Logf("page weight beyond the text (gzip), %d pages: median %.1f KB, max %.1f KB (%s)",
		len(weights), float64(median(weights))/1024, float64(mx)/1024, worst)

	checkSearchAndTheme(t, ctx, root)
	browsertest.NoProblems(t, ctx)
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// checkSearchAndTheme types a query into the header search box and expects
// results, then switches to dark mode and back, the choice surviving a
// reload.
func checkSearchAndTheme(t *testing.T, ctx context.Context, root string) {
	t.Helper()
	if err := browsertest.Navigate(ctx, root+"index.html"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.WaitReady(chromedp.CSS("form.search-box input")),
		chromedp.Click(chromedp.CSS("form.search-box input")),
		chromedp.SendKeys(chromedp.CSS("form.search-box input"), "chinh don dang"),
	); err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(ctx, chromedp.Poll[string](
		`(document.querySelector(".search-panel .search-hit-title") || {}).href || ""`))
	if err != nil || !strings.HasPrefix(href, root) {
		t.Errorf("search from file://: first result %q, %v", href, err)
	}

	theme := `document.documentElement.getAttribute("data-theme") || ""`
	before, _ := chromedp.Run(ctx, chromedp.Evaluate[string](theme))
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".theme-toggle"))); err != nil {
		t.Fatalf("dark mode switch: %v", err)
	}
	after, _ := chromedp.Run(ctx, chromedp.Evaluate[string](theme))
	if after == before || (after != "dark" && after != "light") {
		t.Errorf("dark mode switch: data-theme %q → %q", before, after)
	}
	if err := browsertest.Navigate(ctx, root+"van-ban/index.html"); err != nil {
		t.Fatal(err)
	}
	kept, _ := chromedp.Run(ctx, chromedp.Evaluate[string](theme))
	if kept != after {
		t.Errorf("dark mode switch: %q on the next page, want %q", kept, after)
	}
	bg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	if after == "dark" && (bg == "rgb(255, 255, 255)" || bg == "") {
		t.Errorf("dark mode: body background %q", bg)
	}
}
