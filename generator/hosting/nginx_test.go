package hosting

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/build"
	"tusach/generator/internal/testsite"
)

// brotliModule is Debian's libnginx-mod-http-brotli-static.
const brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// nginxPath returns Debian's nginx, failing the test when it is missing
// (and skipping it under -short).
func nginxPath(t *testing.T) string {
	t.Helper()
	testsite.Requires(t, "nginx")
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	t.Fatal("nginx not found: install Debian's nginx (make test installs it as root: apt-get install nginx)")
	return ""
}

// readmeNginx returns the nginx configuration of README.md, for the site in
// dir on 127.0.0.1:port, with brotli_static on when the module is there.
func readmeNginx(t *testing.T, dir string, port int, brotliOn bool) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```nginx\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no ```nginx block")
	}
	conf := string(m[1])
	for _, s := range []string{"/srv/hoc-tap/public/", "listen 80;", "gzip_static on;", "error_page 404", "sub_filter"} {
		if !strings.Contains(conf, s) {
			t.Fatalf("README.md's nginx configuration lacks %q", s)
		}
	}
	conf = strings.ReplaceAll(conf, "/srv/hoc-tap/public/", dir+"/")
	conf = strings.ReplaceAll(conf, "listen 80;", fmt.Sprintf("listen 127.0.0.1:%d;", port))
	if brotliOn {
		conf = strings.ReplaceAll(conf, "#brotli_static on;", "brotli_static on;")
	}
	return conf
}

// startNginx runs nginx in the foreground with its own configuration, pid
// and temporary files under a new folder, serving the README configuration
// for dir, and stops it when the test ends. It returns the server's URL.
func startNginx(t *testing.T, dir string) (base string, brotliOn bool) {
	t.Helper()
	bin := nginxPath(t)
	_, err := os.Stat(brotliModule)
	brotliOn = err == nil
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()

	run := t.TempDir()
	var load string
	if brotliOn {
		load = "load_module " + brotliModule + ";"
	}
	conf := fmt.Sprintf(`daemon off;
master_process off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
%[2]s
events { worker_connections 128; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
%[3]s
}
`, run, load, readmeNginx(t, dir, port, brotliOn))
	confPath := filepath.Join(run, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", run, "-c", confPath, "-e", filepath.Join(run, "error.log"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start nginx: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(testsite.Patience); ; {
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(run, "error.log"))
			t.Fatalf("nginx exited: %v\n%s%s\nconfiguration:\n%s", err, out.String(), log, conf)
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx does not listen on %s", addr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "http://" + addr, brotliOn
}

// TestNginx serves the sample site, built with --precompress, with the
// README's nginx configuration under /hoc-tap/, crawls it in Chromium, and
// checks content types, caching headers, the 404 page at any depth and the
// precompressed files.
func TestNginx(t *testing.T) {
	testsite.Requires(t, "nginx and Chromium") // before the setup, skipped in -short
	dest := buildSample(t, repoRoot, build.Options{Precompress: true})
	base, brotliOn := startNginx(t, dest)
	root := base + "/hoc-tap/"

	ctx := browsertest.New(t)
	res := browsertest.Crawl(t, ctx, browsertest.CrawlOptions{Root: root, Dir: dest})
	for _, p := range res.Problems {
		t.Error(p)
	}
	if len(res.Pages) < 60 {
		t.Errorf("crawled %d pages, want the whole sample site", len(res.Pages))
	}
	browsertest.NoProblems(t, ctx)

	check404(t, ctx, root)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	checkHeaders(t, client, root, dest)
	checkPrecompressed(t, client, root, dest, brotliOn)
}

