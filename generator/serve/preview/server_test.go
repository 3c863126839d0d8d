package preview

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tusach/generator/diag"
)

// fakeSite is a Builder whose output is a small site stamped with a version;
// it fails with its errors while they are set.
type fakeSite struct {
	mu      sync.Mutex
	version int
	errs    diag.List
	delay   time.Duration
	running atomic.Int32 // builds in progress
	overlap atomic.Bool  // set when two builds ever ran at once
	last    MapFiles
}

func (f *fakeSite) set(version int, errs diag.List) {
	f.mu.Lock()
	f.version, f.errs = version, errs
	f.mu.Unlock()
}

func (f *fakeSite) build(ctx context.Context, _ []string) (Files, error) {
	if f.running.Add(1) > 1 {
		f.overlap.Store(true)
	}
	defer f.running.Add(-1)
	f.mu.Lock()
	v, errs, delay := f.version, f.errs, f.delay
	f.mu.Unlock()
	time.Sleep(delay)
	if len(errs) > 0 {
		return nil, fmt.Errorf("content or template errors: %w", errs.Err())
	}
	page := func(title string) []byte {
		// The version is stamped at both ends so that a torn read shows.
		return []byte(fmt.Sprintf(`<!doctype html><html lang="vi"><head><title>%s v%d</title></head><body><p>v%d</p>%s<p>v%d</p></body></html>`,
			title, v, v, strings.Repeat("<p>nội dung</p>", 2000), v))
	}
	files := MapFiles{
		"index.html":           page("Trang chủ"),
		"404.html":             page("Không tìm thấy"),
		"a.html":               page("A"),
		"van-ban/index.html":   page("Văn bản"),
		"van-ban/205.html":     page("205/KH-UBND"),
		"assets/main.1a.js":    []byte(fmt.Sprintf("console.log(%d)", v)),
		"assets/style.1a.css":  []byte("body{color:red}"),
		"search/meta.js":       []byte(`{"v":1}`),
		"data.json":            []byte(`{"a":1}`),
		"site.webmanifest":     []byte(`{"name":"tusach"}`),
		"favicon.svg":          []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`),
		"sitemap.xml":          []byte(`<?xml version="1.0"?><urlset></urlset>`),
		"van-ban/tep/anh.png":  []byte("\x89PNG\r\n\x1a\n"),
		"van-ban/tep/body.txt": []byte("</body> in a text file"),
	}
	f.mu.Lock()
	f.last = files
	f.mu.Unlock()
	return files, nil
}

// start serves a fakeSite under base with a real listener on 127.0.0.1.
func start(t *testing.T, base string) (*Server, *fakeSite, *httptest.Server, *bytes.Buffer) {
	t.Helper()
	site := &fakeSite{version: 1}
	var log syncBuffer
	s, err := New(Config{BasePath: base, Build: site.build, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); hs.Close() })
	return s, site, hs, &log.buf
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func get(t *testing.T, hs *httptest.Server, p string) (*http.Response, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(hs.URL + p)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// rawGet sends target exactly as given, without any client-side cleaning.
func rawGet(t *testing.T, hs *httptest.Server, target string) (int, string) {
	t.Helper()
	return rawRequest(t, hs.Listener.Addr().String(), target, "Host: 127.0.0.1")
}

const tagStart = `<script src="`

func TestContentTypesAndInjection(t *testing.T) {
	for _, base := range []string{"/", "/hoc-tap/"} {
		t.Run(base, func(t *testing.T) {
			_, site, hs, _ := start(t, base)
			tests := []struct {
				path, ctype string
				html        bool
			}{
				{"", "text/html; charset=utf-8", true},
				{"a.html", "text/html; charset=utf-8", true},
				{"van-ban/", "text/html; charset=utf-8", true},
				{"van-ban/205.html", "text/html; charset=utf-8", true},
				{"assets/main.1a.js", "text/javascript; charset=utf-8", false},
				{"assets/style.1a.css", "text/css; charset=utf-8", false},
				{"search/meta.js", "text/javascript; charset=utf-8", false},
				{"data.json", "application/json; charset=utf-8", false},
				{"site.webmanifest", "application/manifest+json; charset=utf-8", false},
				{"favicon.svg", "image/svg+xml; charset=utf-8", false},
				{"sitemap.xml", "application/xml; charset=utf-8", false},
				{"van-ban/tep/anh.png", "image/png", false},
				{"van-ban/tep/body.txt", "text/plain; charset=utf-8", false},
			}
			for _, tt := range tests {
				resp, body := get(t, hs, base+tt.path)
				if resp.StatusCode != 200 {
					t.Errorf("%s: status %d", tt.path, resp.StatusCode)
					continue
				}
				if got := resp.Header.Get("Content-Type"); got != tt.ctype {
					t.Errorf("%s: Content-Type %q, want %q", tt.path, got, tt.ctype)
				}
				if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
					t.Errorf("%s: Cache-Control %q", tt.path, got)
				}
				want := `<script src="` + base + `__tusach/livereload.js" data-build="`
				if n := strings.Count(body, want); tt.html && n != 1 {
					t.Errorf("%s: live-reload script injected %d times, want once", tt.path, n)
				}
				if tt.html && !strings.Contains(body, `" defer></script></body></html>`) {
					t.Errorf("%s: script not right before </body>: …%s", tt.path, body[max(0, len(body)-200):])
				}
				if !tt.html && strings.Contains(body, "__tusach") {
					t.Errorf("%s: script injected into a non-HTML file", tt.path)
				}
			}
			// The build's own files never carry the script.
			for name, data := range site.last {
				if bytes.Contains(data, []byte("__tusach")) {
					t.Errorf("build output %s was changed by serving", name)
				}
			}
			resp, body := get(t, hs, base+"__tusach/livereload.js")
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
				t.Errorf("livereload.js: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			for _, want := range []string{"EventSource", "textContent", "sessionStorage", "tusach-errors", "location.reload"} {
				if !strings.Contains(body, want) {
					t.Errorf("livereload.js lacks %s", want)
				}
			}
			if strings.Contains(body, "innerHTML") {
				t.Error("livereload.js must build the overlay with textContent, not innerHTML")
			}
		})
	}
}

func TestNotFoundRedirectsAndMethods(t *testing.T) {
	_, _, hs, _ := start(t, "/hoc-tap/")
	tests := []struct {
		path     string
		code     int
		location string
		body     string
	}{
		{"/", 302, "/hoc-tap/", ""},
		{"/hoc-tap", 302, "/hoc-tap/", ""},
		{"/hoc-tap/van-ban", 302, "/hoc-tap/van-ban/", ""},
		{"/hoc-tap/khong-co.html", 404, "", "<title>Không tìm thấy v1"},
		{"/hoc-tap/van-ban/tep/", 404, "", "<title>Không tìm thấy v1"},
		{"/a.html", 404, "", "404 page not found"},
	}
	for _, tt := range tests {
		resp, body := get(t, hs, tt.path)
		if resp.StatusCode != tt.code {
			t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.code)
		}
		if got := resp.Header.Get("Location"); got != tt.location {
			t.Errorf("%s: Location %q, want %q", tt.path, got, tt.location)
		}
		if !strings.Contains(body, tt.body) {
			t.Errorf("%s: body lacks %q", tt.path, tt.body)
		}
		if tt.code == 404 && strings.Contains(tt.body, "<title>") && !strings.Contains(body, "__tusach/livereload.js") {
			t.Errorf("%s: the 404 page lacks the live-reload script", tt.path)
		}
	}
	resp, err := http.Post(hs.URL+"/hoc-tap/a.html", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodHead, hs.URL+"/hoc-tap/a.html", nil)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.ContentLength <= 0 {
		t.Errorf("HEAD: status %d, length %d", resp.StatusCode, resp.ContentLength)
	}
}

