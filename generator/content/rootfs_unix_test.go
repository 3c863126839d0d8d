//go:build unix

package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"tusach/generator/internal/testsite"
)

// TestFIFOsRefused checks that a FIFO, and a symlink to one, under
// content/ are errors naming them, and that reading one through the site
// FS fails at once instead of waiting for a writer.
func TestFIFOsRefused(t *testing.T) {
	site := t.TempDir()
	testsite.WriteInto(t, site, map[string]string{"content/a.md": "# A\n"})
	for _, p := range []string{"content/ong.md", "shared/ong", "content/khac.txt"} {
		full := filepath.Join(site, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := syscall.Mkfifo(full, 0o644); err != nil {
			t.Skipf("cannot make FIFOs here: %v", err)
		}
	}
	symlink(t, site, "../shared/ong", "content/lien-ket.md")
	symlink(t, site, "../shared/ong", "content/lien-ket.png")
	symlink(t, site, "ong.md", "content/lien-ket-2.md")

	// A Load that blocked would fail the test at go test's -timeout.
	src, loadErrs := Load(OpenSite(site), Options{Root: site})
	errs := loadErrs.Error()
	for _, want := range []string{
		"content/khac.txt: not a regular file or folder",
		"content/lien-ket-2.md: symlink to something that is not a regular file or folder",
		"content/lien-ket.md: symlink to something that is not a regular file or folder",
		"content/lien-ket.png: symlink to something that is not a regular file or folder",
		"content/ong.md: not a regular file or folder",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors lack %q:\n%s", want, errs)
		}
	}
	if src == nil || len(src.Documents) != 1 || len(src.Files) != 0 {
		t.Errorf("a FIFO was listed: %+v", src)
	}
	siteFS := OpenSite(site)
	for _, p := range []string{"content/ong.md", "content/lien-ket.md", "shared/ong"} {
		if _, err := fs.ReadFile(siteFS, p); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("reading %s: %v, want not a regular file", p, err)
		}
	}
}

// TestSymlinkSwapNeverPublishesOutside swaps, over and over, a file under
// content/ for a symlink to a file outside the site folder while loading
// and reading the site: the outside file's text must never be read, since
// the check and the read are one operation (os.Root).
func TestSymlinkSwapNeverPublishesOutside(t *testing.T) {
	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	const secret = "BÍ MẬT NGOÀI THƯ MỤC"
	testsite.WriteInto(t, tmp, map[string]string{
		"outside/secret.txt":         secret,
		"outside/secret.md":          "# " + secret + "\n",
		"site/content/_index.md":     "# Tủ sách\n",
		"site/content/van-ban/x.txt": "thường",
		"site/content/van-ban/y.md":  "# Thường\n",
	})
	swaps := []struct{ file, target, text string }{
		{"content/van-ban/x.txt", filepath.Join(tmp, "outside/secret.txt"), "thường"},
		{"content/van-ban/y.md", filepath.Join(tmp, "outside/secret.md"), "# Thường\n"},
	}
	stop := make(chan struct{})
	swapped := make(chan int)
	go func() {
		n := 0
		defer func() { swapped <- n }()
		for {
			select {
			case <-stop:
				return
			default:
			}
			for _, s := range swaps {
				full := filepath.Join(site, filepath.FromSlash(s.file))
				link, plain := full+".link~", full+".plain~" // skipped as editor leftovers
				if os.Symlink(s.target, link) == nil {
					os.Rename(link, full)
				}
				if os.WriteFile(plain, []byte(s.text), 0o644) == nil {
					os.Rename(plain, full)
				}
			}
			n++
		}
	}()
	const loads = 300
	for range loads {
		src, errs := Load(OpenSite(site), Options{Root: site})
		if strings.Contains(errs.Error(), secret) {
			t.Fatalf("an error shows the outside file: %v", errs)
		}
		if src == nil {
			continue
		}
		for _, d := range src.Documents {
			if strings.Contains(string(d.Body), secret) || strings.Contains(d.Meta.Title, secret) {
				t.Fatalf("document %s holds the outside file", d.Path)
			}
		}
		for _, f := range src.Files {
			if data, err := fs.ReadFile(src.FS, f); err == nil && strings.Contains(string(data), secret) {
				t.Fatalf("file %s reads the outside file", f)
			}
		}
	}
	close(stop)
	if n := <-swapped; n == 0 {
		t.Fatal("the files were never swapped")
	}
}
