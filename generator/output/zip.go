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

// WriteZip writes the site in the folder dir as the zip file zipPath, every
// entry under the top-level folder top (say "hoc-tap/"), so that unzipping
// it anywhere gives one folder holding the site. Entries are sorted, with
// fixed times and modes, and compressed at the best level: the same site
// always gives the same bytes. Precompressed copies that [Precompress] wrote
// (x.html.gz, x.html.br beside x.html) are left out: a reader opening the
// site from disk does not need them; so is the marker file ([MarkerName]).
//
// The zip is written to a temporary file beside zipPath and renamed into
// place, so a failure leaves no partial zip. zipPath must not be inside dir.
func WriteZip(dir, zipPath, top string) error {
	top = strings.Trim(path.Clean("/"+filepath.ToSlash(top)), "/")
	if top == "" || strings.Contains(top, "/") {
		return fmt.Errorf("output: zip %s: top-level folder %q must be one plain name", zipPath, top)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("output: zip: %w", err)
	}
	absZip, err := filepath.Abs(zipPath)
	if err != nil {
		return fmt.Errorf("output: zip: %w", err)
	}
	if strings.HasPrefix(absZip, absDir+string(filepath.Separator)) {
		return fmt.Errorf("output: zip %s: inside the site folder %s", zipPath, dir)
	}
	entries, err := zipEntries(absDir)
	if err != nil {
		return fmt.Errorf("output: zip %s: %w", zipPath, err)
	}
	if err := os.MkdirAll(filepath.Dir(absZip), 0o755); err != nil {
		return fmt.Errorf("output: zip %s: %w", zipPath, err)
	}
	f, err := os.CreateTemp(filepath.Dir(absZip), "."+filepath.Base(absZip)+".*")
	if err != nil {
		return fmt.Errorf("output: zip %s: %w", zipPath, err)
	}
	tmp := f.Name()
	err = writeZipEntries(f, absDir, top, entries)
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

// zipEntries lists the folders and files under dir, sorted by path, leaving
// out precompressed copies and the output folder's marker file.
func zipEntries(dir string) ([]zipEntry, error) {
	files := map[string]bool{}
	var all []zipEntry
	err := walkRel(dir, func(rel string, d fs.DirEntry) error {
		switch {
		case rel == MarkerName: // not part of the site
		case d.IsDir():
			all = append(all, zipEntry{rel: rel, dir: true})
		case d.Type().IsRegular():
			files[rel] = true
			all = append(all, zipEntry{rel: rel})
		default:
			return fmt.Errorf("%s: not a regular file", rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, e := range all {
		if !e.dir && isPrecompressedCopy(e.rel, files) {
			continue
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, nil
}

// isPrecompressedCopy reports whether rel is x.gz or x.br beside a
// compressible file x.
func isPrecompressedCopy(rel string, files map[string]bool) bool {
	for _, ext := range []string{".gz", ".br"} {
		if orig, ok := strings.CutSuffix(rel, ext); ok && files[orig] && Compressible(orig) {
			return true
		}
	}
	return false
}

// writeZipEntries writes the zip of entries to w.
func writeZipEntries(w io.Writer, dir, top string, entries []zipEntry) error {
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
		if err := addZipFile(zw, name, filepath.Join(dir, filepath.FromSlash(e.rel))); err != nil {
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

func addZipFile(zw *zip.Writer, name, src string) error {
	f, err := os.Open(src)
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
		return fmt.Errorf("%s: %w", src, err)
	}
	return nil
}
