// Package output is the last stage of the build: it minifies each file by
// its type (HTML, CSS, JS, JSON, SVG, XML) and writes it into a private
// folder beside the destination, which replaces the destination only when
// the whole build succeeded.
//
// A failed build calls [Writer.Abort] and leaves the old destination exactly
// as it was; a successful one calls [Writer.Commit], which swaps the new
// folder in (atomically where the system can exchange two names) and
// removes the old one, so files that the new build does not produce are gone.
// [Writer.Write] and [Writer.Copy] are safe for concurrent use.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Options control a Writer.
type Options struct {
	// NoMinify writes files as they are.
	NoMinify bool
}

// Writer writes one build.
type Writer struct {
	dest, tmp string
	min       *minify.M
	bufs      sync.Pool
	mu        sync.Mutex
	files     map[string]bool // written paths, lowercased, to catch clashes
	bytes     int64
}

// NewMinifier returns the minifier used for site files, keyed by media type.
func NewMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.Add("application/javascript", &js.Minifier{})
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// MediaType returns the media type a file is minified as, or "" when it is
// copied as it is.
func MediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js":
		return "application/javascript"
	case ".json", ".webmanifest":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	}
	return ""
}

// New prepares a build of dest in a new folder beside it.
func New(dest string, opts Options) (*Writer, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".building-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	w := &Writer{dest: dest, tmp: tmp, files: map[string]bool{}}
	if !opts.NoMinify {
		w.min = NewMinifier()
	}
	w.bufs.New = func() any { return new(bytes.Buffer) }
	return w, nil
}

// Dir returns the private folder being written.
func (w *Writer) Dir() string { return w.tmp }

// Bytes returns the number of bytes written so far.
func (w *Writer) Bytes() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.bytes
}

// claim records that rel is written, failing when another file already took
// the same path (ignoring case, as FAT and NTFS do).
func (w *Writer) claim(rel string) error {
	if !fs.ValidPath(rel) || rel == "." {
		return fmt.Errorf("output: invalid path %q", rel)
	}
	key := strings.ToLower(rel)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.files[key] {
		return fmt.Errorf("output: %s: written twice", rel)
	}
	w.files[key] = true
	return nil
}

// Write minifies data by the type its name says and writes it to rel, a
// slash-separated path inside the site.
func (w *Writer) Write(rel string, data []byte) error {
	if err := w.claim(rel); err != nil {
		return err
	}
	if mt := MediaType(rel); mt != "" && w.min != nil {
		buf := w.bufs.Get().(*bytes.Buffer)
		defer w.bufs.Put(buf)
		buf.Reset()
		if err := w.min.Minify(mt, buf, bytes.NewReader(data)); err != nil {
			return fmt.Errorf("output: minify %s: %w", rel, err)
		}
		data = buf.Bytes()
	}
	return w.put(rel, data)
}

// WriteRaw writes data to rel without minifying it.
func (w *Writer) WriteRaw(rel string, data []byte) error {
	if err := w.claim(rel); err != nil {
		return err
	}
	return w.put(rel, data)
}

func (w *Writer) put(rel string, data []byte) error {
	p := filepath.Join(w.tmp, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	w.mu.Lock()
	w.bytes += int64(len(data))
	w.mu.Unlock()
	return nil
}

// Copy copies the file name of fsys to rel as it is.
func (w *Writer) Copy(rel string, fsys fs.FS, name string) error {
	if err := w.claim(rel); err != nil {
		return err
	}
	src, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer src.Close()
	p := filepath.Join(w.tmp, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	dst, err := os.OpenFile(p, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	n, err := io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("output: copy %s: %w", name, err)
	}
	w.mu.Lock()
	w.bytes += n
	w.mu.Unlock()
	return nil
}

// Abort removes the private folder; the destination is untouched.
func (w *Writer) Abort() error {
	return os.RemoveAll(w.tmp)
}

// Commit puts the new build in place of the destination and removes the old
// one.
func (w *Writer) Commit() error {
	if _, err := os.Lstat(w.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(w.tmp, w.dest); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		return nil
	}
	old, err := swapIn(w.tmp, w.dest, exchange, os.Rename)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return os.RemoveAll(old)
}
