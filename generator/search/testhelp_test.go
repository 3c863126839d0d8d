package search

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func sscanDate(s string, y, m, d *int) (int, error) {
	return fmt.Sscanf(s[:10], "%d-%d-%d", y, m, d)
}

func dateOf(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// searchJS is the searcher of the default theme, read from the repository.
const (
	searchJS  = "../../templates/assets/search.js"
	searchCSS = "../../templates/assets/search.css"
)

// writeSite writes the index files and a page that loads the searcher into
// dir, laid out as in a built site: dir/index.html, dir/assets/search.js,
// dir/search/...
func writeSite(t testing.TB, dir string, files map[string][]byte, page string) string {
	t.Helper()
	js, err := os.ReadFile(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile(searchCSS)
	if err != nil {
		t.Fatal(err)
	}
	all := map[string][]byte{"assets/search.js": js, "assets/search.css": css, "index.html": []byte(page)}
	for k, v := range files {
		all[k] = v
	}
	for rel, b := range all {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "index.html")
}

// harnessPage is a bare page that loads the searcher, as the theme does.
const harnessPage = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>harness</title>
<script src="assets/search.js" defer></script></head><body></body></html>`
