package build

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/internal/testsite"
)

// registerListSite builds a site of 120 numbered documents, three types, two
// issuers, issued 2019 to 2022 (so three pages of the register), some in
// force from a date, some expired, and a Kết luận numbered 21-KL/TƯ; it
// returns the public folder and the numbers of the Luật of 2020.
func registerListSite(t *testing.T) (string, []string) {
	t.Helper()
	files := map[string]string{
		"content/_index.md":    "---\ntitle: Sổ thử\n---\n",
		"content/vb/_index.md": "---\ntitle: Văn bản\n---\n",
		"content/vb/ket-luan.md": "---\ntitle: Kết luận về chỉnh đốn Đảng\nnumber: 21-KL/TƯ\ntype: Kết luận\n" +
			"issuer: Ban Chấp hành Trung ương\nissued: 2021-10-25\n---\n\nNội dung.\n",
	}
	types := []string{"Luật", "Nghị định", "Kế hoạch"}
	var luat2020 []string
	for i := 1; i < 120; i++ {
		typ := types[i%3]
		year := 2019 + i%4
		number := fmt.Sprintf("%d/%d/QH14", i, year)
		if typ != "Luật" {
			number = fmt.Sprintf("%02d/KH-UBND", i)
		}
		if typ == "Luật" && year == 2020 {
			luat2020 = append(luat2020, number)
		}
		life := ""
		switch i % 5 {
		case 1:
			life = "effective: 2000-01-01\n"
		case 2:
			life = "effective: 2000-01-01\nexpires: 2001-01-01\n"
		}
		files[fmt.Sprintf("content/vb/d%03d.md", i)] = fmt.Sprintf("---\ntitle: Văn bản thử số %d về công việc\nnumber: %s\n"+
			"type: %s\nissuer: %s\nissued: %d-%02d-%02d\n%s---\n\nNội dung %d.\n",
			i, number, typ, []string{"Quốc hội", "UBND thành phố Hà Nội"}[i%2], year, 1+i%12, 1+i%28, life, i)
	}
	dir := writeSite(t, files)
	dest := filepath.Join(dir, "public")
	if _, err := buildSite(t, dir, dest); err != nil {
		t.Fatalf("build: %v", err)
	}
	slices.SortFunc(luat2020, func(a, b string) int { // natural order: the serials
		var x, y int
		fmt.Sscanf(a, "%d", &x)
		fmt.Sscanf(b, "%d", &y)
		return x - y
	})
	return dest, luat2020
}

const registerRows = `Array.from(document.querySelectorAll("table[data-register] tbody tr")).map(r => r.querySelector(".col-number").textContent)`

// registerReady is true once register.js shows its form and no longer
// loads or sorts.
const registerReady = `!document.querySelector("form.register-filter").hidden && document.querySelector("table[data-register]").getAttribute("aria-busy") !== "true"`

