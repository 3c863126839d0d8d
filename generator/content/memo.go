package content

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"time"

	"tusach/generator/diag"
)

// Memo keeps the documents that loads parsed, by file, for the next [Load]
// of the same site folder (see [Options].Memo): a file whose size,
// modification time and mode are those it had when it was read is not read
// again; one whose stamp changed, or was too recent to trust (a write in
// the same tick of the clock leaves it as it was), is read, and parsed
// again only when its content changed. A Load with a Memo returns what one
// without returns. It is safe for concurrent use.
type Memo struct {
	mu    sync.Mutex
	files map[string]memoFile // by file name in the site folder
}

type memoFile struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
	read  time.Time // when the file was read
	sum   [sha256.Size]byte
	doc   *Document
	errs  diag.List
}

// trustStamps is how long after its modification a file's stamp is
// trusted to tell a change: file systems keep times in ticks of up to 2 s.
const trustStamps = 2 * time.Second

// stamped is a file's stamp and the time it was taken.
type stamped struct {
	Stamp
	at time.Time
}

// stampOf returns the stamp of the file name (slash path in the site
// folder) that opts carry; none (zero) when they carry none.
func (opts Options) stampOf(name string) stamped {
	if st := opts.Stamps[name]; st.Valid() && !opts.StampedAt.IsZero() {
		return stamped{st, opts.StampedAt}
	}
	return stamped{}
}

// parse returns the document of the file name in fsys, parsed by parse,
// from the memo when the file did not change: when its stamp (st, taken
// before; else asked now) is the one it had when it was read.
func (m *Memo) parse(fsys fs.FS, name string, st stamped, parse func(data []byte) (*Document, diag.List)) (*Document, diag.List, error) {
	if !st.Valid() {
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		st = stamped{Stamp{Size: info.Size(), Mtime: info.ModTime(), Mode: info.Mode()}, time.Now()}
	}
	m.mu.Lock()
	old, known := m.files[name]
	m.mu.Unlock()
	if known && old.size == st.Size && old.mtime.Equal(st.Mtime) && old.mode == st.Mode &&
		old.read.Sub(old.mtime) > trustStamps {
		return old.doc, old.errs, nil
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	// read is when the stamp was taken, before the read: a write after it
	// in the same tick of the clock leaves the stamp too recent to trust.
	f := memoFile{size: st.Size, mtime: st.Mtime, mode: st.Mode, read: st.at, sum: sha256.Sum256(data)}
	if known && bytes.Equal(old.sum[:], f.sum[:]) {
		f.doc, f.errs = old.doc, old.errs
	} else {
		f.doc, f.errs = parse(data)
	}
	m.mu.Lock()
	if m.files == nil {
		m.files = map[string]memoFile{}
	}
	m.files[name] = f
	m.mu.Unlock()
	return f.doc, f.errs, nil
}

// keep forgets every file but those named (the Markdown files a load
// found), so that the memo holds no document of a file deleted or renamed.
func (m *Memo) keep(names []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	found := make(map[string]bool, len(names))
	for _, n := range names {
		found[n] = true
	}
	for name := range m.files {
		if !found[name] {
			delete(m.files, name)
		}
	}
}

// held returns the names of the files the memo holds, sorted.
func (m *Memo) held() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.files))
}
