package search

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sscanDate(s string, y, m, d *int) (int, error) {
	return fmt.Sscanf(s[:10], "%d-%d-%d", y, m, d)
}

func dateOf(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// searcherFiles are the scripts of the default theme's searcher, in the
// order the theme loads them, read from the repository's templates/assets.
var searcherFiles = []string{"search.js", "search-query.js", "search-snippets.js", "search-ui.js"}

const (
	themeAssets = "../../templates/assets/"
	searchCSS   = themeAssets + "search.css"
)

// searcherScripts returns the searcher's files by name under assets/.
func searcherScripts(t testing.TB) map[string][]byte {
	t.Helper()
	out := make(map[string][]byte)
	for _, name := range searcherFiles {
		b, err := os.ReadFile(themeAssets + name)
		if err != nil {
			t.Fatal(err)
		}
		out["assets/"+name] = b
	}
	return out
}

// searcherTags are the script elements that load the searcher from
// root/assets/, as the theme writes them.
func searcherTags(root string) string {
	var b strings.Builder
	for _, name := range searcherFiles {
		fmt.Fprintf(&b, "<script src=%q defer></script>\n", root+"assets/"+name)
	}
	return b.String()
}

// searcherReady is true in a page once every searcher file has run.
const searcherReady = `!!(window.tusachSearch && tusachSearch.search && tusachSearch.snippet && tusachSearch.ui)`

// writeSite writes the index files and a page that loads the searcher into
// dir, laid out as in a built site: dir/index.html, dir/assets/search*.js,
// dir/search/...
func writeSite(t testing.TB, dir string, files map[string][]byte, page string) string {
	t.Helper()
	css, err := os.ReadFile(searchCSS)
	if err != nil {
		t.Fatal(err)
	}
	all := searcherScripts(t)
	all["assets/search.css"] = css
	all["index.html"] = []byte(page)
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
var harnessPage = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>harness</title>
` + searcherTags("") + `</head><body></body></html>`
