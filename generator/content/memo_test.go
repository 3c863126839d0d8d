package content

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"tusach/generator/internal/testsite"
)

// TestMemo checks the load stage's memo: an unchanged file gives the same
// document without being parsed again; a file whose stamp changed but not
// its content (touched) too, after its bytes are compared; a changed file
// is parsed again; and every load equals one without the memo.
func TestMemo(t *testing.T) {
	root := testsite.Write(t, map[string]string{
		"content/_index.md": "---\ntitle: Tủ sách\n---\n",
		"content/a.md":      "---\ntitle: A\n---\n\nMột.\n",
		"content/b.md":      "---\ntitle: B\n---\n\nHai.\n",
	})
	past := time.Now().Add(-time.Hour)
	for _, f := range []string{"_index.md", "a.md", "b.md"} {
		if err := os.Chtimes(filepath.Join(root, "content", f), past, past); err != nil {
			t.Fatal(err)
		}
	}
	memo := &Memo{}
	load := func(m *Memo) map[string]*Document {
		t.Helper()
		src, errs := Load(OpenSite(root), Options{Root: root, Memo: m})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		out := map[string]*Document{}
		for _, d := range append(src.Sections, src.Documents...) {
			out[d.Path] = d
		}
		return out
	}
	first := load(memo)
	second := load(memo)
	if first["a.md"] != second["a.md"] || first["b.md"] != second["b.md"] {
		t.Error("unchanged files parsed again")
	}
	later := past.Add(time.Minute)
	os.Chtimes(filepath.Join(root, "content", "a.md"), later, later) // touched: same bytes
	if err := os.WriteFile(filepath.Join(root, "content", "b.md"), []byte("---\ntitle: B mới\n---\n\nHai.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	third := load(memo)
	if third["a.md"] != first["a.md"] {
		t.Error("a touched file with the same bytes was parsed again")
	}
	if third["b.md"] == first["b.md"] || third["b.md"].Meta.Title != "B mới" {
		t.Errorf("a changed file kept its old document: title %q", third["b.md"].Meta.Title)
	}
	for path, d := range load(nil) {
		if got := third[path]; got == nil || got.Meta.Title != d.Meta.Title || string(got.Body) != string(d.Body) {
			t.Errorf("%s: the memo's load differs from one without it", path)
		}
	}
}

// TestMemoForgetsDeletedFiles checks that the memo holds only the files
// the last load found: a deleted or renamed document is forgotten (a
// long preview session does not keep every version of every file).
func TestMemoForgetsDeletedFiles(t *testing.T) {
	root := testsite.Write(t, map[string]string{
		"content/_index.md":   "---\ntitle: Tủ sách\n---\n",
		"content/a.md":        "---\ntitle: A\n---\n\nMột.\n",
		"content/b.md":        "---\ntitle: B\n---\n\nHai.\n",
		"content/muc/c.md":    "---\ntitle: C\n---\n\nBa.\n",
		"content/muc/anh.png": "PNG",
	})
	memo := &Memo{}
	load := func() {
		t.Helper()
		if _, errs := Load(OpenSite(root), Options{Root: root, Memo: memo}); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	load()
	if got, want := memo.held(), []string{"content/_index.md", "content/a.md", "content/b.md", "content/muc/c.md"}; !slices.Equal(got, want) {
		t.Fatalf("memo holds %v, want %v", got, want)
	}
	if err := os.Remove(filepath.Join(root, "content", "b.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(root, "content", "muc"), filepath.Join(root, "content", "phan")); err != nil {
		t.Fatal(err)
	}
	load()
	if got, want := memo.held(), []string{"content/_index.md", "content/a.md", "content/phan/c.md"}; !slices.Equal(got, want) {
		t.Errorf("after a delete and a rename, memo holds %v, want %v", got, want)
	}
}

// TestMemoTakesStamps checks a load given the run's stamps (Options.Stamps):
// the memo goes by them, not by asking each file again — a stamp that
// still says "unchanged" keeps the document, one that changed reads the
// file — and a stamp taken too soon after a write is not trusted.
func TestMemoTakesStamps(t *testing.T) {
	root := testsite.Write(t, map[string]string{
		"content/_index.md": "---\ntitle: Tủ sách\n---\n",
		"content/a.md":      "---\ntitle: A\n---\n\nMột.\n",
	})
	past := time.Now().Add(-time.Hour)
	for _, f := range []string{"_index.md", "a.md"} {
		if err := os.Chtimes(filepath.Join(root, "content", f), past, past); err != nil {
			t.Fatal(err)
		}
	}
	memo := &Memo{}
	load := func(stamps Stamps, at time.Time) *Document {
		t.Helper()
		src, errs := Load(OpenSite(root), Options{Root: root, Memo: memo, Stamps: stamps, StampedAt: at})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return src.Documents[0]
	}
	old := SiteStamps(root)
	first := load(old, time.Now())
	if err := os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("---\ntitle: A mới\n---\n\nMột.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := load(old, time.Now()); got != first {
		t.Errorf("with the old stamps the memo read the file again: title %q", got.Meta.Title)
	}
	now := time.Now()
	if got := load(SiteStamps(root), now); got.Meta.Title != "A mới" {
		t.Errorf("with new stamps the memo kept the old document: title %q", got.Meta.Title)
	}
	// Written again in the same tick of the clock (same size, same
	// modification time: the very same stamp) right after it was read:
	// that stamp was too recent to trust, so the file is read again.
	st := SiteStamps(root)
	mtime := st["content/a.md"].Mtime
	if err := os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("---\ntitle: A khác\n---\n\nMột.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(root, "content", "a.md"), mtime, mtime); err != nil {
		t.Fatal(err)
	}
	if now := SiteStamps(root); now["content/a.md"] != st["content/a.md"] {
		t.Fatalf("the stamp changed: %v, %v", now["content/a.md"], st["content/a.md"])
	}
	if got := load(st, time.Now()); got.Meta.Title != "A khác" {
		t.Errorf("a stamp too recent to trust kept the old document: title %q", got.Meta.Title)
	}
}
