package build

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
)

// aidsSite is a small site for the reading aids: a lesson with a quiz
// and a self-assessment list, and a long law written without headings.
func aidsSite(t *testing.T) string {
	var law strings.Builder
	law.WriteString("---\ntitle: Luật thử\nnumber: 1/2020/QH14\n---\n\nQUỐC HỘI  \nChương I  \nQUY ĐỊNH CHUNG  \n")
	for i := 1; i <= 12; i++ {
		law.WriteString("Điều " + string(rune('0'+i/10)) + string(rune('0'+i%10)) + ". Nội dung điều  \n")
		law.WriteString(strings.Repeat("Quy định chi tiết của điều này, đọc kỹ và ghi nhớ. ", 40) + "  \n")
	}
	dir := writeSite(t, map[string]string{
		"content/_index.md":    "---\ntitle: Tủ sách thử\n---\n",
		"content/cd/_index.md": "---\ntitle: Chuyên đề\nstudy: true\n---\n",
		"content/cd/bai-1.md": "---\ntitle: Bài 1. Ôn tập\nweight: 1\n---\n\n```cau-hoi\n" +
			"? Câu một?\n- [ ] Sai\n- [x] Đúng\n\n? Câu hai?\n- [x] Đúng\n- [ ] Sai\n\n? Câu tự luận?\n> Tự trả lời.\n```\n\n" +
			"## Tự đánh giá\n\n- [ ] Việc thứ nhất\n- [ ] Việc thứ hai\n",
		"content/vb/luat.md": law.String(),
	})
	dest := filepath.Join(dir, "public")
	if _, err := buildSite(t, dir, dest); err != nil {
		t.Fatalf("build: %v", err)
	}
	return dest
}

// TestReadingAidsInBrowser checks, in headless Chromium from file://, the
// quiz score, the self-assessment check boxes kept across a reload, and the
// table of contents marking the section being read.
func TestReadingAidsInBrowser(t *testing.T) {
	root := browsertest.FileURL(aidsSite(t)) + "/"
	ctx := browsertest.New(t)
	score := `document.querySelector(".quiz-score").textContent`

	t.Run("quiz score", func(t *testing.T) {
		open(t, ctx, root+"cd/bai-1.html")
		if got := poll[string](t, ctx, score); got != "Đã làm 0/2 câu, đúng 0 câu" {
			t.Errorf("score before answering = %q", got)
		}
		if !run[bool](t, ctx, `(b => getComputedStyle(b).borderTopStyle !== "none" && getComputedStyle(b).borderTopColor !== "rgba(0, 0, 0, 0)")(document.querySelector(".choice-button"))`) {
			t.Error("a choice has no visible border: it looks like plain text")
		}
		click := `document.querySelectorAll("li.question")[%d].querySelectorAll("li.choice button")[%d].click()`
		run[any](t, ctx, fmt.Sprintf(click, 0, 0)) // wrong first: counts as wrong
		run[any](t, ctx, fmt.Sprintf(click, 0, 1))
		if got := run[string](t, ctx, score); got != "Đã làm 1/2 câu, đúng 0 câu" {
			t.Errorf("score after a wrong first choice = %q", got)
		}
		run[any](t, ctx, fmt.Sprintf(click, 1, 0))
		if got := run[string](t, ctx, score); got != "Đã làm 2/2 câu, đúng 1 câu" {
			t.Errorf("score at the end = %q", got)
		}
	})

	t.Run("self-assessment kept", func(t *testing.T) {
		open(t, ctx, root+"cd/bai-1.html")
		boxes := `Array.from(document.querySelectorAll(".prose li input[type=checkbox]"))`
		if got := poll[string](t, ctx, boxes+`.map(b => (b.disabled ? "d" : "e") + (b.checked ? "1" : "0") + (b.closest("label") ? "l" : "")).join(" ")`); got != "e0l e0l" {
			t.Fatalf("check boxes = %q, want two enabled, unchecked, labelled", got)
		}
		run[any](t, ctx, `document.querySelectorAll(".self-check")[1].click()`)
		if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".study-menu"))); err != nil {
			t.Fatal(err)
		}
		if got := poll[string](t, ctx, `(s => s === "e0 e0" ? "" : s)(`+boxes+`.map(b => (b.disabled ? "d" : "e") + (b.checked ? "1" : "0")).join(" "))`); got != "e0 e1" {
			t.Errorf("after reload the boxes are %q, want the second checked", got)
		}
	})

	t.Run("toc marks the current section", func(t *testing.T) {
		open(t, ctx, root+"vb/luat.html")
		if n := run[int](t, ctx, `document.querySelectorAll(".toc a").length`); n != 13 {
			t.Fatalf("%d TOC entries, want 13 (a chapter and 12 articles)", n)
		}
		if !run[bool](t, ctx, `document.querySelector(".to-top").hidden`) {
			t.Error("back-to-top shows at the top of the page")
		}
		run[any](t, ctx, `document.getElementById("dieu-07").scrollIntoView({block: "start", behavior: "instant"})`)
		current := `(a => a.length === 1 ? a[0].getAttribute("href") + " " + a[0].getAttribute("aria-current") : null)(document.querySelectorAll(".toc a.is-current"))`
		if got := poll[string](t, ctx, `(s => s && s.startsWith("#dieu-07") ? s : null)(`+current+`)`); got != "#dieu-07 location" {
			t.Errorf("current TOC entry = %q", got)
		}
		if !run[bool](t, ctx, `!document.querySelector(".to-top").hidden`) {
			t.Error("back-to-top hidden after scrolling down")
		}
		run[any](t, ctx, `document.querySelector(".to-top").click()`)
		if got := poll[float64](t, ctx, `window.scrollY < 400 ? 1 : 0`); got != 1 {
			t.Error("back-to-top did not go back up")
		}
	})
	browsertest.NoProblems(t, ctx)
}
