package offline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// files is a build's output as the offline stage sees it: bytes by path.
type files map[string]string

var sample = []struct{ rel, data string }{
	{"index.html", "<p>Trang chủ</p>"},
	{"assets/style.1a2b3c4d.css", "body{}"},
	{"assets/offline.5e6f7a8b.js", "/* js */"},
	{"van-ban/ke-hoach-205.html", "<p>Kế hoạch 205/KH-UBND</p>"},
	{"search/index.html", "<p>Tìm kiếm</p>"},
	{"search/meta.js", "m"},
	{"search/d/0.js", "d"},
	{"404.html", "<p>Không tìm thấy</p>"},
}

// record makes the sample files (with file i changed when change >= 0) in
// the given order, then the manifest, offline.json and sw.js from their sums.
func record(t *testing.T, order []int, change int) files {
	t.Helper()
	// a term pack in both forms: the list names its binary only
	out := files{"so-do.png": "PNG", "search/t/0.js": "t", "search/t/0.bin": "tb"}
	for _, i := range order {
		data := sample[i].data
		if i == change {
			data += " (sửa)"
		}
		out[sample[i].rel] = data
	}
	m, err := Manifest(Site{Title: "Tủ sách học tập", Lang: "vi", Icon: "assets/favicon.0a0b0c0d.svg"})
	if err != nil {
		t.Fatal(err)
	}
	out[ManifestName] = string(m)
	sums := map[string][sha256.Size]byte{}
	var names []string
	for name, data := range out {
		sums[name] = Sum([]byte(data))
		names = append(names, name)
	}
	sort.Strings(names)
	made, err := Finish(names, sums)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range made {
		out[f.Name] = string(f.Data)
	}
	return out
}

func version(t *testing.T, sink files) string {
	t.Helper()
	return parse(t, sink).Version
}

