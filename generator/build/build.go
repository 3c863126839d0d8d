// Package build runs the pipeline that turns a site folder into a static
// site. It is the only package that knows every stage, and each stage hands
// plain values to the next:
//
//	load content       content.Load      → *content.Source
//	render Markdown    markdown.Render   → *markdown.Result per document
//	assemble the site  site.Assemble     → *site.Site (sections, taxonomies, links)
//	render templates   theme.Render      → HTML per page
//	index for search   search.Build      → index files
//	minify and write   output.Writer     → the destination, swapped in at the end
//
// Every problem with content or templates is collected as a diag.Error and
// reported together; when there is any, nothing is written and the old
// destination stays as it was.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/markdown"
	"tusach/generator/output"
	"tusach/generator/site"
	"tusach/generator/theme"
)

// Options say what to build and where.
type Options struct {
	Source   string // the site folder, holding content/ and maybe templates/
	Dest     string // output folder; default Source/public
	Theme    fs.FS  // the default theme (the embedded templates/ folder)
	Drafts   bool   // include documents with draft: true
	BaseURL  string // overrides the base_url site setting
	NoMinify bool
	// Precompress writes x.gz and x.br beside every compressible file x,
	// for web servers to send as they are (see output.Precompress).
	Precompress bool
	// Zip, when set, is a zip file to write of the finished site, its
	// entries under one folder named after the file ("hoc-tap.zip" →
	// "hoc-tap/"); see output.WriteZip.
	Zip string
	// Progress, when set, is called as stages start and as pages are
	// written (done of total); it must be quick.
	Progress func(stage string, done, total int)
}

// Stats summarize a build.
type Stats struct {
	Documents int           // Markdown documents read (sections excluded)
	Pages     int           // HTML pages written
	Files     int           // every file written, pages included
	Bytes     int64         // bytes written
	Duration  time.Duration // wall time of the build
}

// ErrContent is returned (wrapped with the diagnostics) when content or
// templates have errors; diag.AsList recovers them.
var ErrContent = errors.New("content or template errors")

// Build builds the site at opts.Source into opts.Dest. When content or
// templates are wrong it returns an error from which diag.AsList recovers
// every diagnostic, and leaves the destination untouched.
func Build(ctx context.Context, opts Options) (Stats, error) {
	start := time.Now()
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	if err := checkDest(opts.Source, opts.Dest); err != nil {
		return Stats{}, err
	}
	if err := checkZip(opts.Dest, opts.Zip); err != nil {
		return Stats{}, err
	}
	g, err := Generate(ctx, opts)
	if err != nil {
		return Stats{}, err
	}
	w, err := newOutput(opts)
	if err != nil {
		return Stats{}, err
	}
	if err := g.Write(ctx, w, opts.Progress); err != nil {
		w.Abort()
		return Stats{}, err
	}
	if opts.Precompress {
		progress(opts.Progress, "precompress", 0, 0)
		if _, err := output.Precompress(ctx, w.Dir()); err != nil {
			w.Abort()
			return Stats{}, fmt.Errorf("build: %w", err)
		}
	}
	if err := w.Commit(); err != nil {
		return Stats{}, err
	}
	st := g.Stats()
	st.Bytes = w.Bytes()
	if opts.Zip != "" {
		progress(opts.Progress, "zip", 0, 0)
		top := strings.TrimSuffix(filepath.Base(opts.Zip), filepath.Ext(opts.Zip))
		if err := output.WriteZip(opts.Dest, opts.Zip, top); err != nil {
			return st, fmt.Errorf("build: %w", err)
		}
	}
	st.Duration = time.Since(start)
	return st, nil
}

// checkZip refuses a zip file inside the output folder, which the build
// replaces, or one without a name to make its top-level folder from.
func checkZip(dest, zip string) error {
	if zip == "" {
		return nil
	}
	d, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	z, err := filepath.Abs(zip)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if z == d || strings.HasPrefix(z, d+string(filepath.Separator)) {
		return fmt.Errorf("build: zip file %s is inside the output folder %s", zip, dest)
	}
	if strings.TrimSuffix(filepath.Base(z), filepath.Ext(z)) == "" {
		return fmt.Errorf("build: zip file %s: want a name such as hoc-tap.zip", zip)
	}
	return nil
}

// checkDest refuses destinations whose replacement would destroy the source.
func checkDest(source, dest string) error {
	s, err := filepath.Abs(source)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	d, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if d == s || strings.HasPrefix(s+string(filepath.Separator), d+string(filepath.Separator)) {
		return fmt.Errorf("build: destination %s would replace the site folder %s", dest, source)
	}
	for _, name := range []string{"content", ".git", "go.mod"} {
		if _, err := os.Stat(filepath.Join(d, name)); err == nil {
			return fmt.Errorf("build: destination %s holds %s: refusing to replace it", dest, name)
		}
	}
	return nil
}

// forEach calls f(i) for i in [0,n) on all cores and returns when all are done.
func forEach(ctx context.Context, n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var next int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				mu.Lock()
				i := int(next)
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// themeFS layers the site's own templates/ over the default theme.
func themeFS(source string, def fs.FS) fs.FS {
	dir := filepath.Join(source, "templates")
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return theme.Overlay(os.DirFS(dir), def)
	}
	return def
}

var (
	_ = content.Load
	_ = markdown.New
	_ = site.Assemble
	_ diag.List
)
