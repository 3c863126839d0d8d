package output

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestCompressible(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"index.html", true}, {"a/B.HTML", true}, {"assets/style.1a2b3c4d.css", true},
		{"search/d/0.js", true}, {"manifest.webmanifest", true}, {"offline.json", true},
		{"feed.xml", true}, {"favicon.svg", true}, {"robots.txt", true},
		{"a.png", false}, {"a.pdf", false}, {"index.html.gz", false}, {"README", false},
	} {
		if got := Compressible(tc.name); got != tc.want {
			t.Errorf("Compressible(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// newWriter returns a writer of a new destination, precompressing when
// asked, aborted when the test ends.
func newWriter(t *testing.T, precompress bool) *Writer {
	t.Helper()
	w, err := New(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Abort() })
	if precompress {
		w.Precompress()
	}
	return w
}

// precompressed writes files, in order, with a precompressing writer and
// returns its private folder.
func precompressed(t *testing.T, files [][2]string) string {
	t.Helper()
	w := newWriter(t, true)
	for _, f := range files {
		if err := w.Write(f[0], []byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	return w.Dir()
}

func TestPrecompress(t *testing.T) {
	page := "<!doctype html><title>Tủ sách</title>" + strings.Repeat("<p>Chỉnh đốn Đảng, xây dựng hệ thống chính trị.</p>", 200)
	svg := strings.Repeat("<svg/>", 300)
	dir := precompressed(t, [][2]string{
		{"index.html", page},
		{"assets/style.css", strings.Repeat("body{color:#222}", 100)},
		{"tiny.js", "x"}, // compressed copy would be larger
		{"img/photo.png", strings.Repeat("P", 5000)}, // not a text type
		{"own.svg", svg},
		{"own.svg.gz", "the site's own file, after"}, // replaces the copy
		{"first.xml.br", "the site's own file, before"},
		{"first.xml", svg}, // no copy over the site's file
		{"sub/ten tiếng việt.md", strings.Repeat("không nén ", 100)},
	})
	for _, tc := range []struct {
		name   string
		exists bool
	}{
		{"index.html.gz", true}, {"index.html.br", true},
		{"assets/style.css.gz", true}, {"assets/style.css.br", true},
		{"own.svg.br", true}, {"first.xml.gz", true},
		{"tiny.js.gz", false}, {"tiny.js.br", false},
		{"img/photo.png.gz", false}, {"sub/ten tiếng việt.md.gz", false},
	} {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(tc.name)))
		if got := err == nil; got != tc.exists {
			t.Errorf("%s exists = %v, want %v", tc.name, got, tc.exists)
		}
	}
	for name, want := range map[string]string{"own.svg.gz": "the site's own file, after", "first.xml.br": "the site's own file, before"} {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != want {
			t.Errorf("%s = %.40q, want the site's own file", name, b)
		}
	}

	gz, _ := os.ReadFile(filepath.Join(dir, "index.html.gz"))
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() {
		t.Errorf("gzip header has name %q, time %v: want neither", zr.Name, zr.ModTime)
	}
	if got, _ := io.ReadAll(zr); string(got) != page {
		t.Errorf("index.html.gz does not decompress to index.html")
	}
	br, _ := os.ReadFile(filepath.Join(dir, "index.html.br"))
	if got, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); string(got) != page {
		t.Errorf("index.html.br does not decompress to index.html")
	}
}

// TestPrecompressSiteFileWins writes, at once, files and site files named
// as their copies: whichever comes first, the site's file is what is left.
func TestPrecompressSiteFileWins(t *testing.T) {
	w := newWriter(t, true)
	const n = 50
	var wg sync.WaitGroup
	for i := range n {
		page := fmt.Sprintf("p%d.html", i)
		wg.Go(func() { w.Write(page, []byte(strings.Repeat("<p>Tủ sách</p>", 100))) })
		wg.Go(func() { w.Write(page+".gz", []byte("own")) })
	}
	wg.Wait()
	for i := range n {
		if b, _ := os.ReadFile(filepath.Join(w.Dir(), fmt.Sprintf("p%d.html.gz", i))); string(b) != "own" {
			t.Errorf("p%d.html.gz = %.20q, want the site's own file", i, b)
		}
	}
}

func TestPrecompressIsDeterministic(t *testing.T) {
	files := [][2]string{{"a.html", strings.Repeat("<p>Kế hoạch 205/KH-UBND</p>", 300)}}
	var outs [][]byte
	for range 2 {
		dir := precompressed(t, files)
		for _, ext := range []string{".gz", ".br"} {
			b, err := os.ReadFile(filepath.Join(dir, "a.html"+ext))
			if err != nil {
				t.Fatal(err)
			}
			outs = append(outs, b)
		}
	}
	if !bytes.Equal(outs[0], outs[2]) || !bytes.Equal(outs[1], outs[3]) {
		t.Error("two precompressions of the same file differ")
	}
}

func TestPrecompressFails(t *testing.T) {
	w := newWriter(t, true)
	// a folder of the site holds the name of a.html's copy
	if err := w.Write("a.html.gz/b.png", []byte("PNG")); err != nil {
		t.Fatal(err)
	}
	err := w.Write("a.html", []byte(strings.Repeat("<p>Tủ sách</p>", 100)))
	if err == nil || !strings.Contains(err.Error(), "precompress a.html") {
		t.Errorf("error = %v, want one naming a.html", err)
	}
}
