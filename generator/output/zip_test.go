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
)

// madeTree makes a tree of files, as they are: with w, its files go to
// w's folder and the tree holds sums only; with nil, the tree holds them.
func madeTree(t *testing.T, w *Writer, files map[string]string) *Tree {
	t.Helper()
	m := NewMaker(nil, nil, w)
	for name, data := range files {
		if err := m.PutRaw(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return m.Tree()
}

// siteFiles are the files of a small site, one of which looks like a
// precompressed copy but is the site's own.
var siteFiles = map[string]string{
	"index.html":                strings.Repeat("<p>Trang chủ</p>", 50),
	"own.svg":                   strings.Repeat("<svg/>", 300),
	"own.svg.gz":                "the site's own file",
	"van-ban/ke-hoach-205.html": "<p>Kế hoạch</p>",
	"van-ban/so-đồ.png":         "PNG",
	"van-ban-cu.html":           "<p>cũ</p>", // sorts between the folder and its files
	"backup.tar.gz":             "a site file, not a copy",
}

// readZip returns the names of the entries of the zip at p, in order, and
// the content of its files, checking times and modes.
func readZip(t *testing.T, p string) ([]string, map[string]string) {
	t.Helper()
	zr, err := zip.OpenReader(p)
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
		if strings.HasSuffix(f.Name, ".png") && f.Method != zip.Store {
			t.Errorf("%s: method %d, want stored", f.Name, f.Method)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		got[f.Name] = string(b)
	}
	return names, got
}

// TestWriteZip zips a tree whose files went to a precompressing writer's
// folder, which also holds a file not in the tree: the zip holds the
// tree's files, read from the folder, and nothing else of it (not the
// compressed copies, the marker or the stray file).
func TestWriteZip(t *testing.T) {
	w := newWriter(t, true)
	tree := madeTree(t, w, siteFiles)
	if err := os.WriteFile(filepath.Join(w.Dir(), "stray.html"), []byte("not the site's"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(w.Dir(), "index.html.br")); err != nil {
		t.Fatalf("no compressed copy in the folder: %v", err)
	}
	zipPath := filepath.Join(t.TempDir(), "out", "hoc-tap.zip")
	if err := WriteZip(tree, zipPath, "hoc-tap"); err != nil {
		t.Fatal(err)
	}
	names, got := readZip(t, zipPath)
	want := []string{"hoc-tap/", "hoc-tap/backup.tar.gz", "hoc-tap/index.html", "hoc-tap/own.svg", "hoc-tap/own.svg.gz",
		"hoc-tap/van-ban/", "hoc-tap/van-ban-cu.html", "hoc-tap/van-ban/ke-hoach-205.html", "hoc-tap/van-ban/so-đồ.png"}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	for name, data := range siteFiles {
		if got["hoc-tap/"+name] != data {
			t.Errorf("%s = %.30q, want %.30q", name, got["hoc-tap/"+name], data)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(zipPath), ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left beside the zip: %v", leftovers)
	}
}

// TestWriteZipSameBytes zips the same site from a tree that holds its
// bytes and from one whose files are in a folder: the zips are the same.
func TestWriteZipSameBytes(t *testing.T) {
	w := newWriter(t, false)
	var zips [][]byte
	for _, tree := range []*Tree{madeTree(t, nil, siteFiles), madeTree(t, w, siteFiles)} {
		p := filepath.Join(t.TempDir(), "site.zip")
		if err := WriteZip(tree, p, "site"); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		zips = append(zips, b)
	}
	if !bytes.Equal(zips[0], zips[1]) {
		t.Error("the zips of a tree holding its bytes and of one in a folder differ")
	}
}

func TestWriteZipRefuses(t *testing.T) {
	w := newWriter(t, false)
	tree := madeTree(t, w, map[string]string{"index.html": "x", "gone.html": "y"})
	if err := os.Remove(filepath.Join(w.Dir(), "gone.html")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, zip, top string }{
		{"inside the site", filepath.Join(w.Dir(), "site.zip"), "site"},
		{"empty top folder", filepath.Join(t.TempDir(), "a.zip"), ""},
		{"nested top folder", filepath.Join(t.TempDir(), "a.zip"), "a/b"},
		{"a file gone from the folder", filepath.Join(t.TempDir(), "a.zip"), "site"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteZip(tree, tc.zip, tc.top)
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

func TestZipEntriesSorted(t *testing.T) {
	got := zipEntries([]string{"a-b.html", "a/b/c.html", "a/x.html", "z.html"})
	var rels []string
	for _, e := range got {
		rels = append(rels, e.rel)
	}
	want := []string{"a", "a-b.html", "a/b", "a/b/c.html", "a/x.html", "z.html"}
	if strings.Join(rels, " ") != strings.Join(want, " ") || !sort.StringsAreSorted(rels) {
		t.Errorf("entries %v, want %v", rels, want)
	}
}
