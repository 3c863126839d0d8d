package search_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tusach/generator/browsertest"
	"tusach/generator/browsertest/firefox"
	"tusach/generator/internal/testsite"
	"tusach/generator/viet"
)

// ffWait bounds how long Firefox may take to show results: a guard
// against hangs, generous for a busy machine.
const ffWait = testsite.Patience

// seedDoc is the page of the sample site's seed document.
const seedDoc = "van-ban/ke-hoach-205.html"

// ffQueries are typed or put in the URL: the query without marks, with
// marks, and the document's number. The words match under a heading of the
// seed document, so its result links there; the number matches in the
// opening paragraph, which has no heading to link to.
var ffQueries = []struct {
	q       string
	heading bool
}{
	{"chinh don dang", true},
	{"chỉnh đốn Đảng", true},
	{"205/KH-UBND", false},
}

// TestFirefoxSiteSearch opens the built sample site in headless Firefox
// from file:// and over HTTP under the sub-path /hoc-tap/, searches from
// the header box with real key presses and on the search page, narrows
// with a facet, and checks that nothing went wrong and no request left the
// site.
// tabIconCancelled matches the one message Firefox logs when it cuts off
// the tab icon's load through the service worker as a page changes.
var tabIconCancelled = regexp.MustCompile(`^uncaught javascript error: Failed to load ‘[^’]*/assets/favicon\.[0-9a-f]+\.svg’\. A ServiceWorker intercepted the request and encountered an unexpected error\.$`)

