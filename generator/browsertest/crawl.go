package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// CrawlOptions say which site [Crawl] visits.
type CrawlOptions struct {
	// Root is the URL of the site's folder, ending in "/":
	// "file:///tmp/x/public/" or "http://127.0.0.1:8080/hoc-tap/". A request
	// for any URL outside it is a problem.
	Root string
	// Dir is the site's folder on disk: links to files that are not pages
	// are checked there, and every .html file under it is visited, linked
	// or not.
	Dir string
	// Start is the first page, relative to Root; default "index.html".
	Start string
}

// Resource is one file a page loaded.
type Resource struct {
	URL  string
	Type network.ResourceType // Document, Stylesheet, Script, Image…
}

// CrawledPage is what one visited page loaded and linked to.
type CrawledPage struct {
	URL       string     // the page, absolute
	Rel       string     // the page relative to Root: "van-ban/index.html"
	Linked    bool       // reached by a link (not only found on disk)
	Resources []Resource // every request the page made, the document first
}

// CrawlResult is the outcome of a crawl.
type CrawlResult struct {
	Pages []*CrawledPage // in the order visited
	// Problems are broken links, links to folders, failed requests,
	// requests outside Root, console errors and uncaught exceptions, each
	// naming the page.
	Problems []string
}

// crawlLog is what the browser reported since the last reset.
type crawlLog struct {
	mu       sync.Mutex
	requests map[network.RequestID]Resource
	order    []network.RequestID
	problems []string
}

func (l *crawlLog) reset() {
	l.mu.Lock()
	l.requests = map[network.RequestID]Resource{}
	l.order = nil
	l.problems = nil
	l.mu.Unlock()
}

