package build

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
	"tusach/generator/output"
)

// TestOfflineOutputIsDeterministic builds the test site twice with
// --precompress and --zip: every file (sw.js, offline.json, the manifest,
// the .gz and .br copies) and the zip are byte-identical; a changed
// document changes the service worker.
func TestOfflineOutputIsDeterministic(t *testing.T) {
	build := func(source string) (map[string][]byte, []byte) {
		t.Helper()
		tmp := t.TempDir()
		dest, zip := filepath.Join(tmp, "public"), filepath.Join(tmp, "hoc-tap.zip")
		_, err := Build(context.Background(), Options{Source: source, Dest: dest, Theme: defaultTheme(t),
			Precompress: true, Zip: zip})
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		z, err := os.ReadFile(zip)
		if err != nil {
			t.Fatal(err)
		}
		return readTree(t, dest), z
	}
	a, za := build("testdata/site")
	b, zb := build("testdata/site")
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(b[name], data) {
			t.Errorf("%s differs between two builds of the same site", name)
		}
	}
	if !bytes.Equal(za, zb) {
		t.Error("the zips of two builds of the same site differ")
	}
	for _, name := range []string{"sw.js", "offline.json", "manifest.webmanifest", "index.html.gz", "index.html.br",
		"sw.js.gz", "search/index.html.gz"} {
		if _, ok := a[name]; !ok {
			t.Errorf("%s not written", name)
		}
	}
	if !strings.Contains(string(a["sw.js"]), `"index.html"`) {
		t.Error("sw.js does not precache the home page")
	}

	// One changed document: a new service worker version.
	changed := t.TempDir()
	if err := os.CopyFS(changed, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(changed, "content", "van-ban", "ket-luan.md")
	data, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(doc, append(data, "\nMột câu mới.\n"...), 0o644)
	c, _ := build(changed)
	if bytes.Equal(c["sw.js"], a["sw.js"]) {
		t.Error("a changed document did not change sw.js")
	}
}

func TestZipInsideDestinationIsRefused(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	oldBuild(t, dest, map[string]string{"index.html": "old"})
	_, err := Build(context.Background(), Options{Source: "testdata/site", Dest: dest, Theme: defaultTheme(t),
		Zip: filepath.Join(dest, "site.zip")})
	if err == nil || !strings.Contains(err.Error(), "site.zip") {
		t.Fatalf("error %v, want one naming the zip", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "old" {
		t.Error("the destination was replaced although the zip was refused")
	}
}

// TestZipIsTheTree builds with --precompress and --zip a site that has its
// own so-do.svg.gz beside so-do.svg: the zip holds the site's files, as
// many as the build made, each with the bytes of the folder, the site's
// so-do.svg.gz among them, and none of the precompressed copies beside
// them in the folder, nor the marker.
func TestZipIsTheTree(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	own := "the site's own gzip file"
	testsite.WriteInto(t, filepath.Join(src, "content"), map[string]string{
		"hinh/so-do.svg": strings.Repeat("<svg/>", 300), "hinh/so-do.svg.gz": own})
	tmp := t.TempDir()
	dest, zipFile := filepath.Join(tmp, "public"), filepath.Join(tmp, "hoc-tap.zip")
	st, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: defaultTheme(t),
		Precompress: true, Zip: zipFile})
	if err != nil {
		t.Fatal(err)
	}
	folder := readTree(t, dest)
	if string(folder["hinh/so-do.svg.gz"]) != own || folder["hinh/so-do.svg.br"] == nil {
		t.Errorf("so-do.svg.gz is not the site's own, or so-do.svg has no .br copy")
	}
	zr, err := zip.OpenReader(zipFile)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := 0
	for _, f := range zr.File {
		name, _ := strings.CutPrefix(f.Name, "hoc-tap/")
		if f.FileInfo().IsDir() {
			continue
		}
		files++
		copied := strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz")
		if (copied && name != "hinh/so-do.svg.gz") || name == output.MarkerName {
			t.Errorf("the zip holds %s, which is not a file of the site", name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(data, folder[name]) {
			t.Errorf("%s: the zip's bytes are not the folder's", name)
		}
	}
	if _, err := zr.Open("hoc-tap/hinh/so-do.svg.gz"); err != nil {
		t.Errorf("the site's own so-do.svg.gz is not in the zip: %v", err)
	}
	if files != st.Files {
		t.Errorf("the zip holds %d files, the build made %d", files, st.Files)
	}
}
