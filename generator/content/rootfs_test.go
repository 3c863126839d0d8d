package content

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"tusach/generator/internal/testsite"
)

// TestOpenSiteIsAnFS checks OpenSite against the fs.FS contract, and that
// it refuses names leaving the folder, reading a folder as a file, and
// works (failing) on a folder that does not exist.
func TestOpenSiteIsAnFS(t *testing.T) {
	site := t.TempDir()
	testsite.WriteInto(t, site, map[string]string{
		"content/a.md":         "# A\n",
		"content/van-ban/b.md": "# B\n",
		"content/anh/c.png":    "PNG",
	})
	fsys := OpenSite(site)
	if err := fstest.TestFS(fsys, "content/a.md", "content/van-ban/b.md", "content/anh/c.png"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../x", "/etc/passwd", "content/../../x", ""} {
		if _, err := fs.ReadFile(fsys, name); err == nil {
			t.Errorf("ReadFile(%q) succeeded", name)
		}
	}
	if _, err := fs.ReadFile(fsys, "content"); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("reading a folder: %v", err)
	}
	missing := OpenSite(filepath.Join(site, "khong-co"))
	if _, err := fs.Stat(missing, "content"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing site folder: %v, want not exist", err)
	}
	if _, errs := Load(missing, Options{}); errs.Error() != "content: no such folder" {
		t.Errorf("Load of a missing site folder: %v", errs)
	}
}
