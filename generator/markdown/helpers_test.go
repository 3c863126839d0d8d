package markdown

import (
	"path"
	"strings"
	"testing"
)

// testFiles are the documents and files of the fake site the tests render
// into, relative to content/.
var testFiles = []string{
	"huong-dan/a.md",
	"huong-dan/b.md",
	"huong-dan/tài liệu.md",
	"huong-dan/anh/x.png",
	"van-ban/ke-hoach-205.md",
	"anh/so-do.png",
}

// siteResolver resolves targets among testFiles the way the site stage
// does: pages become .html, other files keep their name, and the href is
// relative to the folder of the page at pagePath.
func siteResolver(pagePath string) func(string) (string, bool) {
	known := make(map[string]bool, len(testFiles))
	for _, f := range testFiles {
		known[f] = true
	}
	return func(target string) (string, bool) {
		if !known[target] {
			return "", false
		}
		out := strings.TrimSuffix(target, ".md")
		if out != target {
			out += ".html"
		}
		return relPath(path.Dir(pagePath), out), true
	}
}

// relPath returns target relative to the folder dir (both content-relative).
func relPath(dir, target string) string {
	if dir == "." {
		return target
	}
	from := strings.Split(dir, "/")
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// testInput is a document at content/huong-dan/a.md whose body starts on
// line 5 of the file (after four lines of front matter).
func testInput(src string) Input {
	return Input{
		File:      "content/huong-dan/a.md",
		Path:      "huong-dan/a.md",
		Source:    []byte(src),
		FirstLine: 5,
		Resolve:   siteResolver("huong-dan/a.md"),
	}
}

// render renders src as testInput with opts.
func render(t testing.TB, opts Options, src string) Result {
	t.Helper()
	return New(opts).Render(testInput(src))
}

func TestRelPath(t *testing.T) {
	tests := []struct{ dir, target, want string }{
		{"huong-dan", "huong-dan/b.html", "b.html"},
		{"huong-dan", "van-ban/ke-hoach-205.html", "../van-ban/ke-hoach-205.html"},
		{".", "anh/so-do.png", "anh/so-do.png"},
		{"a/b", "a/c.html", "../c.html"},
	}
	for _, tt := range tests {
		if got := relPath(tt.dir, tt.target); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tt.dir, tt.target, got, tt.want)
		}
	}
}
