package build

import (
	"path"
	"strings"
	"testing"
)

// TestSearchAndListFalse builds a site whose manual section sets search:
// false and list: false, with one page taking search back, and checks the
// search heads, the home page and the feed.
func TestSearchAndListFalse(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/_index.md":    "---\ntitle: Tủ sách\n---\n",
		"content/vb/a.md":      "---\ntitle: Văn bản chỉnh đốn\nissued: 2020-01-01\n---\nChỉnh đốn Đảng.\n",
		"content/hd/_index.md": "---\ntitle: Hướng dẫn\nsearch: false\nlist: false\n---\n",
		"content/hd/b.md":      "---\ntitle: Trang sổ tay\nissued: 2024-01-01\n---\nChỉnh đốn Đảng, ví dụ.\n",
		"content/hd/c.md":      "---\ntitle: Trang tìm được\nsearch: true\n---\nChỉnh đốn.\n",
	})
	dest := t.TempDir()
	if _, err := buildSite(t, src, dest); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dest)
	var heads []string
	for name, data := range files {
		if strings.HasPrefix(name, "search/d/") && !strings.Contains(path.Base(name), "-") {
			heads = append(heads, string(data))
		}
	}
	in := func(url string) bool {
		for _, h := range heads {
			if strings.Contains(h, `"`+url+`"`) {
				return true
			}
		}
		return false
	}
	tests := []struct {
		url      string
		searched bool
	}{{"vb/a.html", true}, {"hd/b.html", false}, {"hd/c.html", true}}
	for _, tt := range tests {
		if got := in(tt.url); got != tt.searched {
			t.Errorf("%s in the search index = %v, want %v", tt.url, got, tt.searched)
		}
	}
	for _, name := range []string{"index.html", "feed.xml"} {
		body := string(files[name])
		if strings.Contains(body, "Trang sổ tay") {
			t.Errorf("%s lists the page with list: false", name)
		}
		if !strings.Contains(body, "Văn bản chỉnh đốn") {
			t.Errorf("%s misses the listed document", name)
		}
	}
	if !strings.Contains(string(files["hd/index.html"]), "Trang sổ tay") {
		t.Error("the section's own page does not list its document")
	}
}
