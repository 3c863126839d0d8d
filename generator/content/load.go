package content

import (
	"errors"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tusach/generator/diag"
)

// contentDir is the folder of the site folder that holds the content.
const contentDir = "content"

// Options control what Load reads.
type Options struct {
	// Drafts includes documents with draft: true.
	Drafts bool
	// Root is the real folder behind the fs.FS given to Load, "" for an
	// in-memory FS. When set, symlinks under content/ are resolved on disk
	// and refused, with a clear message, when they point outside Root. The
	// fs.FS should then be OpenSite(Root), so that no read can leave Root
	// even when a file is swapped for a symlink after that check.
	Root string
	// Memo, when set, keeps parsed documents between loads (see [Memo]).
	Memo *Memo
	// Stamps, when set with a Memo, are the files' stamps (SiteStamps of
	// Root) taken at StampedAt, before this load: the memo trusts them
	// instead of asking each file its stamp again. A file they lack is
	// asked.
	Stamps    Stamps
	StampedAt time.Time
	// Keep, when set, is handed each document as soon as it is parsed, on
	// the goroutines that load (several at once). It may take the Body
	// away to keep it elsewhere (Load reads no body after): a large site's
	// Markdown need not all be in memory at once. Not with a Memo, whose
	// documents the next load shares.
	Keep func(*Document)
}

// Load reads a site folder: fsys is the site folder (containing content/
// and maybe templates/). It returns every problem at once, sorted. The
// Source is nil only when content/ cannot be read; otherwise it holds every
// document found, those that could not be parsed as placeholders titled by
// their path, so that later stages can report their own errors too. A
// Source that came with errors must not be published.
func Load(fsys fs.FS, opts Options) (*Source, diag.List) {
	info, err := fs.Stat(fsys, contentDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, diag.List{diag.New(contentDir, 0, "no such folder")}
	case err != nil && opts.Root != "":
		// A link out of the site folder fails inside OpenSite's root;
		// resolving it on disk says so plainly.
		if _, errs := findFiles(fsys, opts.Root); len(errs) > 0 && errs[0].Path == contentDir {
			return nil, errs[:1]
		}
		return nil, diag.List{{Path: contentDir, Msg: "cannot read folder", Err: err}}
	case err != nil:
		return nil, diag.List{{Path: contentDir, Msg: "cannot read folder", Err: err}}
	case !info.IsDir():
		return nil, diag.List{diag.New(contentDir, 0, "not a folder")}
	}
	found, errs := findFiles(fsys, opts.Root)
	docs, parseErrs := parseAll(fsys, found, opts)
	if opts.Memo != nil {
		names := make([]string, len(found.markdown))
		for i, p := range found.markdown {
			names[i] = contentDir + "/" + diskPath(found.onDisk, p)
		}
		opts.Memo.keep(names)
	}
	errs = append(errs, parseErrs...)

	src := &Source{Files: found.other, FileSizes: found.sizes, onDisk: found.onDisk}
	var root *Document
	for i, d := range docs {
		if d == nil {
			// Unreadable; its error is in the list. A placeholder keeps
			// links to it from being reported as broken as well.
			p := found.markdown[i]
			d = &Document{Path: p, File: contentDir + "/" + p, Meta: Meta{Title: p}, BodyLine: 1}
		}
		isSection := isSectionIndex(d.Path)
		if isSection && strings.EqualFold(d.Path, sectionIndexName) {
			root = d
		} else if d.Meta.Draft && !opts.Drafts {
			continue
		}
		if isSection {
			src.Sections = append(src.Sections, d)
		} else {
			src.Documents = append(src.Documents, d)
		}
	}
	settings, settingsErrs := ParseSettings(root)
	src.Settings = settings
	errs = append(errs, settingsErrs...)
	files, err := newFilesFS(fsys, found, settings.UnsafeHTML)
	if err != nil {
		return nil, diag.List{{Path: contentDir, Msg: "cannot read folder", Err: err}}
	}
	src.FS = files
	errs = append(errs, files.checkAll(found.other)...)
	errs = append(errs, checkOutputPaths(src)...)
	errs.Sort()
	return src, errs
}

// parseAll reads and parses the Markdown files found, in parallel, handing
// each document to opts.Keep (when not nil). The documents are in the order of
// found.markdown (nil for a file that could not be read or parsed at all).
func parseAll(fsys fs.FS, found foundFiles, opts Options) ([]*Document, diag.List) {
	paths := found.markdown
	docs := make([]*Document, len(paths))
	var errs diag.Collector
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(paths))
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				doc, docErrs := parseFile(fsys, paths[i], diskPath(found.onDisk, paths[i]), opts)
				if len(docErrs) > 0 {
					errs.Add(docErrs...)
				}
				if doc != nil && opts.Keep != nil {
					opts.Keep(doc)
				}
				docs[i] = doc
			}
		})
	}
	wg.Wait()
	return docs, errs.List()
}

// parseFile reads and parses one Markdown file at a content path (in NFC),
// whose content path on disk is disk, through opts.Memo when it is not nil.
func parseFile(fsys fs.FS, path, disk string, opts Options) (*Document, diag.List) {
	file := contentDir + "/" + path
	parse := func(data []byte) (*Document, diag.List) { return ParseDocument(file, path, data) }
	if opts.Memo != nil {
		name := contentDir + "/" + disk
		doc, errs, err := opts.Memo.parse(fsys, name, opts.stampOf(name), parse)
		if err != nil {
			return nil, diag.List{{Path: file, Msg: "cannot read file", Err: err}}
		}
		return doc, errs
	}
	data, err := fs.ReadFile(fsys, contentDir+"/"+disk)
	if err != nil {
		return nil, diag.List{{Path: file, Msg: "cannot read file", Err: err}}
	}
	return parse(data)
}