// TestRegisterPages checks the register's static pages: fifty rows each,
// complete without JavaScript, with links between them.
func TestRegisterPages(t *testing.T) {
	dest, _ := registerListSite(t)
	for name, rows := range map[string]int{"index.html": 50, "2.html": 50, "3.html": 20} {
		b, err := os.ReadFile(filepath.Join(dest, "so-van-ban", name))
		if err != nil {
			t.Fatal(err)
		}
		html := string(b)
		if n := strings.Count(html, `<td class="col-number doc-number">`); n != rows {
			t.Errorf("%s: %d rows, want %d", name, n, rows)
		}
		for _, link := range []string{`href="../so-van-ban/index.html"`, `href="../so-van-ban/2.html"`, `href="../so-van-ban/3.html"`} {
			if !strings.Contains(html, link) {
				t.Errorf("%s lacks the pager link %s", name, link)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "so-van-ban", "4.html")); err == nil {
		t.Error("a fourth page for 120 documents")
	}
	home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if !strings.Contains(string(home), `class="nav-register"><a href="so-van-ban/index.html"`) ||
		!strings.Contains(string(home), `class="home-register"`) {
		t.Error("the home page lacks the register in the main navigation or its own box")
	}
}

// TestRegisterListInBrowser opens the register from file:// and over http
// under /hoc-tap/: a filtered, sorted view restores from the address, the
// filter keeps the address up to date, sorting shows its state, and a
// phone-width screen gets cards without sideways scrolling.
func TestRegisterListInBrowser(t *testing.T) {
	testsite.Requires(t, "Chromium") // before the setup, skipped in -short
	dest, luat2020 := registerListSite(t)
	srv := httptest.NewServer(http.StripPrefix("/hoc-tap", http.FileServer(http.Dir(dest))))
	t.Cleanup(srv.Close)
	ctx := browsertest.New(t)
	for name, root := range map[string]string{"file": browsertest.FileURL(dest) + "/", "http": srv.URL + "/hoc-tap/"} {
		t.Run(name, func(t *testing.T) { checkRegister(t, ctx, root, luat2020) })
	}
	browsertest.NoProblems(t, ctx)
}

func checkRegister(t *testing.T, ctx context.Context, root string, luat2020 []string) {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900)); err != nil {
		t.Fatal(err)
	}
	// The static first page, then page 2 by its link.
	openPage(t, ctx, root+"so-van-ban/index.html")
	poll[bool](t, ctx, registerReady)
	if n := len(run[[]string](t, ctx, registerRows)); n != 50 {
		t.Errorf("first page: %d rows", n)
	}
	next := run[string](t, ctx, `Array.from(document.querySelectorAll(".register-pager a")).find(a => a.textContent === "2").href`)
	if next != root+"so-van-ban/2.html" {
		t.Errorf("link to page 2: %q", next)
	}
	openPage(t, ctx, next)
	if n := len(run[[]string](t, ctx, registerRows)); n != 50 {
		t.Errorf("page 2: %d rows", n)
	}

	// A view from the address: Luật of 2020 by number, ascending.
	openPage(t, ctx, root+"so-van-ban/index.html?type=Lu%E1%BA%ADt&year=2020&sort=number&dir=asc")
	got := poll[[]string](t, ctx, `(() => {
		const t = document.querySelector("table[data-register]");
		return t.getAttribute("aria-busy") === "false" && document.querySelector(".register-count").textContent ? `+registerRows+` : null;
	})()`)
	if !slices.Equal(got, luat2020) {
		t.Errorf("?type=Luật&year=2020&sort=number: rows %q, want %q", got, luat2020)
	}
	if v := run[[]string](t, ctx, `["type", "year"].map(k => document.querySelector("form.register-filter").elements[k].value)`); !slices.Equal(v, []string{"Luật", "2020"}) {
		t.Errorf("filter controls show %q", v)
	}
	if s := run[string](t, ctx, `document.querySelector('th[data-sort="number"]').getAttribute("aria-sort")`); s != "ascending" {
		t.Errorf("number column aria-sort = %q", s)
	}
	if href := run[string](t, ctx, `document.querySelector("tbody .doc-title").href`); !strings.HasPrefix(href, root+"vb/") {
		t.Errorf("row link %q does not lead into the site at %s", href, root)
	}

	// Words and numbers fold as search does; the filter goes to the address.
	openPage(t, ctx, root+"so-van-ban/3.html?q=21-kl%2Ftw")
	if got := poll[[]string](t, ctx, `(r => r.length === 1 ? r : null)(`+registerRows+`)`); got[0] != "21-KL/TƯ" {
		t.Errorf("?q=21-kl/tw: rows %q", got)
	}
	// A document read shows so in a filtered view too (study.js).
	run[any](t, ctx, `localStorage.setItem("tusach-study:" + new URL(document.querySelector(".study-menu").getAttribute("data-root"), location.href).href,
		JSON.stringify({read: {"vb/ket-luan.html": 1}}))`)
	openPage(t, ctx, root+"so-van-ban/3.html?q=21-kl%2Ftw")
	poll[bool](t, ctx, `!!document.querySelector("tbody tr.is-read .read-mark")`)
	run[any](t, ctx, `(i => { i.value = "chinh don dang"; i.dispatchEvent(new Event("input")); })(document.querySelector("form.register-filter input[name=q]"))`)
	if q := poll[string](t, ctx, `(s => s.includes("chinh") ? s : "")(decodeURIComponent(location.search).replace(/\+/g, " "))`); !strings.Contains(q, "q=chinh don dang") {
		t.Errorf("address after typing: %q", q)
	}
	// Sorting by title: the state shows on the column, then the rows.
	run[any](t, ctx, `document.querySelector("form.register-filter").reset()`)
	poll[bool](t, ctx, `location.search === "" && document.querySelector("table[data-register]").getAttribute("aria-busy") === "false"`)
	run[any](t, ctx, `document.querySelector('th[data-sort="title"] button').click()`)
	if s := run[string](t, ctx, `document.querySelector('th[data-sort="title"]').getAttribute("aria-sort")`); s != "ascending" {
		t.Errorf("title column aria-sort = %q right after the click", s)
	}
	first := poll[string](t, ctx, `document.querySelector("table[data-register]").getAttribute("aria-busy") === "false" && location.search.includes("sort=title") ? document.querySelector("tbody .doc-title").textContent : ""`)
	if first != "Kết luận về chỉnh đốn Đảng" {
		t.Errorf("first title sorted by title: %q", first)
	}

	// A phone: cards, no sideways scrolling, filtered or not.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"so-van-ban/index.html", "so-van-ban/index.html?year=2020&sort=title&dir=asc"} {
		openPage(t, ctx, root+u)
		poll[bool](t, ctx, registerReady)
		type layout struct {
			ScrollWidth, InnerWidth int
			Display                 string
		}
		l := run[layout](t, ctx, `({ScrollWidth: document.documentElement.scrollWidth, InnerWidth: innerWidth,
			Display: getComputedStyle(document.querySelector("tbody tr")).display})`)
		if l.InnerWidth != 390 || l.ScrollWidth > l.InnerWidth || l.Display != "block" {
			t.Errorf("%s at 390 px: %+v, want no sideways scroll and rows as cards", u, l)
			t.Log(run[string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > innerWidth).slice(0, 8).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join("; ")`))
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900)); err != nil {
		t.Fatal(err)
	}
}

// openPage navigates and waits for the page's scripts to have run.
func openPage(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := browsertest.Navigate(ctx, url); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	poll[bool](t, ctx, `document.readyState === "complete"`)
}

// TestStatusInBrowser: the status of today, settled in the browser from
// the dates (status.js), filters the register and is a facet of the search
// page. registerListSite has 24 documents expired since 2001 and 24 in force
// since 2000; the other 72 have no lifecycle field.
func TestStatusInBrowser(t *testing.T) {
	testsite.Requires(t, "Chromium") // before the setup, skipped in -short
	dest, _ := registerListSite(t)
	ctx := browsertest.New(t)
	root := browsertest.FileURL(dest) + "/"
	openPage(t, ctx, root+"so-van-ban/index.html?status=expired")
	count := poll[string](t, ctx, `(t => t.getAttribute("aria-busy") === "false" ? document.querySelector(".register-count").textContent : "")(document.querySelector("table[data-register]"))`)
	if !strings.HasPrefix(count, "24/120 văn bản") {
		t.Errorf("register ?status=expired: count %q", count)
	}
	if labels := run[[]string](t, ctx, `Array.from(new Set(Array.from(document.querySelectorAll("tbody .doc-status")).map(s => s.textContent)))`); !slices.Equal(labels, []string{"Hết hiệu lực"}) {
		t.Errorf("register ?status=expired shows statuses %q", labels)
	}

	openPage(t, ctx, root+"search/index.html?q=c%C3%B4ng+vi%E1%BB%87c")
	poll[bool](t, ctx, `document.querySelector(".search-filters > summary") !== null`)
	run[any](t, ctx, `document.querySelector(".search-filters > summary").click()`)
	facet := poll[[]string](t, ctx, `(f => f ? Array.from(f.querySelectorAll("label")).map(l => l.textContent.trim()) : null)(document.querySelector('[data-facet="status"]'))`)
	if !slices.Equal(facet, []string{"Còn hiệu lực 24", "Hết hiệu lực 24"}) {
		t.Errorf("status facet %q", facet)
	}
	run[any](t, ctx, `Array.from(document.querySelectorAll('[data-facet="status"] input')).find(i => i.value === "expired").click()`)
	status := poll[string](t, ctx, `(s => s.startsWith("24 ") ? s : "")(document.querySelector(".search-status").textContent)`)
	if loc := run[string](t, ctx, `location.search`); !strings.Contains(loc, "status=expired") {
		t.Errorf("search address %q (status %q) lacks the facet", loc, status)
	}
	browsertest.NoProblems(t, ctx)
}
