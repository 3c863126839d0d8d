package output

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestStoredTree checks that a tree made through a Store reads back every
// file as published (minified), that a file put again with the same
// content, or kept, takes the previous tree's place in the store instead
// of being appended, that an overlay reads the files it did not put from
// the tree it started from, and that the old tree still reads its own.
func TestStoredTree(t *testing.T) {
	store, err := NewStore("", "tusach-test-*")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	m := NewStoreMaker(nil, NewMinifier(), store)
	for name, data := range map[string]string{"a.html": "<p>a  a</p>", "b.css": "b { color : red }", "c.txt": "c"} {
		if err := m.Put(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	old := m.Tree()
	if old.mem {
		t.Error("a stored tree holds its bytes in memory")
	}
	size := store.Size()

	m = NewStoreMaker(old, NewMinifier(), store)
	m.Put("a.html", []byte("<p>a  a</p>"))
	if !m.Keep("c.txt") {
		t.Error("Keep c.txt of a tree in the same store: false")
	}
	if store.Size() != size {
		t.Errorf("store grew from %d to %d bytes for files unchanged", size, store.Size())
	}
	m.Put("b.css", []byte("b { color : blue }"))
	now := m.Tree()

	o := Overlay(now, nil)
	o.Put("d.txt", []byte("d"))
	over := o.Tree()

	for _, c := range []struct {
		tree       *Tree
		name, want string
	}{
		{old, "a.html", "<p>a a</p>"},
		{old, "b.css", "b{color:red}"},
		{now, "a.html", "<p>a a</p>"},
		{now, "b.css", "b{color:blue}"},
		{now, "c.txt", "c"},
		{over, "b.css", "b{color:blue}"},
		{over, "d.txt", "d"},
	} {
		got, err := c.tree.ReadFile(c.name)
		if err != nil || string(got) != c.want {
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
		}
		if !c.tree.Has(c.name) {
			t.Errorf("%s: Has false", c.name)
		}
	}
	if _, err := now.ReadFile("d.txt"); err == nil || now.Has("d.txt") {
		t.Error("d.txt, put in an overlay, is in the tree it started from")
	}
	if changed, _ := over.Diff(now); strings.Join(changed, " ") != "d.txt" {
		t.Errorf("overlay Diff = %v, want [d.txt]", changed)
	}
	if now.Len() != 3 || over.Len() != 4 {
		t.Errorf("Len = %d, %d; want 3, 4", now.Len(), over.Len())
	}
}

// TestStoreKeepAcrossKinds checks that Keep refuses a file whose bytes are
// not where the new tree keeps its own: in memory for a stored tree, or
// in another store.
func TestStoreKeepAcrossKinds(t *testing.T) {
	a, err := NewStore("", "tusach-test-*")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := NewStore("", "tusach-test-*")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	mem := NewMaker(nil, nil, nil)
	mem.Put("x.txt", []byte("x"))
	inA := NewStoreMaker(nil, nil, a)
	inA.Put("x.txt", []byte("x"))
	for _, c := range []struct {
		name string
		prev *Tree
		next *Maker
	}{
		{"memory to store", mem.Tree(), NewStoreMaker(mem.Tree(), nil, a)},
		{"store to memory", inA.Tree(), NewMaker(inA.Tree(), nil, nil)},
		{"store to another", inA.Tree(), NewStoreMaker(inA.Tree(), nil, b)},
	} {
		if c.next.Keep("x.txt") {
			t.Errorf("%s: Keep true", c.name)
		}
	}
}

// TestStoreRemovedWhenUnreachable checks that the file of a Store that
// keeps its name (as on Windows, where an open file cannot lose it) is
// closed and removed once the Store, and the trees made through it, are
// no longer reachable, as when serve lets go of a store it copied
// (Tree.CopyTo); and that Close removes it at once.
func TestStoreRemovedWhenUnreachable(t *testing.T) {
	dir := t.TempDir()
	name := func() string {
		s, err := newStore(dir, "tusach-test-*", false)
		if err != nil {
			t.Fatal(err)
		}
		m := NewStoreMaker(nil, nil, s)
		if err := m.PutRaw("a.html", []byte("<p>a</p>")); err != nil {
			t.Fatal(err)
		}
		if data, err := m.Tree().ReadFile("a.html"); err != nil || string(data) != "<p>a</p>" {
			t.Fatalf("ReadFile = %q, %v", data, err)
		}
		return s.Name()
	}()
	for guard := 0; ; guard++ {
		runtime.GC()
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			break
		}
		if guard == 200 {
			t.Fatalf("%s still there after 200 collections", name)
		}
		time.Sleep(10 * time.Millisecond) // cleanups run on their own goroutine
	}

	s, err := newStore(dir, "tusach-test-*", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Name()); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%s still there after Close: %v", s.Name(), err)
	}
}
