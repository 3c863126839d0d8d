package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"tusach/generator/build"
	"tusach/generator/diag"
	"tusach/generator/internal/testsite"
	"tusach/generator/output"
	"tusach/generator/serve/preview"
)

// syncBuffer is a bytes.Buffer safe for concurrent use, for the log.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func writeFile(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveLikeVim replaces a file as vim does: probe file, backup by rename,
// new file, backup removed.
func saveLikeVim(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	dir := filepath.Dir(p)
	writeFile(t, root, filepath.ToSlash(filepath.Join(filepath.Dir(rel), "4913")), "")
	os.Remove(filepath.Join(dir, "4913"))
	if err := os.Rename(p, p+"~"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, rel, data)
	os.Remove(p + "~")
}

// running is a site served by Run in the background.
type running struct {
	url  string
	log  *syncBuffer
	stop func() error // cancels Run and returns its result
}

func runSite(t testing.TB, opts Options) *running {
	t.Helper()
	log := &syncBuffer{}
	opts.Log, opts.Port = log, 0
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Quiet == 0 {
		opts.Quiet = 30 * time.Millisecond
	}
	ready := make(chan string, 1)
	opts.Ready = func(url string) { ready <- url }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, opts) }()
	r := &running{log: log}
	r.stop = sync.OnceValue(func() error { // the test's own call, then the cleanup's
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(time.Minute): // a hang guard
			return fmt.Errorf("Run did not return within a minute of cancellation")
		}
	})
	t.Cleanup(func() {
		r.stop()
		if t.Failed() {
			t.Logf("server log:\n%s", log.String())
		}
	})
	limit := testsite.Patience
	if _, ok := t.(*testing.B); ok {
		limit = 10 * time.Minute // a large corpus
	}
	select {
	case r.url = <-ready:
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(limit):
		t.Fatalf("not serving after %v", limit)
	}
	return r
}

func fetch(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

var buildAttr = regexp.MustCompile(`data-build="([^"]*)"`)

// events opens the page's event stream and delivers event names.
func events(t testing.TB, url, since string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"__tusach/events?since="+since, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				out <- name
			}
		}
	}()
	return out
}

func want(t testing.TB, ch <-chan string, name string) {
	t.Helper()
	select {
	case got := <-ch:
		if got != name {
			t.Fatalf("event %q, want %q", got, name)
		}
	case <-time.After(testsite.Patience):
		t.Fatalf("no %q event after %v", name, testsite.Patience)
	}
}

// markdownEcho is a fake pipeline: the home page shows content/a.md, and a
// file containing "LỖI" is a content error at its line.
func markdownEcho(root string) preview.Builder {
	return func(context.Context, []string) (preview.Files, error) {
		data, err := os.ReadFile(filepath.Join(root, "content", "a.md"))
		if err != nil {
			return nil, err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, "LỖI") {
				return nil, fmt.Errorf("%w: %w", build.ErrContent, diag.List{diag.Field("content/a.md", i+1, "title", "broken yaml")}.Err())
			}
		}
		return preview.MapFiles{"index.html": []byte("<html><body><p>" + string(data) + "</p></body></html>")}, nil
	}
}

// TestEditReloadErrorFix runs the whole loop with a fake pipeline: a vim
// save reloads the page with the new text, a broken file sends the errors
// and keeps the page, the fix reloads, and cancelling stops Run at once
// even with a browser connected.
func TestEditReloadErrorFix(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "bản một")
	r := runSite(t, Options{Source: root, BasePath: "/hoc-tap/", Builder: markdownEcho(root)})
	if !strings.HasSuffix(r.url, "/hoc-tap/") {
		t.Fatalf("url %s lacks the base path", r.url)
	}
	_, body := fetch(t, r.url)
	ev := events(t, r.url, buildAttr.FindStringSubmatch(body)[1])

	saveLikeVim(t, root, "content/a.md", "bản hai")
	want(t, ev, "reload")
	if _, body := fetch(t, r.url); !strings.Contains(body, "bản hai") {
		t.Fatalf("edit not served: %s", body)
	}
	writeFile(t, root, "content/a.md", "dòng một\nLỖI")
	want(t, ev, "errors")
	if code, body := fetch(t, r.url); code != 200 || !strings.Contains(body, "bản hai") {
		t.Fatalf("the last good build is not served during errors: %d %s", code, body)
	}
	writeFile(t, root, "content/a.md", "bản ba")
	want(t, ev, "reload")
	if _, body := fetch(t, r.url); !strings.Contains(body, "bản ba") {
		t.Fatalf("fix not served: %s", body)
	}
	if err := r.stop(); err != nil {
		t.Fatalf("Run after cancel: %v", err)
	}
	log := r.log.String()
	for _, w := range []string{"đang phục vụ tại http://127.0.0.1:", "/hoc-tap/", "content/a.md:2: title: broken yaml\n", "(content/a.md)\n"} {
		if !strings.Contains(log, w) {
			t.Errorf("log lacks %q:\n%s", w, log)
		}
	}
}

