package main

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// entry is one file of an archive: its name inside the archive, its mode
// (0o755 for the program, 0o644 for documents) and the file on disk it is
// read from. Nothing else about the file on disk (time, owner) is kept.
type entry struct {
	Name string
	Mode fs.FileMode
	Src  string
}

// sortEntries orders entries by name, so that the archive does not depend
// on the order the caller listed them in; two entries with one name are an
// error.
func sortEntries(entries []entry) ([]entry, error) {
	sorted := append([]entry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Name == sorted[i-1].Name {
			return nil, fmt.Errorf("%s: twice in one archive", sorted[i].Name)
		}
	}
	return sorted, nil
}

// writeZip writes entries as a zip to w: sorted, every entry with the time
// mtime (in UTC), its mode, and compressed at the best level.
func writeZip(w io.Writer, entries []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	sorted, err := sortEntries(entries)
	if err != nil {
		return err
	}
	for _, e := range sorted {
		h := &zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: mtime.UTC()}
		h.SetMode(e.Mode)
		dst, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("zip %s: %w", e.Name, err)
		}
		if err := copyFile(dst, e.Src); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeTarGz writes entries as a gzip-compressed tar to w: sorted, every
// entry with the time mtime, its mode, owner and group 0 without names; the
// gzip header carries no file name and no time.
func writeTarGz(w io.Writer, entries []entry, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	sorted, err := sortEntries(entries)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, e := range sorted {
		info, err := os.Stat(e.Src)
		if err != nil {
			return err
		}
		h := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     e.Name,
			Mode:     int64(e.Mode.Perm()),
			Size:     info.Size(),
			ModTime:  mtime.UTC(),
			Format:   tar.FormatUSTAR,
		}
		if err := tw.WriteHeader(h); err != nil {
			return fmt.Errorf("tar %s: %w", e.Name, err)
		}
		if err := copyFile(tw, e.Src); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// copyFile copies the file src to w.
func copyFile(w io.Writer, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := io.Copy(w, f); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	return nil
}

// writeFileAtomic writes the file path with write, through a temporary
// file beside it, so that a failure leaves no half-written archive.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// writeSums writes the SHA-256 of each file, in the format `sha256sum -c`
// reads: "<hex>  <base name>", one a line, sorted by name.
func writeSums(w io.Writer, files []string) error {
	sorted := append([]string(nil), files...)
	sort.Strings(sorted)
	for _, p := range sorted {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if _, err := fmt.Fprintf(w, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), filepath.Base(p)); err != nil {
			return err
		}
	}
	return nil
}
