package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
)

// studySite is a small site for the study features: four numbered
// documents of different types, issuers and years, and a two-lesson study
// path whose first lesson is long and has review questions.
func studySite(t *testing.T) string {
	long := strings.Repeat("Nội dung bài học để đọc kỹ, ghi chép và liên hệ thực tế.\n\n", 150)
	dir := writeSite(t, map[string]string{
		"content/_index.md":    "---\ntitle: Tủ sách thử\n---\n",
		"content/vb/_index.md": "---\ntitle: Văn bản\n---\n",
		"content/vb/ke-hoach.md": "---\ntitle: Kế hoạch thực hiện\nnumber: 205/KH-UBND\ntype: Kế hoạch\n" +
			"issuer: UBND thành phố Hà Nội\nissued: 2022-07-28\n---\n\nThực hiện Nghị quyết số 30/NQ-CP.\n",
		"content/vb/nghi-quyet.md": "---\ntitle: Chương trình hành động\nnumber: 30/NQ-CP\ntype: Nghị quyết\n" +
			"issuer: Chính phủ\nissued: 2022-03-22\n---\n\nThực hiện Kết luận số 21-KL/TƯ.\n",
		"content/vb/ket-luan.md": "---\ntitle: Kết luận Hội nghị Trung ương 4\nnumber: 21-KL/TW\ntype: Kết luận\n" +
			"issuer: Ban Chấp hành Trung ương\nissued: 2021-10-25\n---\n\nNội dung.\n",
		"content/vb/luat.md": "---\ntitle: Luật Đầu tư\nnumber: 61/2020/QH14\ntype: Luật\n" +
			"issuer: Quốc hội\nissued: 2020-06-17\n---\n\nNội dung.\n",
		"content/cd/_index.md": "---\ntitle: Chuyên đề thử\nstudy: true\n---\n",
		"content/cd/bai-1.md": "---\ntitle: Bài đầu\nweight: 1\n---\n\n## Câu hỏi\n\n```cau-hoi\n" +
			"? Ai ban hành Kế hoạch 205/KH-UBND?\n- [ ] Chính phủ\n- [x] UBND thành phố Hà Nội\n> Xem 205/KH-UBND.\n```\n\n## Đọc\n\n" + long,
		"content/cd/bai-2.md": "---\ntitle: Bài sau\nweight: 2\n---\n\nNgắn.\n",
	})
	dest := filepath.Join(dir, "public")
	if _, err := buildSite(t, dir, dest); err != nil {
		t.Fatalf("build: %v", err)
	}
	return dest
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

// poll waits until js is truthy and returns its value.
func poll[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Poll[T](js))
	if err != nil {
		t.Fatalf("waiting for %s: %v", js, err)
	}
	return v
}

func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := browsertest.Navigate(ctx, url); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(".study-menu"))); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
}

