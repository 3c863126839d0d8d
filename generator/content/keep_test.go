package content

import (
	"slices"
	"sync"
	"testing"
	"testing/fstest"
)

// TestLoadKeep: Options.Keep is handed every document parsed, with its
// body, once; a Keep that takes the bodies away leaves the Source as it
// is otherwise (settings from the root index, drafts left out).
func TestLoadKeep(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":   file("---\ntitle: Học tập\nlanguage: en\n---\nChào mừng\n"),
		"content/a.md":        file("# A\n\nThân bài A.\n"),
		"content/b/_index.md": file("---\ntitle: B\n---\nMở đầu.\n"),
		"content/b/c.md":      file("---\ndraft: true\n---\n# Nháp\n"),
	}
	var mu sync.Mutex
	kept := map[string]string{}
	src, errs := Load(fsys, Options{Keep: func(d *Document) {
		mu.Lock()
		defer mu.Unlock()
		if _, twice := kept[d.Path]; twice {
			t.Errorf("%s kept twice", d.Path)
		}
		kept[d.Path] = string(d.Body)
		d.Body = nil
	}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]string{"_index.md": "Chào mừng\n", "a.md": "# A\n\nThân bài A.\n", "b/_index.md": "Mở đầu.\n", "b/c.md": "# Nháp\n"}
	for p, body := range want {
		if kept[p] != body {
			t.Errorf("kept %s with body %q, want %q", p, kept[p], body)
		}
	}
	if src.Settings.Title != "Học tập" || src.Settings.Language != "en" {
		t.Errorf("settings %q %q, want the root index's", src.Settings.Title, src.Settings.Language)
	}
	if got := paths(src.Documents); !slices.Equal(got, []string{"a.md"}) {
		t.Errorf("documents %q, want [a.md] (the draft left out)", got)
	}
	for _, d := range append(src.Documents, src.Sections...) {
		if d.Body != nil {
			t.Errorf("%s: body %q, want the one Keep took away", d.Path, d.Body)
		}
	}
}
