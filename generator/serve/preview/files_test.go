package preview

import (
	"io/fs"
	"path"
	"strings"
	"testing"
)

func TestNormalizeBasePath(t *testing.T) {
	tests := []struct {
		in, want string
		bad      bool
	}{
		{"", "/", false},
		{"/", "/", false},
		{"hoc-tap", "/hoc-tap/", false},
		{"/hoc-tap", "/hoc-tap/", false},
		{"/hoc-tap/", "/hoc-tap/", false},
		{"/so/tai-lieu_v2/", "/so/tai-lieu_v2/", false},
		{"/a//b/", "", true},
		{"/../x/", "", true},
		{"/a/./b", "", true},
		{`/a"b/`, "", true},
		{"/a b/", "", true},
		{"/học-tập/", "", true},
		{"/a<script>/", "", true},
	}
	for _, tt := range tests {
		got, err := NormalizeBasePath(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("NormalizeBasePath(%q) = %q, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("NormalizeBasePath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		base, path string
		want       target
	}{
		{"/", "/", target{rel: "index.html"}},
		{"/", "/a.html", target{rel: "a.html"}},
		{"/", "/van-ban/", target{rel: "van-ban/index.html"}},
		{"/", "/van-ban", target{rel: "van-ban"}},
		{"/", "/../../etc/passwd", target{rel: "etc/passwd"}},
		{"/", "//etc/passwd", target{rel: "etc/passwd"}},
		{"/", "/van-ban/../a.html", target{rel: "a.html"}},
		{"/", `/..\..\etc\passwd`, target{}},
		{"/", `/a\b.html`, target{}},
		{"/", "/a\x00.html", target{}},
		{"/", "a.html", target{}},
		{"/hoc-tap/", "/", target{redirect: "/hoc-tap/"}},
		{"/hoc-tap/", "/hoc-tap", target{redirect: "/hoc-tap/"}},
		{"/hoc-tap/", "/hoc-tap/", target{rel: "index.html"}},
		{"/hoc-tap/", "/hoc-tap/van-ban/a.html", target{rel: "van-ban/a.html"}},
		{"/hoc-tap/", "/a.html", target{}},
		{"/hoc-tap/", "/hoc-tapx/a.html", target{}},
		{"/hoc-tap/", "/hoc-tap/../a.html", target{}},
		{"/hoc-tap/", "/hoc-tap/../hoc-tap/a.html", target{rel: "a.html"}},
		{"/hoc-tap/", "/hoc-tap/../../../etc/passwd", target{}},
		{"/hoc-tap/", "/hoc-tap/./a.html", target{rel: "a.html"}},
	}
	for _, tt := range tests {
		if got := resolve(tt.base, tt.path); got != tt.want {
			t.Errorf("resolve(%q, %q) = %+v, want %+v", tt.base, tt.path, got, tt.want)
		}
	}
}

func TestContentType(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"index.html", "", "text/html; charset=utf-8"},
		{"assets/style.3f.css", "", "text/css; charset=utf-8"},
		{"assets/main.js", "", "text/javascript; charset=utf-8"},
		{"search/meta.js", "", "text/javascript; charset=utf-8"},
		{"data.json", "", "application/json; charset=utf-8"},
		{"site.webmanifest", "", "application/manifest+json; charset=utf-8"},
		{"sitemap.xml", "", "application/xml; charset=utf-8"},
		{"feed.xml", "", "application/xml; charset=utf-8"},
		{"favicon.svg", "", "image/svg+xml; charset=utf-8"},
		{"ANH.PNG", "", "image/png"},
		{"van-ban/205.pdf", "", "application/pdf"},
		{"unknown.xyz", "%PDF-1.4", "application/pdf"},
		{"unknown.xyz", "xin chào", "text/plain; charset=utf-8"},
	}
	for _, tt := range tests {
		if got := ContentType(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("ContentType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzResolve checks that no request path, however crafted, resolves to
// anything but a valid path inside the site, and that redirects only go to
// the base path.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"/", "/hoc-tap/a.html", "/../x", "/hoc-tap/../../x", `/a\..\b`, "//x", "/hoc-tap/./", "/\x00"} {
		f.Add("/hoc-tap/", s)
		f.Add("/", s)
	}
	f.Fuzz(func(t *testing.T, base, p string) {
		base, err := NormalizeBasePath(base)
		if err != nil {
			return
		}
		tg := resolve(base, p)
		if tg.redirect != "" && tg.redirect != base {
			t.Fatalf("resolve(%q, %q) redirects to %q", base, p, tg.redirect)
		}
		if tg.rel == "" {
			return
		}
		if !fs.ValidPath(tg.rel) || strings.Contains(tg.rel, `\`) || strings.HasSuffix(tg.rel, "/") {
			t.Fatalf("resolve(%q, %q) = %q: not a file path inside the site", base, p, tg.rel)
		}
		if !strings.HasPrefix(path.Clean(p)+"/", base) {
			t.Fatalf("resolve(%q, %q) = %q: served from outside the base path", base, p, tg.rel)
		}
	})
}