// TestStudyInBrowser opens the built site from file:// in headless
// Chromium: it answers a question, marks
// documents read, saves one, and checks that progress survives a reload
// (the register has its own test, register_browser_test.go).
func TestStudyInBrowser(t *testing.T) {
	root := browsertest.FileURL(studySite(t)) + "/"
	ctx := browsertest.New(t)

	t.Run("questions", func(t *testing.T) {
		open(t, ctx, root+"cd/bai-1.html")
		if run[bool](t, ctx, `document.querySelector("details.answer").open`) {
			t.Fatal("the answer is open before the reader asks")
		}
		run[any](t, ctx, `document.querySelector("details.answer summary").click()`)
		if !run[bool](t, ctx, `document.querySelector("details.answer").open && document.querySelector("details.answer p").getBoundingClientRect().height > 0`) {
			t.Error("the answer did not open")
		}
		run[any](t, ctx, `document.querySelectorAll("li.choice button")[0].click()`)
		if got := run[string](t, ctx, `(li => li.className + " " + li.textContent)(document.querySelectorAll("li.choice")[0])`); !strings.Contains(got, "is-wrong") || !strings.Contains(got, "Chưa đúng") {
			t.Errorf("wrong choice shows %q", got)
		}
		run[any](t, ctx, `document.querySelectorAll("li.choice button")[1].click()`)
		if got := run[string](t, ctx, `(li => li.className + " " + li.textContent)(document.querySelectorAll("li.choice")[1])`); !strings.Contains(got, "is-right") || !strings.Contains(got, "Đúng") {
			t.Errorf("right choice shows %q", got)
		}
		if n := run[int](t, ctx, `document.querySelectorAll("a.xref").length`); n != 2 {
			t.Errorf("%d cross-reference links in the lesson, want 2 (question and answer; none in choices)", n)
		}
	})

	t.Run("progress", func(t *testing.T) {
		progress := `document.querySelector("[data-progress]").textContent`
		open(t, ctx, root+"cd/index.html")
		if got := poll[string](t, ctx, progress); got != "0/2 đã đọc" {
			t.Errorf("progress before reading = %q", got)
		}
		open(t, ctx, root+"cd/bai-2.html")
		poll[bool](t, ctx, `!document.querySelector(".study-actions").hidden`)
		run[any](t, ctx, `document.querySelector(".study-read").click()`)
		run[any](t, ctx, `document.querySelector(".study-save").click()`)
		if got := run[string](t, ctx, `document.querySelector(".study-read").getAttribute("aria-pressed")`); got != "true" {
			t.Errorf("read button aria-pressed = %q", got)
		}
		open(t, ctx, root+"cd/index.html")
		if got := poll[string](t, ctx, progress); got != "1/2 đã đọc" {
			t.Errorf("progress after marking = %q, want 1/2 đã đọc", got)
		}
		if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".study-menu"))); err != nil {
			t.Fatal(err)
		}
		if got := poll[string](t, ctx, progress); got != "1/2 đã đọc" {
			t.Errorf("progress after reload = %q, want 1/2 đã đọc", got)
		}
		marked := run[string](t, ctx, `Array.from(document.querySelectorAll("li.is-read a.doc-title")).map(a => a.getAttribute("href")).join(" ")`)
		if marked != "../cd/bai-2.html" {
			t.Errorf("read marks on %q, want ../cd/bai-2.html", marked)
		}

		// Scrolling to the end of a long lesson marks it read.
		open(t, ctx, root+"cd/bai-1.html")
		run[any](t, ctx, `window.scrollTo({top: document.documentElement.scrollHeight, behavior: "instant"})`)
		poll[bool](t, ctx, `document.querySelector(".study-read").getAttribute("aria-pressed") === "true"`)
		open(t, ctx, root+"cd/index.html")
		if got := poll[string](t, ctx, progress); got != "2/2 đã đọc" {
			t.Errorf("progress after scrolling = %q, want 2/2 đã đọc", got)
		}
		// Read marks use the same keys from a page in another folder.
		open(t, ctx, root+"index.html")
		marked = poll[string](t, ctx, `Array.from(document.querySelectorAll("li.is-read a.doc-title")).map(a => a.getAttribute("href")).sort().join(" ")`)
		if marked != "cd/bai-1.html cd/bai-2.html" {
			t.Errorf("home page read marks on %q, want both lessons", marked)
		}
	})

	t.Run("bookmarks and resume", func(t *testing.T) {
		open(t, ctx, root+"da-luu/index.html")
		links := poll[[]string](t, ctx, `(l => l.length ? l : null)(Array.from(document.querySelectorAll("[data-bookmarks] a")).map(a => a.href))`)
		if len(links) != 1 || links[0] != root+"cd/bai-2.html" {
			t.Errorf("saved pages = %q, want bai-2", links)
		}
		resume := run[string](t, ctx, `(li => li.hidden ? "" : li.querySelector("a").href)(document.querySelector(".study-resume"))`)
		if resume != root+"cd/bai-1.html" {
			t.Errorf("resume link = %q, want the last lesson read", resume)
		}
		open(t, ctx, root+"cd/bai-1.html")
		if y := poll[float64](t, ctx, `window.scrollY`); y < 1000 {
			t.Errorf("reopened lesson at %v, want the position left", y)
		}
	})
	browsertest.NoProblems(t, ctx)
}

// TestStudyWithoutStorage checks that the study features keep working for
// the page being read when the browser refuses localStorage (as some do
// for file:// pages), without a script error.
func TestStudyWithoutStorage(t *testing.T) {
	root := browsertest.FileURL(studySite(t)) + "/"
	ctx := browsertest.New(t)
	deny := `Object.defineProperty(window, "localStorage", {get() { throw new DOMException("denied", "SecurityError"); }});`
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: deny})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, root+"cd/bai-2.html")
	poll[bool](t, ctx, `!document.querySelector(".study-actions").hidden`)
	run[any](t, ctx, `document.querySelector(".study-read").click()`)
	if got := run[string](t, ctx, `document.querySelector(".study-read").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("read button aria-pressed = %q without storage", got)
	}
	if !run[bool](t, ctx, `(() => { try { localStorage; return false; } catch (e) { return true; } })()`) {
		t.Fatal("localStorage was not denied")
	}
	browsertest.NoProblems(t, ctx)
}
