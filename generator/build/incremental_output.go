package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"tusach/generator/content"
	"tusach/generator/offline"
	"tusach/generator/search"
)

// sha is the sum the offline recorder keeps: SHA-256 and size (offline.Sum).
func sha(data []byte) [32]byte { return offline.Sum(data) }

func sortStrings(s []string) { sort.Strings(s) }

// pageBuffer is a reusable buffer for rendering one page.
type pageBuffer struct{ bytes.Buffer }

var pageBuffers = sync.Pool{New: func() any { return new(pageBuffer) }}

// writeFile gives data to sink at rel when its sum differs from old[rel],
// and records the sum in sums (which may be old itself).
func writeFile(sink Sink, sums, old map[string][32]byte, rel string, data []byte, raw bool, up *Update) error {
	sum := sha(data)
	prev, known := old[rel]
	sums[rel] = sum
	if known && prev == sum {
		return nil
	}
	var err error
	if raw {
		err = writeRaw(sink, rel, data)
	} else {
		err = sink.Write(rel, data)
	}
	if err != nil {
		return err
	}
	up.Written = append(up.Written, rel)
	return nil
}

// writeRaw writes without minifying when the sink can.
func writeRaw(sink Sink, rel string, data []byte) error {
	if raw, ok := sink.(interface{ WriteRaw(string, []byte) error }); ok {
		return raw.WriteRaw(rel, data)
	}
	return sink.Write(rel, data)
}

// writeSearch gives the sink the search files that changed, drops the
// search files that are gone from st.sums, and notes the files.
func (st *sessionState) writeSearch(sink Sink, files map[string][]byte, old map[string][32]byte, up *Update) error {
	for name := range st.searchNames {
		if _, ok := files[name]; !ok {
			delete(st.sums, name)
			st.names = nil
		}
	}
	names := make(map[string]bool, len(files))
	for _, name := range sortedKeys(files) { // compact already: not minified
		if _, ok := st.sums[name]; !ok {
			st.names = nil
		}
		if err := writeFile(sink, st.sums, old, name, files[name], true, up); err != nil {
			return err
		}
		names[name] = true
	}
	st.searchNames = names
	return nil
}

// indexSearchDocs maps the URL of each search document to its place.
func (st *sessionState) indexSearchDocs() {
	st.searchIndex = make(map[string]int, len(st.searchDocs))
	for i, d := range st.searchDocs {
		st.searchIndex[d.URL] = i
	}
}

// writeOffline writes the manifest, offline.json and sw.js as
// Generated.writeOffline does, from the sums of every other file.
func (st *sessionState) writeOffline(sink Sink, up *Update) error {
	m, err := offline.Manifest(offlineSite(st.site, st.theme))
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if err := writeFile(sink, st.sums, st.sums, offline.ManifestName, m, false, up); err != nil {
		return err
	}
	if len(st.names) != len(st.sums) { // new names since: list them again
		st.names = make([]string, 0, len(st.sums))
		for name := range st.sums {
			st.names = append(st.names, name)
		}
		sort.Strings(st.names)
	}
	names := st.names
	files := offline.NewList(names, st.sums)
	list, err := files.JSON()
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	prev := st.offlineSums
	st.offlineSums = map[string][32]byte{}
	if err := writeFile(sink, st.offlineSums, prev, offline.ListName, list, false, up); err != nil {
		return err
	}
	return writeFile(sink, st.offlineSums, prev, offline.ServiceWorkerName, offline.ServiceWorker(files), false, up)
}

// stamp tells whether a file changed without reading it.
type stamp struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
}

func (s stamp) valid() bool { return !s.mtime.IsZero() }

// stampOf stats the file rel of the site folder root; zero when it is gone.
func stampOf(root, rel string) stamp {
	info, err := os.Stat(root + "/" + rel)
	if err != nil {
		return stamp{}
	}
	return stamp{size: info.Size(), mtime: info.ModTime(), mode: info.Mode()}
}

// listingFS is a site folder whose Markdown files all read as one word: a
// load through it lists the files with content's own rules (hidden and
// temporary files, symlinks, clashes) without reading any document.
type listingFS struct{ fs.FS }

// ReadFile returns a stand-in for Markdown files and the file otherwise.
func (l listingFS) ReadFile(name string) ([]byte, error) {
	if strings.HasSuffix(strings.ToLower(name), ".md") {
		return []byte("x"), nil
	}
	return fs.ReadFile(l.FS, name)
}

