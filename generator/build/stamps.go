package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"tusach/generator/content"
)

// stamp tells whether a file changed without reading it.
type stamp struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
}

func (s stamp) valid() bool { return !s.mtime.IsZero() }

// stampOf stats the file rel of the site folder root (following links);
// zero when it is gone.
func stampOf(root, rel string) stamp {
	info, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return stamp{}
	}
	return stamp{size: info.Size(), mtime: info.ModTime(), mode: info.Mode()}
}

// siteStamps returns the stamp of every file under the content/ and
// templates/ folders of the site folder root, by slash path relative to
// root ("content/a.md"), leaving out what content.Leftover names.
func siteStamps(root string) map[string]stamp {
	out := map[string]stamp{}
	for _, dir := range []string{"content", "templates"} {
		filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			if d.Name() != dir && content.Leftover(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				out[filepath.ToSlash(rel)] = stampOf(root, filepath.ToSlash(rel))
			}
			return nil
		})
	}
	return out
}

// OutOfDate compares the site folder with what the last good run read,
// without reading any file: it returns the paths (relative to the site
// folder) of files changed, added or removed since, for a Run — a safety
// net for changes the watcher did not report; nil when the run is up to
// date or there is none yet. It walks the folder without holding the
// pipeline (it compares holding it: a body edit updates the stamps in place).
func (p *Pipeline) OutOfDate() []string {
	p.mu.Lock()
	none := p.last == nil
	p.mu.Unlock()
	if none {
		return nil
	}
	now := siteStamps(p.opts.Source)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last == nil {
		return nil
	}
	known := p.last.stamps
	var changed []string
	for name, st := range now {
		if known[name] != st {
			changed = append(changed, name)
		}
	}
	for name := range known {
		if _, ok := now[name]; !ok {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	return changed
}
