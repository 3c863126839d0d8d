package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"tusach/generator/offline"
)

// MarkerName is the file every build writes at the root of its output, so
// that the next build knows the folder is one it may replace. It is not part
// of the site: it is in no zip and in no offline file list.
const MarkerName = ".tusach-site"

// markerText is the marker's content, for whoever opens it.
const markerText = "This folder is a site written by `tusach build`.\n" +
	"The next build replaces it whole: keep nothing else in it.\n"

// maxForeign is how many foreign names Foreign reports.
const maxForeign = 3

// Foreign returns the names (slash paths, at most a few) of what the folder
// dest holds that a build of tusach did not write, or nil when a build may
// replace it: dest is missing, empty, or the output of an earlier build.
//
// An earlier build is recognised by its marker file ([MarkerName]); an
// output written before builds wrote markers is recognised by its offline
// file list (offline.json, which names every file of the site) when every
// file in the folder is named there, is the list itself or sw.js, or is a
// precompressed copy (x.gz, x.br) of one of them.
func Foreign(dest string) ([]string, error) {
	st, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("output: %s: not a folder", filepath.ToSlash(dest))
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if len(entries) == 0 {
		return nil, nil
	}
	if m, err := os.Lstat(filepath.Join(dest, MarkerName)); err == nil && m.Mode().IsRegular() {
		return nil, nil
	}
	known, err := listedFiles(dest)
	if err != nil {
		return nil, err
	}
	return unlisted(dest, known)
}

// listedFiles reads the offline file list of an earlier build in dir (in
// the format of offline.ParseList, or the plain list of names of builds
// before it): the files it names, and the list and the service worker themselves. It
// returns nil when there is no list.
func listedFiles(dir string) (map[string]bool, error) {
	data, err := os.ReadFile(filepath.Join(dir, offline.ListName))
	if err != nil {
		return nil, nil
	}
	known := map[string]bool{offline.ListName: true, offline.ServiceWorkerName: true}
	if list, err := offline.ParseList(data); err == nil {
		for _, f := range list.Files {
			known[f.Path] = true
			if s, ok := offline.TwinScript(f.Path); ok {
				known[s] = true // written beside its binary, left out of the list
			}
		}
		return known, nil
	}
	// The list of builds before offline.List had sizes and hashes.
	var old struct {
		Files []string `json:"files"`
	}
	if json.Unmarshal(data, &old) != nil {
		return nil, nil
	}
	for _, f := range old.Files {
		known[f] = true
	}
	return known, nil
}

// unlisted returns up to maxForeign paths under dir that known does not
// name (every top-level entry when known is nil).
func unlisted(dir string, known map[string]bool) ([]string, error) {
	var out []string
	err := walkRel(dir, func(rel string, d fs.DirEntry) error {
		switch {
		case known == nil:
			out = append(out, rel)
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.IsDir():
			return nil
		case !d.Type().IsRegular() || !isListed(rel, known):
			out = append(out, rel)
		}
		if len(out) >= maxForeign {
			return fs.SkipAll
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	sort.Strings(out)
	return out, nil
}

// walkRel calls fn for every file and folder under dir (dir itself
// excepted) with its slash path relative to dir.
func walkRel(dir string, fn func(rel string, d fs.DirEntry) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		return fn(filepath.ToSlash(rel), d)
	})
}

// isListed reports whether rel, or the file it is a precompressed copy of,
// is known.
func isListed(rel string, known map[string]bool) bool {
	if known[rel] {
		return true
	}
	for _, ext := range []string{".gz", ".br"} {
		if orig, ok := strings.CutSuffix(rel, ext); ok && known[orig] {
			return true
		}
	}
	return false
}
