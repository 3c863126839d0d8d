package offline

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tdewolff/minify/v2"
)

// Listing is what [Finish] made of one build, kept so that the offline
// files of the next build, which differs in a few files, are made without
// encoding every other entry again ([Listing.Next]): on a site of 10,000
// documents that is most of the time a one-page edit takes to rebuild.
// A Listing never changes once made; the zero Listing (or nil) lists nothing.
type Listing struct {
	names  []string // the files of the build, sorted
	twin   []bool   // by index in names: a search pack's script, not listed (see twinScripts)
	sizes  []int64  // by index in names; 0 for a twin
	total  int64
	listed int // files in offline.json
	// files holds offline.json's entries, each with a comma before it;
	// lines the lines VersionOf hashes. The entry (line) of names[i] is
	// files[fileAt[i]:fileAt[i+1]] (lines[lineAt[i]:lineAt[i+1]]).
	files, lines   []byte
	fileAt, lineAt []int
}

// Finish returns the file list and the service worker, in that order,
// for a build whose every other file (the manifest included) has the given
// sums ([Sum]), names sorted; offline.json and sw.js themselves, if named,
// are left out.
func Finish(names []string, sums map[string][sha256.Size]byte) ([]File, error) {
	_, files := (*Listing)(nil).Next(names, func(name string) [sha256.Size]byte { return sums[name] }, nil)
	return files, nil
}

// Next returns what [Finish] returns for a build whose files (names
// sorted) have the sums sum returns, with the Listing of it, for the build
// after.
// changed names the files that may differ from those l listed (added,
// removed or with another content); nil for any. Only those are encoded
// again, unless they add or remove a file.
func (l *Listing) Next(names []string, sum func(name string) [sha256.Size]byte, changed []string) (*Listing, []File) {
	names = slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == ListName || n == ServiceWorkerName })
	at, ok := l.indexes(names, changed)
	if !ok {
		return newListing(names, sum).finish(sum)
	}
	n := &Listing{names: names, twin: l.twin, sizes: slices.Clone(l.sizes), total: l.total, listed: l.listed}
	n.files, n.fileAt = splice(l.files, l.fileAt, at, func(b []byte, i int) []byte {
		if n.twin[i] {
			return b
		}
		return appendEntry(b, names[i], sum(names[i]))
	})
	n.lines, n.lineAt = splice(l.lines, l.lineAt, at, func(b []byte, i int) []byte { return appendLine(b, names[i], sum(names[i])) })
	for _, i := range at {
		if n.twin[i] {
			continue
		}
		size := SizeOf(sum(names[i]))
		n.total += size - n.sizes[i]
		n.sizes[i] = size
	}
	return n.finish(sum)
}

// indexes returns the indexes in names of the changed files that l can
// take in place: ok is false when l must be made again (no l, changes
// unknown, or a file added or removed).
func (l *Listing) indexes(names []string, changed []string) (at []int, ok bool) {
	if l == nil || changed == nil || len(names) != len(l.names) {
		return nil, false
	}
	for _, c := range changed {
		if c == ListName || c == ServiceWorkerName {
			continue
		}
		i, found := slices.BinarySearch(l.names, c)
		if !found || names[i] != c { // names has as many files as l: c is still there
			return nil, false
		}
		at = append(at, i)
	}
	slices.Sort(at)
	return slices.Compact(at), true
}

// newListing encodes every file of names.
func newListing(names []string, sumOf func(string) [sha256.Size]byte) *Listing {
	l := &Listing{names: names, twin: twinScripts(names), sizes: make([]int64, len(names)), fileAt: make([]int, len(names)+1), lineAt: make([]int, len(names)+1)}
	l.files = make([]byte, 0, len(names)*64)
	l.lines = make([]byte, 0, len(names)*96)
	for i, name := range names {
		sum := sumOf(name)
		l.fileAt[i], l.lineAt[i] = len(l.files), len(l.lines)
		l.lines = appendLine(l.lines, name, sum)
		if l.twin[i] {
			continue
		}
		l.files = appendEntry(l.files, name, sum)
		l.sizes[i] = SizeOf(sum)
		l.total += l.sizes[i]
		l.listed++
	}
	l.fileAt[len(names)], l.lineAt[len(names)] = len(l.files), len(l.lines)
	return l
}

