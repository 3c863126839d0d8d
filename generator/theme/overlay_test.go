package theme

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"tusach/generator/internal/testsite"
)

// withoutFile hides one file of a file system.
type withoutFile struct {
	fs.FS
	name string
}

func (w withoutFile) Open(name string) (fs.File, error) {
	if name == w.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return w.FS.Open(name)
}

func (w withoutFile) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(w.FS, name)
	out := entries[:0:0]
	for _, e := range entries {
		if name == "." && e.Name() == w.name {
			continue
		}
		out = append(out, e)
	}
	return out, err
}

func TestOverlay(t *testing.T) {
	top := fstest.MapFS{
		"base.html":            {Data: []byte("top base")},
		"partials/footer.html": {Data: []byte("top footer")},
		"assets/extra.css":     {Data: []byte("extra")},
	}
	bottom := fstest.MapFS{
		"base.html":            {Data: []byte("bottom base")},
		"home.html":            {Data: []byte("bottom home")},
		"partials/footer.html": {Data: []byte("bottom footer")},
		"partials/header.html": {Data: []byte("bottom header")},
	}
	o := Overlay(top, bottom)
	if err := fstest.TestFS(o, "base.html", "home.html", "partials/footer.html", "partials/header.html", "assets/extra.css"); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"base.html", "top base"},
		{"home.html", "bottom home"},
		{"partials/footer.html", "top footer"},
		{"partials/header.html", "bottom header"},
		{"assets/extra.css", "extra"},
	}
	for _, tt := range tests {
		got, err := fs.ReadFile(o, tt.name)
		if err != nil || string(got) != tt.want {
			t.Errorf("ReadFile(%q) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	entries, err := fs.ReadDir(o, "partials")
	if err != nil || len(entries) != 2 {
		t.Errorf("ReadDir(partials) = %v, %v; want footer and header", entries, err)
	}
	if _, err := o.Open("khong-co.html"); err == nil {
		t.Error("Open of a missing file succeeded")
	}
	if _, err := o.Open("../base.html"); err == nil {
		t.Error("Open of an invalid path succeeded")
	}
}

// TestForSite checks which theme a site folder gets: the default without
// a templates/ folder; its files over the default's with one, "own" only
// when it holds a template (.html), not for a CSS or UI-strings override.
func TestForSite(t *testing.T) {
	def := fstest.MapFS{"base.html": {Data: []byte("default base")}, "assets/site.css": {Data: []byte("default css")}}
	tests := []struct {
		name  string
		files map[string]string
		own   bool
		base  string
		css   string
	}{
		{"no templates folder", map[string]string{"content/a.md": "A"}, false, "default base", "default css"},
		{"a stylesheet only", map[string]string{"templates/assets/site.css": "site css"}, false, "default base", "site css"},
		{"a template", map[string]string{"templates/base.html": "site base"}, true, "site base", "default css"},
		{"a nested template", map[string]string{"templates/partials/x.html": "x"}, true, "default base", "default css"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys, own := ForSite(testsite.Write(t, tt.files), def)
			if own != tt.own {
				t.Errorf("own = %v, want %v", own, tt.own)
			}
			for name, want := range map[string]string{"base.html": tt.base, "assets/site.css": tt.css} {
				if got, err := fs.ReadFile(fsys, name); err != nil || string(got) != want {
					t.Errorf("%s = %q, %v; want %q", name, got, err, want)
				}
			}
		})
	}
}
