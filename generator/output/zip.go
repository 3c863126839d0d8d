package output

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ZipTime is the modification time of every entry of a zip written by
// [WriteZip]: fixed, so that the same site gives the same bytes.
var ZipTime = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// storedExts are already compressed: they go into a zip as they are.
var storedExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".zip": true, ".gz": true, ".br": true, ".7z": true, ".rar": true, ".xz": true,
	".pdf": true, ".docx": true, ".xlsx": true, ".pptx": true, ".odt": true, ".ods": true,
	".mp3": true, ".mp4": true, ".webm": true, ".ogg": true, ".woff": true, ".woff2": true,
}

// WriteZip writes the files of t as the zip file zipPath, every entry
// under the top-level folder top (say "hoc-tap/"), so that unzipping it
// anywhere gives one folder holding the site. The entries are the tree's
// files and the folders holding them, sorted, with fixed times and modes,
// compressed at the best level: the same site always gives the same bytes.
// Each file's bytes are the tree's, or the file written to its folder
// ([Tree.Open]); nothing else in that folder is zipped: not the
// precompressed copies (a reader opening the site from disk does not need
// them), not the marker file ([MarkerName]).
//
// The zip is written to a temporary file beside zipPath and renamed into
// place, so a failure leaves no partial zip. zipPath must not be inside
// the tree's folder.
func WriteZip(t *Tree, zipPath, top string) error {
	top = strings.Trim(path.Clean("/"+filepath.ToSlash(top)), "/")
	if top == "" || strings.Contains(top, "/") {
		return fmt.Errorf("output: zip %s: top-level folder %q must be one plain name", zipPath, top)
	}
	absZip, err := filepath.Abs(zipPath)
	if err != nil {
		return fmt.Errorf("output: zip: %w", err)
	}
	if t.dir != "" {
		absDir, err := filepath.Abs(t.dir)
		if err != nil {
			return fmt.Errorf("output: zip: %w", err)
		}
		if strings.HasPrefix(absZip, absDir+string(filepath.Separator)) {
			return fmt.Errorf("output: zip %s: inside the site folder %s", zipPath, t.dir)
		}
	}
	if err := os.MkdirAll(filepath.Dir(absZip), 0o755); err != nil {
		return fmt.Errorf("output: zip %s: %w", zipPath, err)
	}
	f, err := os.CreateTemp(filepath.Dir(absZip), "."+filepath.Base(absZip)+".*")
	if err != nil {
		return fmt.Errorf("output: zip %s: %w", zipPath, err)
	}
	tmp := f.Name()
	err = writeZipEntries(f, t, top, zipEntries(t.Names()))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, absZip)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("output: zip %s: %w", zipPath, err)
	}
	return nil
}

// zipEntry is one file or folder of the site, by slash path.
type zipEntry struct {
	rel string
	dir bool
}

// zipEntries lists the files names and the folders holding them, sorted by
// path (a folder by its path without the final slash, as a walk of the
// folder lists it).
func zipEntries(names []string) []zipEntry {
	dirs := map[string]bool{}
	out := make([]zipEntry, 0, len(names))
	for _, name := range names {
		out = append(out, zipEntry{rel: name})
		for d := path.Dir(name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
			out = append(out, zipEntry{rel: d, dir: true})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out
}

// writeZipEntries writes the zip of entries of t to w.
func writeZipEntries(w io.Writer, t *Tree, top string, entries []zipEntry) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	if err := addZipDir(zw, top+"/"); err != nil {
		return err
	}
	for _, e := range entries {
		name := top + "/" + e.rel
		if e.dir {
			if err := addZipDir(zw, name+"/"); err != nil {
				return err
			}
			continue
		}
		if err := addZipFile(zw, name, t, e.rel); err != nil {
			return err
		}
	}
	return zw.Close()
}

func addZipDir(zw *zip.Writer, name string) error {
	h := &zip.FileHeader{Name: name, Method: zip.Store, Modified: ZipTime}
	h.SetMode(fs.ModeDir | 0o755)
	_, err := zw.CreateHeader(h)
	return err
}

// addZipFile adds the file rel of t as the entry name.
func addZipFile(zw *zip.Writer, name string, t *Tree, rel string) error {
	f, err := t.Open(rel)
	if err != nil {
		return err
	}
	defer f.Close()
	method := zip.Deflate
	if storedExts[strings.ToLower(path.Ext(name))] {
		method = zip.Store
	}
	h := &zip.FileHeader{Name: name, Method: method, Modified: ZipTime}
	h.SetMode(0o644)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, f); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	return nil
}
