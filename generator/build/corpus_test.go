package build

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"tusach/generator/corpus"
	"tusach/generator/internal/testsite"
)

var corpusOnce struct {
	sync.Once
	dir  string
	recs int
	err  error
}

// corpusSite converts the shared 5,000-document corpus into a site folder
// once per test binary and returns the folder and the number of documents.
// The folder is removed by TestMain.
func corpusSite(t testing.TB) (string, int) {
	t.Helper()
	src := testsite.Corpus(t)
	corpusOnce.Do(func() {
		f, err := os.Open(filepath.Join(src, "corpus.jsonl"))
		if err != nil {
			corpusOnce.err = err
			return
		}
		defer f.Close()
		if corpusOnce.dir, err = os.MkdirTemp("", "tusach-corpus-site-"); err != nil {
			corpusOnce.err = err
			return
		}
		recs, err := corpus.Convert(f, corpusOnce.dir, corpus.Options{})
		corpusOnce.recs, corpusOnce.err = len(recs), err
	})
	if corpusOnce.err != nil {
		t.Fatal(corpusOnce.err)
	}
	return corpusOnce.dir, corpusOnce.recs
}

func TestMain(m *testing.M) {
	code := m.Run()
	if corpusOnce.dir != "" {
		os.RemoveAll(corpusOnce.dir)
	}
	os.Exit(code)
}

// corpusPublic is the corpus site built once per test binary, shared by
// every test that reads it (a build of 5,000 documents under -race takes a
// minute).
var corpusPublic struct {
	sync.Once
	dir   string
	stats Stats
	err   error
}

// corpusPublicSite builds the corpus site once per test binary and returns
// its folder and the build's stats.
func corpusPublicSite(t testing.TB) (string, Stats) {
	src, _ := corpusSite(t)
	corpusPublic.Do(func() {
		corpusPublic.dir = filepath.Join(src, "public") // removed with the source by TestMain
		corpusPublic.stats, corpusPublic.err = buildSite(t, src, corpusPublic.dir)
	})
	if err := corpusPublic.err; err != nil {
		msg := err.Error()
		if len(msg) > 3000 {
			msg = msg[:3000]
		}
		t.Fatalf("build of the corpus site: %s", msg)
	}
	return corpusPublic.dir, corpusPublic.stats
}

// TestCorpusSite builds the corpus site and checks that every relative link
// and asset of every page resolves to a file of the site.
func TestCorpusSite(t *testing.T) {
	_, n := corpusSite(t)
	if n < 5000 {
		t.Fatalf("corpus has %d documents, want 5,000", n)
	}
	dest, st := corpusPublicSite(t)
	if st.Documents != n {
		t.Errorf("built %d documents, want %d", st.Documents, n)
	}
	files := readTree(t, dest)
	pages := 0
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	if pages < n {
		t.Errorf("%d HTML pages for %d documents", pages, n)
	}
	if broken := brokenRefs(t, dest, files); len(broken) > 0 {
		if len(broken) > 20 {
			broken = broken[:20]
		}
		t.Errorf("broken references (first 20):\n%s", strings.Join(broken, "\n"))
	}
	t.Logf("corpus site: %d documents, %d pages, %d files, %.1f MB, %.1f s",
		st.Documents, st.Pages, len(files), float64(st.Bytes)/1e6, st.Duration.Seconds())
	weights := pageWeights(t, files)
	t.Logf("page weight beyond the text (gzip):\n%s", weightReport(weights))
	for _, w := range weights["document"] {
		if w > 30*1024 {
			t.Errorf("a document page costs %.1f KB beyond its text, over the 30 KB budget", float64(w)/1024)
			break
		}
	}
}
