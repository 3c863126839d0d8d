package offline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// memSink keeps what is written, by path.
type memSink struct {
	mu    sync.Mutex
	files map[string]string
}

func (m *memSink) Write(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string]string{}
	}
	m.files[rel] = string(data)
	return nil
}

func (m *memSink) Copy(rel string, fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	return m.Write(rel, b)
}

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

// record writes the sample files (with file i changed when change >= 0) in
// the given order and finishes.
func record(t *testing.T, order []int, change int) *memSink {
	t.Helper()
	sink := &memSink{}
	r := NewRecorder(sink)
	for _, i := range order {
		data := sample[i].data
		if i == change {
			data += " (sửa)"
		}
		if err := r.Write(sample[i].rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	fsys := fstest.MapFS{"content/so-do.png": {Data: []byte("PNG")}}
	if err := r.Copy("so-do.png", fsys, "content/so-do.png"); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteRaw("search/t/0.js", []byte("t")); err != nil {
		t.Fatal(err)
	}
	files, err := r.Finish(Site{Title: "Tủ sách học tập", Lang: "vi", Icon: "assets/favicon.0a0b0c0d.svg"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := r.Write(f.Name, f.Data); err != nil {
			t.Fatal(err)
		}
	}
	return sink
}

func version(t *testing.T, sink *memSink) string {
	t.Helper()
	return parse(t, sink).Version
}

func parse(t *testing.T, sink *memSink) List {
	t.Helper()
	l, err := ParseList([]byte(sink.files[ListName]))
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
		if want := int64(len(sink.files[f.Path])); f.Size != want {
			t.Errorf("%s: size %d, want %d", f.Path, f.Size, want)
		}
		sum := sha256.Sum256([]byte(sink.files[f.Path]))
		if want := hex.EncodeToString(sum[:8]); f.Hash != want {
			t.Errorf("%s: hash %s, want %s (its SHA-256)", f.Path, f.Hash, want)
		}
	}
	want := []string{"404.html", "assets/offline.5e6f7a8b.js", "assets/style.1a2b3c4d.css", "index.html",
		ManifestName, "search/d/0.js", "search/index.html", "search/meta.js", "search/t/0.js", "so-do.png",
		"van-ban/ke-hoach-205.html"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("files = %v\nwant %v", names, want)
	}
	if len(list.Version) != 16 {
		t.Errorf("version %q: want 16 hex digits", list.Version)
	}
	var total int64
	for _, name := range want {
		total += int64(len(sink.files[name]))
	}
	if !strings.Contains(sink.files[ListName], fmt.Sprintf(`"bytes":%d,`, total)) {
		t.Errorf("%s does not give the total size %d", ListName, total)
	}
	sw := sink.files[ServiceWorkerName]
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
		if a.files[name] != b.files[name] {
			t.Errorf("%s differs when the same files come in another order", name)
		}
	}
	for i := range sample {
		c := record(t, []int{0, 1, 2, 3, 4, 5, 6, 7}, i)
		if version(t, c) == version(t, a) {
			t.Errorf("changing %s does not change the version", sample[i].rel)
		}
		if c.files[ServiceWorkerName] == a.files[ServiceWorkerName] {
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

func TestFinishNeedsATitle(t *testing.T) {
	if _, err := NewRecorder(&memSink{}).Finish(Site{}); err == nil {
		t.Error("Finish without a site title: no error")
	}
}

func TestRecorderPassesErrorsOn(t *testing.T) {
	r := NewRecorder(&memSink{})
	if err := r.Copy("a.png", fstest.MapFS{}, "content/a.png"); err == nil || !strings.Contains(err.Error(), "content/a.png") {
		t.Errorf("copying a missing file: error %v, want one naming it", err)
	}
	if len(r.Files()) != 0 {
		t.Errorf("a failed copy was recorded: %v", r.Files())
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
