package output

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Tree is the output of one build as a value: every file of the site, by
// slash path, with the [offline.Sum] of its content as the build produced
// it (before minifying) and its bytes as published (minified), or where
// they are: in a folder the files were streamed to, or in a [Store]
// ([Tree.Open], [Tree.ReadFile]). The preview server, the offline list
// ([Maker.PutOffline]) and the zip ([WriteZip]) read a Tree; the folder
// writer and its precompression get each file as it is made; the
// difference of two Trees ([Tree.Diff]) is what a rebuild changed. A Tree,
// once made, never changes: the next build makes a new one, sharing
// unchanged bytes.
//
// A tree made by [Overlay] is a layer: the files it put or dropped, on top
// of a flat tree that holds every file, so that a rebuild that changes a
// few files of a large site copies nothing of the others. A layer's
// overlay is a layer on the same flat tree, with a copy of the files put
// and dropped so far; once those are many, the overlay is flat again (see
// [Overlay]): no tree is more than two levels deep.
type Tree struct {
	files map[string]entry // a flat tree's files; a layer's files put on top of under
	gone  map[string]bool  // a layer: files of under it dropped
	under *Tree            // a layer's flat tree; nil for a flat tree
	n     int              // the number of files
	mem   bool             // the bytes are in memory (entry.data)
	dir   string           // the folder that holds the bytes of a tree streamed to it
	store *Store           // the store that holds the bytes of a stored tree
	names []string         // sorted paths
	// keys maps lowercased paths to paths: every file's of a flat tree,
	// those a layer put (its Maker checks clashes with them).
	keys map[string]string
	// id tells trees apart; base is the id of the tree an overlay started
	// from (not the tree: a chain of trees would never be freed), and
	// touched the paths it put or dropped: the difference is among them.
	id, base *int
	touched  []string
}

// entry is one file of a tree: the sum of its content and where its
// published bytes are: data for a tree in memory, at for a stored one
// (neither for a tree streamed to a folder).
type entry struct {
	sum  [sha256.Size]byte
	data []byte
	at   Span
}

// get returns the entry of name in t.
func (t *Tree) get(name string) (entry, bool) {
	if t == nil {
		return entry{}, false
	}
	if e, ok := t.files[name]; ok {
		return e, true
	}
	if t.under == nil || t.gone[name] {
		return entry{}, false
	}
	e, ok := t.under.files[name]
	return e, ok
}

// Names returns the paths of the tree, sorted. The slice is shared: do
// not change it.
func (t *Tree) Names() []string { return t.names }

// Sum returns the sum ([offline.Sum]) of the content of the file name of
// t as the build produced it; the zero sum when t has no such file.
func (t *Tree) Sum(name string) [sha256.Size]byte {
	e, _ := t.get(name)
	return e.sum
}

// Diff returns the paths of t that old lacks or holds with another
// content, and the paths of old that t lacks, both sorted. A nil old
// has no files.
func (t *Tree) Diff(old *Tree) (changed, removed []string) {
	if old != nil && t.base != nil && t.base == old.id {
		for _, name := range t.touched {
			e, now := t.get(name)
			if prev, was := old.get(name); now && (!was || prev.sum != e.sum) {
				changed = append(changed, name)
			} else if was && !now {
				removed = append(removed, name)
			}
		}
		slices.Sort(changed)
		slices.Sort(removed)
		return slices.Compact(changed), slices.Compact(removed)
	}
	for _, name := range t.names {
		if prev, ok := old.get(name); !ok || prev.sum != t.Sum(name) {
			changed = append(changed, name)
		}
	}
	if old != nil {
		for _, name := range old.names {
			if !t.Has(name) {
				removed = append(removed, name)
			}
		}
	}
	return changed, removed
}

// Len returns the number of files of t.
func (t *Tree) Len() int { return t.n }

// Has reports whether t has the file name.
func (t *Tree) Has(name string) bool {
	_, ok := t.get(name)
	return ok
}

// ReadFile returns the published bytes of the file name of t, wherever
// they are (see [Tree.Open]). The bytes of a tree held in memory are the
// tree's own: do not change them.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	if t.mem || t.store != nil {
		e, ok := t.get(name)
		switch {
		case !ok:
			return nil, fmt.Errorf("output: %s: not in the tree", name)
		case t.mem:
			return e.data, nil
		}
		return t.store.Get(e.at)
	}
	f, err := t.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("output: %s: %w", name, err)
	}
	return data, nil
}

// Open opens the published bytes of the file name of t: the tree's own,
// the store's, or, for a tree whose files went to a folder, the file
// written there (read before the [Writer] commits).
func (t *Tree) Open(name string) (io.ReadCloser, error) {
	if t.mem || t.store != nil {
		data, err := t.ReadFile(name)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	if !t.Has(name) || !fs.ValidPath(name) {
		return nil, fmt.Errorf("output: %s: not in the tree", name)
	}
	f, err := os.Open(filepath.Join(t.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return f, nil
}

// holding returns where old holds name, when a tree made like t can take
// it as it is: both in memory, or both in the same store.
func (t *Tree) holding(old *Tree, name string) (entry, bool) {
	if old == nil || !(t.mem && old.mem || t.store != nil && old.store == t.store) {
		return entry{}, false
	}
	return old.get(name)
}

// owner returns the path of t that lowercases to key.
func (t *Tree) owner(key string) (string, bool) {
	if p, ok := t.keys[key]; ok {
		return p, true
	}
	if t.under == nil {
		return "", false
	}
	p, ok := t.under.keys[key]
	if !ok || t.gone[p] {
		return "", false
	}
	return p, true
}
