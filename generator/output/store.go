package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
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
// file is closed by Close or, failing that, as any *os.File is, once no
// tree made through the Store is reachable. The cold build's spill
// (package spill) is a Store too.
type Store struct {
	f    *os.File
	name string // the file's name, until it is removed; "" after

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

// Name returns the name the Store's file was made with (for messages; it
// may be removed already).
func (s *Store) Name() string { return s.f.Name() }

// NewStore creates a Store in a new temporary file in dir (the system's
// temporary folder when dir is ""), named by pattern as os.CreateTemp
// names it.
func NewStore(dir, pattern string) (*Store, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("output: temporary file: %w", err)
	}
	s := &Store{f: f, name: f.Name()}
	if runtime.GOOS != "windows" && os.Remove(s.name) == nil {
		s.name = ""
	}
	return s, nil
}

// Put appends data and returns where it is: the bytes of a tree's file,
// or any other bytes a warm pipeline sets aside (such as documents'
// Markdown).
func (s *Store) Put(data []byte) (Span, error) {
	s.mu.Lock()
	off := s.size
	s.size += int64(len(data))
	s.mu.Unlock()
	if _, err := s.f.WriteAt(data, off); err != nil {
		return Span{}, fmt.Errorf("output: temporary file %s: %w", s.f.Name(), err)
	}
	return Span{off, len(data)}, nil
}

// Get reads back the bytes Put put at sp.
func (s *Store) Get(sp Span) ([]byte, error) {
	data := make([]byte, sp.n)
	if _, err := s.f.ReadAt(data, sp.off); err != nil {
		return nil, fmt.Errorf("output: temporary file %s: %w", s.f.Name(), err)
	}
	return data, nil
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
	err := s.f.Close()
	if s.name != "" {
		if rm := os.Remove(s.name); rm != nil && !errors.Is(rm, fs.ErrNotExist) {
			err = errors.Join(err, rm)
		}
	}
	return err
}
