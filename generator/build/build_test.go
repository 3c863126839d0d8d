package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"tusach/generator/diag"
)

// TestGolden builds testdata/site and compares every output file with
// testdata/golden (run with -update to accept a change).
func TestGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, "testdata/site", dest); err != nil {
		t.Fatalf("build: %v", err)
	}
	got := readTree(t, dest)
	golden := "testdata/golden"
	if *update {
		os.RemoveAll(golden)
		for name, data := range got {
			p := filepath.Join(golden, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := readTree(t, golden)
	var names []string
	for n := range got {
		names = append(names, n)
	}
	for n := range want {
		if _, ok := got[n]; !ok {
			t.Errorf("%s: in golden, not produced", n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		w, ok := want[n]
		if !ok {
			t.Errorf("%s: produced, not in golden (run go test ./generator/build -run TestGolden -update)", n)
			continue
		}
		if !bytes.Equal(got[n], w) {
			t.Errorf("%s differs from golden (run with -update and review the diff)", n)
		}
	}
}

func TestSampleSiteOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := buildSite(t, "testdata/site", dest)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if st.Documents != 4 {
		t.Errorf("Documents = %d, want 4", st.Documents)
	}
	files := readTree(t, dest)
	for _, name := range []string{
		"index.html", "404.html", "sitemap.xml", "feed.xml", "search/index.html",
		"van-ban/index.html", "van-ban/ke-hoach-205.html", "huong-dan/nang-cao/index.html",
		"huong-dan/nang-cao/trang.html", "chu-de/xay-dung-dang.html", "chu-de/index.html",
		"loai-van-ban/ke-hoach.html", "nam-ban-hanh/2022.html", "the/huong-dan.html",
	} {
		if _, ok := files[name]; !ok {
			t.Errorf("missing %s", name)
		}
	}
	if broken := brokenRefs(t, dest, files); len(broken) > 0 {
		t.Errorf("broken references:\n%s", strings.Join(broken, "\n"))
	}
	doc := string(files["van-ban/ke-hoach-205.html"])
	for _, want := range []string{"205/KH-UBND", "Số hiệu", "Cơ quan ban hành", `id="nhiem-vu-trong-tam"`, `id="dang"`,
		`href="../huong-dan/bat-dau.html#cai-dat"`, "28/7/2022", "Ghi chú"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document page lacks %q", want)
		}
	}
	guide := string(files["huong-dan/bat-dau.html"])
	if strings.Contains(guide, "<script>alert") || strings.Contains(guide, "javascript:") {
		t.Error("raw HTML or a javascript: URL from content reached the output")
	}
	if !strings.Contains(guide, "Bắt đầu") {
		t.Error("title from the first heading missing")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if _, err := buildSite(t, "testdata/site", a); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, "testdata/site", b); err != nil {
		t.Fatal(err)
	}
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files vs %d", len(fa), len(fb))
	}
	for n, data := range fa {
		if !bytes.Equal(data, fb[n]) {
			t.Errorf("%s differs between two builds of the same input", n)
		}
	}
}

const goodIndex = "---\ntitle: Thử\n---\n"

// TestBuildErrors checks that each kind of bad input is reported with its
// file, line and field, that the build fails, and that the old output stays.
func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error lines
	}{
		{"weight not a number", map[string]string{"content/a.md": "---\ntitle: A\nweight: abc\n---\nx\n"},
			[]string{"content/a.md:3: weight:"}},
		{"impossible date", map[string]string{"content/a.md": "---\ntitle: A\n\ndate: 2022-13-45\n---\nx\n"},
			[]string{"content/a.md:4: date:"}},
		{"tags not strings", map[string]string{"content/a.md": "---\ntitle: A\ntags:\n  a: b\n---\nx\n"},
			[]string{"content/a.md:3: tags:"}},
		{"invalid utf-8", map[string]string{"content/a.md": "---\ntitle: A\n---\nok\nbad \xff here\n"},
			[]string{"content/a.md:5:"}},
		{"empty file", map[string]string{"content/a.md": ""}, []string{"content/a.md"}},
		{"unclosed front matter", map[string]string{"content/a.md": "---\ntitle: A\n\nbody\n"},
			[]string{"content/a.md:1:"}},
		{"broken yaml", map[string]string{"content/a.md": "---\ntitle: A\ntags: [a, b\n---\nx\n"},
			[]string{"content/a.md:"}},
		{"two files one page", map[string]string{"content/A.md": "# A\n", "content/a.md": "# a\n"},
			[]string{"content/A.md", "content/a.md"}},
		{"missing title", map[string]string{"content/a.md": "---\ndescription: x\n---\nno heading\n"},
			[]string{"content/a.md:1: title:"}},
		{"broken link", map[string]string{"content/a.md": "# A\n\ntext\n\nsee [b](b.md)\n"},
			[]string{"content/a.md:5: broken link"}},
		{"missing anchor", map[string]string{
			"content/a.md": "# A\n\n[b](b.md#khong-co)\n", "content/b.md": "# B\n\n## Có\n"},
			[]string{"content/a.md:3: broken link"}},
		{"template syntax error", map[string]string{"content/a.md": "# A\n", "templates/home.html": "{{define \"main\"}}\n{{if}}\n{{end}}\n"},
			[]string{"templates/home.html:2"}},
		{"several errors at once", map[string]string{
			"content/a.md": "---\nweight: x\n---\n# A\n", "content/b.md": "---\ndate: nope\n---\n# B\n"},
			[]string{"content/a.md:2: weight:", "content/b.md:2: date:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"content/_index.md": goodIndex}
			for k, v := range tt.files {
				files[k] = v
			}
			src := writeSite(t, files)
			dest := filepath.Join(src, "public")
			oldBuild(t, dest, map[string]string{"index.html": "old build"})

			_, err := buildSite(t, src, dest)
			if !errors.Is(err, ErrContent) {
				t.Fatalf("err = %v, want content errors", err)
			}
			msg := diag.AsList(err).Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("errors do not mention %q:\n%s", w, msg)
				}
			}
			after := readTree(t, dest)
			if len(after) != 1 || string(after["index.html"]) != "old build" {
				t.Errorf("a failed build changed the destination: %d files", len(after))
			}
			entries, _ := os.ReadDir(src)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".public") {
					t.Errorf("leftover build folder %s", e.Name())
				}
			}
		})
	}
}

func TestSymlinkOutsideSiteRefused(t *testing.T) {
	outside := writeSite(t, map[string]string{"secret.md": "# Bí mật\n"})
	src := writeSite(t, map[string]string{"content/_index.md": goodIndex, "content/a.md": "# A\n"})
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(src, "content", "leak.md")); err != nil {
		t.Fatal(err)
	}
	_, err := buildSite(t, src, filepath.Join(src, "public"))
	if err == nil || !strings.Contains(err.Error(), "content/leak.md") {
		t.Fatalf("err = %v, want an error naming content/leak.md", err)
	}
}

func TestDestinationGuard(t *testing.T) {
	src := writeSite(t, map[string]string{"content/_index.md": goodIndex, "content/a.md": "# A\n"})
	for _, dest := range []string{src, filepath.Dir(src)} {
		if _, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: defaultTheme(t)}); err == nil {
			t.Errorf("building into %s (which holds the source) should be refused", dest)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "content", "a.md")); err != nil {
		t.Fatalf("source damaged: %v", err)
	}
}
