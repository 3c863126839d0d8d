package build

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tusach/generator/output"
)

// safetySite is a site with sources in content/ and templates/ and a file
// of the editor's own beside them.
var safetySite = map[string]string{
	"content/_index.md":          goodIndex,
	"content/van-ban/a.md":       "# Văn bản A\n\nNội dung.\n",
	"content/van-ban/hinh.txt":   "tệp đính kèm\n",
	"templates/assets/extra.css": "body{color:#111}\n",
	"ghi-chu.txt":                "ghi chú của biên tập viên\n",
}

// treeSums returns the SHA-256 of every file under dir, the target of every
// symbolic link and a mark for every folder, by slash path, skipping the
// paths in skip: two equal results mean the tree is byte-identical.
func treeSums(t testing.TB, dir string, skip ...string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		for _, s := range skip {
			if rel == s {
				return fs.SkipDir
			}
		}
		switch {
		case d.IsDir():
			sums[rel] = "folder"
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			sums[rel] = "-> " + target
			return err
		default:
			data, err := os.ReadFile(p)
			sums[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// sameSums reports the paths whose sums differ between before and after.
func sameSums(t testing.TB, what string, before, after map[string]string) {
	t.Helper()
	for p, s := range before {
		if after[p] != s {
			t.Errorf("%s: %s changed or removed", what, p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s: %s added", what, p)
		}
	}
}

// TestDestinationRefused checks that every destination whose replacement
// would destroy sources or folders tusach did not write is refused before
// any work is done, --force or not, and that the sources stay
// byte-identical.
func TestDestinationRefused(t *testing.T) {
	tests := []struct {
		name  string
		dest  func(t *testing.T, src string) string // the destination; may prepare the scene
		force bool                                  // refused even with --force
		want  string
	}{
		{"content", func(t *testing.T, src string) string { return filepath.Join(src, "content") }, true, "content/ folder"},
		{"inside content", func(t *testing.T, src string) string { return filepath.Join(src, "content", "out") }, true, "content/ folder or inside it"},
		{"deep inside content", func(t *testing.T, src string) string { return filepath.Join(src, "content", "van-ban", "x", "y") }, true, "content/ folder"},
		{"templates", func(t *testing.T, src string) string { return filepath.Join(src, "templates") }, true, "templates/ folder"},
		{"inside templates", func(t *testing.T, src string) string { return filepath.Join(src, "templates", "public") }, true, "templates/ folder"},
		{"missing templates", func(t *testing.T, src string) string {
			os.RemoveAll(filepath.Join(src, "templates"))
			return filepath.Join(src, "templates")
		}, true, "templates/ folder"},
		{"the site folder", func(t *testing.T, src string) string { return src }, true, "is the site folder"},
		{"above the site folder", func(t *testing.T, src string) string { return filepath.Dir(src) }, true, "holds the site folder"},
		{"root", func(t *testing.T, src string) string { return "/" }, true, "root of the file system"},
		{"the current folder", func(t *testing.T, src string) string {
			work := t.TempDir()
			t.Chdir(work)
			return "."
		}, true, "is the current folder"},
		{"above the current folder", func(t *testing.T, src string) string {
			work := t.TempDir()
			os.MkdirAll(filepath.Join(work, "a", "b"), 0o755)
			t.Chdir(filepath.Join(work, "a", "b"))
			return ".."
		}, true, "holds the current folder"},
		{"home", func(t *testing.T, src string) string {
			home := t.TempDir()
			t.Setenv("HOME", home)
			return home
		}, true, "is the home folder"},
		{"above home", func(t *testing.T, src string) string {
			home := filepath.Join(t.TempDir(), "nguoi-dung")
			os.MkdirAll(home, 0o755)
			t.Setenv("HOME", home)
			return filepath.Dir(home)
		}, true, "holds the home folder"},
		{"link to content", func(t *testing.T, src string) string {
			link := filepath.Join(t.TempDir(), "alias")
			if err := os.Symlink(filepath.Join(src, "content"), link); err != nil {
				t.Fatal(err)
			}
			return link
		}, true, "content/ folder"},
		{"inside a link to templates", func(t *testing.T, src string) string {
			link := filepath.Join(t.TempDir(), "alias")
			if err := os.Symlink(filepath.Join(src, "templates"), link); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(link, "public")
		}, true, "templates/ folder"},
		{"content is a link", func(t *testing.T, src string) string {
			real := filepath.Join(t.TempDir(), "noi-dung")
			if err := os.Rename(filepath.Join(src, "content"), real); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(real, filepath.Join(src, "content")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(real, "out")
		}, true, "content/ folder"},
		{"a repository", func(t *testing.T, src string) string {
			repo := t.TempDir()
			os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module x\n"), 0o644)
			return repo
		}, true, "holds go.mod"},
		{"inside .git", func(t *testing.T, src string) string {
			return filepath.Join(t.TempDir(), ".git", "public")
		}, true, "inside a .git folder"},
		{"a folder of other files", func(t *testing.T, src string) string {
			web := t.TempDir()
			os.MkdirAll(filepath.Join(web, ".ssh"), 0o700)
			os.WriteFile(filepath.Join(web, ".ssh", "id_ed25519"), []byte("key"), 0o600)
			os.WriteFile(filepath.Join(web, "index.html"), []byte("another site"), 0o644)
			return web
		}, false, "did not write (.ssh, index.html); refusing to replace it: choose a new or empty folder, or pass --force"},
		{"a file", func(t *testing.T, src string) string {
			f := filepath.Join(t.TempDir(), "public")
			os.WriteFile(f, []byte("not a folder"), 0o644)
			return f
		}, true, "not a folder"},
	}
	for _, tt := range tests {
		for _, force := range []bool{false, true} {
			if force && !tt.force {
				continue
			}
			t.Run(fmt.Sprintf("%s/force=%v", tt.name, force), func(t *testing.T) {
				src, theme := writeSite(t, safetySite), defaultTheme(t) // before a change of folder
				dest := tt.dest(t, src)
				before := treeSums(t, src)
				var destBefore map[string]string
				if _, err := os.Stat(dest); err == nil && dest != "/" && !strings.HasPrefix(src, dest) {
					destBefore = treeSums(t, dest)
				}
				worked := false
				_, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: theme, Force: force,
					Progress: func(string, int, int) { worked = true }})
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("err = %v, want a refusal saying %q", err, tt.want)
				}
				if !strings.Contains(err.Error(), "--dest "+filepath.ToSlash(dest)) {
					t.Errorf("the refusal %q does not name the destination as given", err)
				}
				if worked {
					t.Error("the build started before the destination was refused")
				}
				sameSums(t, "source", before, treeSums(t, src))
				if destBefore != nil {
					sameSums(t, "destination", destBefore, treeSums(t, dest))
				}
			})
		}
	}
}

// TestDestinationReplaced checks the destinations a build may replace: a
// missing or empty folder, an earlier build's output (with its marker, or
// without one when every file is in its offline list), and a foreign
// folder with --force. The sources stay byte-identical.
func TestDestinationReplaced(t *testing.T) {
	earlier := filepath.Join(t.TempDir(), "earlier")
	if _, err := Build(context.Background(), Options{Source: writeSite(t, safetySite), Dest: earlier,
		Theme: defaultTheme(t), Precompress: true}); err != nil {
		t.Fatal(err)
	}
	copyEarlier := func(t *testing.T, dest string) {
		if err := os.CopyFS(dest, os.DirFS(earlier)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		prepare func(t *testing.T, dest string)
		force   bool
		refused string // "" when the build may replace it
	}{
		{"missing", func(t *testing.T, dest string) {}, false, ""},
		{"empty", func(t *testing.T, dest string) { os.MkdirAll(dest, 0o755) }, false, ""},
		{"earlier build", func(t *testing.T, dest string) {
			oldBuild(t, dest, map[string]string{"cu/khong-con.html": "stale page"})
		}, false, ""},
		{"earlier build without marker", func(t *testing.T, dest string) {
			copyEarlier(t, dest)
			os.Remove(filepath.Join(dest, output.MarkerName))
		}, false, ""},
		{"earlier build without marker, one file added", func(t *testing.T, dest string) {
			copyEarlier(t, dest)
			os.Remove(filepath.Join(dest, output.MarkerName))
			os.WriteFile(filepath.Join(dest, "van-ban", "ban-nhap.docx"), []byte("draft"), 0o644)
		}, false, "van-ban/ban-nhap.docx"},
		{"earlier build without marker nor list", func(t *testing.T, dest string) {
			copyEarlier(t, dest)
			os.Remove(filepath.Join(dest, output.MarkerName))
			os.Remove(filepath.Join(dest, "offline.json"))
		}, false, "did not write"},
		{"foreign folder with --force", func(t *testing.T, dest string) {
			os.MkdirAll(dest, 0o755)
			os.WriteFile(filepath.Join(dest, "notes.txt"), []byte("x"), 0o644)
		}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := writeSite(t, safetySite)
			dest := filepath.Join(src, "public")
			tt.prepare(t, dest)
			before := treeSums(t, src, "public")
			var destBefore map[string]string
			if _, err := os.Stat(dest); err == nil {
				destBefore = treeSums(t, dest)
			}
			_, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: defaultTheme(t), Force: tt.force})
			sameSums(t, "source", before, treeSums(t, src, "public"))
			if tt.refused != "" {
				if err == nil || !strings.Contains(err.Error(), tt.refused) || !strings.Contains(err.Error(), "--force") {
					t.Fatalf("err = %v, want a refusal naming %q and suggesting --force", err, tt.refused)
				}
				sameSums(t, "destination", destBefore, treeSums(t, dest))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			marker, err := os.ReadFile(filepath.Join(dest, output.MarkerName))
			if err != nil || !strings.Contains(string(marker), "tusach") {
				t.Errorf("marker = %q, %v", marker, err)
			}
			files := readTree(t, dest)
			if _, ok := files["van-ban/a.html"]; !ok {
				t.Error("the new site is not in place")
			}
			for name := range files {
				if strings.HasPrefix(name, "cu/") || name == "notes.txt" {
					t.Errorf("%s survived the replacement", name)
				}
			}
			noLeftovers(t, src)
		})
	}
}

// noLeftovers fails when a private build folder is left in dir.
func noLeftovers(t testing.TB, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".building-") {
			t.Errorf("leftover build folder %s", e.Name())
		}
	}
}

// TestMarkerIsNoPartOfTheSite checks that the marker is written, and is
// neither in the zip nor in the offline file list nor in the service worker.
func TestMarkerIsNoPartOfTheSite(t *testing.T) {
	tmp := t.TempDir()
	dest, zipFile := filepath.Join(tmp, "public"), filepath.Join(tmp, "hoc-tap.zip")
	if _, err := Build(context.Background(), Options{Source: "testdata/site", Dest: dest, Theme: defaultTheme(t),
		Zip: zipFile, Precompress: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, output.MarkerName)); err != nil {
		t.Fatalf("no marker: %v", err)
	}
	for _, name := range []string{"offline.json", "sw.js"} {
		data, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil || strings.Contains(string(data), output.MarkerName) {
			t.Errorf("%s names the marker (or is missing: %v)", name, err)
		}
	}
	for _, ext := range []string{".gz", ".br"} {
		if _, err := os.Stat(filepath.Join(dest, output.MarkerName+ext)); err == nil {
			t.Errorf("the marker was precompressed (%s)", ext)
		}
	}
	zr, err := zip.OpenReader(zipFile)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.Contains(f.Name, output.MarkerName) {
			t.Errorf("the zip holds %s", f.Name)
		}
	}
}
