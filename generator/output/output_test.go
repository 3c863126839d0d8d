package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitReplacesDestination(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := os.MkdirAll(filepath.Join(dest, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dest, "old", "stale.html"), []byte("stale"), 0o644)

	w, err := New(dest)
	if err != nil {
		t.Fatal(err)
	}
	m := NewMaker(nil, NewMinifier(), w)
	if err := m.Put("index.html", []byte("<!doctype html><html><body>  <p>Xin   chào</p>\n</body></html>")); err != nil {
		t.Fatal(err)
	}
	if err := m.PutRaw("img/a.png", []byte("PNG")); err != nil {
		t.Fatal(err)
	}
	if tr := m.Tree(); tr.mem || tr.Len() != 2 {
		t.Errorf("a tree streamed to a folder holds %d sums and bytes %v, want 2 sums, no bytes", tr.Len(), tr.mem)
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
	w, err := New(dest)
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
	w, err := New(filepath.Join(t.TempDir(), "public"))
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

// TestMakerReusesAndDiffs checks that a file produced again with the same
// content keeps the previous tree's bytes, that a changed one is minified
// anew, and that Diff names exactly what changed and what is gone.
func TestMakerReusesAndDiffs(t *testing.T) {
	m := NewMaker(nil, NewMinifier(), nil)
	for name, data := range map[string]string{"a.html": "<p>a  a</p>", "b.css": "b { color : red }", "c.txt": "c"} {
		if err := m.Put(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	old := m.Tree()
	if got := string(bytesOf(old, "a.html")); got != "<p>a a</p>" {
		t.Errorf("a.html = %q, want it minified", got)
	}
	m = NewMaker(old, NewMinifier(), nil)
	m.Put("a.html", []byte("<p>a  a</p>"))
	m.Put("b.css", []byte("b { color : blue }"))
	m.Put("d.txt", []byte("d"))
	if m.Put("A.html", []byte("x")) == nil {
		t.Error("A.html after a.html: want a clash")
	}
	now := m.Tree()
	if &bytesOf(now, "a.html")[0] != &bytesOf(old, "a.html")[0] {
		t.Error("a.html, unchanged, was minified again instead of reused")
	}
	changed, removed := now.Diff(old)
	if strings.Join(changed, " ") != "b.css d.txt" || strings.Join(removed, " ") != "c.txt" {
		t.Errorf("Diff = %v, %v; want [b.css d.txt], [c.txt]", changed, removed)
	}
	if strings.Join(now.Names(), " ") != "a.html b.css d.txt" {
		t.Errorf("Names = %v", now.Names())
	}
}

// TestOverlay checks that an overlay keeps every file of the previous tree
// but those put again or dropped, refuses a file put twice or clashing in
// case with a kept one, and keeps the sorted names when no path changed.
func TestOverlay(t *testing.T) {
	m := NewMaker(nil, nil, nil)
	for _, name := range []string{"a.html", "b.html", "c.txt"} {
		m.Put(name, []byte(name))
	}
	old := m.Tree()
	o := Overlay(old, nil)
	if err := o.Put("b.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if o.Put("b.html", []byte("again")) == nil || o.Put("A.html", []byte("x")) == nil {
		t.Error("a file put twice, or clashing with a kept one: want errors")
	}
	if now := o.Tree(); &now.Names()[0] != &old.Names()[0] || string(bytesOf(now, "a.html")) != "a.html" || string(bytesOf(now, "b.html")) != "new" {
		t.Errorf("overlay: names shared %v, a %q, b %q", &now.Names()[0] == &old.Names()[0], bytesOf(now, "a.html"), bytesOf(now, "b.html"))
	}
	o = Overlay(old, nil)
	o.Drop("c.txt")
	o.Put("d.txt", []byte("d"))
	now := o.Tree()
	changed, removed := now.Diff(old)
	if strings.Join(now.Names(), " ") != "a.html b.html d.txt" || strings.Join(changed, " ") != "d.txt" || strings.Join(removed, " ") != "c.txt" {
		t.Errorf("after drop and add: names %v, changed %v, removed %v", now.Names(), changed, removed)
	}
}
