package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// file returns a MapFS file with the given text.
func file(text string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(text)} }

// paths returns the Path of each document.
func paths(docs []*Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Path)
	}
	return out
}

func TestLoadSite(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":                    file("---\ntitle: Học tập\nlanguage: en\nbase_url: http://intranet/hoc-tap\nfooter: Chi bộ 3\n---\nChào mừng\n"),
		"content/van-ban/_index.md":            file("---\ntitle: Văn bản\nstudy: true\n---\n"),
		"content/van-ban/ke-hoach-205.md":      file("---\nnumber: 205/KH-UBND\n---\n# Kế hoạch 205\n"),
		"content/van-ban/nghi-quyet.MD":        file("# Nghị quyết\n"),
		"content/van-ban/so-do.png":            file("PNG"),
		"content/van-ban-cu.md":                file("# Cũ\n"),
		"content/huong-dan/a.md":               file("# A\n"),
		"content/huong-dan/nhap.md":            file("---\ndraft: true\n---\n# Nháp\n"),
		"content/huong-dan/.a.md.swp":          file("\x00junk"),
		"content/huong-dan/a.md~":              file("\xff"),
		"content/huong-dan/.#a.md":             file(""),
		"content/huong-dan/#a.md#":             file("\xff"),
		"content/huong-dan/4913":               file(""),
		"content/huong-dan/tam.tmp":            file(""),
		"content/huong-dan/~$bai.docx":         file(""),
		"content/huong-dan/Thumbs.db":          file(""),
		"content/.git/config":                  file("\xff"),
		"content/.hidden/x.md":                 file("\xff"),
		"templates/page.html":                  file("{{.}}"),
		"content/tai-lieu/de-cuong.pdf":        file("%PDF"),
		"content/tai-lieu/sub/_index.md":       file("# Tiểu mục\n"),
		"content/tai-lieu/sub/draft/_index.md": file("---\ndraft: true\n---\n"),
	}
	tests := []struct {
		name              string
		opts              Options
		docs, sects, more []string
	}{
		{"without drafts", Options{},
			[]string{"huong-dan/a.md", "van-ban-cu.md", "van-ban/ke-hoach-205.md", "van-ban/nghi-quyet.MD"},
			[]string{"_index.md", "tai-lieu/sub/_index.md", "van-ban/_index.md"},
			[]string{"tai-lieu/de-cuong.pdf", "van-ban/so-do.png"}},
		{"with drafts", Options{Drafts: true},
			[]string{"huong-dan/a.md", "huong-dan/nhap.md", "van-ban-cu.md", "van-ban/ke-hoach-205.md", "van-ban/nghi-quyet.MD"},
			[]string{"_index.md", "tai-lieu/sub/_index.md", "tai-lieu/sub/draft/_index.md", "van-ban/_index.md"},
			[]string{"tai-lieu/de-cuong.pdf", "van-ban/so-do.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, errs := Load(fsys, tt.opts)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if got := paths(src.Documents); !reflect.DeepEqual(got, tt.docs) {
				t.Errorf("documents %q, want %q", got, tt.docs)
			}
			if got := paths(src.Sections); !reflect.DeepEqual(got, tt.sects) {
				t.Errorf("sections %q, want %q", got, tt.sects)
			}
			if !reflect.DeepEqual(src.Files, tt.more) {
				t.Errorf("files %q, want %q", src.Files, tt.more)
			}
			want := Settings{Title: "Học tập", Language: "en", BaseURL: "http://intranet/hoc-tap/",
				Params: map[string]any{"footer": "Chi bộ 3"}}
			if !reflect.DeepEqual(src.Settings, want) {
				t.Errorf("settings %#v, want %#v", src.Settings, want)
			}
			d := src.Documents[len(src.Documents)-2]
			if d.File != "content/van-ban/ke-hoach-205.md" || d.Meta.Number != "205/KH-UBND" || d.BodyLine != 4 {
				t.Errorf("document %q: file %q number %q body line %d", d.Path, d.File, d.Meta.Number, d.BodyLine)
			}
		})
	}
}

func TestLoadDefaults(t *testing.T) {
	src, errs := Load(fstest.MapFS{"content/a.md": file("# A\n")}, Options{})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := Settings{Title: "Tủ sách", Language: "vi", Params: map[string]any{}}
	if !reflect.DeepEqual(src.Settings, want) || len(src.Sections) != 0 || len(src.Documents) != 1 {
		t.Errorf("got settings %#v, %d sections, %d documents", src.Settings, len(src.Sections), len(src.Documents))
	}
}

