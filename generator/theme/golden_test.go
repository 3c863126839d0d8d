package theme

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"tusach/generator/site"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden compares the <main> element of two rendered pages with
// testdata/*.golden.html (run with -update to rewrite them after a
// deliberate change). Only <main> is compared so that the search worker's
// header partial and assets do not churn these files.
func TestGolden(t *testing.T) {
	f := newFixture()
	th := loadTheme(t, "vi")
	tests := []struct {
		golden string
		lang   string
		page   *site.Page
	}{
		{"document.golden.html", "vi", f.doc1},
		{"section.golden.html", "vi", f.section},
		{"document-en.golden.html", "en", f.doc1},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			use := th
			if tt.lang != "vi" {
				use = loadTheme(t, tt.lang)
			}
			got := mainElement(t, render(t, use, f.site, tt.page))
			file := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the rendered page; run go test -update and review the diff\ngot:\n%s", file, got)
			}
		})
	}
}

func mainElement(t *testing.T, page string) []byte {
	t.Helper()
	start := strings.Index(page, "<main")
	end := strings.Index(page, "</main>")
	if start < 0 || end < start {
		t.Fatalf("no <main> element in\n%s", page)
	}
	return []byte(page[start:end+len("</main>")] + "\n")
}

var uiKey = regexp.MustCompile(`\{\{-?\s*(?:t|tn)\s+"([^"]+)"`)

// TestStringsComplete checks that every UI string the templates ask for
// with a literal key exists in both languages, and that vi.json and
// en.json have the same keys.
func TestStringsComplete(t *testing.T) {
	dir := os.DirFS("../../templates")
	tables := map[string]map[string]string{}
	for _, lang := range []string{"vi", "en"} {
		data, err := fs.ReadFile(dir, "i18n/"+lang+".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s.json: %v", lang, err)
		}
		tables[lang] = m
	}
	for k := range tables["vi"] {
		if _, ok := tables["en"][k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for k := range tables["en"] {
		if _, ok := tables["vi"][k]; !ok {
			t.Errorf("vi.json lacks %q", k)
		}
	}
	used := map[string]bool{}
	files, _ := fs.Glob(dir, "*.html")
	partials, _ := fs.Glob(dir, "partials/*.html")
	for _, name := range append(files, partials...) {
		data, _ := fs.ReadFile(dir, name)
		for _, m := range uiKey.FindAllStringSubmatch(string(data), -1) {
			used[m[1]] = true
		}
	}
	keys := make([]string, 0, len(used))
	for k := range used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) < 20 {
		t.Fatalf("found only %d UI keys in the templates: %v", len(keys), keys)
	}
	for _, k := range keys {
		for lang, m := range tables {
			if m[k] == "" {
				t.Errorf("template key %q missing in %s.json", k, lang)
			}
		}
	}
	for _, key := range []string{"type", "issuer", "year", "topics", "tags"} {
		if tables["vi"]["taxonomy."+key] == "" || tables["en"]["taxonomy."+key] == "" {
			t.Errorf("no label for taxonomy %q", key)
		}
	}
}
