package preview

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tusach/generator/diag"
	"tusach/generator/internal/testsite"
)

type event struct{ name, data string }

// listen opens the event stream as the page of build since would, and
// delivers its events.
func listen(t *testing.T, hs *httptest.Server, base, since string) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, hs.URL+base+"__tusach/events?since="+since, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q", ct)
	}
	out := make(chan event, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				out <- ev
				ev = event{}
			}
		}
		close(out)
	}()
	return out
}

func next(t *testing.T, events <-chan event) event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(testsite.Patience):
		t.Fatalf("no event after %v", testsite.Patience)
		return event{}
	}
}

// quiet checks that open pages are told nothing: the status the event
// stream tells (errors, else a build id newer than the page's) is still
// no errors and the build id the pages have. The stream sends an event
// only when that status differs from what a page has, so this proves what
// no wait for silence can: no event will come.
func quiet(t *testing.T, s *Server, id string) {
	t.Helper()
	if st, _ := s.current(); st.problems != nil || st.id != id {
		t.Fatalf("pages would be told: errors %v, build %q (they have %q)", st.problems, st.id, id)
	}
}

// reloadTo is the data of the reload event to the build id.
func reloadTo(t *testing.T, id string) string {
	t.Helper()
	data, err := json.Marshal(id)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var buildID = regexp.MustCompile(`data-build="([^"]*)"`)

func pageBuild(t *testing.T, body string) string {
	t.Helper()
	m := buildID.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("page has no build id: %.200s", body)
	}
	return m[1]
}

var yamlErr = diag.List{
	diag.Field("content/van-ban/205.md", 3, "title", "want text, got a list"),
	diag.New("content/a.md", 7, "broken link to <script>alert(1)</script>"),
}

// TestReloadAndErrors walks a page through a good rebuild, a failed one
// and its fix, checking the events, the served files and the terminal.
func TestReloadAndErrors(t *testing.T) {
	s, site, hs, log := start(t, "/hoc-tap/")
	_, body := get(t, hs, "/hoc-tap/a.html")
	id1 := pageBuild(t, body)
	events := listen(t, hs, "/hoc-tap/", id1)
	quiet(t, s, id1)

	site.set(2, nil)
	if err := s.Rebuild(context.Background(), []string{"content/a.md"}); err != nil {
		t.Fatal(err)
	}
	_, body = get(t, hs, "/hoc-tap/a.html")
	if !strings.Contains(body, "<title>A v2") || pageBuild(t, body) == id1 {
		t.Fatalf("the new build is not served: %.100s", body)
	}
	if ev := next(t, events); ev.name != "reload" || ev.data != reloadTo(t, pageBuild(t, body)) {
		t.Fatalf("first event %s %s, want the reload to the new build", ev.name, ev.data)
	}
	events = listen(t, hs, "/hoc-tap/", pageBuild(t, body))

	site.set(3, yamlErr)
	if err := s.Rebuild(context.Background(), []string{"content/van-ban/205.md"}); err == nil {
		t.Fatal("Rebuild hid the builder's error")
	}
	ev := next(t, events)
	if ev.name != "errors" {
		t.Fatalf("after a failed build got %q, want errors", ev.name)
	}
	var problems []Problem
	if err := json.Unmarshal([]byte(ev.data), &problems); err != nil {
		t.Fatalf("errors data %q: %v", ev.data, err)
	}
	if len(problems) != 2 || problems[0].Text != "content/van-ban/205.md:3: title: want text, got a list" ||
		problems[1].Path != "content/a.md" || problems[1].Line != 7 {
		t.Errorf("problems = %+v", problems)
	}
	_, body = get(t, hs, "/hoc-tap/a.html")
	if !strings.Contains(body, "<title>A v2") {
		t.Error("the last good build is no longer served after a failed build")
	}
	// A tab opened now gets the errors at once.
	late := listen(t, hs, "/hoc-tap/", pageBuild(t, body))
	if ev := next(t, late); ev.name != "errors" {
		t.Errorf("a client connecting while there are errors got %q first", ev.name)
	}

	site.set(4, nil)
	if err := s.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for _, ch := range []<-chan event{events, late} {
		if ev := next(t, ch); ev.name != "reload" {
			t.Errorf("after the fix got %q, want reload", ev.name)
		}
	}
	out := log.String()
	for _, want := range []string{
		"content/van-ban/205.md:3: title: want text, got a list\n",
		"content/a.md:7: broken link to <script>",
		"dựng thất bại: 2 lỗi",
		"ms (content/a.md)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "đã dựng"); n != 3 {
		t.Errorf("want one line per good build (3), got %d:\n%s", n, out)
	}
}

// TestStalePageReloadsOnConnect checks that a page built before the latest
// build (loaded while a rebuild ran) reloads as soon as it connects, and a
// page from a previous server process too.
func TestStalePageReloadsOnConnect(t *testing.T) {
	s, site, hs, _ := start(t, "/")
	_, body := get(t, hs, "/a.html")
	old := pageBuild(t, body)
	site.set(2, nil)
	s.Rebuild(context.Background(), nil)
	if ev := next(t, listen(t, hs, "/", old)); ev.name != "reload" {
		t.Errorf("stale page got %q", ev.name)
	}
	if ev := next(t, listen(t, hs, "/", "an-earlier-server-1")); ev.name != "reload" {
		t.Errorf("page of an earlier server got %q", ev.name)
	}
}