func TestLoadRootIndexDraftStillSettings(t *testing.T) {
	src, errs := Load(fstest.MapFS{"content/_index.md": file("---\ntitle: Riêng\ndraft: true\n---\n")}, Options{})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if src.Settings.Title != "Riêng" || len(src.Sections) != 1 {
		t.Errorf("title %q, %d sections", src.Settings.Title, len(src.Sections))
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string
	}{
		{"no content folder", fstest.MapFS{"templates/a.html": file("")},
			[]string{"content: no such folder"}},
		{"content is a file", fstest.MapFS{"content": file("x")},
			[]string{"content: not a folder"}},
		{"every error at once, sorted", fstest.MapFS{
			"content/b.md":      file("---\nweight: abc\n---\n"),
			"content/a.md":      file("---\ntitle: a\n"),
			"content/c/d.md":    file(""),
			"content/_index.md": file("---\nlanguage: fr\nunsafe_html: có\n---\n"),
		}, []string{
			`content/_index.md:2: language: want "vi" or "en", got "fr"`,
			`content/_index.md:3: unsafe_html: want true or false, got "có"`,
			`content/a.md:1: front matter opened with "---" is never closed`,
			`content/b.md:2: weight: want a whole number, got "abc"`,
			`content/c/d.md:1: empty file`,
		}},
		{"errors in drafts still reported", fstest.MapFS{
			"content/a.md": file("---\ndraft: true\nweight: x\n---\n"),
		}, []string{`content/a.md:3: weight: want a whole number, got "x"`}},
		{"names differing in case", fstest.MapFS{
			"content/Bai-1.md": file("# A\n"),
			"content/bai-1.md": file("# B\n"),
		}, []string{`content/bai-1.md: writes the same output file "bai-1.html" as content/Bai-1.md ` +
			`(names differing only in letter case are one file on a USB stick)`}},
		{"folders differing in case", fstest.MapFS{
			"content/Van-ban/a.md": file("# A\n"),
			"content/van-ban/A.md": file("# B\n"),
		}, []string{`content/van-ban/A.md: writes the same output file "van-ban/A.html" as content/Van-ban/a.md ` +
			`(names differing only in letter case are one file on a USB stick)`}},
		{"index.md and _index.md", fstest.MapFS{
			"content/a/_index.md": file("# A\n"),
			"content/a/index.md":  file("# B\n"),
		}, []string{`content/a/index.md: writes the same output file "a/index.html" as content/a/_index.md`}},
		{"markdown and html file", fstest.MapFS{
			"content/_index.md": file("---\nunsafe_html: true\n---\n"),
			"content/a.md":      file("# A\n"),
			"content/a.html":    file("<p>"),
		}, []string{`content/a.md: writes the same output file "a.html" as content/a.html`}},
		{"NFC and NFD names", fstest.MapFS{
			"content/" + "Đảng.md":      file("# A\n"),
			"content/" + nfd("Đảng.md"): file("# B\n"),
		}, []string{`content/Đảng.md: writes the same output file "Đảng.html" as content/` + nfd("Đảng.md") +
			` (the names are the same letters in different Unicode forms)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, errs := Load(tt.fsys, Options{})
			if src == nil && (len(errs) == 0 || errs[0].Path != "content") {
				// Only an unreadable content/ folder gives no source at all.
				t.Errorf("no source: later stages could not report their errors too")
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLoadDeterministic(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"z", "a", "m", "b-c", "b/c", "b/a", "đ", "e"} {
		fsys["content/"+name+".md"] = file("# " + name + "\n")
	}
	first, errs := Load(fsys, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []string{"a.md", "b-c.md", "b/a.md", "b/c.md", "e.md", "m.md", "z.md", "đ.md"}
	if got := paths(first.Documents); !reflect.DeepEqual(got, want) {
		t.Fatalf("order %q, want %q", got, want)
	}
	for range 20 {
		again, _ := Load(fsys, Options{})
		if !reflect.DeepEqual(paths(again.Documents), want) {
			t.Fatalf("order changed: %q", paths(again.Documents))
		}
	}
}

func TestOutputPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a.md", "a.html"},
		{"a/b.md", "a/b.html"},
		{"a/_index.md", "a/index.html"},
		{"_index.md", "index.html"},
		{"a/index.md", "a/index.html"},
		{"a/B.MD", "a/B.html"},
		{"anh/so-do.png", "anh/so-do.png"},
		{"a.md.bak", "a.md.bak"},
		{"tài-liệu/Đảng.md", "tài-liệu/Đảng.html"},
	}
	for _, tt := range tests {
		if got := OutputPath(tt.in); got != tt.want {
			t.Errorf("OutputPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLeftover checks the one rule for editors' and systems' leftovers,
// which the loader skips and the watcher ignores.
func TestLeftover(t *testing.T) {
	tests := []struct {
		name string
		skip bool
	}{
		{".git", true}, {".DS_Store", true}, {".a.md.swp", true}, {".#a.md", true},
		{"a.md~", true}, {"a.SWP", true}, {"a.swx", true}, {"a.md.swo", true}, {"4913", true}, {"5036", true},
		{"x.tmp", true}, {"x.temp", true}, {"a.md.bak", true}, {".goutputstream-XYZ12", true},
		{"#a.md#", true}, {"~$bai.docx", true}, {"Thumbs.db", true}, {"desktop.ini", true},
		{"a.md___jb_tmp___", true}, {"a.md___jb_old___", true}, {"", true},
		{"a.md", false}, {"_index.md", false}, {"#", false}, {"4914", false}, {"5037", false}, {"04913", false},
		{"so-do.png", false}, {"tmp.md", false}, {"~a.md", false}, {"base.html", false}, {"2022", false},
	}
	for _, tt := range tests {
		if got := Leftover(tt.name); got != tt.skip {
			t.Errorf("Leftover(%q) = %v, want %v", tt.name, got, tt.skip)
		}
	}
}
