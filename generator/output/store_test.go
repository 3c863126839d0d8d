package output

import (
	"strings"
	"testing"
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