// TestFirstBuildBroken checks that the server starts when the first build
// fails and serves the site once the file is fixed.
func TestFirstBuildBroken(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "LỖI")
	r := runSite(t, Options{Source: root, Builder: markdownEcho(root)})
	code, body := fetch(t, r.url)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "content/a.md:1: title: broken yaml") {
		t.Fatalf("first page: %d %s", code, body)
	}
	ev := events(t, r.url, "")
	want(t, ev, "errors")
	writeFile(t, root, "content/a.md", "đã sửa")
	want(t, ev, "reload")
	if code, body := fetch(t, r.url); code != 200 || !strings.Contains(body, "đã sửa") {
		t.Fatalf("after the fix: %d %s", code, body)
	}
}

func TestPortTaken(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "x")
	r := runSite(t, Options{Source: root, Builder: markdownEcho(root)})
	port := r.url[strings.LastIndex(r.url, ":")+1 : len(r.url)-1]
	var p int
	fmt.Sscan(port, &p)
	err := Run(context.Background(), Options{Source: root, Bind: "127.0.0.1", Port: p, Builder: markdownEcho(root)})
	if err == nil || !strings.Contains(err.Error(), "serve:") {
		t.Fatalf("a taken port: %v", err)
	}
	if err := Run(context.Background(), Options{Source: filepath.Join(root, "khong-co")}); err == nil {
		t.Fatal("a missing site folder was accepted")
	}
}

// readTree returns every file under dir by slash path, but the output
// folder's marker (output.MarkerName), which is no part of the site.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	return testsite.Read(t, dir, output.MarkerName)
}

// stuckBuilder is a Builder whose calls from the n-th on never return
// until released, whatever their context says — as a document that takes
// minutes to render does.
func stuckBuilder(t *testing.T, root string, n int) (preview.Builder, <-chan struct{}) {
	echo := markdownEcho(root)
	entered, release := make(chan struct{}, 1), make(chan struct{})
	t.Cleanup(func() { close(release) })
	var mu sync.Mutex
	calls := 0
	return func(ctx context.Context, changed []string) (preview.Files, error) {
		mu.Lock()
		calls++
		stuck := calls >= n
		mu.Unlock()
		if stuck {
			select {
			case entered <- struct{}{}:
			default:
			}
			<-release
		}
		return echo(ctx, changed)
	}, entered
}

// TestStopDuringStuckBuild cancels Run while a rebuild, and then while the
// first build, never returns: Run stops anyway, and serves pages while the
// rebuild runs.
func TestStopDuringStuckBuild(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "bản một")
	builder, entered := stuckBuilder(t, root, 2)
	r := runSite(t, Options{Source: root, Builder: builder})
	writeFile(t, root, "content/a.md", "bản hai")
	<-entered
	if code, body := fetch(t, r.url); code != 200 || !strings.Contains(body, "bản một") {
		t.Fatalf("during a stuck rebuild: %d %s", code, body)
	}
	if err := r.stop(); err != nil {
		t.Fatalf("stopping during a stuck rebuild: %v", err)
	}

	builder, entered = stuckBuilder(t, root, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, Options{Source: root, Bind: "127.0.0.1", Builder: builder}) }()
	<-entered
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("stopping during a stuck first build: %v", err)
		}
	case <-time.After(time.Minute): // a hang guard
		t.Fatal("Run did not stop during a stuck first build")
	}
}
