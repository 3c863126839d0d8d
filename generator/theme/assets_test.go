package theme

import (
	"errors"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFingerprint(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"assets/style.css", "body{}", `^assets/style\.[0-9a-f]{8}\.css$`},
		{"assets/icons/x.svg", "<svg/>", `^assets/icons/x\.[0-9a-f]{8}\.svg$`},
		{"assets/LICENSE", "MIT", `^assets/LICENSE\.[0-9a-f]{8}$`},
		{"assets/a.min.js", "1", `^assets/a\.min\.[0-9a-f]{8}\.js$`},
	}
	for _, tt := range tests {
		if got := fingerprint(tt.name, []byte(tt.data)); !regexp.MustCompile(tt.want).MatchString(got) {
			t.Errorf("fingerprint(%q) = %q, want match %s", tt.name, got, tt.want)
		}
	}
	if fingerprint("assets/a.css", []byte("a")) == fingerprint("assets/a.css", []byte("b")) {
		t.Error("different content, same name")
	}
	if fingerprint("assets/a.css", []byte("a")) != fingerprint("assets/a.css", []byte("a")) {
		t.Error("same content, different names")
	}
}

func TestAssets(t *testing.T) {
	layer := fstest.MapFS{
		"assets/style.css":    {Data: []byte("/* site override */ body{color:red}")},
		"assets/.DS_Store":    {Data: []byte("junk")},
		"assets/icons/ok.svg": {Data: []byte("<svg/>")},
	}
	fsys := themeFS(layer)
	th := loadTheme(t, "vi", layer)
	byName := map[string]Asset{}
	for _, a := range th.Assets() {
		byName[a.Src] = a
		if _, err := fs.Stat(fsys, a.Src); err != nil {
			t.Errorf("asset %s: source missing: %v", a.Src, err)
		}
	}
	for _, src := range []string{"assets/style.css", "assets/main.js", "assets/icons/ok.svg"} {
		if _, ok := byName[src]; !ok {
			t.Errorf("asset %s not listed", src)
		}
	}
	if icon := byName["assets/favicon.svg"].Out; icon == "" || th.Icon() != icon {
		t.Errorf("Icon() = %q, want the favicon's output path %q", th.Icon(), icon)
	}
	if _, ok := byName["assets/.DS_Store"]; ok {
		t.Error("hidden file listed as asset")
	}
	want := fingerprint("assets/style.css", layer["assets/style.css"].Data)
	if byName["assets/style.css"].Out != want {
		t.Errorf("style.css out = %q, want the override's fingerprint %q", byName["assets/style.css"].Out, want)
	}
	f := newFixture()
	out := render(t, th, f.site, f.doc1)
	if !strings.Contains(out, `href="../`+want+`"`) {
		t.Errorf("page does not link %s", want)
	}
	if !strings.Contains(out, `<script src="../`+byName["assets/main.js"].Out+`" defer></script>`) {
		t.Error("page does not load main.js deferred")
	}
}

// TestPutAssets: every asset comes, in order, by its output path, with the
// bytes of the file the theme has (a site's override over the default),
// and a failure of put stops the rest.
func TestPutAssets(t *testing.T) {
	layer := fstest.MapFS{"assets/style.css": {Data: []byte("body{color:red}")}}
	th := loadTheme(t, "vi", layer)
	got := map[string]string{}
	var order []string
	if err := th.PutAssets(func(out string, data []byte) error {
		got[out] = string(data)
		order = append(order, out)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	assets := th.Assets()
	if len(order) != len(assets) {
		t.Fatalf("put %d assets, want %d", len(order), len(assets))
	}
	for i, a := range assets {
		data, _ := fs.ReadFile(themeFS(layer), a.Src)
		if order[i] != a.Out || got[a.Out] != string(data) {
			t.Errorf("asset %d: put %s (%d bytes), want %s with the bytes of %s", i, order[i], len(got[order[i]]), a.Out, a.Src)
		}
	}
	if got[fingerprint("assets/style.css", layer["assets/style.css"].Data)] != "body{color:red}" {
		t.Error("the site's style.css is not the one put")
	}
	stop := errors.New("disk full")
	calls := 0
	if err := th.PutAssets(func(string, []byte) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("PutAssets = %v after %d calls, want put's error after one", err, calls)
	}
}

// TestSearchAssetsOptional: search.css and search.js are linked only when
// the theme has them.
func TestSearchAssetsOptional(t *testing.T) {
	f := newFixture()
	without := loadTheme(t, "vi", fstest.MapFS{}) // the search worker's assets may or may not exist yet
	with := loadTheme(t, "vi", fstest.MapFS{
		"assets/search.js":  {Data: []byte("/* search */")},
		"assets/search.css": {Data: []byte("/* search */")},
	})
	out := render(t, with, f.site, f.home)
	js := fingerprint("assets/search.js", []byte("/* search */"))
	css := fingerprint("assets/search.css", []byte("/* search */"))
	if !strings.Contains(out, `<script src="`+js+`" defer></script>`) || !strings.Contains(out, `<link rel="stylesheet" href="`+css+`">`) {
		t.Error("search assets not loaded when present")
	}
	if _, err := fs.Stat(without.FS(), "assets/search.js"); err != nil {
		if out := render(t, without, f.site, f.home); regexp.MustCompile(`search\.[0-9a-f]{8}\.(js|css)`).MatchString(out) {
			t.Error("search.js linked although absent")
		}
	}
}
