package serve

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"tusach/generator/serve/watch"
)

// rebuildLine starts the one line the terminal gets for every rebuild
// (built, unchanged, failed or superseded).
var rebuildLine = regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d `)

// TestStreamOfSavesRebuildRate saves a document 1,000 times in 20 bursts,
// as a sync tool or an autosaving editor does, with the real pipeline, its
// look for missed changes included. Rebuilds start at least
// watch.DefaultMinInterval apart, so from the first save to the moment the
// last text is served there is room for at most span/interval + 1 of them
// (without the interval: about one per burst); and the last text is served.
func TestStreamOfSavesRebuildRate(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	root := copySite(t)
	const rel = "content/huong-dan/lien-ket.md"
	r := runSite(t, Options{Source: root, Theme: defaultTheme(t), Quiet: watch.DefaultQuiet})
	before := len(r.log.String())
	doc := func(b, k int) string {
		return fmt.Sprintf("---\ntitle: Liên kết\n---\n\nBản lưu %d-%d.\n", b, k)
	}
	first := time.Now()
	for b := range 20 {
		if b > 0 {
			time.Sleep(50 * time.Millisecond)
		}
		for k := range 50 {
			writeFile(t, root, rel, doc(b, k))
		}
	}
	page := r.url + "huong-dan/lien-ket.html"
	last := "Bản lưu 19-49."
	deadline := time.Now().Add(time.Minute)
	for {
		if _, body := fetch(t, page); strings.Contains(body, last) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the last save is not served after a minute:\n%s", r.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	rebuilds := len(rebuildLine.FindAllString(r.log.String()[before:], -1))
	span := time.Since(first) // after reading the log: every rebuild counted started within it
	if limit := int(span/watch.DefaultMinInterval) + 1; rebuilds > limit {
		t.Errorf("%d rebuilds in %v: want at most %d, one per %v\n%s", rebuilds, span, limit, watch.DefaultMinInterval, r.log.String()[before:])
	}
	t.Logf("%d rebuilds for 1,000 saves in 20 bursts, %v from the first save to the last served", rebuilds, span)
}
