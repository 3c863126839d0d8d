// Package output is the last stage of the build: it minifies each file by
// its type (HTML, CSS, JS, JSON, SVG, XML) and writes it into a private
// folder beside the destination, which replaces the destination only when
// the whole build succeeded.
//
// A failed build calls [Writer.Abort] and leaves the old destination exactly
// as it was; a successful one calls [Writer.Commit], which swaps the new
// folder in (atomically where the system can exchange two names) and
// removes the old one, so files that the new build does not produce are gone.
// [Writer.Write] is safe for concurrent use; a writer told to precompress
// ([Writer.Precompress]) writes the .gz and .br copies of each text file
// with it. What a build produces comes as a [Tree], made by a [Maker],
// which minifies each file by its type (HTML, CSS, JS, JSON, SVG, XML); the
// zip of a site ([WriteZip]) and its offline files are made from the tree.
package output

import (
	"errors"
	"fmt"
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

// Writer writes one build.
type Writer struct {
	dest, tmp string
	lock      *os.File // holds the lock on tmp while the build runs
	mu        sync.Mutex
	files     map[string]bool // written paths, lowercased, to catch clashes
	bytes     int64
	copies    map[string]*copyFile // precompressed copies by lowercased path; nil: none made (see Precompress)
	// compressors are the encoders of precompression, one per core (nil
	// until first needed); a write takes one and gives it back.
	compressors chan *compressor
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

// New prepares a build of dest in a new private folder beside it, named
// ".NAME.building-*", which holds the marker file ([MarkerName]) from the
// start and stays locked while this build runs. Such folders left by a build
// that was killed are removed first; those of builds still running are not.
func New(dest string) (*Writer, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	prefix := "." + filepath.Base(dest) + ".building-"
	removeStale(parent, prefix)
	tmp, lock, err := newPrivate(parent, prefix)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	w := &Writer{dest: dest, tmp: tmp, lock: lock, files: map[string]bool{}}
	return w, nil
}

// Dir returns the private folder being written.
func (w *Writer) Dir() string { return w.tmp }

// Bytes returns the number of bytes of the site's files written so far
// (precompressed copies not counted).
func (w *Writer) Bytes() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.bytes
}

// claim records that rel is written, failing when another file already took
// the same path (ignoring case, as FAT and NTFS do), and makes way for it
// should a precompressed copy have taken it.
func (w *Writer) claim(rel string) error {
	key, err := pathKey(rel)
	if err != nil {
		return err
	}
	w.mu.Lock()
	if w.files[key] {
		w.mu.Unlock()
		return fmt.Errorf("output: %s: written twice", rel)
	}
	w.files[key] = true
	w.mu.Unlock()
	return w.yield(key)
}

// pathKey returns the key that two paths of one file share on FAT and NTFS
// (rel lowercased), failing for a path that is not a valid slash path
// inside the site or that is the marker's name.
func pathKey(rel string) (string, error) {
	if !fs.ValidPath(rel) || rel == "." {
		return "", fmt.Errorf("output: invalid path %q", rel)
	}
	key := strings.ToLower(rel)
	if key == MarkerName {
		return "", fmt.Errorf("output: %s: name reserved for the marker of tusach's output folders", rel)
	}
	return key, nil
}

// Write writes data to rel, a slash-separated path inside the site, as
// it is (a [Maker] minifies), and its compressed copies when the writer
// precompresses ([Writer.Precompress]).
func (w *Writer) Write(rel string, data []byte) error {
	if err := w.claim(rel); err != nil {
		return err
	}
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
	return w.writeCopies(rel, data)
}

// Abort removes the private folder; the destination is untouched.
func (w *Writer) Abort() error {
	defer release(w.lock)
	return os.RemoveAll(w.tmp)
}

// Commit puts the new build in place of the destination and removes the old
// one. Concurrent builds of one destination each commit whole, one after
// the other.
func (w *Writer) Commit() error {
	defer release(w.lock)
	for attempt := 1; ; attempt++ {
		old, err := lockDest(w.dest)
		if errors.Is(err, fs.ErrNotExist) {
			err = os.Rename(w.tmp, w.dest)
			if _, serr := os.Lstat(w.dest); err != nil && serr == nil && attempt < maxAttempts {
				continue // a concurrent build committed first: replace its output
			}
			if err != nil {
				return fmt.Errorf("output: %w", err)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("output: replace %s: %w", w.dest, err)
		}
		err = w.replace()
		release(old)
		return err
	}
}

// replace swaps the new build in for the old one, which the caller holds
// locked so that a concurrent build does not take it for a stale folder
// while it is moved aside and removed.
func (w *Writer) replace() error {
	old, err := swapIn(w.tmp, w.dest, exchange, os.Rename)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return os.RemoveAll(old)
}
