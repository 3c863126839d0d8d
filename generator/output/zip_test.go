package output

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
)

func TestWriteZip(t *testing.T) {
	dir := testsite.Write(t, map[string]string{
		"index.html":                "<p>Trang chủ</p>",
		"index.html.gz":             "gz copy",
		"index.html.br":             "br copy",
		"van-ban/ke-hoach-205.html": "<p>Kế hoạch</p>",
		"van-ban/so-đồ.png":         "PNG",
		"backup.tar.gz":             "a site file, not a copy",
	})
	zipPath := filepath.Join(t.TempDir(), "out", "hoc-tap.zip")
	if err := WriteZip(dir, zipPath, "hoc-tap"); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	got := map[string]string{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(ZipTime) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, ZipTime)
		}
		if f.FileInfo().IsDir() {
			if f.Mode().Perm() != 0o755 {
				t.Errorf("%s: mode %v", f.Name, f.Mode())
			}
			continue
		}
		if f.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v", f.Name, f.Mode())
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		got[f.Name] = string(b)
		if strings.HasSuffix(f.Name, ".png") && f.Method != zip.Store {
			t.Errorf("%s: method %d, want stored", f.Name, f.Method)
		}
	}
	want := []string{"hoc-tap/", "hoc-tap/backup.tar.gz", "hoc-tap/index.html",
		"hoc-tap/van-ban/", "hoc-tap/van-ban/ke-hoach-205.html", "hoc-tap/van-ban/so-đồ.png"}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	if !sort.StringsAreSorted(names) {
		t.Error("entries are not sorted")
	}
	if got["hoc-tap/van-ban/ke-hoach-205.html"] != "<p>Kế hoạch</p>" {
		t.Errorf("content = %q", got["hoc-tap/van-ban/ke-hoach-205.html"])
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(zipPath), ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left beside the zip: %v", leftovers)
	}
}

func TestWriteZipIsDeterministic(t *testing.T) {
	files := map[string]string{"a.html": strings.Repeat("Tủ sách ", 500), "b/c.css": "p{}"}
	var zips [][]byte
	for range 2 {
		dir := testsite.Write(t, files)
		// a different file time must not change the zip
		os.Chtimes(filepath.Join(dir, "a.html"), ZipTime.AddDate(len(zips), 0, 0), ZipTime.AddDate(len(zips), 0, 0))
		p := filepath.Join(t.TempDir(), "site.zip")
		if err := WriteZip(dir, p, "site"); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		zips = append(zips, b)
	}
	if !bytes.Equal(zips[0], zips[1]) {
		t.Error("two zips of the same site differ")
	}
}

func TestWriteZipRefuses(t *testing.T) {
	dir := testsite.Write(t, map[string]string{"index.html": "x"})
	for _, tc := range []struct{ name, zip, top string }{
		{"inside the site", filepath.Join(dir, "site.zip"), "site"},
		{"empty top folder", filepath.Join(t.TempDir(), "a.zip"), ""},
		{"nested top folder", filepath.Join(t.TempDir(), "a.zip"), "a/b"},
		{"missing site", filepath.Join(t.TempDir(), "a.zip"), "site"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := dir
			if tc.name == "missing site" {
				src = filepath.Join(dir, "khong-co")
			}
			err := WriteZip(src, tc.zip, tc.top)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.zip) {
				t.Errorf("error %q does not name the zip", err)
			}
			if _, serr := os.Stat(tc.zip); serr == nil {
				t.Errorf("a zip was written")
			}
		})
	}
}
