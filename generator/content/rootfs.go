package content

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// errNotRegular is the cause given when a name is a FIFO, a device or a
// socket rather than a file or a folder: reading one could block forever or
// publish what is not the site's.
var errNotRegular = errors.New("not a regular file or folder")

// siteFS is a site folder opened as an os.Root: every read resolves names,
// symlinks included, within the folder, in the same system call that opens
// the file, so a symlink swapped in after the walk checked it cannot make a
// read leave the folder. Files are opened without blocking and anything but
// a regular file or a folder is refused on the opened handle.
type siteFS struct {
	root *os.Root
	err  error // why the folder could not be opened; every operation fails with it
}

// OpenSite returns the site folder dir as an fs.FS for [Load] whose reads
// never leave dir and never block on a FIFO or a device (see siteFS). It
// never fails: when dir cannot be opened, every operation of the result
// fails with the reason, which Load reports. The folder stays open until the
// result is garbage-collected.
func OpenSite(dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	return &siteFS{root: root, err: err}
}

// Open opens a regular file or a folder.
func (s *siteFS) Open(name string) (fs.File, error) {
	f, _, err := s.open("open", name)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// open opens name for reading without following a symlink out of the root
// and without blocking, and checks what the handle is: a regular file or a
// folder. It stats the name first so that a device is not even opened
// unless it was swapped in meanwhile.
func (s *siteFS) open(op, name string) (*os.File, fs.FileInfo, error) {
	if s.err != nil {
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: s.err}
	}
	if !fs.ValidPath(name) {
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if info, err := s.root.Stat(name); err != nil {
		return nil, nil, err
	} else if !isFileOrFolder(info) {
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: errNotRegular}
	}
	f, err := s.root.OpenFile(name, os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil && !isFileOrFolder(info) {
		err = &fs.PathError{Op: op, Path: name, Err: errNotRegular}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// isFileOrFolder reports whether info is a regular file's or a folder's.
func isFileOrFolder(info fs.FileInfo) bool {
	return info.Mode().IsRegular() || info.IsDir()
}

// ReadFile reads a whole regular file.
func (s *siteFS) ReadFile(name string) ([]byte, error) {
	f, info, err := s.open("read", name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder")}
	}
	return io.ReadAll(f)
}

// ReadDir lists a folder, sorted by name.
func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f, _, err := s.open("readdir", name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// Stat describes name, following symlinks that stay within the root.
func (s *siteFS) Stat(name string) (fs.FileInfo, error) {
	if s.err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: s.err}
	}
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return s.root.Stat(name)
}
