package build

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tusach/generator/browsertest"
)

// registerSite is a small site for the register's document pages: a plan
// replaced by a newer one, which also amends a part of a plan not yet in
// force; a plan whose expiry has passed; one in force by its dates alone;
// and one that states its status.
func registerSite(t *testing.T) string {
	dir := writeSite(t, map[string]string{
		"content/_index.md":    "---\ntitle: Tủ sách thử\n---\n",
		"content/vb/_index.md": "---\ntitle: Văn bản\n---\n",
		"content/vb/cu.md": "---\ntitle: Kế hoạch cũ\nnumber: 1/KH-UBND\ntype: Kế hoạch\nissued: 2020-01-01\n---\n\n" +
			"## Điều 2. Nhiệm vụ\n\nNội dung.\n",
		"content/vb/moi.md": "---\ntitle: Kế hoạch mới\nnumber: 2/KH-UBND\ntype: Kế hoạch\nissued: 2021-01-01\n" +
			"relations:\n  - {type: thay thế, number: 1/KH-UBND}\n  - {type: sửa đổi, number: 3/KH-UBND, scope: khoản 1 Điều 2}\n---\n\nNội dung.\n",
		"content/vb/tuong-lai.md": "---\ntitle: Kế hoạch tương lai\nnumber: 3/KH-UBND\ntype: Kế hoạch\nissued: 2021-06-01\n" +
			"effective: 2999-01-01\n---\n\n## Điều 2. Phạm vi\n\nNội dung.\n",
		"content/vb/het-han.md": "---\ntitle: Kế hoạch đã hết hạn\nnumber: 4/KH-UBND\ntype: Kế hoạch\nissued: 2000-01-01\n" +
			"effective: 2000-01-01\nexpires: 2001-01-01\n---\n\nNội dung.\n",
		"content/vb/dang-chay.md": "---\ntitle: Kế hoạch đang chạy\nnumber: 5/KH-UBND\ntype: Kế hoạch\nissued: 2000-02-01\n" +
			"effective: 2000-02-01\n---\n\nNội dung.\n",
		"content/vb/mot-phan.md": "---\ntitle: Kế hoạch sửa một phần\nnumber: 6/KH-UBND\ntype: Kế hoạch\nissued: 2000-03-01\n" +
			"status: Het hieu luc mot phan\n---\n\nNội dung.\n",
	})
	dest := filepath.Join(dir, "public")
	if _, err := buildSite(t, dir, dest); err != nil {
		t.Fatalf("build: %v", err)
	}
	return dest
}

// statusOf is the status badge of the document page: its text, the code
// status.js settled and whether it shows.
const statusOf = `(s => s ? [s.textContent, s.dataset.current || "", String(!s.hidden && !s.closest("[hidden]"))].join("|") : "none")(document.querySelector(".doc-meta .status"))`

