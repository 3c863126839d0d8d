package build

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tusach/generator/browsertest"
)

// printPDF prints the open page with Chromium's PDF output, the paper size
// taken from the page's CSS (@page), and returns its pages.
func printPDF(t *testing.T, ctx context.Context) []pdfPage {
	t.Helper()
	css := true
	res, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (page.PrintToPDFResult, error) {
		return cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &css})
	})
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	pages, err := pdfPages(res.Data)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// setMedia emulates a media type ("print", "" for the screen) and media
// features such as prefers-color-scheme.
func setMedia(t *testing.T, ctx context.Context, media string, features ...*emulation.MediaFeature) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media, Features: features})
		return err
	})); err != nil {
		t.Fatal(err)
	}
}

// pageNumber is the page number at the foot of every printed page
// ("12/12", where the browser draws @page margin boxes): a page with
// nothing else holds nothing of the document.
var pageNumber = regexp.MustCompile(`\d+/\d+`)

// checkA4 checks that every printed page is A4 and that none is blank.
func checkA4(t *testing.T, name string, pages []pdfPage) {
	t.Helper()
	for i, p := range pages {
		// A4 is 595.28 × 841.89 pt; browsers round to whole CSS pixels or points
		if math.Abs(p.Width-595.3) > 2 || math.Abs(p.Height-841.9) > 2 {
			t.Errorf("%s: page %d is %.1f × %.1f pt, want A4 (595 × 842)", name, i+1, p.Width, p.Height)
		}
		if strings.TrimSpace(pageNumber.ReplaceAllString(p.Text, "")) == "" {
			t.Errorf("%s: page %d of %d is blank (%d text operators: %q)", name, i+1, len(pages), p.TextOps, p.Text)
		}
	}
}

// checkShortDocPaper checks the printed short document of studySite: one
// page, its number on it.
func checkShortDocPaper(t *testing.T, pages []pdfPage) {
	t.Helper()
	checkA4(t, "short document", pages)
	if len(pages) != 1 {
		t.Errorf("a short document prints on %d pages, want 1", len(pages))
	}
	if !strings.Contains(pages[0].Text, "205/KH-UBND") {
		t.Errorf("the printed document's first page lacks its number: %.200q", pages[0].Text)
	}
}

// checkStudyPathPaper checks the printed study path of studySite: a cover,
// then each lesson on pages of its own (the long one on lesson pages).
func checkStudyPathPaper(t *testing.T, path []pdfPage, lesson int) {
	t.Helper()
	checkA4(t, "study path", path)
	if len(path) < lesson+2 {
		t.Errorf("the study path prints on %d pages, want the cover, the long lesson's %d and one for the short lesson", len(path), lesson)
	}
}

// checkLessonPaper checks the printed long lesson of studySite: 2 to 15
// pages, the answer key on paper, the summary that opens it and the
// reader's menu and buttons off it.
func checkLessonPaper(t *testing.T, pages []pdfPage) {
	t.Helper()
	checkA4(t, "lesson", pages)
	if len(pages) < 2 || len(pages) > 15 {
		t.Errorf("the long lesson prints on %d pages, want 2 to 15", len(pages))
	}
	paper := ""
	for _, p := range pages {
		paper += p.Text
	}
	paper = strings.Join(strings.Fields(paper), "")
	for text, want := range map[string]bool{"Xem 205/KH-UBND.": true, "Ai ban hành Kế hoạch": true,
		"Xem đáp án": false, "Góc học tập": false, "Đánh dấu đã đọc": false, "Tủ sách thử": false} {
		if got := strings.Contains(paper, strings.Join(strings.Fields(text), "")); got != want {
			t.Errorf("the printed lesson holds %q: %v, want %v", text, got, want)
		}
	}
}

