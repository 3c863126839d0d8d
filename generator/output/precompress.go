package output

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

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

// Compressible reports whether the file name is of a type that Precompress
// compresses.
func Compressible(name string) bool {
	return compressible[strings.ToLower(path.Ext(name))]
}

// PrecompressStats count what Precompress wrote.
type PrecompressStats struct {
	Files int   // compressed copies written (.gz and .br together)
	Bytes int64 // their total size
}

// Precompress writes name.gz (gzip, best compression) and name.br (brotli)
// beside every compressible file under dir, so that a web server can send
// them as they are (nginx gzip_static and brotli_static). A copy is written
// only when it is smaller than the original, and never over a file that is
// already there (a site's own "x.svg.gz" stays as it is). The output is
// deterministic: gzip headers carry no name and no time.
//
// Call it on the private folder of a [Writer] ([Writer.Dir]) before
// [Writer.Commit], so a failed compression leaves the old site in place.
func Precompress(ctx context.Context, dir string) (PrecompressStats, error) {
	var names []string
	exists := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			exists[p] = true
			if Compressible(p) {
				names = append(names, p)
			}
		}
		return nil
	})
	if err != nil {
		return PrecompressStats{}, fmt.Errorf("output: precompress %s: %w", dir, err)
	}
	sort.Strings(names)

	var (
		mu    sync.Mutex
		st    PrecompressStats
		first error
		wg    sync.WaitGroup
	)
	jobs := make(chan string)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newCompressor()
			for name := range jobs {
				n, size, err := c.compressFile(name, exists)
				mu.Lock()
				st.Files += n
				st.Bytes += size
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	for _, name := range names {
		if ctx.Err() != nil {
			break
		}
		jobs <- name
	}
	close(jobs)
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return st, first
}

// compressor holds one goroutine's reusable encoders and buffers.
type compressor struct {
	gz  *gzip.Writer
	br  *brotli.Writer
	buf bytes.Buffer
}

func newCompressor() *compressor {
	gz, _ := gzip.NewWriterLevel(nil, gzip.BestCompression) // the level is valid
	return &compressor{gz: gz, br: brotli.NewWriterLevel(nil, BrotliQuality)}
}

// compressFile writes the .gz and .br copies of the file p when they are
// smaller and no file of the site has their name. It returns how many it
// wrote and their size.
func (c *compressor) compressFile(p string, exists map[string]bool) (int, int64, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return 0, 0, fmt.Errorf("output: precompress: %w", err)
	}
	n, total := 0, int64(0)
	for _, enc := range []struct {
		ext   string
		write func([]byte) ([]byte, error)
	}{{".gz", c.gzip}, {".br", c.brotli}} {
		if exists[p+enc.ext] {
			continue
		}
		out, err := enc.write(data)
		if err != nil {
			return n, total, fmt.Errorf("output: precompress %s: %w", p, err)
		}
		if len(out) >= len(data) {
			continue
		}
		if err := os.WriteFile(p+enc.ext, out, 0o644); err != nil {
			return n, total, fmt.Errorf("output: precompress: %w", err)
		}
		n++
		total += int64(len(out))
	}
	return n, total, nil
}

// gzip compresses data with no name and no modification time in the header.
func (c *compressor) gzip(data []byte) ([]byte, error) {
	c.buf.Reset()
	c.gz.Reset(&c.buf)
	if _, err := c.gz.Write(data); err != nil {
		return nil, err
	}
	if err := c.gz.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(c.buf.Bytes()), nil
}

// brotli compresses data at BrotliQuality.
func (c *compressor) brotli(data []byte) ([]byte, error) {
	c.buf.Reset()
	c.br.Reset(&c.buf)
	if _, err := c.br.Write(data); err != nil {
		return nil, err
	}
	if err := c.br.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(c.buf.Bytes()), nil
}