// twinScripts marks in names (sorted) the script form of each search pack
// that also has its binary form ("search/d/3.js" beside "search/d/3.bin"):
// both hold the same entries, and a saved copy needs only the binary,
// which the service worker cuts into the ranges the searcher asks for
// (sw.js, cachedRange), so a reader who saves the site downloads each
// search byte once. Opened from disk the site reads the scripts, which are
// in the folder, not in the list. The version ([VersionOf]) still covers
// them.
func twinScripts(names []string) []bool {
	twin := make([]bool, len(names))
	for _, n := range names {
		if js, ok := TwinScript(n); ok {
			if i, found := slices.BinarySearch(names, js); found {
				twin[i] = true
			}
		}
	}
	return twin
}

// splice returns a copy of buf (parts at offsets at) with the parts at the
// indexes idx (sorted) encoded again by enc, and the new offsets.
func splice(buf []byte, at []int, idx []int, enc func(b []byte, i int) []byte) ([]byte, []int) {
	out := make([]byte, 0, len(buf)+len(idx)*32)
	offs := make([]int, len(at))
	from := 0 // index of the first part not copied yet
	for _, i := range append(idx, len(at)-1) {
		shift := len(out) - at[from]
		out = append(out, buf[at[from]:at[i]]...)
		for j := from; j < i; j++ {
			offs[j] = at[j] + shift
		}
		if i == len(at)-1 {
			break
		}
		offs[i] = len(out)
		out = enc(out, i)
		from = i + 1
	}
	offs[len(at)-1] = len(out)
	return out, offs
}

// finish returns l with offline.json and sw.js.
func (l *Listing) finish(sumOf func(string) [sha256.Size]byte) (*Listing, []File) {
	h := sha256.Sum256(l.lines)
	version := hex.EncodeToString(h[:])[:16]
	list := make([]byte, 0, len(l.files)+64)
	list = appendString(append(list, `{"version":`...), version)
	list = append(appendNumber(append(list, `,"bytes":`...), l.total), `,"files":[`...)
	if len(l.files) > 0 {
		list = append(list, l.files[1:]...) // without the first comma
	}
	list = append(list, "]}"...)
	var shell [][2]string
	for _, i := range l.shell() {
		sum := sumOf(l.names[i])
		shell = append(shell, [2]string{l.names[i], hex.EncodeToString(sum[:hashDigits/2])})
	}
	sw := serviceWorker(version, shell, l.listed, l.total)
	return l, []File{{ListName, list}, {ServiceWorkerName, sw}}
}

// shell returns the indexes of the files the service worker keeps on
// install (see [List.Shell]), in order.
func (l *Listing) shell() []int {
	var at []int
	from := sort.SearchStrings(l.names, "assets/")
	for i := from; i < len(l.names) && strings.HasPrefix(l.names[i], "assets/"); i++ {
		at = append(at, i)
	}
	for _, p := range shellPages {
		if i, ok := slices.BinarySearch(l.names, p); ok {
			at = append(at, i)
		}
	}
	slices.Sort(at)
	return at
}

// appendEntry appends the entry of the file with the given sum to
// offline.json's "files", with a comma before it: ,[path,size,hash].
func appendEntry(b []byte, name string, sum [sha256.Size]byte) []byte {
	var hash [hashDigits]byte
	hex.Encode(hash[:], sum[:hashDigits/2])
	return appendFile(b, name, SizeOf(sum), hash[:])
}

// appendFile appends one entry of offline.json's "files", with a comma
// before it: ,[path,size,hash], hash in hex digits.
func appendFile(b []byte, path string, size int64, hash []byte) []byte {
	b = appendString(append(b, ",["...), path)
	b = append(appendNumber(append(b, ','), size), ',', '"')
	return append(append(b, hash...), '"', ']')
}

// appendLine appends the line of one file that [VersionOf] hashes.
func appendLine(b []byte, name string, sum [sha256.Size]byte) []byte {
	b = append(append(b, name...), 0)
	return append(hex.AppendEncode(b, sum[:]), '\n')
}

// appendNumber appends n as a JSON minifier writes it (18000 as 18e3):
// offline.json is written compact, for the build to publish as it is.
func appendNumber(b []byte, n int64) []byte {
	var digits [24]byte
	return append(b, minify.Number(strconv.AppendInt(digits[:0], n, 10), 0)...)
}
