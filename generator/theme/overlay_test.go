package theme

import (
	"io/fs"
	"testing"
	"testing/fstest"
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
