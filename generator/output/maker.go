package output

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"tusach/generator/offline"
)

// Maker makes a Tree from the files a build produces, minifying each by
// its type. A file whose content is the one it had in the previous tree
// keeps that tree's published bytes (a memo keyed by content). Its methods
// are safe for concurrent use.
type Maker struct {
	prev    *Tree
	min     *minify.M
	dest    *Writer // when set, files go to its folder and the tree keeps only sums
	mu      sync.Mutex
	tree    *Tree
	done    map[string]bool // lowercased paths added by this maker (overlays only)
	renamed bool            // an overlay added or dropped a path
}

// NewMaker returns a Maker of a new tree. prev is the tree of the previous
// build (nil for none, or to reuse nothing); min is the minifier (nil
// publishes files as produced); dest, when not nil, receives every file as
// it is made, and the tree then keeps its sum only.
func NewMaker(prev *Tree, min *minify.M, dest *Writer) *Maker {
	t := &Tree{files: map[string]entry{}, keys: map[string]string{}, mem: dest == nil}
	if dest != nil {
		t.dir = dest.tmp
	}
	return &Maker{prev: prev, min: min, dest: dest, tree: t}
}

// NewStoreMaker returns a Maker of a new tree whose bytes go to store
// instead of memory; prev and min are NewMaker's. A file of prev that
// store holds already, with the same content, is not put again.
func NewStoreMaker(prev *Tree, min *minify.M, store *Store) *Maker {
	t := &Tree{files: map[string]entry{}, keys: map[string]string{}, store: store}
	return &Maker{prev: prev, min: min, tree: t}
}

// Overlay returns a Maker of a new tree that starts as prev (which must
// hold its bytes, in memory or in a store, where the new tree's go too):
// every file of prev is kept unless put again or dropped. It is how a
// rebuild that changes a few files makes its tree without going through
// every other: the tree is a layer on prev's flat tree (see [Tree]), made
// flat again, at the cost of a copy of every file's entry, once the
// layer's files are more than an eighth of the flat tree's.
func Overlay(prev *Tree, min *minify.M) *Maker {
	t := &Tree{n: prev.n, mem: prev.mem, store: prev.store, base: prev.id}
	switch u := prev.under; {
	case u == nil: // a layer on prev
		t.under, t.files, t.keys, t.gone = prev, map[string]entry{}, map[string]string{}, map[string]bool{}
	case 8*(len(prev.files)+len(prev.gone)) <= len(u.files): // on prev's flat tree, with prev's layer
		t.under, t.files, t.keys, t.gone = u, maps.Clone(prev.files), maps.Clone(prev.keys), maps.Clone(prev.gone)
	default: // flat again
		t.files, t.keys = flatten(prev)
	}
	return &Maker{prev: prev, min: min, tree: t, done: map[string]bool{}}
}

// flatten returns the files and keys of the layer t as those of a flat
// tree.
func flatten(t *Tree) (map[string]entry, map[string]string) {
	files, keys := maps.Clone(t.under.files), maps.Clone(t.under.keys)
	for name := range t.gone {
		delete(files, name)
		if k := strings.ToLower(name); keys[k] == name {
			delete(keys, k)
		}
	}
	maps.Copy(files, t.files)
	maps.Copy(keys, t.keys)
	return files, keys
}

// Put adds data at rel, minified by the media type its name says
// ([MediaType]). Callers may reuse data afterwards.
func (m *Maker) Put(rel string, data []byte) error { return m.put(rel, data, MediaType(rel)) }

// PutRaw adds data at rel as it is (files already compact, such as the
// search index, and the content's own files).
func (m *Maker) PutRaw(rel string, data []byte) error { return m.put(rel, data, "") }

