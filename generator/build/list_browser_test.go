package build

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/site"
)

// TestListPagesInBrowser opens a paginated section and term page from
// file:// in headless Chromium and follows the pager: next, a numbered
// link and previous, checking where each lands, that the list goes on in
// natural order with its numbering, and that the pages' relative links
// (style sheet, pager) work from the nested folder of later pages; then it
// filters a taxonomy of 203 terms from its second page.
func TestListPagesInBrowser(t *testing.T) {
	files := map[string]string{
		"content/_index.md":      "---\ntitle: Tủ sách thử\n---\n",
		"content/luat/_index.md": "---\ntitle: Bộ luật thử\n---\n",
		"content/bo/_index.md":   "---\ntitle: Các bộ luật\n---\n", // holds only a sub-section
		"content/bo/a/_index.md": "---\ntitle: Bộ luật A\n---\n",
		"content/bo/a/d.md":      "---\ntitle: Điều 1\n---\n",
	}
	n := 2*site.ListPageSize + 3
	for i := 1; i <= n; i++ {
		files[fmt.Sprintf("content/luat/dieu-%d.md", i)] = fmt.Sprintf("---\ntitle: Điều %d. Quy định\ntopics: [Luật thử]\ntags: [Thẻ %d]\n---\n\nNội dung.\n", i, i)
	}
	dir := writeSite(t, files)
	dest := filepath.Join(dir, "public")
	if _, err := buildSite(t, dir, dest); err != nil {
		t.Fatalf("build: %v", err)
	}
	root := browsertest.FileURL(dest) + "/"
	ctx := browsertest.New(t)

	first := `document.querySelector("ol.doc-list a.doc-title").textContent`
	// follow opens the link sel points to, as the browser resolves it, and
	// checks that it lands on path.
	follow := func(sel, path string) {
		t.Helper()
		href := run[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).href`, sel))
		if !strings.HasSuffix(href, path) {
			t.Fatalf("%s goes to %s, want …%s", sel, href, path)
		}
		open(t, ctx, href)
	}

	open(t, ctx, root+"luat/index.html")
	if got := run[string](t, ctx, first); got != "Điều 1. Quy định" {
		t.Errorf("page 1 starts with %q", got)
	}
	if got := run[string](t, ctx, `[...document.querySelectorAll(".list-pager li")].map(li => li.textContent).join(" ")`); got != "1 2 3" {
		t.Errorf("pager links = %q", got)
	}
	follow(`.list-pager a[rel=next]`, "/luat/index/2.html")
	want := fmt.Sprintf("Điều %d. Quy định", site.ListPageSize+1)
	if got := run[string](t, ctx, first); got != want {
		t.Errorf("page 2 starts with %q, want %q", got, want)
	}
	if got := run[int](t, ctx, `document.querySelector("ol.doc-list").start`); got != site.ListPageSize+1 {
		t.Errorf("page 2 numbers its list from %d", got)
	}
	if got := run[string](t, ctx, `getComputedStyle(document.querySelector(".list-pager")).display`); got != "flex" {
		t.Errorf("pager display = %q: the style sheet did not load from the nested page", got)
	}
	if got := run[string](t, ctx, `document.title`); got != "Bộ luật thử · Trang 2 · Tủ sách thử" {
		t.Errorf("page 2 title = %q", got)
	}
	if got := run[string](t, ctx, `document.querySelector(".list-pager [aria-current=page]").textContent`); got != "2" {
		t.Errorf("current page marked %q", got)
	}
	follow(`.list-pager li:last-child a`, "/luat/index/3.html")
	if got := run[int](t, ctx, `document.querySelectorAll("ol.doc-list > li").length`); got != 3 {
		t.Errorf("page 3 lists %d documents, want 3", got)
	}
	follow(`.list-pager a[rel=prev]`, "/luat/index/2.html")
	follow(`.breadcrumbs a[href$="index.html"]`, "/public/index.html")

	open(t, ctx, root+"chu-de/luat-thu.html")
	follow(`.list-pager a[rel=next]`, "/chu-de/luat-thu/2.html")
	if got := run[string](t, ctx, first); got != want {
		t.Errorf("term page 2 starts with %q, want %q", got, want)
	}
	follow(`.list-pager a[rel=prev]`, "/chu-de/luat-thu.html")

	// A taxonomy of 203 terms: its quick filter finds terms on every page.
	open(t, ctx, root+"the/index/2.html")
	poll[bool](t, ctx, `!document.querySelector("form.list-filter").hidden`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#ts-list-filter-q"), "the 15")); err != nil {
		t.Fatal(err)
	}
	got := poll[[]string](t, ctx, `document.querySelector(".list-filter").getAttribute("aria-busy") === "false" &&
		[...document.querySelectorAll("ul.list-filter-results:not([hidden]) a")].map(a => a.textContent + " " + new URL(a.href).pathname.split("/").pop())`)
	wantTerms := []string{"Thẻ 15 the-15.html"}
	for i := 150; i <= 159; i++ {
		wantTerms = append(wantTerms, fmt.Sprintf("Thẻ %d the-%d.html", i, i))
	}
	slices.Sort(got) // the taxonomy's order is the collation's; the set is what counts here
	if !slices.Equal(got, wantTerms) {
		t.Errorf("terms for \"the 15\": %q, want %q", got, wantTerms)
	}
	if hidden := run[bool](t, ctx, `document.querySelector("ul.terms:not(.list-filter-results)").hidden`); !hidden {
		t.Error("the page's own terms still show beside the results")
	}

	open(t, ctx, root+"bo/index.html")
	if got := run[string](t, ctx, `document.querySelector("main").textContent`); strings.Contains(got, "chưa có tài liệu") || strings.Contains(got, "0 tài liệu") {
		t.Errorf("a section of sections says it is empty: %q", got)
	}
	if got := run[string](t, ctx, `document.querySelector(".card .muted").textContent`); got != "1 tài liệu" {
		t.Errorf("sub-section card says %q", got)
	}
	browsertest.NoProblems(t, ctx)
}
