package output

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// bytesOf returns the published bytes of name in t, nil when t has no such
// file.
func bytesOf(t *Tree, name string) []byte {
	data, _ := t.ReadFile(name)
	return data
}

// sumsOf returns the sums of every file of t, by path.
func sumsOf(t *Tree) map[string][sha256.Size]byte {
	sums := map[string][sha256.Size]byte{}
	for _, name := range t.Names() {
		sums[name] = t.Sum(name)
	}
	return sums
}

// TestOverlayLayers makes 300 trees, each an overlay of the one before
// (puts of new, changed and unchanged files, drops, a dropped file put
// again, paths clashing in case), in memory and in a store, and checks
// each against a map of what it should hold: its names, length, bytes,
// what Diff says changed, and that an earlier tree still reads as it was.
// Layers on layers, and layers made flat again, must not show; nor, in a
// store, trees copied to a new store every 25 steps (copyToNewStore).
func TestOverlayLayers(t *testing.T) {
	for _, stored := range []bool{false, true} {
		t.Run(fmt.Sprintf("stored=%v", stored), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, 9))
			var store *Store
			m := NewMaker(nil, nil, nil)
			if stored {
				var err error
				if store, err = NewStore(t.TempDir(), "tusach-test-*"); err != nil {
					t.Fatal(err)
				}
				defer store.Close()
				m = NewStoreMaker(nil, nil, store)
			}
			want := map[string]string{}
			for i := range 200 {
				name := fmt.Sprintf("p/%03d.html", i)
				want[name] = "v0 " + name
				m.PutRaw(name, []byte(want[name]))
			}
			tree := m.Tree()
			type past struct {
				tree  *Tree
				files map[string]string
			}
			var history []past
			flat := 0
			for step := range 300 {
				o := Overlay(tree, nil)
				if o.tree.under == nil {
					flat++
				}
				next := maps.Clone(want)
				for range 1 + rng.IntN(12) {
					name := fmt.Sprintf("p/%03d.html", rng.IntN(260))
					if o.done[strings.ToLower(name)] {
						continue
					}
					switch _, has := next[name]; {
					case has && rng.IntN(4) == 0:
						o.Drop(name)
						delete(next, name)
					case rng.IntN(3) == 0 && has: // the same again
						o.PutRaw(name, []byte(next[name]))
					default:
						next[name] = fmt.Sprintf("v%d %s", step+1, name)
						if err := o.PutRaw(name, []byte(next[name])); err != nil {
							t.Fatalf("step %d: %v", step, err)
						}
					}
				}
				if upper := strings.ToUpper(slices.Sorted(maps.Keys(next))[0]); o.PutRaw(upper, []byte("x")) == nil {
					t.Fatalf("step %d: %s clashing in case with a file of the tree: no error", step, upper)
				}
				now := o.Tree()
				changed, removed := now.Diff(tree)
				var wantChanged, wantRemoved []string
				for name, data := range next {
					if want[name] != data {
						wantChanged = append(wantChanged, name)
					}
				}
				for name := range want {
					if _, ok := next[name]; !ok {
						wantRemoved = append(wantRemoved, name)
					}
				}
				slices.Sort(wantChanged)
				slices.Sort(wantRemoved)
				if !slices.Equal(changed, wantChanged) || !slices.Equal(removed, wantRemoved) {
					t.Fatalf("step %d: Diff %v, %v; want %v, %v", step, changed, removed, wantChanged, wantRemoved)
				}
				history = append(history, past{tree, want})
				tree, want = now, next
				if stored && step%25 == 24 { // the store let go of: later overlays go to a copy's
					tree = copyToNewStore(t, tree)
				}
				for _, h := range []past{{tree, want}, history[rng.IntN(len(history))]} {
					if got := h.tree.Names(); !slices.Equal(got, slices.Sorted(maps.Keys(h.files))) || h.tree.Len() != len(h.files) {
						t.Fatalf("step %d: %d names %v, want %d", step, h.tree.Len(), got, len(h.files))
					}
					for _, name := range []string{fmt.Sprintf("p/%03d.html", rng.IntN(260)), h.tree.Names()[0]} {
						data, err := h.tree.ReadFile(name)
						if w, ok := h.files[name]; string(data) != w || (err == nil) != ok || h.tree.Has(name) != ok {
							t.Fatalf("step %d: %s = %q, %v; want %q", step, name, data, err, w)
						}
					}
				}
			}
			if flat == 0 || flat == 300 {
				t.Errorf("%d of 300 overlays were flat: want layers, and layers made flat again", flat)
			}
		})
	}
}

// copyToNewStore copies tree to a new store (Tree.CopyTo) and checks the
// copy: the same files, bytes and sums, no difference by Diff, and a new
// store that holds those bytes only.
func copyToNewStore(t *testing.T, tree *Tree) *Tree {
	t.Helper()
	store, err := NewStore(t.TempDir(), "tusach-test-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	cp, err := tree.CopyTo(store)
	if err != nil {
		t.Fatal(err)
	}
	if cp.under != nil || cp.store != store {
		t.Fatalf("copy: a layer (%v) or in another store", cp.under != nil)
	}
	if changed, removed := cp.Diff(tree); len(changed)+len(removed) > 0 {
		t.Fatalf("copy: Diff says %v changed, %v removed", changed, removed)
	}
	if !slices.Equal(cp.Names(), tree.Names()) || !maps.Equal(sumsOf(cp), sumsOf(tree)) {
		t.Fatalf("copy: other names or sums")
	}
	for _, name := range tree.Names() {
		if a, b := bytesOf(tree, name), bytesOf(cp, name); string(a) != string(b) {
			t.Fatalf("copy: %s = %q, want %q", name, b, a)
		}
	}
	if got, want := store.Size(), cp.StoredBytes(); got != want || want != tree.StoredBytes() || want == 0 {
		t.Fatalf("copy: new store holds %d bytes, tree %d (was %d)", got, want, tree.StoredBytes())
	}
	return cp
}
