package hosting

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/build"
)

// siteHandler serves the site in the folder *dir under /hoc-tap/ as a
// static server does: folder → index.html, missing → 404.html with 404.
type siteHandler struct{ dir atomic.Pointer[string] }

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rel, ok := strings.CutPrefix(r.URL.Path, "/hoc-tap/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	rel = path.Clean("/" + rel)[1:]
	if rel == "" || strings.HasSuffix(r.URL.Path, "/") {
		rel = path.Join(rel, "index.html")
	}
	// The ETag is the content's hash: two builds within the same second
	// have the same times (and sw.js the same size), not the same content.
	name := filepath.Join(*h.dir.Load(), filepath.FromSlash(rel))
	if data, err := os.ReadFile(name); err == nil {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sha256.Sum256(data)))
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	page, err := os.ReadFile(filepath.Join(*h.dir.Load(), "404.html"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		http.Error(w, err.Error(), 500)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(page)
}

// siteVersion reads the service worker version of a built site.
func siteVersion(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "offline.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list struct{ Version string }
	if err := json.Unmarshal(b, &list); err != nil || list.Version == "" {
		t.Fatalf("offline.json: %v", err)
	}
	return list.Version
}

// copyContent copies the sample site's content/ into a new site folder.
func copyContent(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(filepath.Join(dst, "content"), os.DirFS(filepath.Join(repoRoot, "content")))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestOfflineWebApp serves the sample site over http under /hoc-tap/, saves
// it for offline reading with the footer button, serves a new build (the
// new service worker replaces the old and its cache), then stops the
// server and reads and searches the site from the cache.
func TestOfflineWebApp(t *testing.T) {
	first := buildSample(t, repoRoot, build.Options{})
	src := copyContent(t)
	doc := filepath.Join(src, "content", "van-ban", "ke-hoach-205-kh-ubnd.md")
	text, err := os.ReadFile(doc)
	if err != nil {
		t.Fatalf("the sample document changed name? %v", err)
	}
	const marker = "Đoạn này chỉ có ở bản dựng thứ hai."
	if err := os.WriteFile(doc, append(text, "\n\n"+marker+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	second := buildSample(t, src, build.Options{})
	v1, v2 := siteVersion(t, first), siteVersion(t, second)
	if v1 == v2 {
		t.Fatal("a changed document did not change the service worker version")
	}

	h := &siteHandler{}
	h.dir.Store(&first)
	srv := httptest.NewServer(h)
	defer srv.Close()
	root := srv.URL + "/hoc-tap/"
	cacheName := func(v string) string { return "tusach " + root + " " + v }

	ctx := browsertest.New(t)
	if err := browsertest.Navigate(ctx, root+"index.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`navigator.serviceWorker.controller !== null`)); err != nil {
		t.Fatalf("the service worker never controlled the page: %v", err)
	}
	waitCaches(t, ctx, []string{cacheName(v1)})
	manifest, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('link[rel=manifest]').href`))
	if manifest != root+"manifest.webmanifest" {
		t.Errorf("manifest link %q", manifest)
	}

	// Save the whole site with the footer button, watching the progress.
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(".offline-save button")),
		chromedp.Click(chromedp.CSS(".offline-save button")),
	); err != nil {
		t.Fatalf("the save button: %v", err)
	}
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const s = document.querySelector(".offline-save [role=status]").textContent;
		return s.startsWith("Đã lưu") || s.startsWith("Không") ? s : "";
	})()`))
	if err != nil || !strings.HasPrefix(status, "Đã lưu toàn bộ") {
		t.Fatalf("saving the site: status %q, %v", status, err)
	}
	files := len(readTree(t, first))
	cached := cacheSize(t, ctx, cacheName(v1))
	// every file but sw.js, and the save-all mark
	if want := files - 1 + 1; cached < want {
		t.Errorf("%d files cached after saving, want %d", cached, want)
	}

	// A new build: the next visit installs its worker, which deletes the old
	// cache and saves the whole new version again.
	h.dir.Store(&second)
	if err := browsertest.Navigate(ctx, root+"index.html"); err != nil {
		t.Fatal(err)
	}
	waitCaches(t, ctx, []string{cacheName(v2)})
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`caches.open(`+jsString(cacheName(v2))+`).then(c => c.match(`+
		jsString(root+"offline.json")+`)).then(r => !!r)`)); err != nil {
		st, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".offline-save") ? document.querySelector(".offline-save").textContent : "no ui"`))
		keys, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`caches.open(`+jsString(cacheName(v2))+`).then(c => c.keys()).then(k => [String(k.length)].concat(k.map(r => r.url).filter(u => !u.includes("/search/") && !u.includes("/assets/"))))`, chromedp.EvalAwaitPromise))
		ctl, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.serviceWorker.controller ? navigator.serviceWorker.controller.scriptURL + " " + navigator.serviceWorker.controller.state : "none"`))
		t.Fatalf("the new version was not saved again: %v\nfooter %q, controller %s, cache: %v", err, st, ctl, keys)
	}

	// The server goes away.
	srv.Close()
	if _, err := http.Get(root + "index.html"); err == nil {
		t.Fatal("the server still answers")
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reload offline: %v", err)
	}
	title, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
	if title == "" {
		t.Error("offline reload: no page")
	}
	if err := browsertest.Navigate(ctx, root+"van-ban/ke-hoach-205-kh-ubnd.html"); err != nil {
		t.Fatalf("offline page: %v", err)
	}
	body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".prose").textContent`))
	if !strings.Contains(body, marker) {
		t.Errorf("offline: the document is not the second build's (no %q)", marker)
	}
	if err := browsertest.Navigate(ctx, root+"search/index.html?q=chinh+don+dang"); err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(ctx, chromedp.Poll[int](`document.querySelectorAll("[data-search-page] .search-hit-title").length || 0`))
	if err != nil || n == 0 {
		t.Errorf("offline search: %d results, %v", n, err)
	}
	browsertest.NoProblems(t, ctx)
}

// waitCaches waits until this site's caches are exactly want.
func waitCaches(t *testing.T, ctx context.Context, want []string) {
	t.Helper()
	js, _ := json.Marshal(want)
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`caches.keys().then(k => JSON.stringify(k.filter(n => n.startsWith("tusach "))) === `+jsString(string(js))+`)`))
	if err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`caches.keys()`, chromedp.EvalAwaitPromise))
		t.Fatalf("caches %v, want %v: %v", got, want, err)
	}
}

// cacheSize returns how many entries the named cache holds.
func cacheSize(t *testing.T, ctx context.Context, name string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`caches.open(`+jsString(name)+`).then(c => c.keys()).then(k => k.length)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
