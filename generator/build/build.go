// Package build runs the one pipeline that turns a site folder into a
// static site, for `tusach build` and `tusach serve` alike ([Pipeline]).
// It is the only package that knows every stage; each stage is a function
// of the values the one before hands it, with a memo keyed by content:
//
//	stage      code                         value                     memo (warm runs)
//	load       content.Load                 → *content.Source         content.Memo: per file (size, mtime, mode; sum on doubt)
//	markdown   markdown.Render              → *markdown.Result each   per document, while its link and citation look-ups answer the same
//	assemble   site.Assemble | site.Patch   → *site.Site              a body-only edit (site.Patchable) patches the last site
//	render     theme.Render                 → HTML per page           per page, by its fingerprint (theme.Prints)
//	index      search.Build                 → search files            deferred in serve: Pipeline.Index catches up
//	output     output.Maker                 → *output.Tree            per file, by the sum of its bytes before minifying
//	                                           (path → sum, bytes)
//
// The assets, content files, sitemap and feed join the tree after the
// pages; the offline files (manifest, offline.json, sw.js) are made last,
// from the sums of every other file (offline.Listing: a warm run encodes
// again only the entries of the files it changed). A run returns the tree
// and the difference from the last one (Update). `tusach build` runs the
// pipeline cold, every memo off, and streams each file of the tree into
// the private folder of an output.Writer (the tree keeps sums only; with
// Precompress, the writer writes each text file's compressed copies with
// it), zips the tree, its files read back from that folder, and swaps the
// folder in (so that a large site builds in bounded memory, the cold run
// keeps per document only what later stages read, and spills the bulk,
// Markdown, HTML and search text, to a temporary file that each stage
// reads back a document at a time: see cold.go); `tusach serve` runs it
// warm and serves the tree's bytes. Either way the files are the same, byte for
// byte: with its memos on a run gives what it gives with them off.
//
// Every problem with content or templates is collected as a diag.Error and
// reported together; when there is any, nothing is written and the old
// destination (or the last good tree) stays as it was. The destination is
// checked before any work: a build never replaces the sources, the folders
// above them, or a folder it did not write (unless told to with Force);
// see output.CheckDest.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/output"
	"tusach/generator/spill"
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
	// for web servers to send as they are (see output.Writer.Precompress).
	Precompress bool
	// Zip, when set, is a zip file to write of the finished site, its
	// entries under one folder named after the file ("hoc-tap.zip" →
	// "hoc-tap/"), made from the tree; see output.WriteZip.
	Zip string
	// Force replaces a destination that holds files no build wrote (never
	// one that holds the site's sources; see output.CheckDest), and overwrites a
	// zip file path that is not a zip.
	Force bool
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
	// Warnings are problems that did not stop the build (see
	// site.Site.Warnings), for the caller to show.
	Warnings diag.List
}

// Build builds the site at opts.Source into opts.Dest: a cold run of the
// [Pipeline], every memo off, whose files go into the private folder of an
// output.Writer as they are made (with their compressed copies, if asked);
// then the zip of the tree, and the swap. When content or templates are
// wrong it returns an error from which diag.AsList recovers every
// diagnostic, and leaves the destination untouched.
func Build(ctx context.Context, opts Options) (Stats, error) {
	start := time.Now()
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	dest, err := output.CheckDest(opts.Source, opts.Dest, opts.Force)
	if err != nil {
		return Stats{}, fmt.Errorf("build: %w", err)
	}
	if err := output.CheckZip(opts.Source, dest, opts.Zip, opts.Force); err != nil {
		return Stats{}, fmt.Errorf("build: %w", err)
	}
	if opts.BaseURL, err = content.ParseBaseURL(opts.BaseURL); err != nil {
		return Stats{}, fmt.Errorf("build: --base-url: %w", err)
	}
	opts.Dest = dest
	w, err := output.New(opts.Dest)
	if err != nil {
		return Stats{}, err
	}
	if opts.Precompress {
		w.Precompress()
	}
	p := NewPipeline(opts)
	if p.spill, err = spill.New(filepath.Dir(w.Dir()), filepath.Base(opts.Dest)); err != nil {
		w.Abort()
		return Stats{}, err
	}
	defer p.spill.Close()
	p.NoMemo, p.dest = true, w
	st, err := p.cold(ctx, w, opts)
	if err != nil {
		w.Abort()
		return Stats{}, err
	}
	if err := w.Commit(); err != nil {
		return Stats{}, err
	}
	st.Duration = time.Since(start)
	return st, nil
}

// cold runs p into w's private folder, then zips the tree: everything that
// may fail before the destination is replaced.
func (p *Pipeline) cold(ctx context.Context, w *output.Writer, opts Options) (Stats, error) {
	tree, _, err := p.Run(ctx, nil)
	if err != nil {
		return Stats{}, err
	}
	if opts.Zip != "" {
		progress(opts.Progress, "zip", 0, 0)
		top := strings.TrimSuffix(filepath.Base(opts.Zip), filepath.Ext(opts.Zip))
		if err := output.WriteZip(tree, opts.Zip, top); err != nil {
			return Stats{}, fmt.Errorf("build: %w (the output folder was left as it was)", err)
		}
	}
	r := p.last
	return Stats{Documents: len(r.src.Documents), Pages: len(r.site.Pages), Files: len(tree.Names()),
		Bytes: w.Bytes(), Warnings: r.site.Warnings}, nil
}

// forEach calls f(i) for i in [0,n) on all cores and returns when all are
// done; once ctx is done, no more calls start.
func forEach(ctx context.Context, n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n && ctx.Err() == nil; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// ErrContent is returned (wrapped with the diagnostics) when content or
// templates have errors; diag.AsList recovers them.
var ErrContent = errors.New("content or template errors")

// contentErr turns diagnostics into the error a run returns.
func contentErr(errs diag.List) error {
	errs.Sort()
	return fmt.Errorf("%w: %w", ErrContent, errs.Err())
}

func progress(f func(string, int, int), stage string, done, total int) {
	if f != nil {
		f(stage, done, total)
	}
}
