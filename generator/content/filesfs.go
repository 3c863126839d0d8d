package content

import (
	"errors"
	"io/fs"

	"tusach/generator/diag"
)

// filesFS is Source.FS: the other files of a loaded site (Source.Files),
// opened by their content paths. It opens only those files, by their names
// on disk, only when they are regular files, and, unless the site allows
// unsafe HTML, only when they cannot run a program (checkPassive), checking
// the very bytes it then gives, so that a file swapped after the load is
// checked again.
type filesFS struct {
	content fs.FS             // the content/ folder
	listed  map[string]bool   // Source.Files
	onDisk  map[string]string // content path on disk of the paths not in NFC there
	check   bool              // refuse active files
}

// newFilesFS returns the FS of the files found under content/ of site.
func newFilesFS(site fs.FS, found foundFiles, unsafeHTML bool) (*filesFS, error) {
	content, err := fs.Sub(site, contentDir)
	if err != nil {
		return nil, err
	}
	listed := make(map[string]bool, len(found.other))
	for _, f := range found.other {
		listed[f] = true
	}
	return &filesFS{content: content, listed: listed, onDisk: found.onDisk, check: !unsafeHTML}, nil
}

// Open opens one of the listed files.
func (f *filesFS) Open(name string) (fs.File, error) {
	if !f.listed[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	file, err := f.content.Open(diskPath(f.onDisk, name))
	if err != nil {
		return nil, err
	}
	info, err := file.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = errNotRegular
	}
	if err != nil {
		file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if !f.check {
		return file, nil
	}
	checked, err := checkPassive(name, file)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return checked, nil
}

// checkAll opens every listed file as a copy would and reports those that
// cannot be published: not regular, unreadable or active.
func (f *filesFS) checkAll(files []string) diag.List {
	var errs diag.List
	for _, name := range files {
		file, err := f.Open(name)
		if err == nil {
			file.Close()
			continue
		}
		p := contentDir + "/" + name
		var active *activeFileError
		if errors.As(err, &active) {
			errs.Add(diag.New(p, active.Line, "%s", active.Msg))
			continue
		}
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err
		}
		errs.Add(&diag.Error{Path: p, Msg: "cannot read file", Err: err})
	}
	return errs
}
