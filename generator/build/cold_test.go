package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
)

// TestBuildEqualsInMemoryRun: Build, which spills each document's HTML and
// text and lets go of what it has written, writes the files a run that
// keeps everything in memory makes, byte for byte: on the sample site
// (a printable study path shows its lessons' bodies) and on a site whose
// own home template shows every document's body and table of contents.
// No temporary file is left beside the output.
func TestBuildEqualsInMemoryRun(t *testing.T) {
	home, err := os.ReadFile(filepath.Join(testsite.ThemeDir(t), "home.html"))
	if err != nil {
		t.Fatal(err)
	}
	bodies := `{{define "main" -}}{{range .Site.Documents}}<div class="body">{{.Content}}` +
		`{{range .TOC}}<a class="toc" href="#{{.ID}}">{{.Text}}</a>{{end}}</div>{{end}}`
	own := writeSite(t, map[string]string{
		"content/a.md":        "---\ntitle: A\n---\n\n# Một\n\nThân bài A, [B](b.md).\n\n## Hai\n\nPhần hai.\n",
		"content/b.md":        "---\ntitle: B\n---\n\nThân bài B.\n",
		"content/c/_index.md": "---\ntitle: C\n---\n\nLời mở đầu của C.\n",
		"content/c/d.md":      "---\ntitle: D\n---\n\nThân bài D.\n",
		"templates/home.html": strings.Replace(string(home), `{{define "main" -}}`, bodies, 1),
	})
	for name, root := range map[string]string{"sample": sampleSite(t), "own templates": own} {
		t.Run(name, func(t *testing.T) {
			want, err := cold(t, root)
			if err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := buildSite(t, root, dest); err != nil {
				t.Fatal(err)
			}
			if left, _ := os.ReadDir(filepath.Dir(dest)); len(left) != 1 || left[0].Name() != "public" {
				t.Errorf("beside the output, after the build: %v, want public alone (no spill file left)", left)
			}
			got := readTree(t, dest)
			if len(got) != len(want) {
				t.Errorf("Build wrote %d files, the in-memory run made %d", len(got), len(want))
			}
			for file, w := range want {
				if !bytes.Equal(got[file], w) {
					t.Errorf("%s: Build wrote other bytes than the in-memory run", file)
				}
			}
			if name == "own templates" && !strings.Contains(string(got["index.html"]), "Thân bài D.") {
				t.Error("the own home template does not show D's body")
			}
			if name == "own templates" && !strings.Contains(string(got["index.html"]), `<a class="toc" href="#hai">Hai</a>`) {
				t.Error("the own home template does not show A's table of contents")
			}
		})
	}
}
