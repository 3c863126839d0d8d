package preview

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRefreshIsQuiet checks that Refresh serves new files without telling
// open pages to reload, that pages keep the build id they reload against,
// and that files get a new ETag so that no browser keeps a stale copy.
func TestRefreshIsQuiet(t *testing.T) {
	s, _, hs, _ := start(t, "/")
	_, body := get(t, hs, "/a.html")
	id := pageBuild(t, body)
	listen(t, hs, "/", id)
	quiet(t, s, id)
	resp, _ := get(t, hs, "/search/meta.js")
	etag := resp.Header.Get("ETag")

	err := s.Refresh(context.Background(), func(context.Context, []string) (Files, error) {
		files := MapFiles{}
		for name, data := range s.site.Load().files.(MapFiles) {
			files[name] = data
		}
		files["search/meta.js"] = []byte(`{"v":2}`)
		return files, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	quiet(t, s, id)
	if _, got := get(t, hs, "/search/meta.js"); got != `{"v":2}` {
		t.Fatalf("refreshed file not served: %q", got)
	}
	if resp, _ := get(t, hs, "/search/meta.js"); resp.Header.Get("ETag") == etag {
		t.Fatalf("ETag %s unchanged by a refresh", etag)
	}
	if _, body := get(t, hs, "/a.html"); pageBuild(t, body) != id {
		t.Fatalf("a refresh changed the pages' build id: %s, was %s", pageBuild(t, body), id)
	}

	// A refresh whose builder has nothing to say changes nothing.
	if err := s.Refresh(context.Background(), func(context.Context, []string) (Files, error) { return nil, nil }); err != nil {
		t.Fatal(err)
	}
	if _, got := get(t, hs, "/search/meta.js"); got != `{"v":2}` {
		t.Fatalf("an empty refresh changed the files: %q", got)
	}
}

// TestUnchangedBuild checks that a build reporting no change (nil files)
// sends no reload, unless the last build failed: then it reloads pages to
// clear the errors, serving the last good files.
func TestUnchangedBuild(t *testing.T) {
	site := &fakeSite{version: 1}
	var log syncBuffer
	nothing := false
	s, err := New(Config{Build: func(ctx context.Context, changed []string) (Files, error) {
		if nothing {
			return nil, nil
		}
		return site.build(ctx, changed)
	}, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); hs.Close() })
	_, body := get(t, hs, "/a.html")
	events := listen(t, hs, "/", pageBuild(t, body))

	nothing = true
	if err := s.Rebuild(context.Background(), []string{"content/a.md"}); err != nil {
		t.Fatal(err)
	}
	quiet(t, s, pageBuild(t, body))
	log.mu.Lock()
	text := log.buf.String()
	log.mu.Unlock()
	if !strings.Contains(text, "không có gì thay đổi (content/a.md)") {
		t.Errorf("log lacks the unchanged build:\n%s", text)
	}

	nothing = false
	site.set(2, yamlErr)
	s.Rebuild(context.Background(), nil)
	if ev := next(t, events); ev.name != "errors" {
		t.Fatalf("got %q, want errors", ev.name)
	}
	nothing = true
	if err := s.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, events); ev.name != "reload" {
		t.Fatalf("after going back to the last good files got %q, want reload", ev.name)
	}
	if resp, body := get(t, hs, "/a.html"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "<title>A v1") {
		t.Fatalf("the last good files are not served: %d %.80s", resp.StatusCode, body)
	}
}
