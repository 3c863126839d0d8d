package search

import (
	"context"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
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

	if err := browsertest.Navigate(ctx, page+query); err != nil {
		t.Fatal(err)
	}
	if n := hits(); n != 2 {
		t.Fatalf("%d hits for the query with marks, want both documents", n)
	}
	if got, want := marked(), []string{"chỉnh", "đảng", "đốn"}; !slices.Equal(got, want) {
		t.Errorf("marked %q, want only the exact forms %q", got, want)
	}
	if run[bool](t, ctx, `document.querySelector("input[name=dau]").checked`) {
		t.Error("exact marks ticked without dau=1")
	}

	if err := browsertest.Navigate(ctx, page+query+"&dau=1"); err != nil {
		t.Fatal(err)
	}
	if n := hits(); n != 1 {
		t.Fatalf("%d hits with exact marks only, want 1", n)
	}
	if !run[bool](t, ctx, `document.querySelector("input[name=dau]").checked`) {
		t.Error("dau=1 in the address does not tick the option")
	}
	if href := run[string](t, ctx, `document.querySelector(".search-hit-title").href`); !strings.HasSuffix(href, "/a.html") {
		t.Errorf("the exact hit is %s, want a.html", href)
	}
	run[any](t, ctx, `document.querySelector("input[name=dau]").click()`)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".search-hits .search-hit").length === 2`)); err != nil {
		t.Fatalf("unticking did not bring the other document back: %v", err)
	}
	if loc := run[string](t, ctx, `location.search`); strings.Contains(loc, "dau=") {
		t.Errorf("address still asks for exact marks: %q", loc)
	}
	browsertest.NoProblems(t, ctx)
}

// run evaluates js in the page and returns its value.
func run[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}