// TestRegisterInBrowser opens the register's document pages in headless
// Chromium, from file:// and served under /hoc-tap/: a relation shows on
// both documents (the inverse on the one that did not write it), the scope
// links to the target's heading, the replaced document shows a banner
// naming the newer one, and status.js settles each status from today's
// date.
func TestRegisterInBrowser(t *testing.T) {
	dest := registerSite(t)
	// Without JavaScript the dates are in the page and the future plan
	// claims no status.
	html, err := os.ReadFile(filepath.Join(dest, "vb", "tuong-lai.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `<time datetime="2999-01-01">1/1/2999</time>`) || strings.Contains(string(html), "Chưa có hiệu lực</span>") {
		t.Error("the future plan's page lacks its effective date or states a status the build cannot know")
	}

	srv := httptest.NewServer(http.StripPrefix("/hoc-tap/", http.FileServer(http.Dir(dest))))
	defer srv.Close()
	ctx := browsertest.New(t)
	for _, root := range []string{browsertest.FileURL(dest) + "/", srv.URL + "/hoc-tap/"} {
		t.Run(root[:4], func(t *testing.T) {
			open(t, ctx, root+"vb/moi.html")
			rels := run[string](t, ctx, `Array.from(document.querySelectorAll(".doc-relations li")).map(li => li.textContent.replace(/\s+/g, " ").trim() + " → " + (li.querySelector("a") ? li.querySelector("a").getAttribute("href") : "")).join("\n")`)
			for _, want := range []string{
				"Thay thế Kế hoạch số 1/KH-UBND Kế hoạch cũ → ../vb/cu.html",
				"Sửa đổi Kế hoạch số 3/KH-UBND Kế hoạch tương lai · phạm vi: khoản 1 Điều 2 → ../vb/tuong-lai.html",
			} {
				if !strings.Contains(rels, want) {
					t.Errorf("the newer plan's relations lack %q:\n%s", want, rels)
				}
			}
			scope := run[string](t, ctx, `Array.from(document.querySelectorAll(".doc-relations li a")).map(a => a.href).join(" ")`)
			if !strings.Contains(scope, root+"vb/tuong-lai.html#dieu-2-pham-vi") {
				t.Errorf("scope links %q lack the target's heading", scope)
			}
			if run[bool](t, ctx, `!!document.querySelector(".banner-replaced")`) {
				t.Error("the newer plan has a banner")
			}

			open(t, ctx, root+"vb/cu.html")
			banner := run[string](t, ctx, `(b => b && b.getBoundingClientRect().height > 0 ? b.textContent.replace(/\s+/g, " ").trim() + " → " + b.querySelector("a").href : "")(document.querySelector(".banner-replaced"))`)
			if !strings.HasPrefix(banner, "Văn bản này bị thay thế bởi Kế hoạch số 2/KH-UBND Kế hoạch mới (từ ngày 1/1/2021).") || !strings.HasSuffix(banner, root+"vb/moi.html") {
				t.Errorf("banner on the replaced plan = %q", banner)
			}
			if top := run[bool](t, ctx, `document.querySelector(".banner-replaced").getBoundingClientRect().top < document.querySelector("h1").getBoundingClientRect().top`); !top {
				t.Error("the banner is not above the headline")
			}
			// The number stays on one line even where its hyphen could break.
			if n := run[int](t, ctx, `(h => { h.style.display = "inline-block"; h.style.width = "2em"; return h.querySelector(".doc-number").getClientRects().length; })(document.querySelector("h1 .doc-headline"))`); n != 1 {
				t.Errorf("the number in a narrow headline spans %d lines", n)
			}
			back := run[string](t, ctx, `Array.from(document.querySelectorAll(".doc-relations li")).map(li => li.textContent.replace(/\s+/g, " ").trim()).join("\n")`)
			if back != "Bị thay thế bởi Kế hoạch số 2/KH-UBND Kế hoạch mới" {
				t.Errorf("the replaced plan's relations = %q", back)
			}
			if got := poll[string](t, ctx, `(s => s.dataset.current ? s : null)(document.querySelector(".doc-meta .status")) && `+statusOf); got != "Hết hiệu lực|expired|true" {
				t.Errorf("replaced plan's status = %q", got)
			}
			history := run[string](t, ctx, `Array.from(document.querySelectorAll(".history tbody tr")).map(tr => Array.from(tr.cells).map(c => c.textContent.trim()).join("|")).join("\n")`)
			if history != "1/1/2020|Ban hành|Văn bản này|–\n1/1/2021|Bị thay thế bởi|2/KH-UBND|–" {
				t.Errorf("history of the replaced plan:\n%s", history)
			}

			for _, c := range []struct{ page, want string }{
				{"tuong-lai.html", "Chưa có hiệu lực|not-yet|true"},
				{"het-han.html", "Hết hiệu lực|expired|true"},
				{"dang-chay.html", "Còn hiệu lực|in-force|true"},
				{"mot-phan.html", "Hết hiệu lực một phần|partly-expired|true"},
			} {
				open(t, ctx, root+"vb/"+c.page)
				if got := poll[string](t, ctx, `(s => s.dataset.current ? s : null)(document.querySelector(".doc-meta .status")) && `+statusOf); got != c.want {
					t.Errorf("%s: status %q, want %q", c.page, got, c.want)
				}
			}
			// Lists settle the status too, and lead with the headline.
			open(t, ctx, root+"vb/index.html")
			item := poll[string](t, ctx, `(a => { const s = a.closest("li").querySelector(".status"); return s && s.dataset.current ? a.textContent.replace(/\s+/g, " ").trim() + "|" + s.textContent : ""; })(document.querySelector('a.doc-title[href$="tuong-lai.html"]'))`)
			if item != "Kế hoạch số 3/KH-UBND Kế hoạch tương lai|Chưa có hiệu lực" {
				t.Errorf("list item of the future plan = %q", item)
			}
		})
	}
	browsertest.NoProblems(t, ctx)
}
