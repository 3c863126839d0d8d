package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestFileURL(t *testing.T) {
	got := FileURL("/tmp/a b/index.html")
	if got != "file:///tmp/a%20b/index.html" {
		t.Errorf("FileURL = %q", got)
	}
}

func TestPageAndProblems(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "index.html")
	html := `<!doctype html><title>t</title><p id="p">xin chào</p>
<script>console.error("boom")</script><img src="missing.png">`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := New(t)
	if err := Navigate(ctx, FileURL(page)); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("p").textContent`))
	if err != nil || text != "xin chào" {
		t.Fatalf("text = %q, %v", text, err)
	}
	// the image load failure is reported asynchronously: wait for the load event
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === "complete"`)); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(Problems(ctx), "\n")
	if !strings.Contains(all, "boom") {
		t.Errorf("console error not recorded: %q", all)
	}
	if !strings.Contains(all, "failed") {
		t.Errorf("failed request not recorded: %q", all)
	}
}
