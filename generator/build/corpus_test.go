package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tusach/generator/corpus"
)

// TestCorpusSite converts the shared 5,000-document corpus into a site,
// builds it, and checks that every relative link and asset of every page
// resolves to a file of the site.
func TestCorpusSite(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus build skipped in -short mode")
	}
	dir, err := corpus.Dir()
	if err != nil {
		t.Fatalf("the shared corpus is required: %v", err)
	}
	f, err := os.Open(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	site := t.TempDir()
	recs, err := corpus.Convert(f, site, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 5000 {
		t.Fatalf("corpus has %d documents, want 5,000", len(recs))
	}
	dest := filepath.Join(site, "public")
	st, err := buildSite(t, site, dest)
	if err != nil {
		msg := err.Error()
		if len(msg) > 3000 {
			msg = msg[:3000]
		}
		t.Fatalf("build: %s", msg)
	}
	if st.Documents != len(recs) {
		t.Errorf("built %d documents, want %d", st.Documents, len(recs))
	}
	files := readTree(t, dest)
	pages := 0
	for n := range files {
		if strings.HasSuffix(n, ".html") {
			pages++
		}
	}
	if pages < len(recs) {
		t.Errorf("%d HTML pages for %d documents", pages, len(recs))
	}
	if broken := brokenRefs(t, dest, files); len(broken) > 0 {
		if len(broken) > 20 {
			broken = broken[:20]
		}
		t.Errorf("broken references (first 20):\n%s", strings.Join(broken, "\n"))
	}
	t.Logf("corpus site: %d documents, %d pages, %d files, %.1f MB, %.1f s",
		st.Documents, st.Pages, len(files), float64(st.Bytes)/1e6, st.Duration.Seconds())
}