func (l *crawlLog) listen(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if _, ok := l.requests[e.RequestID]; !ok {
			l.order = append(l.order, e.RequestID)
		}
		l.requests[e.RequestID] = Resource{URL: e.Request.URL, Type: e.Type}
	case *network.EventLoadingFailed:
		if !e.Canceled {
			l.problems = append(l.problems, fmt.Sprintf("request %s failed: %s", l.requests[e.RequestID].URL, e.ErrorText))
		}
	case *network.EventResponseReceived:
		if e.Response != nil && e.Response.Status >= 400 {
			l.problems = append(l.problems, fmt.Sprintf("request %s: HTTP %d", e.Response.URL, e.Response.Status))
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range e.Args {
				var text string
				if json.Unmarshal(a.Value, &text) == nil {
					parts = append(parts, text)
				} else if len(a.Value) > 0 {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			l.problems = append(l.problems, "console."+string(e.Type)+": "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		l.problems = append(l.problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		if e.Entry != nil && e.Entry.Level == log.EntryLevelError {
			l.problems = append(l.problems, "browser log: "+e.Entry.Text+" "+e.Entry.URL)
		}
	}
}

// take returns what was logged since the last reset.
func (l *crawlLog) take() ([]Resource, []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	res := make([]Resource, 0, len(l.order))
	for _, id := range l.order {
		res = append(res, l.requests[id])
	}
	return res, append([]string(nil), l.problems...)
}

// pageLinks is what a page links to, read in the browser after it loaded.
type pageLinks struct {
	Links []string `json:"links"` // href of every a and area, resolved
	IDs   []string `json:"ids"`   // every id and a[name] of the page
}

const readLinks = `(() => ({
	links: Array.from(document.querySelectorAll("a[href], area[href]"), a => a.href),
	ids: Array.from(document.querySelectorAll("[id], a[name]"), e => e.id || e.getAttribute("name")),
}))()`

// Crawl visits, in the one tab of ctx (a context from [New]), the start page
// of the site, every same-site page it links to, and then every .html file
// under opts.Dir that no link reached. It checks every link of every page:
// a same-site link must name a file that exists (a page or any other file;
// never a folder), and its #fragment must be an id of the target page.
// Links that leave the site (other hosts, mailto:) are not followed.
func Crawl(t testing.TB, ctx context.Context, opts CrawlOptions) *CrawlResult {
	t.Helper()
	if !strings.HasSuffix(opts.Root, "/") {
		t.Fatalf("crawl: root %q must end in /", opts.Root)
	}
	if opts.Start == "" {
		opts.Start = "index.html"
	}
	lg := &crawlLog{}
	lg.reset()
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	if err := chromedp.Listen(lctx, lg.listen); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	res := &CrawlResult{}
	problem := func(page, format string, args ...any) {
		res.Problems = append(res.Problems, page+": "+fmt.Sprintf(format, args...))
	}
	type fragRef struct{ from, target, frag string }
	var frags []fragRef
	ids := map[string]map[string]bool{}
	queued := map[string]bool{}
	queue := []string{opts.Start}
	queued[opts.Start] = true
	linked := map[string]bool{opts.Start: true}

	visit := func(rel string) {
		page := &CrawledPage{URL: opts.Root + rel, Rel: rel, Linked: linked[rel]}
		res.Pages = append(res.Pages, page)
		lg.reset()
		if err := Navigate(ctx, page.URL); err != nil {
			problem(rel, "navigate: %v", err)
			return
		}
		links, err := chromedp.Run(ctx, chromedp.Evaluate[pageLinks](readLinks))
		if err != nil {
			problem(rel, "read links: %v", err)
		}
		ids[rel] = map[string]bool{}
		for _, id := range links.IDs {
			ids[rel][id] = true
		}
		for _, href := range links.Links {
			target, frag, ok := opts.siteRel(href)
			if !ok {
				continue // another site, mailto:, javascript: (content is checked elsewhere)
			}
			if target == "" || strings.HasSuffix(target, "/") {
				problem(rel, "link %s names a folder", href)
				continue
			}
			if opts.Dir != "" {
				st, err := os.Stat(filepath.Join(opts.Dir, filepath.FromSlash(target)))
				if err != nil {
					problem(rel, "broken link %s", href)
					continue
				}
				if st.IsDir() {
					problem(rel, "link %s names a folder", href)
					continue
				}
			}
			if frag != "" {
				frags = append(frags, fragRef{rel, target, frag})
			}
			if strings.HasSuffix(target, ".html") {
				linked[target] = true
				if !queued[target] {
					queued[target] = true
					queue = append(queue, target)
				}
			}
		}
		// Wait for what the page's scripts started, then collect problems.
		_, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => setTimeout(() => r(true), 0))`))
		var probs []string
		page.Resources, probs = lg.take()
		for _, p := range probs {
			problem(rel, "%s", p)
		}
		for _, r := range page.Resources {
			if strings.HasPrefix(r.URL, "data:") || strings.HasPrefix(r.URL, "blob:") {
				continue
			}
			if !strings.HasPrefix(r.URL, opts.Root) {
				problem(rel, "request outside the site: %s", r.URL)
			}
		}
	}
	drain := func() {
		for len(queue) > 0 {
			rel := queue[0]
			queue = queue[1:]
			visit(rel)
		}
	}
	drain()
	if opts.Dir != "" {
		for _, rel := range htmlFiles(t, opts.Dir) {
			if !queued[rel] {
				queued[rel] = true
				visit(rel)
				drain() // the pages only it links to
			}
		}
	}
	for _, f := range frags {
		if m, ok := ids[f.target]; ok && !m[f.frag] {
			problem(f.from, "link to %s#%s: no such id", f.target, f.frag)
		}
	}
	return res
}

// siteRel returns the path of href relative to the crawl root (unescaped)
// and its fragment, or false when href is outside the site.
func (o CrawlOptions) siteRel(href string) (rel, frag string, ok bool) {
	if !strings.HasPrefix(href, o.Root) {
		return "", "", false
	}
	u, err := url.Parse(href)
	if err != nil {
		return "", "", false
	}
	root, err := url.Parse(o.Root)
	if err != nil {
		return "", "", false
	}
	rel = strings.TrimPrefix(u.Path, root.Path)
	return rel, u.Fragment, true
}

// htmlFiles returns every .html file under dir, relative, sorted.
func htmlFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	sort.Strings(out)
	return out
}
