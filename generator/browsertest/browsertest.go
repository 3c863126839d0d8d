// Package browsertest runs tests in real headless Chromium through chromedp.
//
// [New] starts a browser for one test and returns its chromedp context; the
// browser stops when the test ends. Under -short (`make test-short`, which
// starts no browser) [New] skips the test, through testsite.Requires;
// otherwise a missing browser fails the test: it is never skipped, because
// a test that does not run proves nothing. The browser is $CHROMIUM, else
// /usr/bin/chromium, else "chromium" on PATH.
//
// While the page runs, every console error, uncaught exception, failed
// request and HTTP error response is recorded; [Problems] returns them and
// [NoProblems] fails the test when there is any.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"tusach/generator/internal/testsite"
)

// Timeout bounds the life of one test's browser.
const Timeout = 5 * time.Minute

// recorder collects the problems a page reports.
type recorder struct {
	mu       sync.Mutex
	problems []string
}

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

type recorderKey struct{}

// ExecPath returns the Chromium binary to run, or "" when there is none.
func ExecPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// New starts headless Chromium for the test t and returns a chromedp
// context with a tab open. It skips the test under -short, and fails it
// when no browser is found or when the browser does not start.
func New(t testing.TB) context.Context {
	t.Helper()
	testsite.Requires(t, "Chromium")
	bin := ExecPath()
	if bin == "" {
		t.Fatal("chromium not found: install Debian's chromium (make test installs it as root)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), Timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	rec := &recorder{}
	bctx, cancelBrowser := chromedp.NewContext(context.WithValue(actx, recorderKey{}, rec))
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	if err := chromedp.Listen(bctx, rec.listen); err != nil {
		t.Fatalf("start chromium %s: %v", bin, err)
	}
	if err := Navigate(bctx, "about:blank"); err != nil {
		t.Fatalf("start chromium %s: %v", bin, err)
	}
	return bctx
}

// listen records the events that mean something went wrong.
func (r *recorder) listen(ev any) {
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			text := ""
			for _, a := range e.Args {
				if len(a.Value) > 0 {
					text += " " + string(a.Value)
				} else {
					text += " " + a.Description
				}
			}
			r.add("console.%s:%s", e.Type, text)
		}
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		r.add("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
	case *network.EventLoadingFailed:
		if !e.Canceled {
			r.add("request %s failed: %s", e.RequestID, e.ErrorText)
		}
	case *network.EventResponseReceived:
		if e.Response != nil && e.Response.Status >= 400 {
			r.add("request %s: HTTP %d", e.Response.URL, e.Response.Status)
		}
	case *log.EventEntryAdded:
		if e.Entry != nil && e.Entry.Level == log.EntryLevelError {
			r.add("browser log: %s %s", e.Entry.Text, e.Entry.URL)
		}
	}
}

// Problems returns the console errors, exceptions and failed requests
// recorded so far in the browser of ctx (a context from [New]).
func Problems(ctx context.Context) []string {
	rec, _ := ctx.Value(recorderKey{}).(*recorder)
	if rec == nil {
		return nil
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.problems...)
}

// NoProblems fails the test when the browser of ctx recorded any problem.
func NoProblems(t testing.TB, ctx context.Context) {
	t.Helper()
	for _, p := range Problems(ctx) {
		t.Errorf("browser: %s", p)
	}
}

// FileURL returns the file:// URL of a local path, made absolute.
func FileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// Navigate loads addr in the tab of ctx and waits until scripts can run in
// the new page. Right after a navigation (above all from about:blank to a
// file:// page, which Chromium moves to another renderer) chromedp can
// still hold the old page's execution context: Chromium answers "Cannot
// find context with specified id", or worse, the old about:blank page
// answers as if it were the new one. So Navigate waits until the page that
// answers is a loaded page that is not about:blank, retrying the
// stale-context error and only that one.
func Navigate(ctx context.Context, addr string) error {
	err := retryStale(ctx, func() error { return chromedp.Do(ctx, chromedp.Navigate(addr)) })
	if err != nil {
		return err
	}
	check := `document.readyState === "complete"`
	if addr != "about:blank" {
		check += ` && location.href !== "about:blank"`
	}
	return retryStale(ctx, func() error {
		ready, err := chromedp.Run(ctx, chromedp.Evaluate[bool](check))
		if err == nil && !ready {
			return errNotYet
		}
		return err
	})
}

// errNotYet is what Navigate's check returns while the old page answers.
var errNotYet = errors.New("the new page is not loaded yet")

// retryStale calls f until it returns anything but the stale-context error
// (or errNotYet), for up to testsite.Patience (a busy machine can take
// seconds to switch renderers).
func retryStale(ctx context.Context, f func() error) error {
	var err error
	for deadline := time.Now().Add(testsite.Patience); time.Now().Before(deadline); {
		err = f()
		if err == nil || (err != errNotYet && !strings.Contains(err.Error(), "Cannot find context with specified id")) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
	return err
}
