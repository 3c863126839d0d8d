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
// it (before minifying) and, unless it was streamed to a folder, its bytes
// as published (minified), else where they are ([Tree.Open]). The
// preview server, the offline list ([Maker.PutOffline]) and the zip
// ([WriteZip]) read a Tree; the folder writer and its precompression get
// each file as it is made; the difference of two Trees ([Tree.Diff]) is
// what a rebuild changed. A Tree, once made,
// never changes: the next build makes a new one, sharing unchanged bytes.
type Tree struct {
	Sums map[string][sha256.Size]byte
	// Data holds the published bytes of each file; nil for a tree whose
	// files went to a folder as they were made (see [NewMaker]).
	Data  map[string][]byte
	dir   string            // the folder that holds the bytes when Data is nil
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

// Open opens the published bytes of the file name of t: the tree's own,
// or, for a tree whose files went to a folder, the file written there
// (read before the [Writer] commits).
func (t *Tree) Open(name string) (io.ReadCloser, error) {
	if t.Data != nil {
		data, ok := t.Data[name]
		if !ok {
			return nil, fmt.Errorf("output: %s: not in the tree", name)
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

// Overlay returns a Maker of a new tree that starts as prev (which must
// hold its bytes): every file of prev is kept unless put again or
// dropped. It is how a rebuild that changes a few files makes its tree
// without going through every other.
func Overlay(prev *Tree, min *minify.M) *Maker {
	t := &Tree{Sums: maps.Clone(prev.Sums), Data: maps.Clone(prev.Data), base: prev.id}
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
	if m.prev != nil && m.prev.Data != nil && m.prev.Sums[rel] == sum {
		if old, ok := m.prev.Data[rel]; ok && m.dest == nil {
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
	if m.dest != nil { // to the folder now: the tree keeps the sum
		if err := m.add(rel, sum, nil); err != nil {
			return err
		}
		return m.dest.Write(rel, out)
	}
	return m.add(rel, sum, bytes.Clone(out))
}

// minifyBuffers are the buffers a Maker minifies through, reused: the
// bytes of a site's pages pass through them once.
var minifyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Keep adds the file rel as the previous tree has it and reports whether
// it could: the previous tree must hold it with its bytes, and the new
// tree must not go to a folder.
func (m *Maker) Keep(rel string) bool {
	if m.prev == nil || m.prev.Data == nil || m.dest != nil {
		return false
	}
	data, ok := m.prev.Data[rel]
	return ok && m.add(rel, m.prev.Sums[rel], data) == nil
}

// Drop removes rel from an overlay's tree.
func (m *Maker) Drop(rel string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.tree.Sums[rel]; ok {
		delete(m.tree.Sums, rel)
		delete(m.tree.Data, rel)
		delete(m.taken, strings.ToLower(rel))
		m.renamed = true
		m.tree.touched = append(m.tree.touched, rel)
	}
}

// add records rel, failing when another file took the same path (ignoring
// case, as FAT and NTFS do) or the path is not a valid one.
func (m *Maker) add(rel string, sum [sha256.Size]byte, data []byte) error {
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
		m.tree.Data[rel] = data
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
