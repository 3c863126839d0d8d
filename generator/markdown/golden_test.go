package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.html from the current output")

// TestGolden renders every testdata/*.md as if it were content/huong-dan/NAME.md
// and compares the HTML with testdata/NAME.golden.html.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.md: %v", err)
	}
	r := New(Options{})
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			in := Input{
				File:      "content/huong-dan/" + name + ".md",
				Path:      "huong-dan/" + name + ".md",
				Source:    src,
				FirstLine: 1,
				Resolve:   siteResolver("huong-dan/" + name + ".md"),
			}
			got := r.Render(in).HTML
			golden := filepath.Join("testdata", name+".golden.html")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("HTML differs from %s (run go test -update after checking):\n%s", golden, got)
			}
		})
	}
}