// TestTraversal sends crafted request targets as they are and checks that
// each answers with a page of the site or an error, never anything else.
func TestTraversal(t *testing.T) {
	_, _, hs, _ := start(t, "/hoc-tap/")
	tests := []struct {
		target string
		code   int // 0: any status but 200
		body   string
	}{
		{"/hoc-tap/../../../../etc/passwd", 0, ""},
		{"/hoc-tap/%2e%2e/%2e%2e/etc/passwd", 0, ""},
		{"/hoc-tap/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", 0, ""},
		{"/hoc-tap/..%2f..%2fetc%2fpasswd", 0, ""},
		{"/hoc-tap/..%5c..%5cetc%5cpasswd", 0, ""},
		{`/hoc-tap/..\..\etc\passwd`, 0, ""},
		{"/hoc-tap/%5c%5cetc/passwd", 0, ""},
		{"//etc/passwd", 0, ""},
		{"/etc/passwd", 0, ""},
		{"/hoc-tap//etc/passwd", 0, ""},
		{"/hoc-tap/%00index.html", 0, ""},
		{"http://127.0.0.1/etc/passwd", 0, ""},
		{"/hoc-tap/van-ban/%2e%2e/a.html", 200, "<title>A v1"},
		{"/hoc-tap/van-ban%2f205.html", 200, "<title>205/KH-UBND v1"},
	}
	for _, tt := range tests {
		code, body := rawGet(t, hs, tt.target)
		if tt.code == 0 && code == 200 {
			t.Errorf("%s: status 200", tt.target)
		}
		if tt.code != 0 && code != tt.code {
			t.Errorf("%s: status %d, want %d", tt.target, code, tt.code)
		}
		if !strings.Contains(body, tt.body) || strings.Contains(body, "root:") {
			t.Errorf("%s: unexpected body %.80q", tt.target, body)
		}
	}
}
