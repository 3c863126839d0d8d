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
	"slices"
	"testing"
	"time"

	"tusach/generator/corpus"
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
// creating it and the folders between as needed and replacing files that
// exist.
func WriteInto(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Sample copies the repository's sample site (its content/ folder: the
// editor's manual, with a study path, numbered documents and an image) into
// a new temporary site folder and returns the folder.
func Sample(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS(filepath.Join(Root(t), "content"))); err != nil {
		t.Fatal(err)
	}
	return root
}

// Read returns every file under dir by slash path, but the ones whose
// slash path is in skip (such as the output folder's marker,
// output.MarkerName, which is no part of a site).
func Read(t testing.TB, dir string, skip ...string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || slices.Contains(skip, filepath.ToSlash(rel)) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// startDir is the working folder when the test binary started: the folder
// of the package under test, whatever folder a test changes to later.
var startDir, startErr = os.Getwd()

// Root returns the repository's folder, absolute: the nearest folder above
// the package under test whose go.mod declares the module tusach.
func Root(t testing.TB) string {
	t.Helper()
	wd, err := startDir, startErr
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
