package serve

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/internal/testsite"
)

// TestBrowserLiveReload opens a served page in headless Chromium, edits its
// file and sees the new text without a manual reload, at the same scroll
// position; breaks its front matter and sees the overlay naming the file and
// line over the last good page; fixes it and sees the page again.
// until polls expr in the page of ctx until it is true, through the reloads
// that interrupt evaluations, for up to testsite.Patience.
func until(ctx context.Context, expr string) error {
	timeout := testsite.Patience
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: still false after %v (%v)", expr, timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitText waits until the page of ctx shows text.
func waitText(ctx context.Context, text string) error {
	return until(ctx, fmt.Sprintf(`!!document.body && document.body.innerText.includes(%q)`, text))
}

func TestBrowserLiveReload(t *testing.T) {
	testsite.Requires(t, "Chromium")
	root := copySite(t)
	filler := strings.Repeat("Đoạn văn dài để trang đủ cao mà cuộn được.\n\n", 150)
	doc := func(text string) string {
		return "---\ntitle: Kết luận về công tác cán bộ\nnumber: 21-KL/TW\ntype: Kết luận\nissuer: Ban Chấp hành Trung ương\n" +
			"issued: 2021-10-25\ntopics: [Xây dựng Đảng]\n---\n\n" + text + "\n\n" + filler
	}
	const rel = "content/van-ban/ket-luan.md"
	writeFile(t, root, rel, doc("Bản đầu tiên."))
	r := runSite(t, Options{Source: root, Theme: defaultTheme(t), BasePath: "/hoc-tap/"})
	ctx := browsertest.New(t)

	eval := func(expr string) float64 {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	if err := browsertest.Navigate(ctx, r.url+"van-ban/ket-luan.html"); err != nil {
		t.Fatalf("open page: %v", err)
	}
	if err := waitText(ctx, "Bản đầu tiên."); err != nil {
		t.Fatalf("open page: %v\n%s", err, r.log.String())
	}
	// Mark this document: a reload forgets the mark.
	if scrolled := eval(`window.__sameDocument = 1; window.scrollTo({top: 600, behavior: "instant"}); window.scrollY`); scrolled < 500 {
		t.Fatalf("page too short to test scrolling: scrollY %v", scrolled)
	}

	saveLikeVim(t, root, rel, doc("Bản đã sửa."))
	if err := waitText(ctx, "Bản đã sửa."); err != nil {
		t.Fatalf("after an edit: %v\n%s", err, r.log.String())
	}
	if eval(`window.__sameDocument || 0`) != 0 {
		t.Error("the new text appeared without a reload")
	}
	if err := until(ctx, `window.scrollY > 500`); err != nil {
		t.Errorf("scroll position not kept across the reload: scrollY %v", eval(`window.scrollY`))
	}

	writeFile(t, root, rel, "---\ntitle: [hỏng\n---\n\nBản hỏng.\n")
	if err := until(ctx, `document.getElementById("tusach-errors") !== null`); err != nil {
		t.Fatalf("overlay: %v\n%s", err, r.log.String())
	}
	overlay, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#tusach-errors`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(overlay, rel+":") || !strings.Contains(overlay, "bản tốt gần nhất") {
		t.Errorf("overlay does not name %s over the last good version: %q", rel, overlay)
	}
	if eval(`document.body.innerText.includes("Bản đã sửa.") ? 1 : 0`) != 1 {
		t.Error("the last good page is gone while the overlay shows")
	}

	writeFile(t, root, rel, doc("Bản đã sửa lỗi."))
	if err := waitText(ctx, "Bản đã sửa lỗi."); err != nil {
		t.Fatalf("after the fix: %v\n%s", err, r.log.String())
	}
	if eval(`document.getElementById("tusach-errors") === null ? 1 : 0`) != 1 {
		t.Error("the overlay stays after the fix")
	}
	browsertest.NoProblems(t, ctx)
}

// TestBrowserFirstBuildBroken opens the preview of a site whose first build
// fails: the overlay says there is nothing to show yet (not "the last good
// version", which does not exist), and the page appears once the file is
// fixed.
func TestBrowserFirstBuildBroken(t *testing.T) {
	testsite.Requires(t, "Chromium")
	root := copySite(t)
	const rel = "content/van-ban/ket-luan.md"
	writeFile(t, root, rel, "---\ntitle: [hỏng\n---\n\nBản hỏng.\n")
	r := runSite(t, Options{Source: root, Theme: defaultTheme(t)})
	if !strings.Contains(r.log.String(), "chưa có bản dựng nào để phục vụ") {
		t.Errorf("terminal:\n%s", r.log.String())
	}
	ctx := browsertest.New(t)
	if err := browsertest.Navigate(ctx, r.url+"van-ban/ket-luan.html"); err != nil {
		t.Fatalf("open page: %v", err)
	}
	if err := until(ctx, `document.getElementById("tusach-errors") !== null`); err != nil {
		t.Fatalf("overlay: %v\n%s", err, r.log.String())
	}
	overlay, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#tusach-errors`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(overlay, "chưa có bản nào để hiển thị") || strings.Contains(overlay, "bản tốt gần nhất") || !strings.Contains(overlay, rel+":") {
		t.Errorf("overlay before any good build: %q", overlay)
	}
	writeFile(t, root, rel, "---\ntitle: Kết luận\n---\n\nBản đã sửa.\n")
	if err := waitText(ctx, "Bản đã sửa."); err != nil {
		t.Fatalf("after the fix: %v\n%s", err, r.log.String())
	}
}
