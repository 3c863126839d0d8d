package hosting

import (
	"os"
	"strings"
	"testing"
	"time"

	"tusach/generator/browsertest"
	"tusach/generator/offline"
)

// TestWorkerBytesOnThreePages measures what a reader downloads over http on
// localhost on opening three pages of a built site: the home page and the
// first two documents it lists. It needs a built site, given in
// $TUSACH_PWA_SITE (for instance the corpus: make corpus, then tusach build
// --source /tmp/tusach-corpus --dest DIR), so that the same measure runs on
// any build, an older one's included. It reports; it asserts nothing but
// that the pages opened (TestWorkerFetchesOnlyWhatIsOpened asserts).
func TestWorkerBytesOnThreePages(t *testing.T) {
	dir := os.Getenv("TUSACH_PWA_SITE")
	if dir == "" {
		t.Skip("set TUSACH_PWA_SITE to a built site to measure")
	}
	h, _, root, ctx := pwaSite(t, dir)
	open := func(rel string) {
		t.Helper()
		if err := browsertest.Navigate(ctx, root+rel); err != nil {
			t.Fatal(err)
		}
		waitFor[bool](t, ctx, rel+": the service worker never controlled the page", `navigator.serviceWorker.controller !== null`)
	}
	open("index.html")
	docs := evalJS[[]string](t, ctx, `[...document.querySelectorAll(".doc-list a.doc-title")].slice(0, 2).map(a => a.href)`)
	if len(docs) < 2 {
		t.Fatalf("the home page lists %d documents, want 2", len(docs))
	}
	for _, d := range docs {
		open(strings.TrimPrefix(d, root))
	}
	// A measure, not an assertion: wait until the server has been idle for
	// five seconds, so that whatever the worker does in the background is
	// counted.
	var log []served
	for idle := 0; idle < 5; {
		time.Sleep(time.Second)
		if more := h.takeLog(); len(more) > 0 {
			log = append(log, more...)
			idle = 0
		} else {
			idle++
		}
	}
	var total, search, list int
	for _, s := range log {
		if testing.Verbose() {
			t.Logf("%8d %s", s.Bytes, s.Path)
		}
		total += s.Bytes
		switch {
		case s.Path == offline.ListName:
			list += s.Bytes
		case strings.HasPrefix(s.Path, "search/") && strings.HasSuffix(s.Path, ".js"):
			search += s.Bytes
		}
	}
	t.Logf("three pages of %s: %d requests, %d bytes (search index %d, %s %d)", dir, len(log), total, search, offline.ListName, list)
}