func TestFirstBuildFails(t *testing.T) {
	site := &fakeSite{version: 1, errs: yamlErr}
	var log syncBuffer
	s, err := New(Config{Build: site.build, Lang: "en", Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(context.Background(), nil); !errors.Is(err, yamlErr[0]) {
		t.Fatalf("Rebuild = %v", err)
	}
	// There is no last good build to speak of: the terminal says what is true.
	if got := log.buf.String(); !strings.Contains(got, "build failed: 2 errors; nothing to serve yet: the browser shows the errors, "+
		"and the site builds as soon as the file is fixed\n") || strings.Contains(got, "last good build") {
		t.Errorf("log of the first failed build:\n%s", got)
	}
	hs := httptest.NewServer(s)
	defer hs.Close()
	defer s.Close()
	resp, body := get(t, hs, "/van-ban/205.html")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("error page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{"The site could not be built", "content/van-ban/205.md:3: title: want text, got a list",
		"broken link to &lt;script&gt;alert(1)&lt;/script&gt;", `__tusach/livereload.js" data-build=""`} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("an error message reached the page unescaped")
	}
	if resp, _ := get(t, hs, "/assets/main.1a.js"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("asset before the first build: %d", resp.StatusCode)
	}
	events := listen(t, hs, "/", "")
	if ev := next(t, events); ev.name != "errors" {
		t.Fatalf("got %q, want errors at once", ev.name)
	}
	site.set(2, nil)
	s.Rebuild(context.Background(), nil)
	if ev := next(t, events); ev.name != "reload" {
		t.Fatalf("got %q, want reload after the first good build", ev.name)
	}
	if resp, body := get(t, hs, "/a.html"); resp.StatusCode != 200 || !strings.Contains(body, "A v2") {
		t.Errorf("after the first good build: %d", resp.StatusCode)
	}
	// Once there is one, a failure keeps it served, and says so.
	site.set(3, yamlErr)
	s.Rebuild(context.Background(), nil)
	if got := log.buf.String(); !strings.HasSuffix(got, "build failed: 2 errors; still serving the last good build\n") {
		t.Errorf("log of a later failed build:\n%s", got)
	}
}

// TestNoTornPages reads pages from many connections while builds of
// alternating versions are swapped in, and checks that every page is whole
// and from a single build, and that builds never overlap. How many reads
// and builds happen is set by counts, not by time: readers go on until
// each has read 10 pages and 20 builds were swapped in, however slow the
// machine.
func TestNoTornPages(t *testing.T) {
	s, site, hs, _ := start(t, "/")
	site.delay = 2 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var builds atomic.Int64
	var builders sync.WaitGroup
	for b := range 2 {
		builders.Go(func() {
			for v := 2 + b; ctx.Err() == nil; v += 2 {
				site.set(v, nil)
				if s.Rebuild(ctx, nil) == nil {
					builds.Add(1)
				}
			}
		})
	}
	var requests, failures int64
	var mu sync.Mutex
	stamp := regexp.MustCompile(`<p>v(\d+)</p>`)
	var readers sync.WaitGroup
	for range 16 {
		readers.Go(func() {
			for n := 0; n < 10 || builds.Load() < 20; n++ {
				resp, err := http.Get(hs.URL + "/van-ban/205.html")
				if err != nil {
					continue // not a torn page: a connection refused by a loaded machine
				}
				var buf bytes.Buffer
				_, err = buf.ReadFrom(resp.Body)
				resp.Body.Close()
				body := buf.String()
				m := stamp.FindAllStringSubmatch(body, -1)
				mu.Lock()
				requests++
				if err != nil || resp.StatusCode != 200 || len(m) != 2 || m[0][1] != m[1][1] ||
					!strings.HasSuffix(body, "</body></html>") || int64(len(body)) != resp.ContentLength {
					failures++
				}
				mu.Unlock()
			}
		})
	}
	readers.Wait()
	cancel()
	builders.Wait()
	if failures > 0 {
		t.Errorf("%d of %d responses were torn or failed", failures, requests)
	}
	if site.overlap.Load() {
		t.Error("two builds ran at once")
	}
}

// TestSupersededFailureNotShown checks that a failed build is not shown
// when newer changes are already waiting, and is shown otherwise.
func TestSupersededFailureNotShown(t *testing.T) {
	site := &fakeSite{version: 1}
	var newer atomic.Bool
	var log syncBuffer
	s, err := New(Config{Build: site.build, Log: &log, Superseded: newer.Load})
	if err != nil {
		t.Fatal(err)
	}
	s.Rebuild(context.Background(), nil)
	hs := httptest.NewServer(s)
	defer hs.Close()
	defer s.Close()
	_, body := get(t, hs, "/a.html")
	events := listen(t, hs, "/", pageBuild(t, body))

	site.set(2, yamlErr)
	newer.Store(true)
	if err := s.Rebuild(context.Background(), nil); err == nil {
		t.Fatal("Rebuild hid the builder's error")
	}
	if !strings.Contains(log.buf.String(), "vẫn đang thay đổi") || strings.Contains(log.buf.String(), "thất bại") {
		t.Errorf("log:\n%s", log.buf.String())
	}
	quiet(t, s, pageBuild(t, body))
	newer.Store(false)
	s.Rebuild(context.Background(), nil)
	if ev := next(t, events); ev.name != "errors" {
		t.Errorf("got %q, want errors once no newer change waits", ev.name)
	}
}
