package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tusach/generator/diag"
)

// TestActiveFilesRefused checks that, without unsafe_html, a build refuses
// a web page and a scripting SVG under content/, naming each, and leaves
// the destination alone; with unsafe_html: true both are copied as they are.
func TestActiveFilesRefused(t *testing.T) {
	const page = "<script>alert(1)</script>"
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`
	files := map[string]string{
		"content/_index.md":     goodIndex,
		"content/a.md":          "# A\n",
		"content/tai-lieu.html": page,
		"content/anh/hinh.svg":  svg,
	}
	src := writeSite(t, files)
	dest := filepath.Join(src, "public")
	_, err := buildSite(t, src, dest)
	if !errors.Is(err, ErrContent) {
		t.Fatalf("err = %v, want content errors", err)
	}
	msg := diag.AsList(err).Error()
	for _, want := range []string{"content/anh/hinh.svg:1: SVG picture: <svg> has the event attribute onload", "content/tai-lieu.html: a web page"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused build wrote %s", dest)
	}

	files["content/_index.md"] = "---\ntitle: Thử\nunsafe_html: true\n---\n"
	src = writeSite(t, files)
	dest = filepath.Join(src, "public")
	if _, err := buildSite(t, src, dest); err != nil {
		t.Fatal(err)
	}
	out := readTree(t, dest)
	if string(out["tai-lieu.html"]) != page || string(out["anh/hinh.svg"]) != svg {
		t.Errorf("with unsafe_html the files are not copied as they are: %q, %q", out["tai-lieu.html"], out["anh/hinh.svg"])
	}
}

// TestNFDNamesBuilt checks that files named in decomposed Unicode are
// linked from NFC text and written with NFC names.
func TestNFDNamesBuilt(t *testing.T) {
	nfd := norm.NFD.String
	src := writeSite(t, map[string]string{
		"content/_index.md":              goodIndex,
		"content/a.md":                   "# A\n\n[Đảng viên](đảng-viên.md) ![sơ đồ](sơ-đồ.png)\n",
		"content/" + nfd("đảng-viên.md"): "# Đảng viên\n",
		"content/" + nfd("sơ-đồ.png"):    "PNG",
	})
	if _, err := os.Stat(filepath.Join(src, "content", "sơ-đồ.png")); err == nil {
		t.Skip("this file system normalizes names: nothing to test")
	}
	dest := filepath.Join(src, "public")
	if _, err := buildSite(t, src, dest); err != nil {
		t.Fatal(err)
	}
	out := readTree(t, dest)
	for _, name := range []string{"sơ-đồ.png", "đảng-viên.html"} {
		if _, ok := out[name]; !ok {
			t.Errorf("no %s written in NFC", name)
		}
		if _, ok := out[nfd(name)]; ok {
			t.Errorf("%s written in NFD", name)
		}
	}
}
