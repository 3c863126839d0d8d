package output

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"tusach/generator/offline"
)

// Tree is the output of one build as a value: every file of the site, by
// slash path, with the [offline.Sum] of its content as the build produced
// it (before minifying) and its bytes as published (minified), or where
// they are: in a folder the files were streamed to, or in a [Store]
// ([Tree.Open], [Tree.ReadFile]). The
// preview server, the offline list ([Maker.PutOffline]) and the zip
// ([WriteZip]) read a Tree; the folder writer and its precompression get
// each file as it is made; the difference of two Trees ([Tree.Diff]) is
// what a rebuild changed. A Tree, once made,
// never changes: the next build makes a new one, sharing unchanged bytes.
type Tree struct {
	Sums map[string][sha256.Size]byte
	// Data holds the published bytes of each file; nil for a tree whose
	// files went to a folder as they were made (see [NewMaker]) or to a
	// store ([NewStoreMaker]).
	Data  map[string][]byte
	dir   string            // the folder that holds the bytes of a tree streamed to it
	store *Store            // the store that holds the bytes of a stored tree
	spans map[string]Span   // where each file is in store
	names []string          // sorted keys of Sums
	keys  map[string]string // lowercased path → path
	// id tells trees apart; base is the id of the tree an overlay started
	// from (not the tree: a chain of trees would never be freed), and
	// touched the paths it put or dropped: the difference is among them.
	id, base *int
	touched  []string
}

// Names returns the paths of the tree, sorted. The slice is shared: do
// not change it.
func (t *Tree) Names() []string { return t.names }