// check404 opens a missing page two folders deep: nginx answers 404 with
// 404.html, whose style sheet, scripts and links work from there.
func check404(t *testing.T, ctx context.Context, root string) {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(root+"van-ban/khong/co.html"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 404 {
		t.Errorf("missing page: HTTP %d, want 404", resp.Status)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[
		document.querySelector(".notfound a").href,
		String(Array.from(document.styleSheets).every(s => s.cssRules.length > 0) && document.styleSheets.length > 0),
		document.querySelector("h1").textContent,
	]`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != root+"index.html" {
		t.Errorf("404 page at depth 2: home link %s, want %sindex.html", got[0], root)
	}
	if got[1] != "true" {
		t.Error("404 page at depth 2: style sheets did not load")
	}
	if !strings.Contains(got[2], "Không tìm thấy") {
		t.Errorf("404 page: heading %q", got[2])
	}
}

// checkHeaders checks the content type and caching of each kind of file.
func checkHeaders(t *testing.T, client *http.Client, root, dest string) {
	t.Helper()
	asset := func(pattern string) string {
		m, _ := filepath.Glob(filepath.Join(dest, "assets", pattern))
		if len(m) == 0 {
			t.Fatalf("no asset %s", pattern)
		}
		return "assets/" + filepath.Base(m[0])
	}
	for _, tc := range []struct{ rel, typ, cache string }{
		{"index.html", "text/html", "no-cache"},
		{"", "text/html", "no-cache"},
		{asset("main.*.js"), "application/javascript", "immutable"},
		{asset("style.*.css"), "text/css", "immutable"},
		{asset("favicon.*.svg"), "image/svg+xml", "immutable"},
		{"sitemap.xml", "xml", "no-cache"},
		{"feed.xml", "xml", "no-cache"},
		{"manifest.webmanifest", "application/manifest+json", "no-cache"},
		{"sw.js", "application/javascript", "no-cache"},
		{"offline.json", "application/json", "no-cache"},
		{"search/meta.js", "application/javascript", "no-cache"},
	} {
		resp, err := client.Get(root + tc.rel)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		ct := resp.Header.Get("Content-Type")
		if resp.StatusCode != 200 || !strings.Contains(ct, tc.typ) {
			t.Errorf("%s: HTTP %d, Content-Type %q, want %s", tc.rel, resp.StatusCode, ct, tc.typ)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, tc.cache) {
			t.Errorf("%s: Cache-Control %q, want %s", tc.rel, cc, tc.cache)
		}
	}
}

// checkPrecompressed fetches text files with Accept-Encoding and checks
// that nginx sent the precompressed copy, which decodes to the original.
func checkPrecompressed(t *testing.T, client *http.Client, root, dest string, brotliOn bool) {
	t.Helper()
	encodings := []string{"gzip"}
	if brotliOn {
		encodings = append(encodings, "br")
	} else {
		t.Log("no brotli_static module: .br files not served (apt-get install libnginx-mod-http-brotli-static)")
	}
	files := []string{"index.html", "van-ban/index.html", "search/index.html", "sitemap.xml",
		"manifest.webmanifest", "sw.js", "offline.json"}
	for _, pattern := range []string{"style.*.css", "search.*.js", "favicon.*.svg"} {
		m, _ := filepath.Glob(filepath.Join(dest, "assets", pattern))
		for _, f := range m {
			files = append(files, "assets/"+filepath.Base(f))
		}
	}
	for _, rel := range files {
		orig, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		for _, enc := range encodings {
			ext := map[string]string{"gzip": ".gz", "br": ".br"}[enc]
			stored, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)+ext))
			if err != nil {
				t.Errorf("%s%s: not written by --precompress: %v", rel, ext, err)
				continue
			}
			req, _ := http.NewRequest("GET", root+rel, nil)
			req.Header.Set("Accept-Encoding", enc)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if ce := resp.Header.Get("Content-Encoding"); ce != enc {
				t.Errorf("%s with Accept-Encoding %s: Content-Encoding %q", rel, enc, ce)
				continue
			}
			if !bytes.Equal(body, stored) {
				t.Errorf("%s: nginx did not send %s%s as it is", rel, rel, ext)
			}
			var rd io.Reader
			if enc == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Errorf("%s: %v", rel, err)
					continue
				}
				rd = zr
			} else {
				rd = brotli.NewReader(bytes.NewReader(body))
			}
			plain, err := io.ReadAll(rd)
			if err != nil || !bytes.Equal(plain, orig) {
				t.Errorf("%s: the %s body does not decode to the original (%v)", rel, enc, err)
			}
		}
	}
}
