// Package offline makes a built site readable when the network is gone, on
// servers where browsers allow it (http on localhost, https anywhere; never
// file://, where the pages work without it), and spends no byte of the
// reader's that the reader did not ask for.
//
// A [Recorder] sits in front of the build's sink and notes every file the
// build writes, with its [Sum] (content hash and size). [Recorder.Finish]
// then returns three more files for the site root:
//
//   - manifest.webmanifest, the web app manifest (name, language, start page,
//     icon), every URL in it relative, so it works under any sub-path;
//   - offline.json, the [List] of every file with its size and hash, which
//     the service worker loads only when the reader saves the site
//     ("Lưu để đọc ngoại tuyến") or to update a saved copy;
//   - sw.js, the service worker, carrying the version (a hash of the path
//     and content of every other file: the same input gives byte-identical
//     output, any change a new worker), the shell with its hashes, and the
//     number and size of the files, which the save button announces.
//
// The worker keeps the shell on install (the theme's assets, the home,
// search and 404 pages, the manifest), then only what the reader opens or
// searches, as it is fetched: pages network-first, other files cache-first,
// in a cache of this version that the next version drops. Nothing else is
// downloaded until the reader presses the save button, which shows the size
// first. A saved copy is kept by content hash: after a rebuild the new
// worker, while it installs, compares the new list with the saved one
// ([Diff]), downloads only the files whose hash changed and, once it takes
// over, removes the files that are gone. The page side is the theme's
// assets/offline.js.
package offline

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// Names of the files Finish writes, at the site root.
const (
	ServiceWorkerName = "sw.js"
	ManifestName      = "manifest.webmanifest"
	ListName          = "offline.json"
)

// shellPages are precached on install when the build has them, besides
// every file under assets/.
// search/meta.js is not one: every search needs it, but a reader who never
// searches never needs it, and a search caches it when it loads it.
var shellPages = []string{"index.html", "search/index.html", "404.html", ManifestName}

//go:embed serviceworker.js
var workerSource string

// Sink receives the files of a build; it is the method set of build.Sink.
type Sink interface {
	// Write stores data at rel, a slash path.
	Write(rel string, data []byte) error
	// Copy stores the file name of fsys at rel as it is.
	Copy(rel string, fsys fs.FS, name string) error
}

// Site says what the manifest tells about the site.
type Site struct {
	Title       string // name of the app; required
	Description string
	Lang        string // "vi" or "en"; default "vi"
	Icon        string // root-relative path of the icon, e.g. "assets/favicon.1a2b3c4d.svg"
	ThemeColor  string // CSS color of the browser's title bar; default "#b3261e"
	Background  string // CSS color of the splash screen; default "#ffffff"
}

// Recorder passes every file on to the sink it wraps and records its path
// and [Sum] (content hash and size). It is safe for concurrent use.
type Recorder struct {
	next  Sink
	mu    sync.Mutex
	files map[string][sha256.Size]byte
}

// NewRecorder returns a Recorder writing to next.
func NewRecorder(next Sink) *Recorder {
	return &Recorder{next: next, files: map[string][sha256.Size]byte{}}
}

// Write records data at rel and writes it to the wrapped sink.
func (r *Recorder) Write(rel string, data []byte) error {
	if err := r.next.Write(rel, data); err != nil {
		return err
	}
	r.record(rel, Sum(data))
	return nil
}

// WriteRaw records data at rel and writes it to the wrapped sink without
// minifying, when that sink can (else with Write).
func (r *Recorder) WriteRaw(rel string, data []byte) error {
	var err error
	if raw, ok := r.next.(interface{ WriteRaw(string, []byte) error }); ok {
		err = raw.WriteRaw(rel, data)
	} else {
		err = r.next.Write(rel, data)
	}
	if err != nil {
		return err
	}
	r.record(rel, Sum(data))
	return nil
}

