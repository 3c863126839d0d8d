package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"runtime"
	"slices"
	"sync"
)

// Store keeps the published bytes of the trees of a warm pipeline (the one
// of `tusach serve`), and other bytes it sets aside, on disk instead of in
// memory: one temporary file that
// is appended to and never rewritten, so that a tree, once made, reads its
// files at fixed places while the next tree appends its own. The trees
// hold only where each file is; its bytes are read back when served,
// mostly from the system's file cache. A Store is safe for concurrent use.
//
// The file is tusach's own, made new (NewStore); where the system lets an
// open file go nameless, its name is removed at once, so that a killed
// server or build leaves nothing behind; elsewhere Close removes it. The
// file is closed by Close or, failing that, once the Store is no longer
// reachable (no tree made through it is), and then removed if it still has
// a name. So the bytes a warm pipeline no longer reads can be let go of:
// [Tree.CopyTo] copies the files of its last tree to a new Store, and the
// old one goes with the last tree made through it. The cold build's spill
// (package spill) is a Store too.
type Store struct {
	f       *os.File
	name    string          // the file's name, until it is removed; "" after
	cleanup runtime.Cleanup // closes and removes the file of an unreachable Store; stopped by Close

	mu   sync.Mutex
	size int64 // bytes appended so far, the end of the file
}

// Span is where one piece of bytes is in a Store.
type Span struct {
	off int64
	n   int
}

// Offset returns where the piece starts in the Store's file (for
// messages).
func (sp Span) Offset() int64 { return sp.off }

// Len returns the number of bytes of the piece.
func (sp Span) Len() int { return sp.n }

// Name returns the name the Store's file was made with (for messages; it
// may be removed already).
func (s *Store) Name() string { return s.f.Name() }

// NewStore creates a Store in a new temporary file in dir (the system's
// temporary folder when dir is ""), named by pattern as os.CreateTemp
// names it.
func NewStore(dir, pattern string) (*Store, error) {
	return newStore(dir, pattern, runtime.GOOS != "windows")
}

// newStore is NewStore; unlink says whether to remove the file's name at
// once (false: as on Windows, where an open file keeps its name).
func newStore(dir, pattern string, unlink bool) (*Store, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("output: temporary file: %w", err)
	}
	s := &Store{f: f, name: f.Name()}
	if unlink && os.Remove(s.name) == nil {
		s.name = ""
	}
	s.cleanup = runtime.AddCleanup(s, closeStoreFile, storeFile{f, s.name})
	return s, nil
}

// storeFile is what the cleanup of an unreachable Store lets go of: its
// file, and the name to remove ("" for none).
type storeFile struct {
	f    *os.File
	name string
}

// closeStoreFile closes and removes the file of a Store no longer
// reachable that was not closed (Close stops the cleanup).
func closeStoreFile(sf storeFile) {
	sf.f.Close()
	if sf.name != "" {
		os.Remove(sf.name)
	}
}

// Put appends data and returns where it is: the bytes of a tree's file,
// or any other bytes a warm pipeline sets aside (such as documents'
// Markdown).
func (s *Store) Put(data []byte) (Span, error) {
	s.mu.Lock()
	off := s.size
	s.size += int64(len(data))
	s.mu.Unlock()
	_, err := s.f.WriteAt(data, off)
	runtime.KeepAlive(s) // its cleanup closes the file: not while it is written
	if err != nil {
		return Span{}, fmt.Errorf("output: temporary file %s: %w", s.f.Name(), err)
	}
	return Span{off, len(data)}, nil
}

// Get reads back the bytes Put put at sp.
func (s *Store) Get(sp Span) ([]byte, error) {
	data := make([]byte, sp.n)
	return data, s.read(data, sp)
}

// read reads the bytes Put put at sp into data, of their length.
func (s *Store) read(data []byte, sp Span) error {
	_, err := s.f.ReadAt(data, sp.off)
	runtime.KeepAlive(s) // its cleanup closes the file: not while it is read
	if err != nil {
		return fmt.Errorf("output: temporary file %s: %w", s.f.Name(), err)
	}
	return nil
}

// Copy puts the bytes s holds at sp into to and returns where they are
// there; *buf is scratch space.
func (s *Store) Copy(to *Store, sp Span, buf *[]byte) (Span, error) {
	*buf = slices.Grow((*buf)[:0], sp.n)[:sp.n]
	if err := s.read(*buf, sp); err != nil {
		return Span{}, err
	}
	return to.Put(*buf)
}

// Size returns the number of bytes the Store's file holds: those of every
// file put through it, whether a tree still reads them or not.
func (s *Store) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

// Close closes the Store's file and removes it if it still has a name.
// The trees made through it can no longer be read.
func (s *Store) Close() error {
	s.cleanup.Stop()
	err := s.f.Close()
	if s.name != "" {
		if rm := os.Remove(s.name); rm != nil && !errors.Is(rm, fs.ErrNotExist) {
			err = errors.Join(err, rm)
		}
	}
	return err
}

// StoredBytes returns the number of bytes of t's files in its Store (0
// for a tree in memory or in a folder): what a copy of t to a new Store
// ([Tree.CopyTo]) holds.
func (t *Tree) StoredBytes() int64 {
	if t.store == nil {
		return 0
	}
	var n int64
	for _, name := range t.names {
		e, _ := t.get(name)
		n += int64(e.at.n)
	}
	return n
}

// CopyTo returns a flat tree with the files of t, a tree whose bytes are
// in a Store, and their bytes copied to store, in the order of their
// names. It differs from t by nothing ([Tree.Diff]); an overlay of it
// puts its bytes in store.
func (t *Tree) CopyTo(store *Store) (*Tree, error) {
	if t.store == nil {
		return nil, fmt.Errorf("output: copy of a tree whose bytes are not in a store")
	}
	files, keys := t.files, t.keys
	if t.under != nil {
		files, keys = flatten(t)
	} else {
		files = maps.Clone(files)
	}
	var buf []byte
	for _, name := range t.names {
		e := files[name]
		at, err := t.store.Copy(store, e.at, &buf)
		if err != nil {
			return nil, fmt.Errorf("output: %s: %w", name, err)
		}
		e.at = at
		files[name] = e
	}
	return &Tree{files: files, keys: keys, n: t.n, store: store, names: t.names, id: new(int), base: t.id}, nil
}
