package search_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/build"
	"tusach/generator/internal/testsite"
)

// buildSample builds the build package's sample site with the default theme
// and returns the output folder.
func buildSample(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	_, err := build.Build(context.Background(), build.Options{
		Source: "../build/testdata/site", Dest: dest, Theme: testsite.DefaultTheme(t),
	})
	if err != nil {
		t.Fatalf("build the sample site: %v", err)
	}
	return dest
}

// TestSiteSearch opens the built sample site from file:// and over HTTP
// under a sub-path, types "chinh don dang" and checks the results.
func TestSiteSearch(t *testing.T) {
	dest := buildSample(t)
	mux := http.NewServeMux()
	mux.Handle("/hoc-tap/", http.StripPrefix("/hoc-tap", http.FileServer(http.Dir(dest))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for _, tc := range []struct{ name, root string }{
		{"file", browsertest.FileURL(dest) + "/"},
		{"http", srv.URL + "/hoc-tap/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := browsertest.New(t)
			checkBox(t, ctx, tc.root)
			checkPage(t, ctx, tc.root)
			browsertest.NoProblems(t, ctx)
		})
	}
}

// checkBox types the query into the header box of the home page.
func checkBox(t *testing.T, ctx context.Context, root string) {
	t.Helper()
	if err := browsertest.Navigate(ctx, root+"index.html"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.WaitReady(chromedp.CSS("form.search-box input")),
		chromedp.KeyEvent("/"),
		chromedp.KeyEvent("chinh don dang"),
	); err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const li = document.querySelector(".search-panel .search-hit"); // the first hit, filled as its document arrives
		const a = li && li.querySelector(".search-hit-title");
		return a && li.querySelector(".search-hit-snippet mark") ? a.href : "";
	})()`))
	if err != nil {
		t.Fatalf("no results with a highlighted snippet: %v", err)
	}
	if !strings.HasPrefix(href, root+"van-ban/ke-hoach-205.html") {
		t.Errorf("first result links to %s, want the seed document", href)
	}
	if !strings.Contains(href, "#") {
		t.Errorf("first result %s does not go to the matching heading", href)
	}
}

// checkPage opens the search page with the query in its URL, then narrows
// the results with a facet.
func checkPage(t *testing.T, ctx context.Context, root string) {
	t.Helper()
	if err := browsertest.Navigate(ctx, root+"search/index.html?q=chinh+don+dang"); err != nil {
		t.Fatal(err)
	}
	count := `document.querySelectorAll("[data-search-page] .search-hit-title").length`
	// a hit's item comes first, its title when its document arrives: count
	// once every item has its title
	complete := `(() => { const n = ` + count + `; return n && n === document.querySelectorAll("[data-search-page] .search-hit").length ? n : 0; })()`
	n, err := chromedp.Run(ctx, chromedp.Poll[int](complete))
	if err != nil {
		t.Fatal(err)
	}
	first, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("[data-search-page] .search-hit-title").getAttribute("href")`))
	if !strings.Contains(first, "van-ban/ke-hoach-205.html") {
		t.Errorf("search page: first result %q, want the seed document", first)
	}
	if n < 2 {
		t.Fatalf("search page: %d results, want at least 2 to narrow", n)
	}
	// The filter panel is closed and its data not loaded; open it as a
	// reader does.
	if loaded, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`tusachSearch.transfers().some(t => t.file === "facets.js")`)); loaded {
		t.Error("search page: facets.js loaded before the reader opened the filters")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".search-filters > summary"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('[data-facet="type"] input[value="Kế hoạch"]') !== null`)); err != nil {
		t.Fatalf("opening the filters shows no type facet \"Kế hoạch\": %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-facet="type"] input[value="Kế hoạch"]').click()`)); err != nil {
		t.Fatalf("no type facet \"Kế hoạch\": %v", err)
	}
	narrowed, err := chromedp.Run(ctx, chromedp.Poll[int](`(() => { const n = `+count+`; return n > 0 && n < `+
		strconv.Itoa(n)+` ? n : 0; })()`))
	if err != nil {
		t.Fatalf("the type facet did not narrow %d results: %v", n, err)
	}
	t.Logf("%s: %d results, %d with type Kế hoạch", root, n, narrowed)
}
