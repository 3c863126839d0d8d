package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// CheckDest refuses, before any work is done, a destination whose
// replacement would destroy what tusach did not write: the site's content/
// or templates/ folder (the destination being one of them, inside one or
// holding one), the site folder, the current folder, the home folder, the
// root of the file system or any folder holding one of these, a repository
// or a folder inside its .git, and, unless force is set, a folder holding
// files that no build wrote (see [Foreign]). Symbolic links are
// followed. It returns the destination with its links resolved: the folder
// the build replaces.
func CheckDest(source, dest string, force bool) (string, error) {
	d, err := resolve(dest)
	if err != nil {
		return "", fmt.Errorf("--dest %s: %w", filepath.ToSlash(dest), err)
	}
	refuse := func(format string, args ...any) error {
		return fmt.Errorf("--dest %s: %s; refusing to replace it", filepath.ToSlash(dest), fmt.Sprintf(format, args...))
	}
	s, err := resolve(source)
	if err != nil {
		return "", fmt.Errorf("--source %s: %w", filepath.ToSlash(source), err)
	}
	if filepath.Dir(d) == d {
		return "", refuse("it is the root of the file system")
	}
	protected := []struct{ path, what string }{
		{filepath.Join(s, "content"), "the site's content/ folder"},
		{filepath.Join(s, "templates"), "the site's templates/ folder"},
	}
	for _, p := range protected {
		if r, err := resolve(p.path); err == nil && within(d, r) {
			return "", refuse("it is %s or inside it", p.what)
		}
	}
	protected = append([]struct{ path, what string }{{s, "the site folder"}}, protected...)
	if cwd, err := os.Getwd(); err == nil {
		protected = append(protected, struct{ path, what string }{cwd, "the current folder"})
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		protected = append(protected, struct{ path, what string }{home, "the home folder"})
	}
	for _, p := range protected {
		r, err := resolve(p.path)
		if err != nil || !within(r, d) {
			continue
		}
		if within(d, r) {
			return "", refuse("it is %s", p.what)
		}
		return "", refuse("it holds %s", p.what)
	}
	for _, name := range []string{".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(d, name)); err == nil {
			return "", refuse("it holds %s", name)
		}
	}
	for _, part := range strings.Split(filepath.ToSlash(d), "/") {
		if part == ".git" {
			return "", refuse("it is inside a .git folder")
		}
	}
	foreign, err := Foreign(d)
	if err != nil {
		return "", fmt.Errorf("--dest %s: %w", filepath.ToSlash(dest), err)
	}
	if len(foreign) > 0 && !force {
		return "", fmt.Errorf("--dest %s holds files that tusach did not write (%s); refusing to replace it: "+
			"choose a new or empty folder, or pass --force to replace it and everything in it with the site",
			filepath.ToSlash(dest), strings.Join(foreign, ", "))
	}
	return d, nil
}

// CheckZip refuses a zip file inside the output folder, which the build
// replaces, inside the site's content/ or templates/ folder, which the next
// build would read, one without a name to make its top-level folder from,
// and, unless force is set, an existing file that is not a zip.
func CheckZip(source, dest, zip string, force bool) error {
	if zip == "" {
		return nil
	}
	show := filepath.ToSlash(zip)
	z, err := resolve(zip)
	if err != nil {
		return fmt.Errorf("--zip %s: %w", show, err)
	}
	if within(z, dest) {
		return fmt.Errorf("--zip %s is inside the output folder %s", show, filepath.ToSlash(dest))
	}
	for _, name := range []string{"content", "templates"} {
		if p, err := resolve(filepath.Join(source, name)); err == nil && within(z, p) {
			return fmt.Errorf("--zip %s is inside the site's %s/ folder, which the next build would read", show, name)
		}
	}
	if strings.TrimSuffix(filepath.Base(z), filepath.Ext(z)) == "" {
		return fmt.Errorf("--zip %s: want a name such as hoc-tap.zip", show)
	}
	if st, err := os.Lstat(z); err == nil && (!st.Mode().IsRegular() || (!force && !isZip(z))) {
		return fmt.Errorf("--zip %s exists and is not a zip file; refusing to overwrite it "+
			"(choose another name, or pass --force)", show)
	}
	return nil
}

// isZip reports whether the file at p starts as a zip file does (or is empty).
func isZip(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	return n == 0 || bytes.Equal(head[:n], []byte("PK\x03\x04")) || bytes.Equal(head[:n], []byte("PK\x05\x06"))
}

// resolve returns p made absolute, with symbolic links resolved in the
// longest leading part of it that exists.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether the resolved path child is parent or inside it, by
// name or, where names differ only in case or by another link, on disk.
func within(child, parent string) bool {
	if rel, err := filepath.Rel(parent, child); err == nil && rel != ".." &&
		!strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
		return true
	}
	pi, err := os.Stat(parent)
	if err != nil {
		return false
	}
	for c := child; ; c = filepath.Dir(c) {
		if ci, err := os.Stat(c); err == nil && os.SameFile(ci, pi) {
			return true
		}
		if filepath.Dir(c) == c {
			return false
		}
	}
}
