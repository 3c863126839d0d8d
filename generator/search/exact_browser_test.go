package search

import (
	"net/url"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
)

// TestExactMarksInBrowser checks a query typed with marks on the search
// page: snippets mark only the exact forms ("Đảng", never "đang" or
// "dạng"), and "chỉ khớp đúng dấu" (dau=1 in the address) keeps only the
// documents with them, ticked from the address and kept there.
func TestExactMarksInBrowser(t *testing.T) {
	files, err := Build([]Doc{
		bodyDoc("a.html", "Chỉnh đốn Đảng là nhiệm vụ thường xuyên của mọi tổ chức."),
		bodyDoc("b.html", "Hồ sơ chính đơn dạng mới đang được xét, chỉnh sửa sau."),
	}, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, dir := openFiles(t, files)
	page := browsertest.FileURL(filepath.Join(dir, "search", "index.html"))
	query := "?q=" + url.QueryEscape("chỉnh đốn Đảng")
	// hits returns the number of hits once every hit shows its snippet.
	hits := func() int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Poll[int](`(() => {
			const n = document.querySelectorAll(".search-hits .search-hit").length;
			return n && n === document.querySelectorAll(".search-hits .search-hit-snippet").length ? n : 0;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	marked := func() []string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...new Set([...document.querySelectorAll(".search-hits mark")].map(m => m.textContent.toLowerCase()))].sort()`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	// holds evaluates a condition in the page.
	holds := func(js string) bool {
		t.Helper()
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return ok
	}

	if err := browsertest.Navigate(ctx, page+query); err != nil {
		t.Fatal(err)
	}
	if n := hits(); n != 2 {
		t.Fatalf("%d hits for the query with marks, want both documents", n)
	}
	if got, want := marked(), []string{"chỉnh", "đảng", "đốn"}; !slices.Equal(got, want) {
		t.Errorf("marked %q, want only the exact forms %q", got, want)
	}
	if holds(`document.querySelector("input[name=dau]").checked`) {
		t.Error("exact marks ticked without dau=1")
	}

	if err := browsertest.Navigate(ctx, page+query+"&dau=1"); err != nil {
		t.Fatal(err)
	}
	if n := hits(); n != 1 {
		t.Fatalf("%d hits with exact marks only, want 1", n)
	}
	if !holds(`document.querySelector("input[name=dau]").checked`) {
		t.Error("dau=1 in the address does not tick the option")
	}
	if !holds(`document.querySelector(".search-hit-title").href.endsWith("/a.html")`) {
		t.Error("the exact hit is not a.html")
	}
	holds(`document.querySelector("input[name=dau]").click() === undefined`)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".search-hits .search-hit").length === 2`)); err != nil {
		t.Fatalf("unticking did not bring the other document back: %v", err)
	}
	if holds(`location.search.includes("dau=")`) {
		t.Error("the address still asks for exact marks")
	}
	browsertest.NoProblems(t, ctx)
}
