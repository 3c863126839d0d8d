package offline

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Sum is the fingerprint of a file's content that the build keeps for the
// offline list: the first 24 bytes of its SHA-256, then its length as a
// big-endian uint64. Equal contents give equal sums, different contents
// different sums (but for a 192-bit collision), and [SizeOf] reads the
// length back, so a build that keeps one sum per file knows both the hash
// and the size the list needs.
func Sum(data []byte) [sha256.Size]byte {
	h := sha256.Sum256(data)
	return withSize(h, int64(len(data)))
}

func withSize(sum [sha256.Size]byte, n int64) [sha256.Size]byte {
	binary.BigEndian.PutUint64(sum[sha256.Size-8:], uint64(n))
	return sum
}

// SizeOf returns the length of the content whose [Sum] is sum.
func SizeOf(sum [sha256.Size]byte) int64 {
	return int64(binary.BigEndian.Uint64(sum[sha256.Size-8:]))
}

// hashDigits is how many hex digits of a file's sum the list carries: 64
// bits, enough to tell two versions of the same path apart.
const hashDigits = 16

// Entry is one file of the list.
type Entry struct {
	Path string // slash path from the site root
	Size int64  // bytes, as given to the build's writer (before minifying: within about 1 % of what is served)
	Hash string // hex digits of the content's SHA-256: a new content, a new hash
}

// List is what offline.json holds: every file of a build but sw.js and
// offline.json itself, sorted by path, and the build's version.
type List struct {
	Version string
	Files   []Entry
}

// NewList returns the list of the files names (sorted) whose sums (made by
// [Sum]) are given; its version is [VersionOf] them.
func NewList(names []string, sums map[string][sha256.Size]byte) List {
	files := make([]Entry, len(names))
	for i, name := range names {
		sum := sums[name]
		files[i] = Entry{Path: name, Size: SizeOf(sum), Hash: hex.EncodeToString(sum[:hashDigits/2])}
	}
	return List{Version: VersionOf(names, sums), Files: files}
}

// Bytes returns the size of every file of the list together.
func (l List) Bytes() int64 {
	var n int64
	for _, f := range l.Files {
		n += f.Size
	}
	return n
}

// listJSON is the form of offline.json that ParseList reads: files as
// [path, size, hash] triples, a third of the size of objects ("bytes", the
// total, is for the worker).
type listJSON struct {
	Version string               `json:"version"`
	Files   [][3]json.RawMessage `json:"files"`
}

// JSON returns offline.json: {"version": V, "bytes": total, "files":
// [[path, size, hash], …]}, compact (numbers as a JSON minifier writes
// them: 18000 as 18e3).
func (l List) JSON() ([]byte, error) {
	b := make([]byte, 0, 64+len(l.Files)*64)
	b = append(appendString(append(b, `{"version":`...), l.Version), `,"bytes":`...)
	b = append(appendNumber(b, l.Bytes()), `,"files":[`...)
	start := len(b)
	for _, f := range l.Files {
		b = appendFile(b, f.Path, f.Size, []byte(f.Hash))
	}
	if len(b) > start {
		b = append(b[:start], b[start+1:]...) // no comma before the first
	}
	return append(b, "]}"...), nil
}

// appendString appends s as encoding/json writes it: as it is, quoted,
// when nothing in it needs escaping (most paths), else through json.Marshal.
func appendString(b []byte, s string) []byte {
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r == 0x2028 || r == 0x2029 || r == utf8.RuneError {
			q, _ := json.Marshal(s) // strings always marshal
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// ParseList reads offline.json, as written by [List.JSON].
func ParseList(data []byte) (List, error) {
	var raw listJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return List{}, fmt.Errorf("offline: %s: %w", ListName, err)
	}
	l := List{Version: raw.Version, Files: make([]Entry, len(raw.Files))}
	for i, t := range raw.Files {
		e := &l.Files[i]
		// The build's JSON minifier writes 18000 as 18e3: any number that
		// is a whole number of bytes will do.
		var size float64
		if json.Unmarshal(t[0], &e.Path) != nil || json.Unmarshal(t[1], &size) != nil ||
			json.Unmarshal(t[2], &e.Hash) != nil || e.Path == "" || e.Hash == "" ||
			size < 0 || size > 1<<53 || size != math.Trunc(size) {
			return List{}, fmt.Errorf("offline: %s: file %d: want [path, size, hash]", ListName, i+1)
		}
		e.Size = int64(size)
	}
	if !sort.SliceIsSorted(l.Files, func(i, j int) bool { return l.Files[i].Path < l.Files[j].Path }) {
		return List{}, fmt.Errorf("offline: %s: files not sorted by path", ListName)
	}
	return l, nil
}

// Changes is what a saved copy of one build does to become a copy of the
// next: the files to download and the paths to remove.
type Changes struct {
	Fetch  []Entry  // new files and files whose content changed, in path order
	Remove []string // paths of the saved copy that the next build no longer has
}

// Bytes returns the size of the files to download.
func (c Changes) Bytes() int64 { return List{Files: c.Fetch}.Bytes() }

// Diff returns the changes from the saved list to next: a file is fetched
// unless the saved copy holds the same path with the same hash. It is the
// rule the service worker follows (serviceworker.js, update()).
func Diff(saved, next List) Changes {
	have := make(map[string]string, len(saved.Files))
	for _, f := range saved.Files {
		have[f.Path] = f.Hash
	}
	var c Changes
	for _, f := range next.Files {
		if have[f.Path] != f.Hash {
			c.Fetch = append(c.Fetch, f)
		}
		delete(have, f.Path)
	}
	for p := range have {
		c.Remove = append(c.Remove, p)
	}
	sort.Strings(c.Remove)
	return c
}

// Shell returns the files of the list the service worker keeps on install:
// everything under assets/ and the shell pages, in the order of the list.
func (l List) Shell() []Entry {
	want := map[string]bool{}
	for _, p := range shellPages {
		want[p] = true
	}
	var out []Entry
	for _, f := range l.Files {
		if strings.HasPrefix(f.Path, "assets/") || want[f.Path] {
			out = append(out, f)
		}
	}
	return out
}

// ServiceWorker returns sw.js for the list: its version, the shell to keep
// on install as [path, hash] pairs, and the number and size of the files
// for the save button to announce. offline.json is fetched only when the
// reader saves the site or to update a saved copy.
func ServiceWorker(l List) []byte {
	shell := make([][2]string, 0, len(l.Files))
	for _, f := range l.Shell() {
		shell = append(shell, [2]string{f.Path, f.Hash})
	}
	return serviceWorker(l.Version, shell, len(l.Files), l.Bytes())
}

func serviceWorker(version string, shell [][2]string, files int, bytes int64) []byte {
	if shell == nil {
		shell = [][2]string{}
	}
	v, _ := json.Marshal(version) // strings always marshal
	s, _ := json.Marshal(shell)
	return []byte(strings.NewReplacer(
		"__VERSION__", string(v), "__SHELL__", string(s),
		"__FILES__", fmt.Sprint(files), "__BYTES__", fmt.Sprint(bytes),
	).Replace(workerSource))
}
