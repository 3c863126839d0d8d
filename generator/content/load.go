package content

import (
	"errors"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

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
	// and refused when they point outside Root.
	Root string
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
	case err != nil:
		return nil, diag.List{{Path: contentDir, Msg: "cannot read folder", Err: err}}
	case !info.IsDir():
		return nil, diag.List{diag.New(contentDir, 0, "not a folder")}
	}
	found, errs := findFiles(fsys, opts.Root)
	docs, parseErrs := parseAll(fsys, found.markdown)
	errs = append(errs, parseErrs...)

	src := &Source{Files: found.other, FileSizes: found.sizes}
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
	errs = append(errs, checkOutputPaths(src)...)
	errs.Sort()
	return src, errs
}

// parseAll reads and parses the Markdown files at the given content paths
// in parallel. The documents are in the order of paths (nil for a file that
// could not be read or parsed at all).
func parseAll(fsys fs.FS, paths []string) ([]*Document, diag.List) {
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
				doc, docErrs := parseFile(fsys, paths[i])
				if len(docErrs) > 0 {
					errs.Add(docErrs...)
				}
				docs[i] = doc
			}
		})
	}
	wg.Wait()
	return docs, errs.List()
}

// parseFile reads and parses one Markdown file at a content path.
func parseFile(fsys fs.FS, path string) (*Document, diag.List) {
	file := contentDir + "/" + path
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, diag.List{{Path: file, Msg: "cannot read file", Err: err}}
	}
	return ParseDocument(file, path, data)
}
