package theme

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
)

// ForSite returns the theme of the site folder source: its own templates/
// folder layered over the default theme def. own reports whether the site
// has templates of its own (any .html file), which may read anything of
// any page: no page fingerprint then says what they show (see [Prints]).
func ForSite(source string, def fs.FS) (fsys fs.FS, own bool) {
	dir := filepath.Join(source, "templates")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return def, false
	}
	fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		own = own || (err == nil && !d.IsDir() && path.Ext(p) == ".html")
		return nil
	})
	return Overlay(os.DirFS(dir), def), own
}

// Overlay returns a file system that layers the given ones file by file:
// a file is read from the first layer that has it, and a directory lists
// the union of its entries in every layer. It is how a site's own
// templates/ folder overrides single files of the default theme.
func Overlay(layers ...fs.FS) fs.FS {
	return overlayFS(append([]fs.FS(nil), layers...))
}

type overlayFS []fs.FS

// Open opens name from the first layer holding it as a file; a directory
// is opened as the merge of that directory in every layer.
func (o overlayFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	for _, layer := range o {
		st, err := fs.Stat(layer, name)
		if err != nil {
			continue
		}
		if !st.IsDir() {
			return layer.Open(name)
		}
		entries, err := o.ReadDir(name)
		if err != nil {
			return nil, err
		}
		return &overlayDir{info: st, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadFile reads name from the first layer holding it.
func (o overlayFS) ReadFile(name string) ([]byte, error) {
	f, err := o.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// ReadDir lists the union of the directory's entries over every layer,
// sorted by name; for a name present in several layers the first wins.
func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, layer := range o {
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// overlayDir is an open merged directory.
type overlayDir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	offset  int
}

func (d *overlayDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *overlayDir) Close() error               { return nil }
func (d *overlayDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}

// ReadDir implements fs.ReadDirFile.
func (d *overlayDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if n <= 0 {
		d.offset = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	d.offset += n
	return rest[:n], nil
}
