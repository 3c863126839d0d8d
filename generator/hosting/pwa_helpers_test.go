package hosting

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tusach/generator/offline"
)

// siteHandler serves the site in the folder *dir under /hoc-tap/ as a
// static server does: folder → index.html, missing → 404.html with 404. It
// logs every request it answers, so tests count what the browser fetched.
type siteHandler struct {
	dir  atomic.Pointer[string]
	fail atomic.Pointer[string] // a path answered 503, as a flaky network would
	mu   sync.Mutex
	log  []served
}

// served is one request the server answered.
type served struct {
	Path  string // slash path from the site root ("index.html")
	Bytes int    // body bytes sent
}

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
	cw := &countingWriter{ResponseWriter: w}
	defer func() {
		h.mu.Lock()
		h.log = append(h.log, served{rel, cw.n})
		h.mu.Unlock()
	}()
	if f := h.fail.Load(); f != nil && *f == rel {
		http.Error(cw, "unavailable", http.StatusServiceUnavailable)
		return
	}
	// The ETag is the content's hash: two builds within the same second
	// have the same times (and sw.js the same size), not the same content.
	name := filepath.Join(*h.dir.Load(), filepath.FromSlash(rel))
	if data, err := os.ReadFile(name); err == nil {
		cw.Header().Set("Cache-Control", "no-cache")
		cw.Header().Set("ETag", fmt.Sprintf(`"%x"`, sha256.Sum256(data)))
		http.ServeContent(cw, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	page, err := os.ReadFile(filepath.Join(*h.dir.Load(), "404.html"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		http.Error(cw, err.Error(), 500)
		return
	}
	cw.Header().Set("Content-Type", "text/html; charset=utf-8")
	cw.WriteHeader(http.StatusNotFound)
	cw.Write(page)
}

// takeLog returns the requests answered since the last call and forgets them.
func (h *siteHandler) takeLog() []served {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.log
	h.log = nil
	return out
}

// countingWriter counts the body bytes written through it.
type countingWriter struct {
	http.ResponseWriter
	n int
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += n
	return n, err
}

// siteList reads the offline list of a built site.
func siteList(t testing.TB, dir string) offline.List {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, offline.ListName))
	if err != nil {
		t.Fatal(err)
	}
	l, err := offline.ParseList(b)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// changedFiles returns the files of the site in dir b that are new or whose
// bytes differ from the site in dir a: what a saved copy of a must download
// to become b (sw.js and offline.json aside, which are not in the list).
func changedFiles(t testing.TB, a, b string) []string {
	t.Helper()
	old, next := readTree(t, a), readTree(t, b)
	var out []string
	for name, data := range next {
		if name == offline.ServiceWorkerName || name == offline.ListName {
			continue
		}
		if prev, ok := old[name]; !ok || !bytes.Equal(prev, data) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// listed returns the paths that list l names: of a changed search pack,
// its binary form only (the saved copy holds no script form of a pack).
func listed(l offline.List, paths []string) []string {
	in := map[string]bool{}
	for _, f := range l.Files {
		in[f.Path] = true
	}
	var out []string
	for _, p := range paths {
		if in[p] {
			out = append(out, p)
		}
	}
	return out
}

// checkSavedBytes checks what a save downloaded (the log of the server
// during it) against the list saved: each search byte once (no search pack
// in both its forms), and in all, with the shell fetched on install, the
// size the save button announced (the list's sizes are taken before
// minifying: within 2 %).
func checkSavedBytes(t *testing.T, l offline.List, log []served) {
	t.Helper()
	got := map[string]bool{}
	var total int64
	for _, s := range log {
		got[s.Path] = true
		if s.Path != offline.ListName {
			total += int64(s.Bytes)
		}
	}
	packs := 0
	for p := range got {
		if base, ok := strings.CutSuffix(p, ".bin"); ok && strings.HasPrefix(p, "search/") {
			packs++
			if got[base+".js"] {
				t.Errorf("saving downloaded both forms of the search pack %s", base)
			}
		}
	}
	if packs == 0 {
		t.Error("saving downloaded no search pack: the test saw nothing")
	}
	for _, f := range l.Shell() {
		total += f.Size
	}
	if shown := l.Bytes(); math.Abs(float64(total-shown)) > 0.02*float64(shown) {
		t.Errorf("saving downloaded %d bytes with the shell, the button said %d", total, shown)
	}
	t.Logf("saving: %d bytes downloaded with the shell, %d announced", total, l.Bytes())
}

// viSize writes n bytes as offline.js shows them to a Vietnamese reader:
// "850 KB", "52 MB", "1,2 GB" (powers of 1000, one decimal below 10).
func viSize(n int64) string {
	units := []string{"B", "KB", "MB", "GB", "TB"}
	x, i := float64(n), 0
	for x >= 999.5 && i < len(units)-1 {
		x /= 1000
		i++
	}
	var s string
	if x < 10 && i > 0 {
		s = strconv.FormatFloat(math.Round(x*10)/10, 'f', 1, 64)
		s = strings.TrimSuffix(s, ".0")
	} else {
		s = strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	}
	return strings.Replace(s, ".", ",", 1) + " " + units[i]
}

// waitFor polls the JavaScript predicate js in the page until it is truthy,
// with no deadline but the browser's: outcomes, not timing.
func waitFor[T any](t testing.TB, ctx context.Context, what, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Poll[T](js, chromedp.WithPollingTimeout(0)))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// evalJS evaluates js in the page, awaiting a promise.
func evalJS[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// cacheKeys returns the addresses the named cache holds, sorted.
func cacheKeys(t testing.TB, ctx context.Context, name string) []string {
	t.Helper()
	keys := evalJS[[]string](t, ctx, `caches.open(`+jsString(name)+`).then(c => c.keys()).then(k => k.map(r => r.url).sort())`)
	return keys
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// paths returns the sorted set of the requests' paths.
func paths(log []served) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range log {
		if !seen[s.Path] {
			seen[s.Path] = true
			out = append(out, s.Path)
		}
	}
	sort.Strings(out)
	return out
}
