package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
)

// symlink makes link (a slash path under dir) point to target, or skips
// the test where symlinks cannot be made.
func symlink(t *testing.T, dir, target, link string) {
	t.Helper()
	if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
		t.Skipf("cannot make symlinks here: %v", err)
	}
}

func TestLoadSymlinks(t *testing.T) {
	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	outside := filepath.Join(tmp, "outside")
	testsite.WriteInto(t, site, map[string]string{
		"content/a.md":          "# A\n",
		"content/thu-muc/b.md":  "# B\n",
		"shared/chung.md":       "# Chung\n",
		"shared/anh/logo.png":   "PNG",
		"templates/page.html":   "",
		"content/loop/inner.md": "# Inner\n",
	})
	testsite.WriteInto(t, outside, map[string]string{"secret.md": "# Bí mật\n", "dir/x.md": "# X\n"})

	t.Run("inside the site folder", func(t *testing.T) {
		symlink(t, site, "../shared/chung.md", "content/chung.md")
		symlink(t, site, "../shared/anh", "content/anh")
		symlink(t, site, "../b.md", "content/thu-muc/lai-b.md") // dangling until b.md exists
		testsite.WriteInto(t, site, map[string]string{"content/b.md": "# B gốc\n"})
		defer func() {
			for _, l := range []string{"content/chung.md", "content/anh", "content/thu-muc/lai-b.md", "content/b.md"} {
				os.Remove(filepath.Join(site, filepath.FromSlash(l)))
			}
		}()
		for _, fsys := range []fs.FS{os.DirFS(site), OpenSite(site)} {
			src, errs := Load(fsys, Options{Root: site})
			if len(errs) > 0 {
				t.Fatalf("%T: errors: %v", fsys, errs)
			}
			want := []string{"a.md", "b.md", "chung.md", "loop/inner.md", "thu-muc/b.md", "thu-muc/lai-b.md"}
			if got := paths(src.Documents); !reflect.DeepEqual(got, want) {
				t.Errorf("%T: documents %q, want %q", fsys, got, want)
			}
			if want := []string{"anh/logo.png"}; !reflect.DeepEqual(src.Files, want) {
				t.Errorf("%T: files %q, want %q", fsys, src.Files, want)
			}
			if data, err := fs.ReadFile(src.FS, "anh/logo.png"); err != nil || string(data) != "PNG" {
				t.Errorf("%T: a file behind a symlink inside the site reads %q, %v", fsys, data, err)
			}
		}
	})

	t.Run("outside the site folder", func(t *testing.T) {
		symlink(t, site, filepath.Join(outside, "secret.md"), "content/secret.md")
		symlink(t, site, "../../outside/dir", "content/ngoai")
		symlink(t, site, "..", "content/loop/len")
		symlink(t, site, "khong-co.md", "content/gay.md")
		defer func() {
			for _, l := range []string{"content/secret.md", "content/ngoai", "content/loop/len", "content/gay.md"} {
				os.Remove(filepath.Join(site, filepath.FromSlash(l)))
			}
		}()
		for _, fsys := range []fs.FS{os.DirFS(site), OpenSite(site)} {
			_, errs := Load(fsys, Options{Root: site})
			var got []string
			for _, e := range errs {
				msg := e.Error()
				if i := strings.Index(msg, "broken symlink"); i >= 0 {
					msg = msg[:i+len("broken symlink")] // the cause names the temp dir
				}
				got = append(got, msg)
			}
			want := []string{
				"content/gay.md: broken symlink",
				"content/loop/len: symlink loops back to a folder that contains it",
				"content/ngoai: symlink points outside the site folder",
				"content/secret.md: symlink points outside the site folder",
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%T: errors:\n got %q\nwant %q", fsys, got, want)
			}
		}
	})

	t.Run("content folder itself outside", func(t *testing.T) {
		site2 := filepath.Join(tmp, "site2")
		if err := os.MkdirAll(site2, 0o755); err != nil {
			t.Fatal(err)
		}
		symlink(t, site2, outside, "content")
		for _, fsys := range []fs.FS{os.DirFS(site2), OpenSite(site2)} {
			_, errs := Load(fsys, Options{Root: site2})
			if len(errs) != 1 || errs[0].Error() != "content: symlink points outside the site folder" {
				t.Errorf("%T: errors %v", fsys, errs)
			}
		}
	})

	t.Run("without root a loop still ends", func(t *testing.T) {
		symlink(t, site, "..", "content/loop/len")
		defer os.Remove(filepath.Join(site, "content", "loop", "len"))
		_, errs := Load(os.DirFS(site), Options{})
		if len(errs) == 0 || !strings.Contains(errs.Error(), "folders nested more than") {
			t.Errorf("errors %v", errs)
		}
	})
}
