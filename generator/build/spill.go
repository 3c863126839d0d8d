package build

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"sync"

	"tusach/generator/content"
)

// spill is a temporary file where the cold run puts what a later stage
// reads of each document: its Markdown for the markdown stage, the body's
// HTML for the render stage and the text of its parts for the index stage, so that the whole site's need not
// be in memory at once: each is read back when its stage comes to it
// (from the system's file cache, mostly). Its methods are safe for
// concurrent use; the first error sticks and is the run's (err).
type spill struct {
	mu     sync.Mutex
	f      *os.File
	size   int64
	first  error
	bodies map[*content.Document]span // Markdown bodies put by keepBody
}

// span is where one piece of a spill is.
type span struct {
	off int64
	n   int
}

// newSpill creates the spill file in dir, the folder that receives the
// output (on the output's disk: the system's temporary folder may be
// memory), named "." + name + ".spill-*". Where the system lets an open
// file go nameless, it is removed at once: a killed build leaves nothing.
func newSpill(dir, name string) (*spill, error) {
	f, err := os.CreateTemp(dir, "."+name+".spill-*")
	if err != nil {
		return nil, fmt.Errorf("build: temporary file: %w", err)
	}
	if runtime.GOOS != "windows" {
		os.Remove(f.Name())
	}
	return &spill{f: f, bodies: map[*content.Document]span{}}, nil
}

// keepBody spills the Markdown body of d, just loaded (content.Options.Keep).
func (s *spill) keepBody(d *content.Document) {
	sp := s.put(d.Body)
	s.mu.Lock()
	s.bodies[d] = sp
	s.mu.Unlock()
	d.Body = nil
}

// body reads back the body of d, if keepBody spilled it.
func (s *spill) body(d *content.Document) ([]byte, error) {
	s.mu.Lock()
	sp, ok := s.bodies[d]
	delete(s.bodies, d)
	s.mu.Unlock()
	if !ok {
		return d.Body, nil
	}
	return s.get(sp)
}

// put appends data and returns where it is.
func (s *spill) put(data []byte) span {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.first != nil {
		return span{}
	}
	sp := span{s.size, len(data)}
	if _, err := s.f.Write(data); err != nil {
		s.first = fmt.Errorf("build: temporary file: %w", err)
		return span{}
	}
	s.size += int64(len(data))
	return sp
}

// get reads back what put put at sp.
func (s *spill) get(sp span) ([]byte, error) {
	data := make([]byte, sp.n)
	if _, err := s.f.ReadAt(data, sp.off); err != nil {
		return nil, fmt.Errorf("build: temporary file: %w", err)
	}
	return data, nil
}

// fail records err, unless an error came first.
func (s *spill) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.first == nil {
		s.first = err
	}
}

// err returns the first error of put, get in the markdown stage, or fail.
func (s *spill) err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first
}

// close removes the spill file.
func (s *spill) close() error {
	err := os.Remove(s.f.Name())
	if errors.Is(err, fs.ErrNotExist) {
		err = nil // removed when made
	}
	return errors.Join(s.f.Close(), err)
}

// putTexts spills a list of texts (each length-prefixed).
func (s *spill) putTexts(texts []string) span {
	var buf []byte
	for _, t := range texts {
		buf = binary.AppendUvarint(buf, uint64(len(t)))
		buf = append(buf, t...)
	}
	return s.put(buf)
}

// getTexts reads back the texts putTexts spilled at sp.
func (s *spill) getTexts(sp span) ([]string, error) {
	data, err := s.get(sp)
	if err != nil {
		return nil, err
	}
	var texts []string
	for len(data) > 0 {
		n, k := binary.Uvarint(data)
		if k <= 0 || uint64(len(data)-k) < n {
			return nil, fmt.Errorf("build: temporary file: corrupt at %d", sp.off)
		}
		texts = append(texts, string(data[k:k+int(n)]))
		data = data[k+int(n):]
	}
	return texts, nil
}