// Copy records the file name of fsys at rel and copies it to the wrapped
// sink.
func (r *Recorder) Copy(rel string, fsys fs.FS, name string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("offline: %s: %w", name, err)
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	f.Close()
	if err != nil {
		return fmt.Errorf("offline: %s: %w", name, err)
	}
	if err := r.next.Copy(rel, fsys, name); err != nil {
		return err
	}
	r.record(rel, sumOf(h, n))
	return nil
}

func (r *Recorder) record(rel string, sum [sha256.Size]byte) {
	r.mu.Lock()
	r.files[rel] = sum
	r.mu.Unlock()
}

// Files returns the paths recorded so far, sorted.
func (r *Recorder) Files() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.files))
	for f := range r.files {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Version returns a hash of the paths and contents recorded so far: 16 hex
// digits, the same for the same files whatever the order they came in.
func (r *Recorder) Version() string {
	names := r.Files()
	r.mu.Lock()
	defer r.mu.Unlock()
	return VersionOf(names, r.files)
}

// VersionOf is the version of a site whose files, names sorted, have the
// given sums (made by [Sum]): a hash of each path with the hash of its content. A
// build that keeps its files' sums (the dev server's) computes the version
// without a Recorder.
func VersionOf(names []string, sums map[string][sha256.Size]byte) string {
	h := sha256.New()
	line := make([]byte, 0, 256)
	for _, f := range names {
		sum := sums[f]
		line = append(append(line[:0], f...), 0)
		line = hex.AppendEncode(line, sum[:])
		h.Write(append(line, '\n'))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// File is a file for the build to write.
type File struct {
	Name string // slash path from the site root
	Data []byte
}

// Finish returns the manifest, the file list and the service worker, in
// that order, for the caller to write (through the Recorder or not: it makes
// no difference). The version covers every file recorded before and the
// manifest. Call it once, after every other file of the build.
func (r *Recorder) Finish(s Site) ([]File, error) {
	m, err := Manifest(s)
	if err != nil {
		return nil, err
	}
	r.record(ManifestName, Sum(m))
	names := r.Files()
	r.mu.Lock()
	list := NewList(names, r.files)
	r.mu.Unlock()
	data, err := list.JSON()
	if err != nil {
		return nil, err
	}
	return []File{
		{ManifestName, m},
		{ListName, data},
		{ServiceWorkerName, ServiceWorker(list)},
	}, nil
}

// Manifest returns the web app manifest of the site.
func Manifest(s Site) ([]byte, error) {
	if strings.TrimSpace(s.Title) == "" {
		return nil, fmt.Errorf("offline: %s: the site has no title", ManifestName)
	}
	type icon struct {
		Src   string `json:"src"`
		Sizes string `json:"sizes"`
		Type  string `json:"type,omitempty"`
	}
	m := struct {
		Name        string `json:"name"`
		ShortName   string `json:"short_name"`
		Description string `json:"description,omitempty"`
		Lang        string `json:"lang"`
		Dir         string `json:"dir"`
		StartURL    string `json:"start_url"`
		Scope       string `json:"scope"`
		Display     string `json:"display"`
		Theme       string `json:"theme_color"`
		Background  string `json:"background_color"`
		Icons       []icon `json:"icons,omitempty"`
	}{
		Name: s.Title, ShortName: shortName(s.Title), Description: s.Description,
		Lang: or(s.Lang, "vi"), Dir: "ltr", StartURL: "./index.html", Scope: "./",
		Display: "standalone", Theme: or(s.ThemeColor, "#b3261e"), Background: or(s.Background, "#ffffff"),
	}
	if s.Icon != "" {
		ic := icon{Src: s.Icon, Sizes: "any"}
		if strings.HasSuffix(s.Icon, ".svg") {
			ic.Type = "image/svg+xml"
		}
		m.Icons = []icon{ic}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("offline: %s: %w", ManifestName, err)
	}
	return buf.Bytes(), nil
}

// shortName cuts a title to the 12 characters a home screen shows, at a
// word boundary when it can.
func shortName(title string) string {
	r := []rune(strings.TrimSpace(title))
	if len(r) <= 12 {
		return string(r)
	}
	cut := string(r[:12])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