func (m *Maker) put(rel string, data []byte, mediaType string) error {
	sum := offline.Sum(data)
	if m.prev != nil && m.dest == nil {
		if old, ok := m.tree.holding(m.prev, rel); ok && old.sum == sum {
			return m.add(rel, old)
		}
	}
	out := data
	if mediaType != "" && m.min != nil {
		in, min := minifyBuffers.Get().(*bytes.Buffer), minifyBuffers.Get().(*bytes.Buffer)
		defer minifyBuffers.Put(in)
		defer minifyBuffers.Put(min)
		// the minifier reads a buffer in place (a bytes.Buffer has Bytes)
		// and writes a NUL past its end meanwhile: a copy of data, not data
		in.Reset()
		in.Grow(len(data) + 1)
		in.Write(data)
		min.Reset()
		if err := m.min.Minify(mediaType, min, in); err != nil {
			return fmt.Errorf("output: minify %s: %w", rel, err)
		}
		out = min.Bytes()
	}
	switch {
	case m.dest != nil: // to the folder now: the tree keeps the sum
		if err := m.add(rel, entry{sum: sum}); err != nil {
			return err
		}
		return m.dest.Write(rel, out)
	case m.tree.store != nil: // to the store: the tree keeps where
		at, err := m.tree.store.Put(out)
		if err != nil {
			return err
		}
		return m.add(rel, entry{sum: sum, at: at})
	}
	return m.add(rel, entry{sum: sum, data: bytes.Clone(out)})
}

// minifyBuffers are the buffers a Maker minifies through, reused: the
// bytes of a site's pages pass through them once.
var minifyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Keep adds the file rel as the previous tree has it and reports whether
// it could: the previous tree must hold it with its bytes where the new
// tree keeps them (the same memory or store; not a folder).
func (m *Maker) Keep(rel string) bool {
	if m.dest != nil {
		return false
	}
	old, ok := m.tree.holding(m.prev, rel)
	return ok && m.add(rel, old) == nil
}

// Drop removes rel from an overlay's tree.
func (m *Maker) Drop(rel string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.tree
	if !t.Has(rel) {
		return
	}
	delete(t.files, rel)
	if t.under != nil && t.under.Has(rel) {
		t.gone[rel] = true
	}
	if k := strings.ToLower(rel); t.keys[k] == rel {
		delete(t.keys, k)
	}
	t.n--
	m.renamed = true
	t.touched = append(t.touched, rel)
}

// add records rel, failing when another file took the same path (ignoring
// case, as FAT and NTFS do) or the path is not a valid one.
func (m *Maker) add(rel string, e entry) error {
	key, err := pathKey(rel)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.tree
	prev, taken := t.owner(key)
	if m.done != nil { // an overlay: files of the previous tree may be put again
		if m.done[key] || (taken && prev != rel) {
			return fmt.Errorf("output: %s: written twice (as %s)", rel, prev)
		}
		m.done[key] = true
		m.renamed = m.renamed || !taken
		t.touched = append(t.touched, rel)
	} else if taken {
		return fmt.Errorf("output: %s: written twice (as %s)", rel, prev)
	}
	if !taken {
		t.n++
	}
	t.keys[key] = rel
	t.files[rel] = e
	delete(t.gone, rel)
	return nil
}

// Changed returns the paths an overlay put or dropped so far, sorted: the
// only files of its tree that may differ from those of the tree it started
// from. It is nil for a Maker that is not an overlay.
func (m *Maker) Changed() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.done == nil {
		return nil
	}
	return slices.Compact(slices.Sorted(slices.Values(m.tree.touched)))
}

// Tree returns the tree made so far; the Maker must not be used after.
func (m *Maker) Tree() *Tree {
	m.tree.names, m.tree.id = m.Names(), new(int)
	return m.tree
}

// Names returns the sorted paths of the files added so far.
func (m *Maker) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.tree
	if m.done != nil && !m.renamed {
		return m.prev.names
	}
	if m.prev != nil { // most builds keep most names: filter the old list
		names := make([]string, 0, t.n)
		for _, n := range m.prev.names {
			if t.Has(n) {
				names = append(names, n)
			}
		}
		if len(names) == t.n {
			return names
		}
	}
	names := make([]string, 0, t.n)
	for name := range t.files {
		names = append(names, name)
	}
	if u := t.under; u != nil {
		for name := range u.files {
			if _, put := t.files[name]; !put && !t.gone[name] {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return names
}

// Sum returns the sum of the file rel added so far: the tree's [Tree.Sum].
// Call it only while no file is added.
func (m *Maker) Sum(rel string) [sha256.Size]byte { return m.tree.Sum(rel) }