// TestPrintA4 prints documents with Chromium's PDF output: A4 pages, a
// short document on one page, a long lesson without a blank trailing page;
// then, with the print media emulated, that the controls are off the paper,
// the answers of the review questions are shown and a question keeps its
// choices together, and the document's number and title head the first page.
func TestPrintA4(t *testing.T) {
	root := browsertest.FileURL(studySite(t)) + "/"
	ctx := browsertest.New(t)
	open(t, ctx, root+"vb/ke-hoach.html")
	checkShortDocPaper(t, printPDF(t, ctx))

	open(t, ctx, root+"cd/bai-1.html")
	run[any](t, ctx, `window.__printed = 0; addEventListener("beforeprint", () => window.__printed++)`)
	pages := printPDF(t, ctx)
	checkLessonPaper(t, pages)
	t.Logf("lesson: %d A4 pages, the last with %d text operators; beforeprint fired %d times",
		len(pages), pages[len(pages)-1].TextOps, run[int](t, ctx, `window.__printed`))
	if run[bool](t, ctx, `document.querySelector("details.answer").open`) {
		t.Error("an answer is left open on screen after printing")
	}

	// the printable study path: a cover, then each lesson on a new page
	open(t, ctx, root+"cd/in.html")
	checkStudyPathPaper(t, printPDF(t, ctx), len(pages))
	open(t, ctx, root+"cd/bai-1.html")

	setMedia(t, ctx, "print")
	for _, sel := range []string{".site-header", ".search-slot", ".theme-toggle", ".study-menu", ".breadcrumbs",
		".reading-time", ".study-actions", ".toc", ".pager", ".site-footer", ".answer > summary"} {
		if got := run[string](t, ctx, `(e => e ? getComputedStyle(e).display : "missing")(document.querySelector("`+sel+`"))`); got != "none" {
			t.Errorf("on paper %s shows (display %s)", sel, got)
		}
	}
	// checkVisibility is false inside a closed <details>, whose content
	// keeps its layout box
	if !run[bool](t, ctx, `(p => p.checkVisibility() && p.getBoundingClientRect().height > 0)(document.querySelector("details.answer p"))`) {
		t.Error("on paper the answer of a review question is hidden")
	}
	if got := run[string](t, ctx, `getComputedStyle(document.querySelector(".question")).breakInside`); got != "avoid" {
		t.Errorf("a question's break-inside on paper = %q, want avoid", got)
	}

	setMedia(t, ctx, "")
	open(t, ctx, root+"vb/ke-hoach.html")
	setMedia(t, ctx, "print")
	head := run[[]any](t, ctx, `(h => [h.textContent, h.getBoundingClientRect().top,
		Array.from(document.querySelectorAll("main *")).filter(e => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().bottom <= h.getBoundingClientRect().top && !e.contains(h)).length])(document.querySelector("h1"))`)
	if text, _ := head[0].(string); !strings.Contains(text, "205/KH-UBND") || !strings.Contains(text, "Kế hoạch thực hiện") {
		t.Errorf("the printed headline is %q, want the number and the title", text)
	}
	if above, _ := head[2].(float64); above > 0 {
		t.Errorf("%v elements print above the headline, want none", above)
	}
	setMedia(t, ctx, "")
	browsertest.NoProblems(t, ctx)
}

