package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCommitReplacesDestination(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := os.MkdirAll(filepath.Join(dest, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dest, "old", "stale.html"), []byte("stale"), 0o644)

	w, err := New(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write("index.html", []byte("<!doctype html><html><body>  <p>Xin   chào</p>\n</body></html>")); err != nil {
		t.Fatal(err)
	}
	if err := w.Copy("img/a.png", fstest.MapFS{"a.png": {Data: []byte("PNG")}}, "a.png"); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(got), "  ") || !strings.Contains(string(got), "Xin chào") {
		t.Errorf("index.html not minified: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "old", "stale.html")); !os.IsNotExist(err) {
		t.Errorf("stale file from the old build survived: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "img", "a.png")); string(b) != "PNG" {
		t.Errorf("copied file = %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("leftover folders beside the destination: %v", entries)
	}
}

func TestAbortLeavesDestination(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "index.html"), []byte("old"), 0o644)
	w, err := New(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Write("index.html", []byte("new"))
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "old" {
		t.Errorf("destination changed by an aborted build: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("aborted build left %d entries", len(entries))
	}
}

func TestWriteRejectsCaseClash(t *testing.T) {
	w, err := New(filepath.Join(t.TempDir(), "public"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.Write("A.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("a.html", []byte("y")); err == nil {
		t.Error("writing a.html after A.html should fail: they are one file on FAT and NTFS")
	}
	if err := w.Write("../x.html", []byte("y")); err == nil {
		t.Error("a path outside the site should be refused")
	}
}
