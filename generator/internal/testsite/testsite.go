// Package testsite holds what the tests of several packages share, one copy
// of each: a site folder written from a map and read back, the repository's
// default theme and sample site, the shared real corpus, and [Requires], the
// one gate for tests that need what `make test-short` runs without.
//
// `make test-short` (go test -short) promises no browser, no nginx and no
// corpus. A test that needs one of them calls [Requires] (browsertest.New,
// firefox.New and [Corpus] do it for their callers): under -short the test
// is skipped; otherwise it runs, and fails, saying what to install, when the
// browser, nginx or corpus is missing. Nothing skips silently in `make test`.
package testsite

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"tusach/generator/corpus"
	"tusach/generator/output"
)

// Patience is how long a test waits for an outcome (a page to show a
// result, a server to listen, an event to arrive) before it reports the
// outcome missing. It is a guard against hangs, not a speed requirement:
// generous, so that a machine busy with other work passes, while only a
// broken program ever waits that long. Speed is measured by benchmarks.
const Patience = 2 * time.Minute

// Requires marks t as needing what (a browser, nginx, the shared corpus),
// which -short runs without: under -short it skips t; otherwise it returns
// and the caller fails t when what is missing.
func Requires(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("needs %s: skipped in -short mode", what)
	}
}

// Corpus returns the folder of the shared real corpus ($TUSACH_CORPUS, else
// ../shared/corpus above the working folder). Under -short it skips t;
// otherwise a missing corpus fails t.
func Corpus(t testing.TB) string {
	t.Helper()
	Requires(t, "the shared corpus")
	dir, err := corpus.Dir()
	if err != nil {
		t.Fatalf("the shared corpus is required: %v (put it at ../shared/corpus next to the repository or set TUSACH_CORPUS)", err)
	}
	return dir
}

// Write writes files (slash paths → contents) into a new temporary folder
// and returns it.
func Write(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	WriteInto(t, dir, files)
	return dir
}

// WriteInto writes files (slash paths → contents) into the folder dir,
// which may exist, creating folders as needed; an existing file fails t.
func WriteInto(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
}

// Read returns every file under dir by slash path, but the output folder's
// marker (output.MarkerName), which is no part of a site.
func Read(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == filepath.Join(dir, output.MarkerName) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Root returns the repository's folder, absolute: the nearest folder above
// the working folder (a package's, when tests run) whose go.mod declares the
// module tusach.
func Root(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && isTusach(data) {
			return dir
		}
		if filepath.Dir(dir) == dir {
			t.Fatalf("the repository (go.mod of module tusach) not found above %s", wd)
		}
	}
}

// isTusach reports whether a go.mod declares the module tusach.
func isTusach(gomod []byte) bool {
	var mod string
	_, err := fmt.Sscanf(string(gomod), "module %s", &mod)
	return err == nil && mod == "tusach"
}

// ThemeDir returns the repository's templates/ folder, absolute: the
// default theme, which main.go embeds.
func ThemeDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(Root(t), "templates")
	if _, err := os.Stat(filepath.Join(dir, "base.html")); err != nil {
		t.Fatalf("default theme not found: %v", err)
	}
	return dir
}

// DefaultTheme returns the default theme as a file system (see [ThemeDir]).
func DefaultTheme(t testing.TB) fs.FS {
	t.Helper()
	return os.DirFS(ThemeDir(t))
}