// TestThemeSwitch presses the theme switch through its three choices: the
// system's (no data-theme), then the other look, then the system's look
// chosen for good, and back; the choice is stored, survives a reload, and
// "theo hệ thống" follows prefers-color-scheme. Dark mode draws the search
// box with the dark control colour, not a bright border.
func TestThemeSwitch(t *testing.T) {
	root := browsertest.FileURL(studySite(t)) + "/"
	ctx := browsertest.New(t)
	state := `[document.documentElement.getAttribute("data-theme") || "", localStorage.getItem("tusach-theme") || "",
		document.querySelector(".theme-toggle").getAttribute("aria-label"), getComputedStyle(document.body).backgroundColor,
		getComputedStyle(document.querySelector(".search-input")).borderTopColor].join(" | ")`
	press := func() string {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".theme-toggle"))); err != nil {
			t.Fatal(err)
		}
		return run[string](t, ctx, state)
	}
	open(t, ctx, root+"index.html")
	for _, want := range []string{
		" |  | Giao diện: Theo hệ thống | rgb(255, 255, 255) | rgb(118, 126, 137)",
		"dark | dark | Giao diện: Tối | rgb(18, 20, 23) | rgb(122, 131, 144)",
		"light | light | Giao diện: Sáng | rgb(255, 255, 255) | rgb(118, 126, 137)",
		" | system | Giao diện: Theo hệ thống | rgb(255, 255, 255) | rgb(118, 126, 137)",
	} {
		var got string
		if strings.HasPrefix(want, " |  |") {
			got = run[string](t, ctx, state)
		} else {
			got = press()
		}
		if got != want {
			t.Errorf("theme switch: %q, want %q", got, want)
		}
	}
	// the system turns dark: "theo hệ thống" follows, after a reload too,
	// and the next press picks the other look, light
	setMedia(t, ctx, "", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: "dark"})
	open(t, ctx, root+"vb/ke-hoach.html")
	if got, want := run[string](t, ctx, state), " | system | Giao diện: Theo hệ thống | rgb(18, 20, 23) | rgb(122, 131, 144)"; got != want {
		t.Errorf("system dark: %q, want %q", got, want)
	}
	if got, want := press(), "light | light | Giao diện: Sáng | rgb(255, 255, 255) | rgb(118, 126, 137)"; got != want {
		t.Errorf("first press with a dark system: %q, want %q", got, want)
	}
	setMedia(t, ctx, "")
	browsertest.NoProblems(t, ctx)
}

// TestReadingSample builds the repository's sample site (content/) and
// checks the header search with real key presses (the WAI-ARIA combobox),
// the search page's headings and, at a phone's 390 × 844, the filters
// behind "Bộ lọc" and touch targets of at least 44 px.
func TestReadingSample(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, "../..", dest); err != nil {
		t.Fatal(err)
	}
	root := browsertest.FileURL(dest) + "/"
	ctx := browsertest.New(t)
	t.Run("combobox", func(t *testing.T) { checkCombobox(t, ctx, root) })
	t.Run("phone", func(t *testing.T) { checkPhone(t, ctx, root, dest) })
	browsertest.NoProblems(t, ctx)
}