// ReadDir reads the folder from the wrapped file system.
func (l listingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(l.FS, name) }

// Stat stats the file in the wrapped file system.
func (l listingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(l.FS, name) }

// listSite lists the files a build of the site folder root reads: a sum of
// their names (drafts included) and of the listing's errors, and the stamp
// of each file, by path relative to root ("content/a.md",
// "templates/base.html").
func listSite(root string) (string, map[string]stamp) {
	src, errs := content.Load(listingFS{content.OpenSite(root)}, content.Options{Drafts: true, Root: root})
	h := sha256.New()
	stamps := map[string]stamp{}
	if src != nil {
		for _, group := range [][]string{docPaths(src.Sections), docPaths(src.Documents), src.Files} {
			for _, p := range group {
				fmt.Fprintf(h, "%s\n", p)
				stamps["content/"+p] = stampOf(root, "content/"+src.DiskPath(p))
			}
			fmt.Fprintf(h, "\x00")
		}
	}
	for _, e := range errs {
		fmt.Fprintf(h, "%s\n", e.Error())
	}
	fs.WalkDir(os.DirFS(root), "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			stamps[p] = stampOf(root, p)
			fmt.Fprintf(h, "%s\n", p)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), stamps
}

func docPaths(docs []*content.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Path
	}
	return out
}

// OutOfDate compares the site folder with what the last good build read,
// without reading any document: it returns the paths (relative to the site
// folder) of files changed, added or removed since, for an Update — a
// safety net for changes the watcher did not report. It returns nil when
// the build is up to date or there is none yet, and ["content"] when the
// files themselves changed (which Update takes as a reason to run the
// whole pipeline). It reads the folder without holding the Session.
func (s *Session) OutOfDate() []string {
	s.mu.Lock()
	st := s.st
	if st == nil {
		s.mu.Unlock()
		return nil
	}
	listing := st.listing
	known := make(map[string]stamp, len(st.stamps))
	for p, stm := range st.stamps {
		known[p] = stm
	}
	s.mu.Unlock()
	nowListing, now := listSite(s.opts.Source)
	if nowListing != listing {
		return []string{"content"}
	}
	var changed []string
	for p, stm := range now {
		if known[p] != stm {
			changed = append(changed, p)
		}
	}
	sort.Strings(changed)
	return changed
}

// SearchJob builds the search index of one build of a Session, without
// holding it: get one with NewSearchJob, Run it anywhere, then hand it to
// ApplySearch.
type SearchJob struct {
	gen   uint64
	docs  []search.Doc
	lang  string
	files map[string][]byte
}

// NewSearchJob returns a job that builds the search index of the last good
// build, or nil when its search files are up to date.
func (s *Session) NewSearchJob() *SearchJob {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st == nil || s.st.searchGen == s.st.gen {
		return nil
	}
	return &SearchJob{gen: s.st.gen, docs: append([]search.Doc(nil), s.st.searchDocs...), lang: s.st.site.Lang}
}

// Run builds the index; it takes seconds on a large site.
func (j *SearchJob) Run() error {
	files, err := search.Build(j.docs, search.Options{Lang: j.lang})
	if err != nil {
		return fmt.Errorf("build: search index: %w", err)
	}
	j.files = files
	return nil
}

// ApplySearch gives the sink the search files of a job that has run, and
// the offline files that follow from them. It returns false, writing
// nothing, when the site changed since the job was made: make a new one.
func (s *Session) ApplySearch(sink Sink, j *SearchJob) (Update, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	if st == nil || j == nil || j.files == nil || st.gen != j.gen || st.searchGen == st.gen {
		return Update{}, false, nil
	}
	var up Update
	old := make(map[string][32]byte, len(st.searchNames))
	for name := range st.searchNames {
		old[name] = st.sums[name]
	}
	oldNames := st.searchNames
	if err := st.writeSearch(sink, j.files, old, &up); err != nil {
		s.st = nil // half updated: the next Update starts again
		return Update{}, false, err
	}
	for name := range oldNames {
		if !st.searchNames[name] {
			up.Removed = append(up.Removed, name)
		}
	}
	sort.Strings(up.Removed)
	if err := st.writeOffline(sink, &up); err != nil {
		s.st = nil
		return Update{}, false, err
	}
	st.searchGen = st.gen
	return up, true, nil
}
