package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tusach/generator/diag"
)

// TestErrorPathsRelativeWithSlashes checks that every diagnostic names its
// file relative to the site folder with "/", however --source is written:
// absolute, relative, with "." and ".." in it. Content and templates are
// read through an fs.FS of the site folder, whose paths are slash-separated
// on every system, so on Windows `--source C:\site` reports
// content/van-ban/a.md, not C:\site\content\van-ban\a.md.
func TestErrorPathsRelativeWithSlashes(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/_index.md":          goodIndex,
		"content/van-ban/a.md":       "---\nweight: abc\n---\n# A\n",
		"content/van-ban/sub/b.md":   "# B\n\n[c](../khong-co.md)\n",
		"templates/_partials/x.html": "{{if}}\n",
	})
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, source := range []string{
		src,
		rel,
		filepath.Join(src, "content", "..") + string(filepath.Separator) + ".",
	} {
		t.Run(source, func(t *testing.T) {
			_, err := Build(t.Context(), Options{Source: source, Dest: filepath.Join(src, "public"), Theme: defaultTheme(t)})
			if !errors.Is(err, ErrContent) {
				t.Fatalf("err = %v, want content errors", err)
			}
			list := diag.AsList(err)
			if len(list) == 0 {
				t.Fatal("no diagnostics")
			}
			for _, e := range list {
				if !strings.HasPrefix(e.Path, "content/") && !strings.HasPrefix(e.Path, "templates/") ||
					strings.Contains(e.Path, `\`) || strings.Contains(e.Path, "..") {
					t.Errorf("diagnostic path %q: want a slash path relative to the site folder (%s)", e.Path, e)
				}
			}
		})
	}
}
