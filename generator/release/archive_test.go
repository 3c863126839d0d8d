package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// commitTime stands for the commit time `make release` passes as -time.
var commitTime = time.Date(2026, time.March, 4, 5, 6, 7, 0, time.UTC)

// writeInputs writes a fake program and README into dir and returns their
// entries, the program first.
func writeInputs(t *testing.T, dir, program string) []entry {
	t.Helper()
	prog := filepath.Join(dir, program)
	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(prog, bytes.Repeat([]byte("\x7fELF program bytes "), 500), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(readme, []byte("# tusach\n\nHướng dẫn cài đặt.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return []entry{{Name: program, Mode: 0o755, Src: prog}, {Name: "README.md", Mode: 0o644, Src: readme}}
}

// archiveBytes writes entries with write and returns the bytes.
func archiveBytes(t *testing.T, write func(io.Writer, []entry, time.Time) error, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, entries, commitTime); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestArchivesReproducible writes each kind of archive twice from the same
// files, the second time listed in another order, with other times on disk:
// the bytes must be equal. A changed README must change them.
func TestArchivesReproducible(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(io.Writer, []entry, time.Time) error
	}{{"zip", writeZip}, {"tar.gz", writeTarGz}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			entries := writeInputs(t, dir, "tusach")
			first := archiveBytes(t, tc.write, entries)

			later := time.Now().Add(time.Hour)
			for _, e := range entries {
				if err := os.Chtimes(e.Src, later, later); err != nil {
					t.Fatal(err)
				}
			}
			reversed := []entry{entries[1], entries[0]}
			if second := archiveBytes(t, tc.write, reversed); !bytes.Equal(first, second) {
				t.Fatalf("second archive differs: %d bytes, then %d", len(first), len(second))
			}

			if err := os.WriteFile(entries[1].Src, []byte("# tusach\n\nđã sửa\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if changed := archiveBytes(t, tc.write, entries); bytes.Equal(first, changed) {
				t.Fatal("a changed README gives the same archive")
			}
		})
	}
}

func TestZipEntries(t *testing.T) {
	entries := writeInputs(t, t.TempDir(), "tusach.exe")
	data := archiveBytes(t, writeZip, entries)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		mode fs.FileMode
		src  string
	}{{"README.md", 0o644, entries[1].Src}, {"tusach.exe", 0o755, entries[0].Src}}
	if len(zr.File) != len(want) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(want))
	}
	for i, f := range zr.File {
		w := want[i]
		if f.Name != w.name || f.Mode() != w.mode || !f.Modified.Equal(commitTime) || f.Method != zip.Deflate {
			t.Errorf("entry %d: %s %v %v method %d, want %s %v %v deflate",
				i, f.Name, f.Mode(), f.Modified, f.Method, w.name, w.mode, commitTime)
		}
		assertSameContent(t, f.Name, mustOpenZip(t, f), w.src)
	}
}

func TestTarGzEntries(t *testing.T) {
	entries := writeInputs(t, t.TempDir(), "tusach")
	data := archiveBytes(t, writeTarGz, entries)
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header names %q at %v, want no name and no time", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	want := []struct {
		name string
		mode int64
		src  string
	}{{"README.md", 0o644, entries[1].Src}, {"tusach", 0o755, entries[0].Src}}
	for i, w := range want {
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if h.Name != w.name || h.Mode != w.mode || !h.ModTime.Equal(commitTime) ||
			h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" || h.Typeflag != tar.TypeReg {
			t.Errorf("entry %d: %+v, want %s mode %o at %v, owner 0", i, h, w.name, w.mode, commitTime)
		}
		assertSameContent(t, h.Name, tr, w.src)
	}
	if h, err := tr.Next(); err != io.EOF {
		t.Errorf("after the last entry: %v, %v; want EOF", h, err)
	}
}

func TestDuplicateNames(t *testing.T) {
	entries := writeInputs(t, t.TempDir(), "README.md")
	for _, write := range []func(io.Writer, []entry, time.Time) error{writeZip, writeTarGz} {
		if err := write(io.Discard, entries, commitTime); err == nil || !strings.Contains(err.Error(), "twice") {
			t.Errorf("two entries named README.md: %v, want an error saying twice", err)
		}
	}
}

func mustOpenZip(t *testing.T, f *zip.File) io.Reader {
	t.Helper()
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// assertSameContent checks that r holds the bytes of the file src.
func assertSameContent(t *testing.T, name string, r io.Reader, src string) {
	t.Helper()
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: %d bytes, want the %d of %s", name, len(got), len(want), src)
	}
}

// TestRun packs two platforms from a fake build folder and checks the
// archive names and that SHA256SUMS holds each archive's sum.
func TestRun(t *testing.T) {
	bin, out := t.TempDir(), t.TempDir()
	for _, p := range []string{"windows_amd64/tusach.exe", "darwin_arm64/tusach"} {
		writeFile(t, filepath.Join(bin, p), "program for "+p)
	}
	readme := filepath.Join(t.TempDir(), "README.md")
	writeFile(t, readme, "# tusach\n")
	var stdout bytes.Buffer
	err := run([]string{"-version", "v1.2.0", "-time", "1767225600", "-bin", bin, "-out", out,
		"-doc", readme, "windows/amd64", "darwin/arm64"}, &stdout)
	if err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, name := range []string{"tusach_v1.2.0_darwin_arm64.tar.gz", "tusach_v1.2.0_windows_amd64.zip"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		want.WriteString(hex.EncodeToString(sum[:]) + "  " + name + "\n")
	}
	if string(sums) != want.String() {
		t.Errorf("SHA256SUMS:\n%s\nwant:\n%s", sums, want.String())
	}
	if !strings.Contains(stdout.String(), "tusach_v1.2.0_windows_amd64.zip") {
		t.Errorf("stdout does not name the zip:\n%s", stdout.String())
	}
}

func TestRunRejects(t *testing.T) {
	bin := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"linux/amd64"}, "-version"},
		{[]string{"-version", "v1"}, "no platform"},
		{[]string{"-version", "v1", "linux"}, "want os/arch"},
		{[]string{"-version", "v1", "-bin", bin, "-out", t.TempDir(), "linux/amd64"}, "no such file"},
	} {
		err := run(tc.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run %q: %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}

func writeFile(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
