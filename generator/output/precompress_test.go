package output

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"tusach/generator/internal/testsite"
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

func TestPrecompress(t *testing.T) {
	page := "<!doctype html><title>Tủ sách</title>" + strings.Repeat("<p>Chỉnh đốn Đảng, xây dựng hệ thống chính trị.</p>", 200)
	dir := testsite.Write(t, map[string]string{
		"index.html":            page,
		"assets/style.css":      strings.Repeat("body{color:#222}", 100),
		"tiny.js":               "x",                       // compressed copy would be larger
		"img/photo.png":         strings.Repeat("P", 5000), // not a text type
		"own.svg":               strings.Repeat("<svg/>", 300),
		"own.svg.gz":            "the site's own file", // must not be overwritten
		"sub/ten tiếng việt.md": strings.Repeat("không nén ", 100),
	})
	st, err := Precompress(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		exists bool
	}{
		{"index.html.gz", true}, {"index.html.br", true},
		{"assets/style.css.gz", true}, {"assets/style.css.br", true},
		{"own.svg.br", true},
		{"tiny.js.gz", false}, {"tiny.js.br", false},
		{"img/photo.png.gz", false}, {"sub/ten tiếng việt.md.gz", false},
	} {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(tc.name)))
		if got := err == nil; got != tc.exists {
			t.Errorf("%s exists = %v, want %v", tc.name, got, tc.exists)
		}
	}
	if st.Files != 5 {
		t.Errorf("Files = %d, want 5", st.Files)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "own.svg.gz")); string(b) != "the site's own file" {
		t.Errorf("the site's own own.svg.gz was overwritten")
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
	if len(br) >= len(gz) {
		t.Logf("note: brotli %d bytes, gzip %d bytes", len(br), len(gz))
	}
}

func TestPrecompressIsDeterministic(t *testing.T) {
	files := map[string]string{"a.html": strings.Repeat("<p>Kế hoạch 205/KH-UBND</p>", 300)}
	var outs [][]byte
	for range 2 {
		dir := testsite.Write(t, files)
		if _, err := Precompress(context.Background(), dir); err != nil {
			t.Fatal(err)
		}
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

func TestPrecompressMissingFolder(t *testing.T) {
	_, err := Precompress(context.Background(), filepath.Join(t.TempDir(), "khong-co"))
	if err == nil || !strings.Contains(err.Error(), "khong-co") {
		t.Errorf("error = %v, want one naming the folder", err)
	}
}
