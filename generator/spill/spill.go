// Package spill is a temporary file where a cold build sets aside what a
// later stage reads of each document (its Markdown, the HTML of its body,
// the text of its parts) so that the whole site's need not be in memory at
// once: each piece is read back when its stage comes to it, mostly from
// the system's file cache. Its bytes are an output.Store's, the append-only
// temporary file of `tusach serve`'s trees; File adds what a cold build
// spills and how (bodies, texts, outlines) and keeps its first error. A
// File is safe for concurrent use; its first error sticks (Err) and is the
// build's.
package spill

import (
	"fmt"
	"sync"

	"tusach/generator/content"
	"tusach/generator/output"
)

// File is one spill: pieces appended, read back by their Span.
type File struct {
	st     *output.Store
	mu     sync.Mutex
	first  error
	bodies map[*content.Document]Span // Markdown bodies put by keepBody
}

// Span is where one piece of a spill is.
type Span = output.Span

// New creates the spill file in dir, the folder that receives the
// output (on the output's disk: the system's temporary folder may be
// memory), named "." + name + ".spill-*". Where the system lets an open
// file go nameless, it is removed at once: a killed build leaves nothing.
func New(dir, name string) (*File, error) {
	st, err := output.NewStore(dir, "."+name+".spill-*")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	return &File{st: st, bodies: map[*content.Document]Span{}}, nil
}

// KeepBody spills the Markdown body of d, just loaded (content.Options.Keep).
func (s *File) KeepBody(d *content.Document) {
	sp := s.Put(d.Body)
	s.mu.Lock()
	s.bodies[d] = sp
	s.mu.Unlock()
	d.Body = nil
}

// Body reads back the body of d, if KeepBody spilled it.
func (s *File) Body(d *content.Document) ([]byte, error) {
	s.mu.Lock()
	sp, ok := s.bodies[d]
	delete(s.bodies, d)
	s.mu.Unlock()
	if !ok {
		return d.Body, nil
	}
	return s.Get(sp)
}

// Put appends data and returns where it is.
func (s *File) Put(data []byte) Span {
	if s.Err() != nil {
		return Span{}
	}
	sp, err := s.st.Put(data)
	if err != nil {
		s.Fail(fmt.Errorf("spill: %w", err))
		return Span{}
	}
	return sp
}

// Get reads back what put put at sp.
func (s *File) Get(sp Span) ([]byte, error) {
	data, err := s.st.Get(sp)
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	return data, nil
}

// Fail records err, unless an error came first.
func (s *File) Fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.first == nil {
		s.first = err
	}
}

// Err returns the first error of Put, of Body, or given to Fail.
func (s *File) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first
}

// Close closes and removes the spill file.
func (s *File) Close() error { return s.st.Close() }

// PutTexts spills a list of texts (each length-prefixed).
func (s *File) PutTexts(texts []string) Span {
	return s.putEncoded(func(buf []byte) []byte {
		for _, t := range texts {
			buf = appendString(buf, t)
		}
		return buf
	})
}

// encodeBuffers are the scratch space of putEncoded: the texts of a site's
// documents, encoded each in a new slice, were 370 MB of allocation on the
// generated 10,000 documents (111 MB of Markdown).
var encodeBuffers = sync.Pool{New: func() any { return new([]byte) }}

// putEncoded spills what encode appends to an empty slice.
func (s *File) putEncoded(encode func([]byte) []byte) Span {
	buf := encodeBuffers.Get().(*[]byte)
	*buf = encode((*buf)[:0])
	sp := s.Put(*buf) // Put copies: the buffer can be used again
	encodeBuffers.Put(buf)
	return sp
}

// GetTexts reads back the texts PutTexts spilled at sp.
func (s *File) GetTexts(sp Span) ([]string, error) {
	data, err := s.Get(sp)
	if err != nil {
		return nil, err
	}
	var texts []string
	for r := (reader{data: data}); len(r.data) > 0; {
		t := r.string()
		if r.bad {
			return nil, fmt.Errorf("spill: temporary file %s: corrupt at %d", s.st.Name(), sp.Offset())
		}
		texts = append(texts, t)
	}
	return texts, nil
}
