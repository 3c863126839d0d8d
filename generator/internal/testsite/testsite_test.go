package testsite

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestWriteRead writes a tree from a map, over a file that exists, and
// reads it back, skipping what it is told to.
func TestWriteRead(t *testing.T) {
	dir := Write(t, map[string]string{"a.md": "old", "x/y/b.md": "B", ".marker": "m"})
	WriteInto(t, dir, map[string]string{"a.md": "A", "x/c.md": "C"})
	got := Read(t, dir, ".marker")
	want := map[string][]byte{"a.md": []byte("A"), "x/y/b.md": []byte("B"), "x/c.md": []byte("C")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read = %q, want %q", got, want)
	}
}

// TestRepository finds the repository, its default theme and its sample
// site from a package folder.
func TestRepository(t *testing.T) {
	root := Root(t)
	if _, err := os.Stat(filepath.Join(root, "generator", "internal", "testsite", "testsite.go")); err != nil {
		t.Errorf("Root = %s, not the repository: %v", root, err)
	}
	if _, err := os.Stat(filepath.Join(ThemeDir(t), "base.html")); err != nil {
		t.Error(err)
	}
	site := Sample(t)
	if _, err := os.Stat(filepath.Join(site, "content", "_index.md")); err != nil {
		t.Errorf("sample site lacks content/_index.md: %v", err)
	}
}

// TestRequiresShort checks the gate: under -short a test that requires
// a browser, nginx or the corpus does not run.
func TestRequiresShort(t *testing.T) {
	ran := false
	t.Run("needs", func(t *testing.T) {
		Requires(t, "Chromium")
		ran = true
	})
	if ran == testing.Short() {
		t.Errorf("with -short=%v the test ran: %v", testing.Short(), ran)
	}
}
