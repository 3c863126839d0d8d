package cli

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Theme: testsite.DefaultTheme(t), Version: "v-test", Stdout: &out, Stderr: &errOut}
	code = Run(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

func site(t *testing.T, files map[string]string) string {
	t.Helper()
	return testsite.Write(t, files)
}

func TestBuildSucceeds(t *testing.T) {
	dir := site(t, map[string]string{"content/_index.md": "---\ntitle: Thử\n---\n", "content/a.md": "# Văn bản A\n"})
	code, out, errOut := run(t, "build", "--source", dir)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if !strings.Contains(out, "1 documents") || !strings.Contains(out, "0 errors") {
		t.Errorf("summary line = %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "a.html")); err != nil {
		t.Errorf("default destination not written: %v", err)
	}
	code, out, _ = run(t, "build", "--quiet", "--source", dir, "--dest", filepath.Join(dir, "out"))
	if code != ExitOK || out != "" {
		t.Errorf("--quiet: exit %d, stdout %q", code, out)
	}
}

// TestBuildWarnsWithoutFailing checks that a section titled from an ASCII
// folder name is reported on stderr, naming the folder, and the build
// still succeeds.
func TestBuildWarnsWithoutFailing(t *testing.T) {
	dir := site(t, map[string]string{"content/_index.md": "---\ntitle: Thử\n---\n", "content/bo-luat/a.md": "# Điều 1\n"})
	code, out, errOut := run(t, "build", "--source", dir)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "tusach: warning: content/bo-luat: section titled \"Bo luat\"") {
		t.Errorf("stderr lacks the warning: %q", errOut)
	}
	if !strings.Contains(out, "0 errors, 1 warning,") {
		t.Errorf("summary line = %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "bo-luat", "a.html")); err != nil {
		t.Errorf("page not written: %v", err)
	}
}

func TestBuildListsEveryErrorAndExits1(t *testing.T) {
	dir := site(t, map[string]string{
		"content/_index.md": "---\ntitle: Thử\n---\n",
		"content/a.md":      "---\ntitle: A\nweight: abc\n---\n",
		"content/b.md":      "---\ntitle: B\n---\n\n[x](khong-co.md)\n",
	})
	code, _, errOut := run(t, "build", "--source", dir)
	if code != ExitContent {
		t.Fatalf("exit %d, want %d", code, ExitContent)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 3 {
		t.Fatalf("want two error lines and a summary, got:\n%s", errOut)
	}
	if !strings.HasPrefix(lines[0], "content/a.md:3: weight: ") {
		t.Errorf("line 1 = %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "content/b.md:5: broken link") {
		t.Errorf("line 2 = %q", lines[1])
	}
	if !strings.Contains(lines[2], "2 errors") {
		t.Errorf("summary = %q", lines[2])
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{}, {"bogus"}, {"build", "--nope"}, {"build", "extra"}, {"build", "--source", "/does/not/exist"},
	} {
		if code, _, _ := run(t, args...); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := run(t, "version"); code != ExitOK || !strings.Contains(out, "v-test") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, out, _ := run(t, "help"); code != ExitOK || !strings.Contains(out, "tusach build") {
		t.Errorf("help: %d %q", code, out)
	}
	if code, _, errOut := run(t, "build", "--help"); code != ExitOK || !strings.Contains(errOut, "-dest") {
		t.Errorf("build --help: %d %q", code, errOut)
	}
}

// TestBrowserCommand checks that --open uses each system's own URL opener,
// passing the URL as one argument that no shell reads.
func TestBrowserCommand(t *testing.T) {
	const url = "http://127.0.0.1:1313/?a=1&b=2"
	tests := []struct {
		goos, name string
		args       []string
	}{
		{"windows", "rundll32", []string{"url.dll,FileProtocolHandler", url}},
		{"darwin", "open", []string{url}},
		{"linux", "xdg-open", []string{url}},
		{"freebsd", "xdg-open", []string{url}},
	}
	for _, tt := range tests {
		name, args := browserCommand(tt.goos, url)
		if name != tt.name || strings.Join(args, "\x00") != strings.Join(tt.args, "\x00") {
			t.Errorf("%s: browserCommand = %s %q, want %s %q", tt.goos, name, args, tt.name, tt.args)
		}
	}
}

// TestBuildMemoryLimit: `tusach build` bounds the Go runtime's memory
// (buildMemoryLimit) unless GOMEMLIMIT sets a limit of the user's own.
func TestBuildMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	for _, c := range []struct {
		env  string
		want int64
	}{
		{"", buildMemoryLimit},
		{"3GiB", math.MaxInt64}, // the runtime read it at start; tusach leaves it
	} {
		debug.SetMemoryLimit(math.MaxInt64)
		limitBuildMemory(func(k string) string {
			if k == "GOMEMLIMIT" {
				return c.env
			}
			return ""
		})
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("GOMEMLIMIT=%q: limit %d, want %d", c.env, got, c.want)
		}
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return // the build below would rightly leave the limit alone
	}
	debug.SetMemoryLimit(math.MaxInt64)
	dir := site(t, map[string]string{"content/_index.md": "---\ntitle: Thử\n---\n", "content/a.md": "# A\n"})
	if code, _, errOut := run(t, "build", "--quiet", "--source", dir); code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if got := debug.SetMemoryLimit(-1); got != buildMemoryLimit {
		t.Errorf("after tusach build, the limit is %d; want %d", got, buildMemoryLimit)
	}
}
