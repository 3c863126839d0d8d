package output

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/andybalholm/brotli"
)

// BrotliQuality is the brotli quality of precompressed files: 11, the
// densest, costs several times the time of 9 for about 1% smaller files,
// and precompression runs on every build.
const BrotliQuality = 9

// compressible lists the extensions (lowercase) of the files that get a
// precompressed copy: text formats a web server would compress on the fly.
var compressible = map[string]bool{
	".html": true, ".htm": true, ".css": true, ".js": true, ".mjs": true,
	".json": true, ".svg": true, ".xml": true, ".webmanifest": true,
	".txt": true, ".map": true,
}

// Compressible reports whether the file name is of a type that a
// precompressing [Writer] writes compressed copies of.
func Compressible(name string) bool {
	return compressible[strings.ToLower(path.Ext(name))]
}

// Precompress makes the writer write, with every compressible file x it
// writes from then on, x.gz (gzip, best compression) and x.br (brotli)
// beside it, so that a web server can send them as they are (nginx
// gzip_static and brotli_static). They are made from the bytes in hand, on
// the goroutine that writes x. A copy is written only when it is smaller
// than x, and a file of the site by the same name wins over it, whichever
// comes first (a site's own "x.svg.gz" stays as it is). The output is
// deterministic: gzip headers carry no name and no time. Call it before
// the first Write.
//
// A brotli encoder at [BrotliQuality] holds some 32 MB once it has
// compressed a file, and making one costs that much zeroed memory: the
// writer keeps one per core (GOMAXPROCS) for every file, and a write that
// finds them all busy waits for one.
func (w *Writer) Precompress() {
	w.copies = map[string]*copyFile{}
	w.compressors = make(chan *compressor, runtime.GOMAXPROCS(0))
	for range cap(w.compressors) {
		w.compressors <- nil // made when first needed
	}
}

// copyFile is a precompressed copy written, or being written, under the
// writer's key of its path.
type copyFile struct {
	rel  string
	done chan struct{} // closed once the copy is on disk (or failed)
}

// yield makes way for a file of the site at the path key, which a
// precompressed copy may have taken: it waits for that copy to be written,
// then removes it. Writes call it once they have claimed key.
func (w *Writer) yield(key string) error {
	w.mu.Lock()
	c := w.copies[key]
	delete(w.copies, key)
	w.mu.Unlock()
	if c == nil {
		return nil
	}
	<-c.done
	err := os.Remove(filepath.Join(w.tmp, filepath.FromSlash(c.rel)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: %s: %w", c.rel, err)
	}
	return nil
}

// writeCopies writes the compressed copies of rel, whose bytes are data,
// when the writer precompresses and rel is compressible.
func (w *Writer) writeCopies(rel string, data []byte) error {
	if w.copies == nil || !Compressible(rel) {
		return nil
	}
	c := <-w.compressors
	if c == nil {
		c = newCompressor()
	}
	defer func() { w.compressors <- c }()
	for _, enc := range []struct {
		ext   string
		write func([]byte) ([]byte, error)
	}{{".gz", c.gzip}, {".br", c.brotli}} {
		name := rel + enc.ext
		key, err := pathKey(name)
		if err != nil || w.taken(key) { // a name the writer refuses (the marker's) gets no copy
			continue
		}
		out, err := enc.write(data)
		if err != nil {
			return fmt.Errorf("output: precompress %s: %w", rel, err)
		}
		if len(out) >= len(data) {
			continue
		}
		done := make(chan struct{})
		w.mu.Lock()
		if w.files[key] { // the site's own file came meanwhile
			w.mu.Unlock()
			continue
		}
		w.copies[key] = &copyFile{rel: name, done: done}
		w.mu.Unlock()
		err = os.WriteFile(filepath.Join(w.tmp, filepath.FromSlash(name)), out, 0o644)
		close(done)
		if err != nil {
			return fmt.Errorf("output: precompress %s: %w", rel, err)
		}
	}
	return nil
}

// taken reports whether a file of the site was written at the path key.
func (w *Writer) taken(key string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.files[key]
}

// compressor holds reusable encoders and a buffer.
type compressor struct {
	gz  *gzip.Writer
	br  *brotli.Writer
	buf bytes.Buffer
}

func newCompressor() *compressor {
	gz, _ := gzip.NewWriterLevel(nil, gzip.BestCompression) // the level is valid
	return &compressor{gz: gz, br: brotli.NewWriterLevel(nil, BrotliQuality)}
}

// gzip compresses data with no name and no modification time in the
// header. The bytes returned are c's until it compresses again.
func (c *compressor) gzip(data []byte) ([]byte, error) {
	c.buf.Reset()
	c.gz.Reset(&c.buf)
	if _, err := c.gz.Write(data); err != nil {
		return nil, err
	}
	if err := c.gz.Close(); err != nil {
		return nil, err
	}
	return c.buf.Bytes(), nil
}

// brotli compresses data at BrotliQuality. The bytes returned are c's
// until it compresses again.
func (c *compressor) brotli(data []byte) ([]byte, error) {
	c.buf.Reset()
	c.br.Reset(&c.buf)
	if _, err := c.br.Write(data); err != nil {
		return nil, err
	}
	if err := c.br.Close(); err != nil {
		return nil, err
	}
	return c.buf.Bytes(), nil
}
