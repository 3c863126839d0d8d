// Package firefox runs tests in real headless Firefox through WebDriver BiDi,
// the W3C protocol Firefox speaks natively; no geckodriver is involved.
//
// [New] starts Firefox for one test with a fresh temporary profile, connects
// a WebSocket to its BiDi endpoint, opens a session and returns a [Browser]
// driving the one tab Firefox opened. When the test ends Firefox is asked to
// close, killed (with every process it started) if it has not exited within
// a few seconds, and its profile is removed.
//
// Under -short (`make test-short`, which starts no browser) [New] skips the
// test, through testsite.Requires; otherwise a missing browser fails the
// test: it is never skipped, because a test that does not run proves nothing. The browser is $FIREFOX, else
// /usr/bin/firefox-esr, else "firefox-esr" or "firefox" on PATH.
//
// Nothing may leave the machine. The profile's user.js turns off every
// feature that reaches the network on its own (telemetry, updates, remote
// settings, Normandy and Nimbus experiments, safe browsing, captive portal
// and connectivity checks, push, first-run and new-tab pages, prefetching,
// DNS over HTTPS), and as a safety net points Firefox's HTTP and HTTPS proxy
// at a trap: a local listener that answers 403 to anything and records it.
// Loopback addresses never go through a proxy, so a test site served by
// httptest on 127.0.0.1 is reached directly.
//
// While pages run, the browser records as problems: console errors and
// assertions, uncaught JavaScript errors, failed requests, HTTP responses
// with status 400 or more, and every request that reached the trap.
// [Browser.Problems] returns them and [Browser.NoProblems] fails the test
// when there is any. [Browser.Requests] lists every URL the pages requested,
// so a test can check none left the site.
//
// Firefox's BiDi network events leave out file: requests, so for pages
// opened from disk a script Firefox runs in every page (in a sandbox, before
// the page's own scripts) reports the load and error events of the page's
// elements instead: scripts, stylesheets, images, frames, media. A missing
// file: script or image is then a failed request; what a stylesheet loads
// by itself (url(), @import, fonts) and fetch() of a file: URL are not seen
// from disk. Over http every request is seen.
//
// A Browser is safe for use by several goroutines, though a test usually
// drives it from one.
package firefox

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"tusach/generator/internal/testsite"
)

// Timeout bounds one command to the browser (a navigation, an evaluation,
// a series of key presses): testsite.Patience, a guard against hangs that a
// busy machine never reaches.
const Timeout = testsite.Patience

// Browser is one headless Firefox with one tab, started by [New].
type Browser struct {
	proc    *process
	conn    *conn
	rec     *recorder
	context string // the id of the tab's browsing context
	profile string // the profile folder, removed at cleanup
	// quitGrace is how long Firefox has to quit at cleanup before it is
	// killed.
	quitGrace time.Duration
}

// defaultQuitGrace is the usual quitGrace: Firefox quits in well under a
// second.
const defaultQuitGrace = 10 * time.Second

// ExecPath returns the Firefox binary to run, or "" when there is none:
// $FIREFOX, else /usr/bin/firefox-esr, else firefox-esr or firefox on PATH.
func ExecPath() string {
	if p := os.Getenv("FIREFOX"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/firefox-esr"); err == nil {
		return "/usr/bin/firefox-esr"
	}
	for _, name := range []string{"firefox-esr", "firefox"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts headless Firefox for the test t and returns it with its tab
// on about:blank, already recording problems and requests. It skips the
// test under -short, fails it when no browser is found or when the browser
// does not start, and stops the browser when the test ends.
func New(t testing.TB) *Browser {
	t.Helper()
	testsite.Requires(t, "Firefox")
	bin := ExecPath()
	if bin == "" {
		t.Fatal("firefox not found: install Debian's firefox-esr (make test installs it as root) or set $FIREFOX")
	}
	profile := t.TempDir() // removed after the cleanup below has stopped Firefox
	rec := &recorder{}
	trap, err := startTrap(rec)
	if err != nil {
		t.Fatalf("start firefox: %v", err)
	}
	t.Cleanup(trap.close) // after Firefox stopped: it may still knock on the way out
	if err := writeUserJS(profile, trap.port()); err != nil {
		t.Fatalf("start firefox: %v", err)
	}
	proc, wsURL, err := startProcess(bin, profile)
	if err != nil {
		t.Fatalf("start firefox %s: %v", bin, err)
	}
	b := &Browser{proc: proc, rec: rec, profile: profile, quitGrace: defaultQuitGrace}
	t.Cleanup(b.close)
	if err := b.connect(wsURL); err != nil {
		t.Fatalf("start firefox %s: %v\n%s", bin, err, proc.stderrTail())
	}
	return b
}

// connect opens the WebSocket and the BiDi session, subscribes to the
// events the recorder needs and finds the tab.
func (b *Browser) connect(wsURL string) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	c, err := dial(ctx, wsURL+"/session", b.rec.event)
	if err != nil {
		return err
	}
	b.conn = c
	if err := c.call(ctx, "session.new", map[string]any{"capabilities": map[string]any{}}, nil); err != nil {
		return err
	}
	err = c.call(ctx, "session.subscribe", map[string]any{"events": []string{
		"log.entryAdded",
		"network.beforeRequestSent",
		"network.fetchError",
		"network.responseCompleted",
		"script.message",
	}}, nil)
	if err != nil {
		return err
	}
	if err := c.call(ctx, "script.addPreloadScript", preloadParams(), nil); err != nil {
		return err
	}
	var tree struct {
		Contexts []struct {
			Context string `json:"context"`
		} `json:"contexts"`
	}
	if err := c.call(ctx, "browsingContext.getTree", map[string]any{"maxDepth": 0}, &tree); err != nil {
		return err
	}
	if len(tree.Contexts) == 0 {
		return fmt.Errorf("firefox has no tab open")
	}
	b.context = tree.Contexts[0].Context
	return b.Navigate("about:blank")
}

// close ends the session, asks Firefox to quit and, if it has not within
// quitGrace, kills it. It runs at test cleanup.
func (b *Browser) close() {
	deadline := time.Now().Add(b.quitGrace)
	if b.conn != nil {
		ctx, cancel := context.WithDeadline(context.Background(), deadline)
		// browser.close ends the session and quits; Firefox may drop the
		// connection before it answers, so the error says nothing.
		_ = b.conn.call(ctx, "browser.close", map[string]any{}, nil)
		cancel()
		b.conn.close()
	}
	b.proc.stop(time.Until(deadline))
}

// Problems returns the problems recorded so far, in order: console errors,
// uncaught errors, failed requests, HTTP errors, requests that reached the
// network trap.
func (b *Browser) Problems() []string { return b.rec.problemList() }

// NoProblems fails the test when the browser recorded any problem.
func (b *Browser) NoProblems(t testing.TB) {
	t.Helper()
	for _, p := range b.Problems() {
		t.Errorf("firefox: %s", p)
	}
}

// Requests returns the URL of every request the pages made so far, in the
// order they were sent, documents included: every http and https request
// (and data: URLs, which Firefox's own stylesheet uses for a font), and the
// file: URLs of pages and of what their elements loaded.
func (b *Browser) Requests() []string { return b.rec.requestList() }
