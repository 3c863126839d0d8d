package content

import (
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestActiveFiles checks which other files a site without unsafe_html
// refuses, each with an error naming it (and the line, for SVG), and that
// with unsafe_html: true every one of them is published as it is.
func TestActiveFiles(t *testing.T) {
	tests := []struct {
		name, data string
		want       string // the error, "" when the file is published
	}{
		{"trang.html", "<p>x</p>", "content/f/trang.html: a web page (.html), which can run a program when a reader opens it; publish it only with unsafe_html: true in content/_index.md"},
		{"TRANG.HTM", "x", "content/f/TRANG.HTM: a web page (.htm)"},
		{"a.xhtml", "x", "content/f/a.xhtml: a web page (.xhtml)"},
		{"a.shtml", "x", "content/f/a.shtml: a web page (.shtml)"},
		{"luu.mht", "x", "content/f/luu.mht: a saved web page (.mht)"},
		{"luu.mhtml", "x", "content/f/luu.mhtml: a saved web page (.mhtml)"},
		{"du-lieu.xml", `<?xml-stylesheet type="text/xsl" href="a.xsl"?><a/>`, "content/f/du-lieu.xml: an XML file (.xml)"},
		{"a.xsl", "x", "content/f/a.xsl: an XSLT stylesheet (.xsl)"},
		{"hinh.svgz", "\x1f\x8b", "content/f/hinh.svgz: a compressed SVG picture (.svgz)"},
		{"a.js", "alert(1)", "content/f/a.js: a script (.js)"},
		{"a.vbs", "x", "content/f/a.vbs: a script (.vbs)"},
		{"a.hta", "x", "content/f/a.hta: a Windows HTML application (.hta)"},
		{"hinh.svg", svgHead + "\n<script>alert(1)</script></svg>", "content/f/hinh.svg:2: SVG picture: <script> runs a program"},
		{"HINH-2.SVG", svgHead + `<rect onload="x()"/></svg>`, "content/f/HINH-2.SVG:1: SVG picture: <rect> has the event attribute onload"},
		{"hong.svg", "<svg", "content/f/hong.svg:1: SVG picture: cannot be read as SVG"},
		{"khong-duoi", "<!DOCTYPE html><script>alert(1)</script>", "content/f/khong-duoi: reads as text/html, which a browser may run as a page"},
		{"ghi-chu.dat", "  <html><body onload=x()>", "content/f/ghi-chu.dat: reads as text/html"},
		{"ghi-chu.old", "<?xml version='1.0'?><x/>", "content/f/ghi-chu.old: reads as text/xml"},

		{"so-do.svg", svgHead + `<rect width="1" height="1"/></svg>`, ""},
		{"anh.png", "<html><script>alert(1)</script>", ""}, // shown as a picture, never as a page
		{"de-cuong.pdf", "%PDF-1.4", ""},
		{"ghi-chu.txt", "<html>", ""},
		{"kieu.css", "body{}", ""},
		{"LICENSE", "Giấy phép", ""},
		{"du-lieu.bin", "\x00\x01\x02", ""},
	}
	for _, unsafe := range []bool{false, true} {
		fsys := fstest.MapFS{}
		if unsafe {
			fsys["content/_index.md"] = file("---\nunsafe_html: true\n---\n")
		}
		for _, tt := range tests {
			fsys["content/f/"+tt.name] = file(tt.data)
		}
		src, errs := Load(fsys, Options{})
		got := map[string]string{}
		for _, e := range errs {
			got[strings.TrimPrefix(strings.SplitN(e.Path, ":", 2)[0], "content/f/")] = e.Error()
		}
		for _, tt := range tests {
			want := tt.want
			if unsafe {
				want = ""
			}
			msg, refused := got[tt.name]
			switch {
			case want == "" && refused:
				t.Errorf("unsafe_html %v: %s refused: %s", unsafe, tt.name, msg)
			case want != "" && !strings.HasPrefix(msg, want):
				t.Errorf("unsafe_html %v: %s:\n got %q\nwant %q…", unsafe, tt.name, msg, want)
			}
			if want != "" {
				continue
			}
			data, err := fs.ReadFile(src.FS, "f/"+tt.name)
			if err != nil || string(data) != tt.data {
				t.Errorf("unsafe_html %v: %s reads %q, %v; want it as it is", unsafe, tt.name, data, err)
			}
		}
		if len(errs) != len(got) {
			t.Errorf("two errors for one file: %v", errs)
		}
	}
}

// TestFilesFSOpensOnlyListedFiles checks that Source.FS gives the other
// files and nothing else: not the documents, not hidden files.
func TestFilesFSOpensOnlyListedFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":      file("# A\n"),
		"content/.an/x.png": file("x"),
		"content/b.png":     file("PNG"),
		"templates/x.html":  file("x"),
	}
	src, errs := Load(fsys, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, name := range []string{"a.md", ".an/x.png", "../templates/x.html", "c.png"} {
		if f, err := src.FS.Open(name); err == nil {
			f.Close()
			t.Errorf("Source.FS opened %s", name)
		}
	}
	f, err := src.FS.Open("b.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if data, _ := io.ReadAll(f); string(data) != "PNG" {
		t.Errorf("b.png reads %q", data)
	}
}

// TestFilesFSChecksAgain checks that a file made active after the load is
// refused when it is copied: the check is on the bytes given.
func TestFilesFSChecksAgain(t *testing.T) {
	fsys := fstest.MapFS{
		"content/hinh.svg":   file(svgHead + "</svg>"),
		"content/ghi-chu.ab": file("ghi chú"),
	}
	src, errs := Load(fsys, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	fsys["content/hinh.svg"] = file(svgHead + "<script>alert(1)</script></svg>")
	fsys["content/ghi-chu.ab"] = file("<html><script>alert(1)</script>")
	for _, name := range []string{"hinh.svg", "ghi-chu.ab"} {
		if data, err := fs.ReadFile(src.FS, name); err == nil {
			t.Errorf("%s changed to a script after the load was still given: %q", name, data)
		}
	}
}
