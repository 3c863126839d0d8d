package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Stamp tells whether a file changed without reading it: its size,
// modification time and mode; zero for a file that is gone.
type Stamp struct {
	Size  int64
	Mtime time.Time
	Mode  fs.FileMode
}

// Valid reports whether the stamp is that of a file (not of one gone).
func (s Stamp) Valid() bool { return !s.Mtime.IsZero() }

// StampOf stats the file rel (slash path) of the site folder root,
// following links; zero when it is gone.
func StampOf(root, rel string) Stamp {
	info, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return Stamp{}
	}
	return Stamp{Size: info.Size(), Mtime: info.ModTime(), Mode: info.Mode()}
}

// Stamps are the stamps of the files of a site folder, by slash path
// relative to it ("content/a.md").
type Stamps map[string]Stamp

// SiteStamps returns the stamp of every file under the content/ and
// templates/ folders of the site folder root, leaving out what Leftover
// names: what a watcher of the site must look at.
func SiteStamps(root string) Stamps {
	out := Stamps{}
	for _, dir := range []string{contentDir, "templates"} {
		filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.Name() != dir && Leftover(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				out[filepath.ToSlash(rel)] = StampOf(root, filepath.ToSlash(rel))
			}
			return nil
		})
	}
	return out
}

// Changed returns the paths of the files whose stamps differ in now
// (changed, added or removed since s), sorted.
func (s Stamps) Changed(now Stamps) []string {
	var changed []string
	for name, st := range now {
		if s[name] != st {
			changed = append(changed, name)
		}
	}
	for name := range s {
		if _, ok := now[name]; !ok {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	return changed
}
