package output

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestForeign(t *testing.T) {
	list := `{"version":"1","files":["index.html","van-ban/a.html","assets/x.css"]}`
	hashed := `{"version":"2","bytes":3,"files":[["assets/x.css",1,"h1"],["index.html",1,"h2"],["van-ban/a.html",1,"h3"]]}`
	tests := []struct {
		name  string
		files map[string]string // nil: no folder
		want  []string
	}{
		{"missing", nil, nil},
		{"empty", map[string]string{}, nil},
		{"marker", map[string]string{MarkerName: "tusach", "notes.txt": "x"}, nil},
		{"earlier build without marker", map[string]string{
			"offline.json": list, "sw.js": "//", "index.html": "x", "index.html.gz": "z", "index.html.br": "b",
			"van-ban/a.html": "a", "assets/x.css": "c"}, nil},
		{"earlier build with sizes and hashes", map[string]string{
			"offline.json": hashed, "sw.js": "//", "index.html": "x", "index.html.gz": "z",
			"van-ban/a.html": "a", "assets/x.css": "c"}, nil},
		{"earlier build with sizes and hashes and other files", map[string]string{
			"offline.json": hashed, "sw.js": "//", "index.html": "x", "ghi-chu.txt": "mine"},
			[]string{"ghi-chu.txt"}},
		{"earlier build and other files", map[string]string{
			"offline.json": list, "sw.js": "//", "index.html": "x", "ghi-chu.txt": "mine", "van-ban/b.docx": "mine"},
			[]string{"ghi-chu.txt", "van-ban/b.docx"}},
		{"bad list", map[string]string{"offline.json": "{", "index.html": "x"}, []string{"index.html", "offline.json"}},
		{"other files", map[string]string{".ssh/id": "key", "a": "1", "b": "2", "c": "3"}, []string{".ssh", "a", "b"}},
		{"marker is a folder", map[string]string{MarkerName + "/x": "x"}, []string{MarkerName}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if tt.files != nil {
				fsys := fstest.MapFS{}
				for name, data := range tt.files {
					fsys[name] = &fstest.MapFile{Data: []byte(data)}
				}
				os.MkdirAll(dest, 0o755)
				if err := os.CopyFS(dest, fsys); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Foreign(dest)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Foreign = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	file := filepath.Join(t.TempDir(), "public")
	os.WriteFile(file, []byte("x"), 0o644)
	if _, err := Foreign(file); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("a file as destination: %v", err)
	}
}

func TestMarkerWrittenAndReserved(t *testing.T) {
	w, err := New(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if b, err := os.ReadFile(filepath.Join(w.Dir(), MarkerName)); err != nil || !strings.Contains(string(b), "tusach build") {
		t.Errorf("marker = %q, %v", b, err)
	}
	for _, name := range []string{MarkerName, strings.ToUpper(MarkerName)} {
		if err := w.Write(name, []byte("x")); err == nil {
			t.Errorf("a site file named %s was accepted", name)
		}
	}
}
