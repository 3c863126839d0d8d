package build

import (
	"context"
	"path/filepath"
	"testing"

	"tusach/generator/internal/testsite"
)

func TestNeedsCompact(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		size, live int64
		want       bool
	}{
		{0, 0, false},
		{200 * mb, 10 * mb, false},   // little in vain: less than compactSlack
		{300 * mb, 10 * mb, true},    // more than compactSlack in vain
		{1100 * mb, 600 * mb, false}, // less in vain than read
		{1300 * mb, 600 * mb, true},
	} {
		if got := needsCompact(c.size, c.live); got != c.want {
			t.Errorf("needsCompact(%d MB, %d MB) = %v, want %v", c.size/mb, c.live/mb, got, c.want)
		}
	}
}

// compactNow makes the warm pipeline p copy its last tree and the bodies
// it set aside to a new store, whatever the old one holds in vain, and
// checks the copy: the files out was last served, no difference by Diff,
// and a new store holding only the tree's bytes and the bodies'. The
// rounds after it (TestWarmRandomEdits) check that the pipeline goes on
// from the copy as from the tree it copied: overlays in the new store,
// bodies set aside read back from it.
func compactNow(t *testing.T, p *Pipeline, out *served) {
	t.Helper()
	p.Compaction = func(size, live int64) bool { return size > live }
	defer func() { p.Compaction = nil }()
	old, oldStore := p.Tree(), p.store
	tree, ok, err := p.Compact(context.Background())
	if err != nil || !ok {
		t.Fatalf("Compact: %v, %v", ok, err)
	}
	if p.Tree() != tree || p.store == oldStore {
		t.Fatal("Compact: the pipeline goes on with the old tree or store")
	}
	if changed, removed := tree.Diff(old); len(changed)+len(removed) > 0 {
		t.Fatalf("Compact: Diff says %v changed, %v removed", changed, removed)
	}
	if d := diffTrees(filesOf(t, tree), out.files); d != "" {
		t.Fatalf("Compact: the copy differs from the tree served:\n%s", d)
	}
	_, aside := p.aside.snapshot()
	if got, want := p.store.Size(), tree.StoredBytes()+aside; got != want || aside == 0 {
		t.Fatalf("Compact: the new store holds %d bytes; the tree %d, the bodies set aside %d", got, tree.StoredBytes(), aside)
	}
	if _, ok, err := p.Compact(context.Background()); ok || err != nil {
		t.Fatalf("Compact again, with nothing in vain: %v, %v", ok, err)
	}
}

// TestCompactRetryAfterFailure: a copy that fails (here the temporary
// folder is missing) is an error, leaves the pipeline as it was, and is
// not tried again until the store has grown (compactRetrySlack; 256 MB
// outside tests), so that a full disk is not read and written again
// after every edit.
func TestCompactRetryAfterFailure(t *testing.T) {
	root := writeSite(t, map[string]string{
		"content/_index.md": "---\ntitle: Tủ sách\n---\n",
		"content/a.md":      "---\ntitle: A\n---\nMột.\n",
	})
	p := warm(t, root)
	defer p.Close()
	p.Compaction = func(size, live int64) bool { return size > live }
	p.compactRetrySlack = 1
	if _, _, err := p.Run(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	edit := func(text string) {
		t.Helper()
		testsite.WriteInto(t, root, map[string]string{"content/a.md": "---\ntitle: A\n---\n" + text + "\n"})
		if _, _, err := p.Run(context.Background(), []string{"content/a.md"}); err != nil {
			t.Fatal(err)
		}
	}
	edit("Hai.") // the store now holds bytes no tree reads
	tree, store := p.Tree(), p.store
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	if _, ok, err := p.Compact(context.Background()); err == nil || ok {
		t.Fatalf("Compact into a missing temporary folder: %v, %v; want an error", ok, err)
	}
	if p.Tree() != tree || p.store != store {
		t.Fatal("a failed Compact changed the pipeline's tree or store")
	}
	t.Setenv("TMPDIR", t.TempDir())
	if _, ok, err := p.Compact(context.Background()); ok || err != nil {
		t.Fatalf("Compact again before the store grew: %v, %v; want nothing done", ok, err)
	}
	edit("Ba.")
	if _, ok, err := p.Compact(context.Background()); !ok || err != nil {
		t.Fatalf("Compact once the store grew: %v, %v; want a copy", ok, err)
	}
}