func parse(t *testing.T, sink files) List {
	t.Helper()
	l, err := ParseList([]byte(sink[ListName]))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestFinishWritesTheOfflineFiles(t *testing.T) {
	sink := record(t, []int{0, 1, 2, 3, 4, 5, 6, 7}, -1)
	list := parse(t, sink)
	var names []string
	for _, f := range list.Files {
		names = append(names, f.Path)
		if want := int64(len(sink[f.Path])); f.Size != want {
			t.Errorf("%s: size %d, want %d", f.Path, f.Size, want)
		}
		sum := sha256.Sum256([]byte(sink[f.Path]))
		if want := hex.EncodeToString(sum[:8]); f.Hash != want {
			t.Errorf("%s: hash %s, want %s (its SHA-256)", f.Path, f.Hash, want)
		}
	}
	want := []string{"404.html", "assets/offline.5e6f7a8b.js", "assets/style.1a2b3c4d.css", "index.html",
		ManifestName, "search/d/0.js", "search/index.html", "search/meta.js", "search/t/0.bin", "so-do.png",
		"van-ban/ke-hoach-205.html"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("files = %v\nwant %v", names, want)
	}
	if len(list.Version) != 16 {
		t.Errorf("version %q: want 16 hex digits", list.Version)
	}
	var total int64
	for _, name := range want {
		total += int64(len(sink[name]))
	}
	if !strings.Contains(sink[ListName], fmt.Sprintf(`"bytes":%d,`, total)) {
		t.Errorf("%s does not give the total size %d", ListName, total)
	}
	sw := sink[ServiceWorkerName]
	if !strings.Contains(sw, fmt.Sprintf("var VERSION = %q;", list.Version)) {
		t.Errorf("sw.js does not carry the version %s", list.Version)
	}
	var shell []string
	for _, f := range list.Files {
		switch f.Path {
		case "404.html", "assets/offline.5e6f7a8b.js", "assets/style.1a2b3c4d.css", "index.html", ManifestName, "search/index.html":
			shell = append(shell, fmt.Sprintf("[%q,%q]", f.Path, f.Hash))
		}
	}
	if want := "var SHELL = [" + strings.Join(shell, ",") + "];"; !strings.Contains(sw, want) {
		t.Errorf("sw.js shell: want %s in\n%s", want, firstLines(sw, 30))
	}
	for _, want := range []string{fmt.Sprintf("var FILES = %d;", len(want)), fmt.Sprintf("var BYTES = %d;", total)} {
		if !strings.Contains(sw, want) {
			t.Errorf("sw.js: no %s", want)
		}
	}
	for _, ph := range []string{"__VERSION__", "__SHELL__", "__FILES__", "__BYTES__"} {
		if strings.Contains(sw, ph) {
			t.Errorf("sw.js has the unreplaced placeholder %s", ph)
		}
	}
	for _, name := range []string{ListName, ServiceWorkerName} {
		for _, f := range names {
			if f == name {
				t.Errorf("%s lists itself or the other generated file %s", ListName, name)
			}
		}
	}
}

func TestVersionIsDeterministic(t *testing.T) {
	a := record(t, []int{0, 1, 2, 3, 4, 5, 6, 7}, -1)
	b := record(t, []int{7, 6, 5, 4, 3, 2, 1, 0}, -1)
	for _, name := range []string{ServiceWorkerName, ListName, ManifestName} {
		if a[name] != b[name] {
			t.Errorf("%s differs when the same files come in another order", name)
		}
	}
	for i := range sample {
		c := record(t, []int{0, 1, 2, 3, 4, 5, 6, 7}, i)
		if version(t, c) == version(t, a) {
			t.Errorf("changing %s does not change the version", sample[i].rel)
		}
		if c[ServiceWorkerName] == a[ServiceWorkerName] {
			t.Errorf("changing %s does not change sw.js", sample[i].rel)
		}
	}
}

func TestManifest(t *testing.T) {
	b, err := Manifest(Site{Title: "Tủ sách học tập của chi bộ", Description: "Tài liệu <học tập>", Lang: "vi",
		Icon: "assets/favicon.0a0b0c0d.svg"})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	for k, want := range map[string]string{
		"name": "Tủ sách học tập của chi bộ", "short_name": "Tủ sách học", "lang": "vi",
		"start_url": "./index.html", "scope": "./", "display": "standalone",
		"description": "Tài liệu <học tập>",
	} {
		if m[k] != want {
			t.Errorf("%s = %v, want %q", k, m[k], want)
		}
	}
	icons, _ := m["icons"].([]any)
	if len(icons) != 1 || icons[0].(map[string]any)["src"] != "assets/favicon.0a0b0c0d.svg" ||
		icons[0].(map[string]any)["type"] != "image/svg+xml" {
		t.Errorf("icons = %v", m["icons"])
	}
	if strings.Contains(string(b), `\u003c`) {
		t.Error("the manifest escapes < needlessly")
	}
	if _, err := Manifest(Site{Title: "  "}); err == nil || !strings.Contains(err.Error(), ManifestName) {
		t.Errorf("a site without a title: error %v, want one naming %s", err, ManifestName)
	}
}

func TestShortName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Tủ sách", "Tủ sách"},
		{"Tủ sách học tập", "Tủ sách học"},
		{"Chỉnhđốnđảngvữngmạnh", "Chỉnhđốnđảng"},
		{"  Học tập  ", "Học tập"},
	} {
		if got := shortName(tc.in); got != tc.want {
			t.Errorf("shortName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShell(t *testing.T) {
	var l List
	for _, p := range []string{"404.html", "assets/a.js", "chu-de/index.html", "index.html", "search/d/0.js", "search/meta.js"} {
		l.Files = append(l.Files, Entry{Path: p, Size: 1, Hash: "00"})
	}
	var got []string
	for _, f := range l.Shell() {
		got = append(got, f.Path)
	}
	// search/meta.js waits for the first search: a reader who never
	// searches never downloads it.
	if want := "404.html assets/a.js index.html"; strings.Join(got, " ") != want {
		t.Errorf("Shell = %v, want %s", got, want)
	}
}

func TestManifestNeedsATitle(t *testing.T) {
	if _, err := Manifest(Site{}); err == nil {
		t.Error("Manifest without a site title: no error")
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
