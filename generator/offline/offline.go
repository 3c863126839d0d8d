// Package offline makes a built site readable when the network is gone, on
// servers where browsers allow it (http on localhost, https anywhere; never
// file://, where the pages work without it), and spends no byte of the
// reader's that the reader did not ask for.
//
// The build keeps every file's [Sum] (content hash and size) in its output
// tree; from it, [Manifest] and [Finish] (or [Listing.Next], which encodes
// again only the files that changed since the last build) make three more
// files for the site root:
//
//   - manifest.webmanifest, the web app manifest (name, language, start page,
//     icon), every URL in it relative, so it works under any sub-path;
//   - offline.json, the [List] of every file with its size and hash (but
//     the script form of a search pack that has a binary form: a saved copy
//     keeps each search byte once), which
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
	"strings"
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

// Site says what the manifest tells about the site.
type Site struct {
	Title       string // name of the app; required
	Description string
	Lang        string // "vi" or "en"; default "vi"
	Icon        string // root-relative path of the icon, e.g. "assets/favicon.1a2b3c4d.svg"
	ThemeColor  string // CSS color of the browser's title bar; default "#b3261e"
	Background  string // CSS color of the splash screen; default "#ffffff"
}

// VersionOf is the version of a site whose files, names sorted, have the
// given sums (made by [Sum]): a hash of each path with the hash of its content.
func VersionOf(names []string, sums map[string][sha256.Size]byte) string {
	lines := make([]byte, 0, len(names)*96)
	for _, f := range names {
		lines = appendLine(lines, f, sums[f])
	}
	h := sha256.Sum256(lines)
	return hex.EncodeToString(h[:])[:16]
}

// File is a file for the build to write.
type File struct {
	Name string // slash path from the site root
	Data []byte
}

// TwinScript returns the script form of a search pack's binary form
// ("search/d/3.js" for "search/d/3.bin"): a file of the build that the
// list leaves out when it names the binary.
func TwinScript(path string) (string, bool) {
	base, ok := strings.CutSuffix(path, ".bin")
	if !ok || !strings.HasPrefix(path, "search/") {
		return "", false
	}
	return base + ".js", true
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