// checkCombobox types into the header search box and moves through the
// results with the arrow keys, closes the list with Escape and opens a
// result with Enter; then checks that the search page's results are
// headings.
func checkCombobox(t *testing.T, ctx context.Context, root string) {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1024, 500)); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, root+"index.html")
	key := func(k string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.search-box input"))); err != nil {
		t.Fatal(err)
	}
	key("chinh don dang")
	n := poll[int](t, ctx, `(n => n >= 3 && n === document.querySelectorAll("#ts-search-list [role=option]").length ? n : 0)(
		document.querySelectorAll("#ts-search-list [role=option] .search-hit-title").length)`)
	input := `document.querySelector("form.search-box input")`
	aria := func() string {
		return run[string](t, ctx, `(i => [i.getAttribute("role"), i.getAttribute("aria-expanded"), i.getAttribute("aria-controls"),
			i.getAttribute("aria-activedescendant") || "-", document.activeElement === i,
			(document.getElementById(i.getAttribute("aria-activedescendant")) || {}).ariaSelected || "-"].join(" "))(`+input+`)`)
	}
	if got := aria(); got != "combobox true ts-search-list - true -" {
		t.Errorf("after typing: %q", got)
	}
	if got := run[string](t, ctx, input+`.getAttribute("aria-label")`); got != "Tìm trong tủ sách" {
		t.Errorf("the search box is named %q", got)
	}
	if got := run[string](t, ctx, `document.getElementById("ts-search-list").getAttribute("role")`); got != "listbox" {
		t.Errorf("the list of results has role %q", got)
	}
	said := run[string](t, ctx, `Array.from(document.querySelectorAll("[aria-live], [role=status]")).filter(e => e.closest("form.search-box")).map(e => e.textContent).join(" / ")`)
	if !regexp.MustCompile(`^\d+ kết quả$`).MatchString(said) {
		t.Errorf("the live region says %q, want only the count", said)
	}
	if run[bool](t, ctx, `!!document.querySelector(".search-panel[aria-live], .search-panel [aria-live]")`) {
		t.Error("the results panel is a live region: every snippet is read")
	}
	// "Xem tất cả kết quả" stays in view at the bottom of a panel that scrolls
	all := run[[]float64](t, ctx, `(p => { const a = p.querySelector(".search-all").getBoundingClientRect(), r = p.getBoundingClientRect();
		return [p.scrollHeight - p.clientHeight, r.bottom - a.bottom, a.height]; })(document.querySelector(".search-panel"))`)
	if all[0] <= 0 || all[1] < 0 || all[2] <= 0 {
		t.Errorf("panel overflow %v px, \"Xem tất cả\" %v px above its bottom (height %v): want it in view", all[0], all[1], all[2])
	}

	key(kb.ArrowDown)
	if got := aria(); got != "combobox true ts-search-list ts-search-opt-0 true true" {
		t.Errorf("after ArrowDown: %q", got)
	}
	key(kb.ArrowDown)
	key(kb.ArrowDown)
	key(kb.ArrowUp)
	if got := aria(); got != "combobox true ts-search-list ts-search-opt-1 true true" {
		t.Errorf("after ArrowDown ×3, ArrowUp: %q", got)
	}
	key(kb.Escape)
	if got := aria(); got != "combobox false ts-search-list - true -" || !run[bool](t, ctx, `document.querySelector(".search-panel").hidden`) {
		t.Errorf("after Escape: %q, panel hidden %v", got, run[bool](t, ctx, `document.querySelector(".search-panel").hidden`))
	}
	if got := run[string](t, ctx, input+`.value`); got != "chinh don dang" {
		t.Errorf("Escape left %q in the box", got)
	}
	key(kb.ArrowDown) // opens the list again
	poll[bool](t, ctx, `!document.querySelector(".search-panel").hidden && document.querySelectorAll("#ts-search-list [role=option] .search-hit-title").length === `+strconv.Itoa(n))
	key(kb.ArrowDown)
	href := run[string](t, ctx, `document.querySelector("#ts-search-opt-0 .search-hit-title").href`)
	if got := aria(); got != "combobox true ts-search-list ts-search-opt-0 true true" {
		t.Errorf("after Escape, ArrowDown ×2: %q", got)
	}
	key(kb.Enter)
	// the page navigates: wait out the old page's context
	var got string
	for try := 0; try < 50 && got != href; try++ {
		got, _ = chromedp.Run(ctx, chromedp.Poll[string](`document.readyState === "complete" ? location.href : ""`))
	}
	if got != href {
		t.Errorf("Enter opened %q, want %q", got, href)
	}

	openPage(t, ctx, root+"search/index.html?q=chinh+don+dang")
	heads := poll[[]int](t, ctx, `(n => n && n === document.querySelectorAll("[data-search-page] .search-hit-title").length ? [n,
		document.querySelectorAll("[data-search-page] .search-hit > h2 > a.search-hit-title").length] : null)(document.querySelectorAll("[data-search-page] .search-hit").length)`)
	if heads[0] != heads[1] {
		t.Errorf("search page: %d of %d results have an h2 title", heads[1], heads[0])
	}
	// The filters wait, closed, until the reader opens them: no facet data
	// loaded before; then they show beside the results.
	if run[bool](t, ctx, `document.querySelector(".search-filters").open || tusachSearch.transfers().some(t => t.file === "facets.js")`) {
		t.Error("search page at 1024 px: the filters are open, or their data loaded, before the reader asked")
	}
	run[any](t, ctx, `document.querySelector(".search-filters > summary").click()`)
	beside := poll[[]float64](t, ctx, `(f => f.open && document.querySelector(".search-facet") ? [f.getBoundingClientRect().right, document.querySelector(".search-hits").getBoundingClientRect().left] : null)(document.querySelector(".search-filters"))`)
	if beside[0] > beside[1] {
		t.Errorf("search page at 1024 px: the open filters (right edge %.0f) are not beside the results (left edge %.0f)", beside[0], beside[1])
	}
	// A filter in the address opens them at once.
	openPage(t, ctx, root+"search/index.html?q=chinh+don+dang&type=K%E1%BA%BF+ho%E1%BA%A1ch")
	poll[bool](t, ctx, `document.querySelector(".search-filters").open && document.querySelector('[data-facet="type"] input[value="Kế hoạch"]:checked') !== null`)
	status := run[string](t, ctx, `(s => s.getAttribute("aria-live") + " busy:" + s.hasAttribute("aria-busy") + " " + s.textContent)(document.querySelector("[data-search-page] .search-status"))`)
	if !regexp.MustCompile(`^polite busy:false \d+ kết quả$`).MatchString(status) {
		t.Errorf("search page status: %q, want a polite region saying the count", status)
	}
}

