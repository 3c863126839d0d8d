package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"

	"tusach/generator/content"
	"tusach/generator/markdown"
)

func TestRel(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "a/b.html", "a/b.html"},
		{"a/b.html", "a/c.html", "c.html"},
		{"a/b.html", "c/d.html", "../c/d.html"},
		{"a/b/c.html", "a/d.html", "../d.html"},
		{"a/b/c.html", "index.html", "../../index.html"},
		{"a/index.html", "a/b/index.html", "b/index.html"},
		{"a/b.html", "a/img/x.png", "img/x.png"},
	}
	for _, tt := range tests {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestRootFor(t *testing.T) {
	for url, want := range map[string]string{"index.html": "", "a/b.html": "../", "a/b/c.html": "../../"} {
		if got := RootFor(url); got != want {
			t.Errorf("RootFor(%q) = %q, want %q", url, got, want)
		}
	}
}

func TestNestTOC(t *testing.T) {
	hs := []markdown.Heading{
		{Level: 1, ID: "title"}, {Level: 2, ID: "a"}, {Level: 3, ID: "a1"}, {Level: 4, ID: "a1x"},
		{Level: 5, ID: "deep"}, {Level: 2, ID: "b"}, {Level: 4, ID: "b-skip"}, {Level: 3, ID: "b1"},
	}
	toc := NestTOC(hs, 2, 4)
	if len(toc) != 2 || toc[0].ID != "a" || toc[1].ID != "b" {
		t.Fatalf("top level = %+v", toc)
	}
	if len(toc[0].Children) != 1 || toc[0].Children[0].ID != "a1" || toc[0].Children[0].Children[0].ID != "a1x" {
		t.Errorf("a's children wrong: %+v", toc[0].Children)
	}
	if got := len(toc[1].Children); got != 2 {
		t.Errorf("b has %d children, want 2 (b-skip and b1)", got)
	}
}

// TestNFDNamesLinkable checks that files named in decomposed Unicode on
// disk (as macOS writes names) are linked from text typed in NFC, and that
// their pages and files get NFC names.
func TestNFDNamesLinkable(t *testing.T) {
	site := t.TempDir()
	nfd := func(s string) string { return norm.NFD.String(s) }
	files := fstest.MapFS{
		"content/_index.md": {Data: []byte("# Tủ sách\n")},
		"content/a.md":      {Data: []byte("# A\n\n[Đảng viên](tài-liệu/đảng-viên.md) và ![sơ đồ](sơ-đồ.png) và [mục](tài-liệu/)\n")},
		"content/" + nfd("tài-liệu") + "/" + nfd("đảng-viên.md"): {Data: []byte("# Đảng viên\n")},
		"content/" + nfd("tài-liệu") + "/_index.md":              {Data: []byte("# Tài liệu\n")},
		"content/" + nfd("sơ-đồ.png"):                            {Data: []byte("PNG")},
	}
	if err := os.CopyFS(site, files); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "sơ-đồ.png")); err == nil {
		t.Skip("this file system normalizes names: nothing to test")
	}
	src, errs := content.Load(content.OpenSite(site), content.Options{Root: site})
	if len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	s := assembleSource(t, src) // fails on a broken link
	a := string(page(t, s, "a.html").Content)
	for _, want := range []string{`href="t%C3%A0i-li%E1%BB%87u/%C4%91%E1%BA%A3ng-vi%C3%AAn.html"`, `src="s%C6%A1-%C4%91%E1%BB%93.png"`} {
		if !strings.Contains(a, want) {
			t.Errorf("page lacks %s (NFC, escaped):\n%s", want, a)
		}
	}
	page(t, s, "tài-liệu/đảng-viên.html")
	if want := []string{"sơ-đồ.png"}; !slices.Equal(src.Files, want) {
		t.Errorf("files %q, want %q (NFC)", src.Files, want)
	}
	if got := src.DiskPath("sơ-đồ.png"); got != nfd("sơ-đồ.png") {
		t.Errorf("DiskPath %q, want the NFD name", got)
	}
	if data, err := fs.ReadFile(src.FS, "sơ-đồ.png"); err != nil || string(data) != "PNG" {
		t.Errorf("reading the file by its NFC name: %q, %v", data, err)
	}
}

func TestEscapePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"van-ban/a.html", "van-ban/a.html"},
		{"tài liệu/bài giảng 1.html", "t%C3%A0i%20li%E1%BB%87u/b%C3%A0i%20gi%E1%BA%A3ng%201.html"},
		{"a/ghi chú & hỏi (1).pdf", "a/ghi%20ch%C3%BA%20&%20h%E1%BB%8Fi%20%281%29.pdf"},
		{"index.html", "index.html"},
	}
	for _, tt := range tests {
		if got := EscapePath(tt.in); got != tt.want {
			t.Errorf("EscapePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
