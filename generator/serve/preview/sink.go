package preview

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"tusach/generator/output"
)

// MemorySink receives the files of one build in memory. Write, WriteRaw and
// Copy treat files exactly as output.Writer's do (same minifier, same
// checks), so that the files equal those of `tusach build`. It implements
// build.Sink and is safe for concurrent use.
type MemorySink struct {
	min   *minify.M
	mu    sync.Mutex
	files map[string][]byte
	taken map[string]string // lowercased path → path, to catch clashes
}

// NewMemorySink returns an empty sink that minifies with m (built once with
// output.NewMinifier and shared between builds); nil m stores files as given.
func NewMemorySink(m *minify.M) *MemorySink {
	return &MemorySink{min: m, files: map[string][]byte{}, taken: map[string]string{}}
}

// Write stores data at rel, minified by its media type. It keeps its own
// copy: callers may reuse data.
func (s *MemorySink) Write(rel string, data []byte) error {
	if mt := output.MediaType(rel); mt != "" && s.min != nil {
		var buf bytes.Buffer
		buf.Grow(len(data))
		if err := s.min.Minify(mt, &buf, bytes.NewReader(data)); err != nil {
			return fmt.Errorf("preview: minify %s: %w", rel, err)
		}
		return s.put(rel, buf.Bytes())
	}
	return s.put(rel, bytes.Clone(data))
}

// WriteRaw stores data at rel as it is, like the output writer's WriteRaw
// (used for files that are already minified, such as the search index).
func (s *MemorySink) WriteRaw(rel string, data []byte) error {
	return s.put(rel, bytes.Clone(data))
}

// Copy stores the file name of fsys at rel as it is.
func (s *MemorySink) Copy(rel string, fsys fs.FS, name string) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("preview: copy %s: %w", name, err)
	}
	return s.put(rel, data)
}

// Files returns what was stored, by slash path. The sink must not be used
// afterwards, and the map must not be changed: it becomes a snapshot.
func (s *MemorySink) Files() map[string][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files
}

func (s *MemorySink) put(rel string, data []byte) error {
	if !fs.ValidPath(rel) || rel == "." {
		return fmt.Errorf("preview: invalid path %q", rel)
	}
	key := strings.ToLower(rel)
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.taken[key]; ok {
		return fmt.Errorf("preview: %s: written twice (as %s)", rel, prev)
	}
	s.taken[key] = rel
	s.files[rel] = data
	return nil
}
