package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCrawlFindsProblems crawls a small site with one problem of each kind
// and expects each to be reported, and nothing on the good page.
func TestCrawlFindsProblems(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"index.html": `<!doctype html><title>a</title><h1 id="top">a</h1>
<a href="b.html#muc">b</a> <a href="b.html#khong-co">missing id</a> <a href="khong-co.html">broken</a>
<a href="sub/">folder</a> <a href="data.json">file</a> <a href="https://example.invalid/">other site</a>`,
		"b.html":      `<!doctype html><title>b</title><h2 id="muc">b</h2><script>console.error("hỏng")</script>`,
		"data.json":   `{}`,
		"sub/x.html":  `<!doctype html><title>x</title><img src="../../outside.png">`,
		"orphan.html": `<!doctype html><title>o</title><p>no link here</p>`,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := New(t)
	root := FileURL(dir) + "/"
	res := Crawl(t, ctx, CrawlOptions{Root: root, Dir: dir})
	all := strings.Join(res.Problems, "\n")
	for _, want := range []string{
		"index.html: link to b.html#khong-co: no such id",
		"index.html: broken link " + root + "khong-co.html",
		"index.html: link " + root + "sub/ names a folder",
		"b.html: console.error: hỏng",
		"sub/x.html: request outside the site: ",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing problem %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "b.html#muc") || strings.Contains(all, "data.json") || strings.Contains(all, "example.invalid") {
		t.Errorf("a good link reported:\n%s", all)
	}
	var rels []string
	for _, p := range res.Pages {
		rels = append(rels, p.Rel)
		if p.Rel == "orphan.html" && p.Linked {
			t.Error("orphan.html marked as linked")
		}
	}
	if got := strings.Join(rels, " "); got != "index.html b.html orphan.html sub/x.html" {
		t.Errorf("visited %s", got)
	}
}
