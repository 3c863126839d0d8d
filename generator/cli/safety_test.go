package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var smallSite = map[string]string{"content/_index.md": "---\ntitle: Thử\n---\n", "content/a.md": "# Văn bản A\n"}

// TestDestinationRefusals checks the messages of refused destinations: at
// once, naming the folder as typed, exit 1, nothing written.
func TestDestinationRefusals(t *testing.T) {
	dir := site(t, smallSite)
	t.Chdir(dir)
	for _, tt := range []struct {
		dest, want string
	}{
		{"/", "tusach: build: --dest /: it is the root of the file system; refusing to replace it"},
		{".", "tusach: build: --dest .: it is the site folder; refusing to replace it"},
		{"content", "tusach: build: --dest content: it is the site's content/ folder or inside it; refusing to replace it"},
		{"content/out", "tusach: build: --dest content/out: it is the site's content/ folder or inside it"},
		{"..", "tusach: build: --dest ..: it holds the site folder"},
	} {
		code, out, errOut := run(t, "build", "--dest", tt.dest, "--force")
		if code != ExitContent || !strings.Contains(errOut, tt.want) || out != "" {
			t.Errorf("--dest %s: exit %d, stderr %q, want %q", tt.dest, code, errOut, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "out")); err == nil {
		t.Error("content/out was created")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the site folder holds %v, want only content/", entries)
	}

	other := t.TempDir()
	t.Chdir(other)
	code, _, errOut := run(t, "build", "--source", dir, "--dest", ".")
	if code != ExitContent || !strings.Contains(errOut, "--dest .: it is the current folder") {
		t.Errorf("--dest . from another folder: exit %d, %q", code, errOut)
	}
}

// TestForceReplacesForeignFolder checks --force: a folder holding other
// files is refused with a message naming them and --force, then replaced
// with it.
func TestForceReplacesForeignFolder(t *testing.T) {
	dir := site(t, smallSite)
	web := filepath.Join(t.TempDir(), "www")
	os.MkdirAll(web, 0o755)
	os.WriteFile(filepath.Join(web, "cu.html"), []byte("x"), 0o644)
	code, _, errOut := run(t, "build", "--source", dir, "--dest", web)
	if code != ExitContent || !strings.Contains(errOut, "(cu.html)") || !strings.Contains(errOut, "--force") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(web, "cu.html")); err != nil {
		t.Fatalf("the refused folder changed: %v", err)
	}
	if code, _, errOut := run(t, "build", "--quiet", "--source", dir, "--dest", web, "--force"); code != ExitOK {
		t.Fatalf("--force: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(web, "a.html")); err != nil {
		t.Errorf("--force did not write the site: %v", err)
	}
	if code, _, errOut := run(t, "build", "--quiet", "--source", dir, "--dest", web); code != ExitOK {
		t.Errorf("rebuilding an output folder: exit %d, %q", code, errOut)
	}
}

func TestBaseURLFlagChecked(t *testing.T) {
	dir := site(t, smallSite)
	for _, bad := range []string{"javascript:alert(1)", "foo", "ftp://x/", "http://a/#x"} {
		code, _, errOut := run(t, "build", "--source", dir, "--base-url", bad)
		if code != ExitUsage || !strings.Contains(errOut, `--base-url: want an absolute URL such as "http://intranet/hoc-tap/"`) {
			t.Errorf("--base-url %s: exit %d, %q", bad, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a bad --base-url still built the site")
	}
	if code, _, errOut := run(t, "build", "--quiet", "--source", dir, "--base-url", "https://intranet/hoc-tap"); code != ExitOK {
		t.Fatalf("a good --base-url: exit %d, %q", code, errOut)
	}
	if sm, _ := os.ReadFile(filepath.Join(dir, "public", "sitemap.xml")); !strings.Contains(string(sm), "https://intranet/hoc-tap/a.html") {
		t.Errorf("sitemap: %.300s", sm)
	}
}

func TestFailedZipExits1(t *testing.T) {
	dir := site(t, smallSite)
	if code, _, _ := run(t, "build", "--quiet", "--source", dir); code != ExitOK {
		t.Fatal("first build failed")
	}
	old, _ := os.ReadFile(filepath.Join(dir, "public", "a.html"))
	os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("# Văn bản A đã sửa\n"), 0o644)
	file := filepath.Join(t.TempDir(), "tep")
	os.WriteFile(file, nil, 0o644)
	code, _, errOut := run(t, "build", "--source", dir, "--zip", filepath.Join(file, "hoc-tap.zip"))
	if code != ExitContent || !strings.Contains(errOut, "hoc-tap.zip") || !strings.Contains(errOut, "left as it was") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "public", "a.html")); string(now) != string(old) {
		t.Error("the old site was replaced although the zip failed")
	}
}

// TestMessagesEscapeControlCharacters checks that file names and typed
// values with ESC, other controls or bidi overrides are printed escaped.
func TestMessagesEscapeControlCharacters(t *testing.T) {
	dir := site(t, map[string]string{
		"content/_index.md":            "---\ntitle: Thử\n---\n",
		"content/x\x1b[2J\u202egpj.md": "---\ntitle: A\nweight: \"\x1b]0;pwned\x07\"\n---\n",
	})
	for _, args := range [][]string{
		{"build", "--source", dir},
		{"build", "--source", dir + "/khong-co\x1b[31m\u202e"},
		{"build", "--source", dir, "--dest", dir + "/content/\x1b[2J"},
		{"build", "--source", dir, "--base-url", "http://a/\u202e\x1b"},
		{"build", "--\x1b[2Jx"},
		{"serve", "--source", dir, "--base-path", "/a\x1b/"},
	} {
		code, out, errOut := run(t, args...)
		if code == ExitOK {
			t.Errorf("%q: exit 0", args)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
			if strings.Contains(out+errOut, bad) {
				t.Errorf("%q: raw %q printed:\n%s", args, bad, errOut)
			}
		}
		if !strings.Contains(errOut, `\x1b`) {
			t.Errorf("%q: the control character is not shown escaped:\n%s", args, errOut)
		}
	}
}
