package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"tusach/generator/diag"
	"tusach/generator/viet"
)

// maxDepth bounds folder nesting under content/, so that a symlink loop
// ends even when it cannot be seen (an fs.FS without Options.Root).
const maxDepth = 40

// foundFiles are the files under content/, as content paths in NFC, sorted.
type foundFiles struct {
	markdown []string          // .md files, _index.md included
	other    []string          // every other file
	sizes    map[string]int64  // size of each other file (of its target, for a symlink)
	onDisk   map[string]string // the content path on disk of each path not in NFC there (macOS names)
}

// diskPath returns the content path on disk of the NFC content path p,
// given the paths that differ (foundFiles.onDisk).
func diskPath(onDisk map[string]string, p string) string {
	if d, ok := onDisk[p]; ok {
		return d
	}
	return p
}

// walker lists the files under content/.
type walker struct {
	fsys  fs.FS
	root  string // real path of Options.Root, "" when there is none
	found foundFiles
	seen  map[string]string // NFC content path → content path on disk, of every file listed
	errs  diag.List
}

// findFiles lists the files under content/ of fsys, skipping hidden and
// temporary files. root is Options.Root.
func findFiles(fsys fs.FS, root string) (foundFiles, diag.List) {
	w := &walker{fsys: fsys, seen: map[string]string{}, found: foundFiles{onDisk: map[string]string{}}}
	realContent := ""
	if root != "" {
		realRoot, err := filepath.EvalSymlinks(root)
		if err != nil {
			return foundFiles{}, diag.List{{Path: ".", Msg: "cannot find the site folder", Err: err}}
		}
		w.root = realRoot
		var ok bool
		realContent, _, ok = w.resolve(contentDir, filepath.Join(realRoot, contentDir))
		if !ok {
			return foundFiles{}, w.errs
		}
	}
	w.walk(contentDir, realContent, nil, 0)
	sort.Strings(w.found.markdown)
	sort.Strings(w.found.other)
	return w.found, w.errs
}

// walk lists the folder dir (a path in fsys). realDir is its real path on
// disk when Root is known, else ""; stack holds the real paths of the
// folders that contain it, to catch symlink loops.
func (w *walker) walk(dir, realDir string, stack []string, depth int) {
	if depth > maxDepth {
		w.errs.Add(diag.New(dir, 0, "folders nested more than %d deep (a symlink loop?)", maxDepth))
		return
	}
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		w.errs.Add(&diag.Error{Path: dir, Msg: "cannot read folder", Err: err})
		return
	}
	stack = append(stack, realDir)
	for _, e := range entries {
		name := e.Name()
		if Leftover(name) {
			continue
		}
		p := dir + "/" + name
		isDir := e.IsDir()
		if problem := nameProblem(name); problem != "" {
			field := "file name"
			if isDir {
				field = "folder name"
			}
			w.errs.Add(diag.Field(p, 0, field, "%s", problem))
		}
		realPath := ""
		if realDir != "" {
			realPath = filepath.Join(realDir, name)
		}
		switch {
		case w.isSymlink(e, realPath):
			target, targetIsDir, ok := w.resolve(p, realPath)
			if !ok {
				continue
			}
			if targetIsDir && target != "" && loops(stack, target) {
				w.errs.Add(diag.New(p, 0, "symlink loops back to a folder that contains it"))
				continue
			}
			realPath, isDir = target, targetIsDir
			if !isDir && !targetRegular(w.fsys, p) {
				w.errs.Add(diag.New(p, 0, "symlink to something that is not a regular file or folder"))
				continue
			}
		case !isDir && !e.Type().IsRegular():
			w.errs.Add(diag.New(p, 0, "not a regular file or folder"))
			continue
		}
		if isDir {
			w.walk(p, realPath, stack, depth+1)
			continue
		}
		rel, ok := w.listed(p)
		if !ok {
			continue
		}
		if isMarkdown(name) {
			w.found.markdown = append(w.found.markdown, rel)
		} else {
			w.found.other = append(w.found.other, rel)
			if info, err := fs.Stat(w.fsys, p); err == nil {
				if w.found.sizes == nil {
					w.found.sizes = make(map[string]int64)
				}
				w.found.sizes[rel] = info.Size()
			}
		}
	}
}

// listed records the file p (a path in fsys) and returns its content path
// in NFC, the form links are written in. ok is false, with the error
// recorded, when another file already has that name in another Unicode form.
func (w *walker) listed(p string) (rel string, ok bool) {
	disk := strings.TrimPrefix(p, contentDir+"/")
	rel = viet.NFC(disk)
	if earlier, clash := w.seen[rel]; clash {
		w.errs.Add(diag.New(p, 0, "writes the same output file %q as %s%s",
			OutputPath(rel), contentDir+"/"+earlier, clashReason(OutputPath(earlier), OutputPath(disk))))
		return "", false
	}
	w.seen[rel] = disk
	if rel != disk {
		w.found.onDisk[rel] = disk
	}
	return rel, true
}

// targetRegular reports whether the file p of fsys (a symlink's target) is
// a regular file, FIFOs, devices and sockets being refused.
func targetRegular(fsys fs.FS, p string) bool {
	info, err := fs.Stat(fsys, p)
	return err == nil && info.Mode().IsRegular()
}

// isSymlink reports whether the entry is a symlink, asking the disk when
// the real path is known (an fs.FS need not report symlinks).
func (w *walker) isSymlink(e fs.DirEntry, realPath string) bool {
	if realPath != "" {
		if info, err := os.Lstat(realPath); err == nil {
			return info.Mode()&fs.ModeSymlink != 0
		}
	}
	return e.Type()&fs.ModeSymlink != 0
}

// resolve follows the possible symlink p (a path in fsys; realPath on disk,
// "" when Root is unknown). It returns the real path of the target ("" when
// Root is unknown) and whether it is a folder; ok is false, with the error
// recorded, when the link is broken or leaves the site folder.
func (w *walker) resolve(p, realPath string) (target string, isDir, ok bool) {
	if w.root == "" {
		info, err := fs.Stat(w.fsys, p)
		if err != nil {
			w.errs.Add(&diag.Error{Path: p, Msg: "broken symlink", Err: err})
			return "", false, false
		}
		return "", info.IsDir(), true
	}
	target, err := filepath.EvalSymlinks(realPath)
	if err != nil {
		w.errs.Add(&diag.Error{Path: p, Msg: "broken symlink", Err: err})
		return "", false, false
	}
	if !within(target, w.root) {
		w.errs.Add(diag.New(p, 0, "symlink points outside the site folder"))
		return "", false, false
	}
	info, err := os.Stat(target)
	if err != nil {
		w.errs.Add(&diag.Error{Path: p, Msg: "broken symlink", Err: err})
		return "", false, false
	}
	return target, info.IsDir(), true
}

// loops reports whether following a symlink to the folder target would
// walk again a folder in stack: target is one of them or contains one.
func loops(stack []string, target string) bool {
	for _, dir := range stack {
		if dir != "" && within(dir, target) {
			return true
		}
	}
	return false
}

// within reports whether the real path p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