// Diff returns the paths of t that old lacks or holds with another
// content, and the paths of old that t lacks, both sorted. A nil old
// has no files.
func (t *Tree) Diff(old *Tree) (changed, removed []string) {
	if old != nil && t.base != nil && t.base == old.id {
		for _, name := range t.touched {
			sum, now := t.Sums[name]
			if prev, was := old.Sums[name]; now && (!was || prev != sum) {
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
		if prev, ok := old.sum(name); !ok || prev != t.Sums[name] {
			changed = append(changed, name)
		}
	}
	if old != nil {
		for _, name := range old.names {
			if _, ok := t.Sums[name]; !ok {
				removed = append(removed, name)
			}
		}
	}
	return changed, removed
}

// Len returns the number of files of t.
func (t *Tree) Len() int { return len(t.Sums) }

// Has reports whether t has the file name.
func (t *Tree) Has(name string) bool {
	_, ok := t.Sums[name]
	return ok
}

// ReadFile returns the published bytes of the file name of t, wherever
// they are (see [Tree.Open]). The bytes of a tree held in memory are the
// tree's own: do not change them.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	if t.Data != nil {
		return t.memory(name)
	}
	if t.store != nil {
		sp, ok := t.spans[name]
		if !ok {
			return nil, fmt.Errorf("output: %s: not in the tree", name)
		}
		return t.store.Get(sp)
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

func (t *Tree) memory(name string) ([]byte, error) {
	data, ok := t.Data[name]
	if !ok {
		return nil, fmt.Errorf("output: %s: not in the tree", name)
	}
	return data, nil
}

// Open opens the published bytes of the file name of t: the tree's own,
// the store's, or, for a tree whose files went to a folder, the file
// written there (read before the [Writer] commits).
func (t *Tree) Open(name string) (io.ReadCloser, error) {
	if t.Data != nil || t.store != nil {
		data, err := t.ReadFile(name)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	if _, ok := t.Sums[name]; !ok || !fs.ValidPath(name) {
		return nil, fmt.Errorf("output: %s: not in the tree", name)
	}
	f, err := os.Open(filepath.Join(t.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return f, nil
}

// held is where the published bytes of one file of a tree are: data for a
// tree in memory, at for a stored one (neither for a tree streamed to a
// folder).
type held struct {
	data []byte
	at   Span
}

// holding returns where old holds name, when a tree made like t can take
// it as it is: both in memory, or both in the same store.
func (t *Tree) holding(old *Tree, name string) (held, bool) {
	switch {
	case old == nil:
		return held{}, false
	case t.Data != nil && old.Data != nil:
		data, ok := old.Data[name]
		return held{data: data}, ok
	case t.store != nil && old.store == t.store:
		at, ok := old.spans[name]
		return held{at: at}, ok
	}
	return held{}, false
}

func (t *Tree) sum(name string) ([sha256.Size]byte, bool) {
	if t == nil {
		return [sha256.Size]byte{}, false
	}
	s, ok := t.Sums[name]
	return s, ok
}

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
	taken   map[string]string // lowercased path → path of every file of the tree, to catch clashes
	done    map[string]bool   // lowercased paths added by this maker (overlays only)
	renamed bool              // an overlay added or dropped a path
}

// NewMaker returns a Maker of a new tree. prev is the tree of the previous
// build (nil for none, or to reuse nothing); min is the minifier (nil
// publishes files as produced); dest, when not nil, receives every file as
// it is made, and the tree then keeps its sum only.
func NewMaker(prev *Tree, min *minify.M, dest *Writer) *Maker {
	t := &Tree{Sums: map[string][sha256.Size]byte{}}
	if dest == nil {
		t.Data = map[string][]byte{}
	} else {
		t.dir = dest.tmp
	}
	return &Maker{prev: prev, min: min, dest: dest, tree: t, taken: map[string]string{}}
}

// NewStoreMaker returns a Maker of a new tree whose bytes go to store
// instead of memory; prev and min are NewMaker's. A file of prev that
// store holds already, with the same content, is not put again.
func NewStoreMaker(prev *Tree, min *minify.M, store *Store) *Maker {
	t := &Tree{Sums: map[string][sha256.Size]byte{}, store: store, spans: map[string]Span{}}
	return &Maker{prev: prev, min: min, tree: t, taken: map[string]string{}}
}

// Overlay returns a Maker of a new tree that starts as prev (which must
// hold its bytes, in memory or in a store, where the new tree's go too):
// every file of prev is kept unless put again or dropped. It is how a
// rebuild that changes a few files makes its tree without going through
// every other.
func Overlay(prev *Tree, min *minify.M) *Maker {
	t := &Tree{Sums: maps.Clone(prev.Sums), Data: maps.Clone(prev.Data), base: prev.id,
		store: prev.store, spans: maps.Clone(prev.spans)}
	return &Maker{prev: prev, min: min, tree: t, taken: maps.Clone(prev.keys), done: map[string]bool{}}
}

// Put adds data at rel, minified by the media type its name says
// ([MediaType]). Callers may reuse data afterwards.
func (m *Maker) Put(rel string, data []byte) error { return m.put(rel, data, MediaType(rel)) }

// PutRaw adds data at rel as it is (files already compact, such as the
// search index, and the content's own files).
func (m *Maker) PutRaw(rel string, data []byte) error { return m.put(rel, data, "") }

func (m *Maker) put(rel string, data []byte, mediaType string) error {
	sum := offline.Sum(data)
	if m.prev != nil && m.dest == nil && m.prev.Sums[rel] == sum {
		if old, ok := m.tree.holding(m.prev, rel); ok {
			return m.add(rel, sum, old)
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
		if err := m.add(rel, sum, held{}); err != nil {
			return err
		}
		return m.dest.Write(rel, out)
	case m.tree.store != nil: // to the store: the tree keeps where
		at, err := m.tree.store.Put(out)
		if err != nil {
			return err
		}
		return m.add(rel, sum, held{at: at})
	}
	return m.add(rel, sum, held{data: bytes.Clone(out)})
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
	return ok && m.add(rel, m.prev.Sums[rel], old) == nil
}

// Drop removes rel from an overlay's tree.
func (m *Maker) Drop(rel string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.tree.Sums[rel]; ok {
		delete(m.tree.Sums, rel)
		delete(m.tree.Data, rel)
		delete(m.tree.spans, rel)
		delete(m.taken, strings.ToLower(rel))
		m.renamed = true
		m.tree.touched = append(m.tree.touched, rel)
	}
}

// add records rel, failing when another file took the same path (ignoring
// case, as FAT and NTFS do) or the path is not a valid one.
func (m *Maker) add(rel string, sum [sha256.Size]byte, h held) error {
	key, err := pathKey(rel)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	prev, taken := m.taken[key]
	if m.done != nil { // an overlay: files of the previous tree may be put again
		if m.done[key] || (taken && prev != rel) {
			return fmt.Errorf("output: %s: written twice (as %s)", rel, prev)
		}
		m.done[key] = true
		m.renamed = m.renamed || !taken
		m.tree.touched = append(m.tree.touched, rel)
	} else if taken {
		return fmt.Errorf("output: %s: written twice (as %s)", rel, prev)
	}
	m.taken[key] = rel
	m.tree.Sums[rel] = sum
	if m.tree.Data != nil {
		m.tree.Data[rel] = h.data
	}
	if m.tree.spans != nil {
		m.tree.spans[rel] = h.at
	}
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
	m.tree.names, m.tree.keys, m.tree.id = m.Names(), m.taken, new(int)
	return m.tree
}

// Names returns the sorted paths of the files added so far.
func (m *Maker) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	sums := m.tree.Sums
	if m.done != nil && !m.renamed {
		return m.prev.names
	}
	if m.prev != nil { // most builds keep most names: filter the old list
		names := make([]string, 0, len(sums))
		for _, n := range m.prev.names {
			if _, ok := sums[n]; ok {
				names = append(names, n)
			}
		}
		if len(names) == len(sums) {
			return names
		}
	}
	names := make([]string, 0, len(sums))
	for name := range sums {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Sums returns the sums of the files added so far; the map is the tree's
// own: read it only while no file is added.
func (m *Maker) Sums() map[string][sha256.Size]byte { return m.tree.Sums }