// checkPhone measures the search page and a document with a table of
// contents at 390 × 844.
func checkPhone(t *testing.T, ctx context.Context, root, dest string) {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, root+"search/index.html?q=chinh+don+dang")
	first := poll[float64](t, ctx, `(h => h && h.querySelector(".search-hit-title") ? h.getBoundingClientRect().top + scrollY : 0)(document.querySelector("[data-search-page] .search-hit"))`)
	t.Logf("phone: first hit at %.0f px", first)
	if first > 844 {
		t.Errorf("phone: the first hit is at %.0f px, below the first screen (844)", first)
	}
	if run[bool](t, ctx, `document.querySelector(".search-filters").open`) {
		t.Error("phone: the filters are open above the results")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".search-filters > summary"))); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, ctx, `document.querySelector(".search-filters").open && document.querySelectorAll(".search-facet label").length > 0`)
	small := func(sel string) []string {
		return run[[]string](t, ctx, `Array.from(document.querySelectorAll("`+sel+`")).filter(e => e.getClientRects().length)
			.map(e => e.getBoundingClientRect()).filter(r => r.height < 44 || r.width < 44).map(r => Math.round(r.width) + "×" + Math.round(r.height))`)
	}
	for _, sel := range []string{".search-filters > summary", ".search-facet label", ".theme-toggle", "form.search-page-form input:not([type=checkbox])", "form.search-page-form .search-exact", "form.search-page-form button"} {
		if s := small(sel); len(s) > 0 {
			t.Errorf("phone: %d %s smaller than 44 px: %v", len(s), sel, s)
		}
	}
	if n := run[int](t, ctx, `document.querySelectorAll(".search-facet label").length`); n < 5 {
		t.Errorf("phone: %d facet labels measured, want the sample's many", n)
	}

	withTOC := ""
	_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && withTOC == "" && strings.HasSuffix(p, ".html") {
			if b, _ := os.ReadFile(p); regexp.MustCompile(`<nav class="?toc`).Match(b) {
				withTOC, _ = filepath.Rel(dest, p)
			}
		}
		return nil
	})
	if withTOC == "" {
		t.Fatal("no page of the sample site has a table of contents")
	}
	openPage(t, ctx, root+filepath.ToSlash(withTOC))
	if s := small(".toc a"); len(s) > 0 || run[int](t, ctx, `document.querySelectorAll(".toc a").length`) == 0 {
		t.Errorf("phone: %s: TOC links smaller than 44 px: %v", withTOC, s)
	}
	for _, sel := range []string{".site-nav a", ".breadcrumbs a", "form.search-box input", ".study-menu summary"} {
		if s := small(sel); len(s) > 0 {
			t.Errorf("phone: %s: %d %s smaller than 44 px: %v", withTOC, len(s), sel, s)
		}
	}
}