func TestFirefoxSiteSearch(t *testing.T) {
	dest := buildSample(t)
	mux := http.NewServeMux()
	mux.Handle("/hoc-tap/", http.StripPrefix("/hoc-tap", http.FileServer(http.Dir(dest))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	b := firefox.New(t) // one browser for both: each start costs seconds
	for _, tc := range []struct{ name, root string }{
		{"file", browsertest.FileURL(dest) + "/"},
		{"http", srv.URL + "/hoc-tap/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fromReq, fromProb := len(b.Requests()), len(b.Problems())
			ffBox(t, b, tc.root)
			ffPage(t, b, tc.root)
			for _, p := range b.Problems()[fromProb:] {
				if tabIconCancelled.MatchString(p) {
					// Firefox cancels the tab icon's load when the page
					// changes and reports the worker's answer to it as
					// failed; the page loses nothing (the next page loads
					// the icon), and offline the worker must keep serving
					// it, so this one message is not a problem of the site.
					t.Logf("firefox (tab icon load cut off): %s", p)
					continue
				}
				t.Errorf("firefox: %s", p)
			}
			reqs := b.Requests()[fromReq:]
			if len(reqs) == 0 {
				t.Fatal("no request recorded")
			}
			for _, r := range reqs {
				// data: URLs hold what they load (Firefox's own
				// stylesheet loads a font from one)
				if !strings.HasPrefix(r, tc.root) && !strings.HasPrefix(r, "data:") {
					t.Errorf("request outside the site %s: %s", tc.root, r)
				}
			}
			if !ffContains(reqs, tc.root+"assets/", ".js") || !ffContains(reqs, tc.root+"search/", ".js") {
				t.Errorf("requests list no searcher or index script: %q", reqs)
			}
		})
	}
}

// ffContains reports whether a request starts with prefix and ends with
// suffix.
func ffContains(reqs []string, prefix, suffix string) bool {
	for _, r := range reqs {
		if strings.HasPrefix(r, prefix) && strings.HasSuffix(r, suffix) {
			return true
		}
	}
	return false
}

// ffFirstHit reads the first result of the header box's panel once the
// results of query are in and its snippet highlights a word.
const ffFirstHit = `(() => {
	const panel = document.querySelector("form.search-box .search-panel");
	const all = panel && panel.querySelector(".search-all");
	if (!all || panel.hidden || new URL(all.href).searchParams.get("q") !== QUERY) return null;
	const li = panel.querySelector(".search-hit");
	const a = li && li.querySelector(".search-hit-title");
	const mark = li && li.querySelector(".search-hit-snippet mark");
	return a && mark ? {href: a.href, mark: mark.textContent} : null;
})()`

// ffHit is the first result as ffFirstHit reads it.
type ffHit struct {
	Href string `json:"href"`
	Mark string `json:"mark"`
}

// ffBox presses "/" on the home page and types each query into the header
// box: the first result must be the seed document, linked at a heading,
// with a highlighted snippet.
func ffBox(t *testing.T, b *firefox.Browser, root string) {
	t.Helper()
	if err := b.Navigate(root + "index.html"); err != nil {
		t.Fatal(err)
	}
	if err := b.Type("/"); err != nil {
		t.Fatal(err)
	}
	err := b.Poll(`document.activeElement === document.querySelector("form.search-box input[name=q]")`, nil, ffWait)
	if err != nil {
		t.Fatalf(`"/" did not focus the header search box: %v`, err)
	}
	var target string // the first result of the first query
	for i, tc := range ffQueries {
		q := tc.q
		// Escape closes the panel (the focus stays in the box, as in the
		// WAI-ARIA combobox), a second Escape clears the box for the next
		// query.
		keys := q
		if i > 0 {
			keys = "\uE00C\uE00C" + q
		}
		if err := b.Type(keys); err != nil {
			t.Fatal(err)
		}
		qjs, _ := json.Marshal(q)
		var hit ffHit
		if err := b.Poll(strings.Replace(ffFirstHit, "QUERY", string(qjs), 1), &hit, ffWait); err != nil {
			var typed string
			_ = b.Eval(`document.querySelector("form.search-box input[name=q]").value`, &typed)
			t.Errorf("box %q (typed %q): no results with a highlighted snippet: %v", q, typed, err)
			continue
		}
		if !strings.HasPrefix(hit.Href, root+seedDoc) {
			t.Errorf("box %q: first result links to %s, want the seed document %s", q, hit.Href, root+seedDoc)
		} else if _, frag, _ := strings.Cut(hit.Href, "#"); tc.heading && frag == "" {
			t.Errorf("box %q: first result %s does not go to the matching heading", q, hit.Href)
		}
		if m := viet.Fold(hit.Mark); m == "" || !strings.Contains(viet.Fold(q), m) {
			t.Errorf("box %q: the snippet highlights %q, not a word of the query", q, hit.Mark)
		}
		t.Logf("box %q: %s, <mark>%s</mark>", q, strings.TrimPrefix(hit.Href, root), hit.Mark)
		if i == 0 {
			target = hit.Href
		}
	}
	// the heading the first result links to exists on its page
	if _, frag, ok := strings.Cut(target, "#"); ok {
		if err := b.Navigate(target); err != nil {
			t.Fatal(err)
		}
		id, _ := url.PathUnescape(frag)
		idjs, _ := json.Marshal(id)
		var found bool
		if err := b.Eval(`document.getElementById(`+string(idjs)+`) !== null`, &found); err != nil || !found {
			t.Errorf("%s: no element with id %q (%v)", target, id, err)
		}
	}
}

// ffPageCount counts the results shown on the search page once the search
// finished.
const ffPageCount = `(() => {
	const page = document.querySelector("[data-search-page]");
	const status = page && page.querySelector(".search-status").textContent;
	const n = page ? page.querySelectorAll(".search-hit-title").length : 0;
	// a hit's item comes first, its title when its document arrives
	const items = page ? page.querySelectorAll(".search-hit").length : 0;
	return status && status !== "Đang tìm…" && n && n === items ? n : 0;
})()`

// ffPage opens the search page with each query in its URL and expects the
// seed document first; for the first query it then ticks the type facet
// "Kế hoạch" with a real click and expects fewer results.
func ffPage(t *testing.T, b *firefox.Browser, root string) {
	t.Helper()
	for i, tc := range ffQueries {
		q := tc.q
		if err := b.Navigate(root + "search/index.html?q=" + url.QueryEscape(q)); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := b.Poll(ffPageCount, &n, ffWait); err != nil {
			t.Errorf("search page %q: no results: %v", q, err)
			continue
		}
		var first string
		err := b.Eval(`document.querySelector("[data-search-page] .search-hit-title").getAttribute("href")`, &first)
		if err != nil || !strings.Contains(first, seedDoc) {
			t.Errorf("search page %q: first result %q (%v), want the seed document", q, first, err)
		}
		if i > 0 {
			continue
		}
		if n < 2 {
			t.Fatalf("search page %q: %d results, want at least 2 to narrow", q, n)
		}
		// the filter panel opens closed: open it, then wait for its facets
		if err := b.Click(`.search-filters > summary`); err != nil {
			t.Fatalf("filters: %v", err)
		}
		var shown bool
		if err := b.Poll(`document.querySelector('[data-facet="type"] input[value="Kế hoạch"]') !== null`, &shown, ffWait); err != nil {
			t.Fatalf("search page %q: opening the filters shows no type facet: %v", q, err)
		}
		if err := b.Click(`[data-facet="type"] input[value="Kế hoạch"]`); err != nil {
			t.Fatalf("type facet \"Kế hoạch\": %v", err)
		}
		var narrowed int
		err = b.Poll(`(() => { const n = `+ffPageCount+`; return n > 0 && n < `+strconv.Itoa(n)+` ? n : 0; })()`, &narrowed, ffWait)
		if err != nil {
			t.Fatalf("search page %q: the type facet did not narrow %d results: %v", q, n, err)
		}
		var search string
		_ = b.Eval(`location.search`, &search)
		t.Logf("search page %q: %d results, %d of type Kế hoạch (URL now %s)", q, n, narrowed, search)
	}
}
