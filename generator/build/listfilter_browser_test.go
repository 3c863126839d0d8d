package build

import (
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tusach/generator/browsertest"
	"tusach/generator/search"
	"tusach/generator/site"
)

// docTitleLink is a document's link in a list page: its href and text.
var docTitleLink = regexp.MustCompile(`<a class="?doc-title"? href="?([^" >]+)"?>(.*?)</a>`)

// listItems reads every page of the list whose first page is first (a
// root-relative URL) from the built site dest, and returns each item's
// link, resolved against root, and its text, in the list's order.
func listItems(t *testing.T, dest, root, first string) (links, texts []string) {
	t.Helper()
	tag := regexp.MustCompile(`<[^>]*>`)
	for n := 1; ; n++ {
		u := site.ListPageURL(first, n)
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(u)))
		if os.IsNotExist(err) && n > 1 {
			return links, texts
		}
		if err != nil {
			t.Fatal(err)
		}
		base, err := url.Parse(root + u)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range docTitleLink.FindAllStringSubmatch(string(data), -1) {
			ref, err := url.Parse(html.UnescapeString(m[1]))
			if err != nil {
				t.Fatal(err)
			}
			links = append(links, base.ResolveReference(ref).String())
			texts = append(texts, html.UnescapeString(tag.ReplaceAllString(m[2], "")))
		}
	}
}

// filterMatches returns the links of the items whose text has, for each
// word of query, a word that starts with it, folded as the search folds
// (numbers without their leading zeros): what the list's filter must show.
func filterMatches(query string, links, texts []string) []string {
	fold := func(s string) []string {
		var out []string
		for _, tok := range search.Tokenize(s) {
			f := tok.Fold
			if strings.Trim(f, "0123456789") == "" {
				if f = strings.TrimLeft(f, "0"); f == "" {
					f = "0"
				}
			}
			out = append(out, f)
		}
		return out
	}
	want := fold(query)
	var out []string
	for i, text := range texts {
		words := fold(text)
		if !slices.ContainsFunc(want, func(w string) bool {
			return !slices.ContainsFunc(words, func(x string) bool { return strings.HasPrefix(x, w) })
		}) {
			out = append(out, links[i])
		}
	}
	return out
}

// TestListFilterCorpus opens later pages of long lists of the corpus site
// (a section of 1,013 news items, a term of 3,238 law articles) from
// file:// in headless Chromium, types in the quick filter with the
// keyboard, and checks that it finds the matching items of every page of
// the list (as read from the built pages), with marks or without, that the
// data loads only once the reader types, and how many bytes that costs.
func TestListFilterCorpus(t *testing.T) {
	dest, _ := corpusPublicSite(t)
	root := browsertest.FileURL(dest) + "/"
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900)); err != nil {
		t.Fatal(err)
	}
	const results = `[...document.querySelectorAll(".list-filter-results:not([hidden]) a")].map(a => a.href)`
	const ready = `document.querySelector(".list-filter").getAttribute("aria-busy") === "false" && document.querySelector(".list-filter output").textContent`
	var mu sync.Mutex
	var requested []string // every URL the tab asked for
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	// loaded returns the data files the tab asked for so far.
	loaded := func() []string {
		mu.Lock()
		defer mu.Unlock()
		var out []string
		for _, u := range requested {
			if strings.HasSuffix(u, "/"+site.ListDataName) {
				out = append(out, u)
			}
		}
		return out
	}
	typeIn := func(text string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#ts-list-filter-q"), text)); err != nil {
			t.Fatal(err)
		}
	}
	// check types query (after what the box holds) and compares what shows
	// with the items of every page of the list that match.
	check := func(first, query string, links, texts []string) []string {
		t.Helper()
		typeIn(query)
		want := filterMatches(run[string](t, ctx, `document.querySelector("#ts-list-filter-q").value`), links, texts)
		poll[string](t, ctx, `location.search.includes("q=") && `+ready)
		got := run[[]string](t, ctx, results)
		if len(want) == 0 || len(want) == len(links) {
			t.Fatalf("%s %q: %d of %d items match: choose a query that narrows the list", first, query, len(want), len(links))
		}
		shown := min(len(want), 100)
		if !slices.Equal(got, want[:shown]) {
			t.Errorf("%s %q: shows %d items, want %d of %d (first %q…, want %q…)", first, query, len(got), shown, len(want), head(got), head(want))
		}
		// each as the list's pages show it: headline, number and title
		gotTexts := run[[]string](t, ctx, `[...document.querySelectorAll(".list-filter-results:not([hidden]) a")].map(a => a.textContent)`)
		for i, text := range gotTexts {
			if j := slices.Index(links, got[i]); j < 0 || texts[j] != text {
				t.Errorf("%s %q: result %d reads %q, its page says %q", first, query, i+1, text, texts[max(j, 0)])
				break
			}
		}
		return got
	}

	// A section of 1,013 items, on its third page: nothing loads until the
	// reader types; then words with or without marks find the same items,
	// on every page of the section.
	first := "vntc/test/index.html"
	links, texts := listItems(t, dest, root, first)
	if len(links) < 1000 {
		t.Fatalf("%s lists %d items over its pages, want the corpus's 1,013", first, len(links))
	}
	openPage(t, ctx, root+site.ListPageURL(first, 3))
	poll[bool](t, ctx, `!document.querySelector("form.list-filter").hidden`)
	if got := loaded(); len(got) != 0 {
		t.Errorf("the list's data loads before the reader types: %q", got)
	}
	marked := check(first, "chính phủ", links, texts)
	if !slices.ContainsFunc(marked, func(h string) bool { return !slices.Contains(links[200:300], h) }) {
		t.Errorf("the filter found nothing beyond page 3: %q", head(marked))
	}
	typeIn(strings.Repeat(kb.Backspace, len([]rune("chính phủ"))))
	poll[bool](t, ctx, `!document.querySelector("ol.doc-list:not(.list-filter-results)").hidden && location.search === ""`)
	if got := run[int](t, ctx, `document.querySelector("ol.doc-list").start`); got != 201 {
		t.Errorf("emptied box: the page's own list (from 201) is not back: starts at %d", got)
	}
	if unmarked := check(first, "chinh phu", links, texts); !slices.Equal(unmarked, marked) {
		t.Errorf("without marks: %d items, with marks %d", len(unmarked), len(marked))
	}
	if got := loaded(); len(got) != 1 {
		t.Errorf("the list's data loaded %d times: %q", len(got), got)
	}
	logBytes(t, dest, root, loaded())

	// The keyboard: ArrowDown goes to the first result, Escape (back in
	// the box) empties it and brings the page back.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#ts-list-filter-q"), kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	if got := run[string](t, ctx, `document.activeElement.href || ""`); got != marked[0] {
		t.Errorf("ArrowDown focuses %q, want the first result %q", got, marked[0])
	}
	typeIn(kb.Escape)
	poll[bool](t, ctx, `!document.querySelector("ol.doc-list:not(.list-filter-results)").hidden && !document.querySelector(".list-pager").hidden`)

	// A term of 3,238 articles: a number and an article, a hundred shown
	// and more on request; the view comes back from the address.
	first = "loai-van-ban/dieu-luat.html"
	links, texts = listItems(t, dest, root, first)
	openPage(t, ctx, root+site.ListPageURL(first, 7))
	poll[bool](t, ctx, `!document.querySelector("form.list-filter").hidden`)
	check(first, "dieu 1", links, texts)
	want := filterMatches("dieu 1", links, texts)
	if len(want) <= 100 {
		t.Fatalf("dieu 1: %d matches, want over a hundred to show more", len(want))
	}
	run[any](t, ctx, `document.querySelector(".list-filter-more").click()`)
	if got := run[[]string](t, ctx, results); !slices.Equal(got, want[:min(len(want), 200)]) {
		t.Errorf("after 'more': %d shown, want %d", len(got), min(len(want), 200))
	}
	if got := run[string](t, ctx, `document.activeElement.href || ""`); got != want[100] {
		t.Errorf("after 'more' the focus is on %q, want the 101st result", got)
	}
	openPage(t, ctx, root+site.ListPageURL(first, 2)+"?q=91%2F2015+dieu+10")
	if got := poll[[]string](t, ctx, ready+` ? `+results+` : null`); !slices.Equal(got, filterMatches("91/2015 dieu 10", links, texts)) {
		t.Errorf("?q=91/2015 dieu 10 from the address: %q", got)
	}

	logBytes(t, dest, root, loaded()[1:2])
	setMedia(t, ctx, "print") // on paper, the list as it is, without the filter
	if got := run[string](t, ctx, `getComputedStyle(document.querySelector(".list-filter")).display`); got != "none" {
		t.Errorf("the filter prints (display %s)", got)
	}
	setMedia(t, ctx, "")

	// A phone: the box fits, a finger can hit it, nothing scrolls sideways.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, root+first)
	type box struct{ ScrollWidth, InnerWidth, InputHeight, InputRight int }
	b := run[box](t, ctx, `(i => ({ScrollWidth: document.documentElement.scrollWidth, InnerWidth: innerWidth,
		InputHeight: Math.round(i.getBoundingClientRect().height), InputRight: Math.round(i.getBoundingClientRect().right)}))(document.querySelector("#ts-list-filter-q"))`)
	if b.ScrollWidth > b.InnerWidth || b.InputHeight < 44 || b.InputRight > b.InnerWidth {
		t.Errorf("at 390 px: %+v", b)
	}
	browsertest.NoProblems(t, ctx)
}

// head returns the first three of list, for messages.
func head(list []string) []string { return list[:min(3, len(list))] }

// logBytes logs the size on disk (and gzip) of the files the filter loaded.
func logBytes(t *testing.T, dest, root string, loaded []string) {
	t.Helper()
	for _, u := range loaded {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(u, root))))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("the filter loaded %s: %d bytes, %d gzip", strings.TrimPrefix(u, root), len(data), browsertest.GzipSize(data))
	}
}
