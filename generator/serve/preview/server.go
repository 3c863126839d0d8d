// Package preview serves a site from memory for `tusach serve`, rebuilds it
// on demand and tells open browser tabs to reload.
//
// The served site is an immutable snapshot, its files by slash path (Files),
// replaced atomically only after a complete, successful build: a browser or
// a load test never sees a half-built or torn page, and a failed build
// leaves the last good site in place.
//
// HTTP (the Server is an http.Handler):
//
//   - a request whose Host header names anything but the machine as the
//     editor reaches it (see Hosts) gets 403 before anything else: the
//     defence against DNS rebinding;
//   - only paths under the base path ("/" or e.g. "/hoc-tap/") are served;
//     "/" and the base path without its slash redirect to it;
//   - request paths are cleaned, then looked up in the snapshot, so nothing
//     outside the site can be served ("..", "%2e%2e", encoded slashes,
//     absolute paths); backslashes never name a file; there are no
//     directory listings: "dir/" is "dir/index.html", "dir" redirects to
//     "dir/" when that exists, anything else is the site's 404.html with
//     status 404;
//   - Content-Type comes from the extension, with charset=utf-8 for text
//     types; every response has Cache-Control: no-cache;
//   - every HTML page gets, before </body>, a script tag for
//     {base}__tusach/livereload.js carrying the id of the build it came
//     from; the script listens on {base}__tusach/events (Server-Sent
//     Events), which sends "reload" when a build newer than the page's has
//     finished and "errors" (a JSON list of {path, line, field, message,
//     text}) while the latest build failed — at once to clients that
//     connect then. The script reloads keeping the scroll position, shows
//     the errors in an overlay built with textContent, and reconnects
//     after a server restart (the new server's builds have new ids). The
//     stream refuses an Origin that is not allowed, and a stream beyond
//     Config.MaxStreams (503);
//   - until a first build succeeds, pages are an error page listing the
//     build's errors, with status 503.
//
// Rebuild runs the Builder, one build at a time, and logs one line per
// build (or one line per error) to the terminal.
package preview

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tusach/generator/diag"
)

// Builder builds the site and returns all its files by slash path. changed
// names the files (relative to the site folder) that changed since the last
// call, so that a builder may redo only what they affect; nil means unknown
// changes. On content errors it returns an error from which diag.AsList
// recovers them. Nil Files without error means that nothing changed since
// the last successful build. The returned files must not change
// afterwards.
type Builder func(ctx context.Context, changed []string) (Files, error)

// Config says what a Server serves.
type Config struct {
	BasePath string    // "/" (default) or a sub-path such as "/hoc-tap/"
	Build    Builder   // builds the site; required
	Log      io.Writer // terminal output; nil discards it
	Lang     string    // language of messages: "vi" (default) or "en"
	// Superseded, when set, is asked after a build fails whether newer
	// changes are already waiting; if so the failure is not shown (files
	// were read mid-change, as in a git checkout) and the next build will
	// tell.
	Superseded func() bool
	// Hosts says which Host names are answered (see Hosts); nil accepts
	// loopback names only.
	Hosts *Hosts
	// MaxStreams caps the event streams open at once; beyond it a browser
	// tab gets 503 and no live reload. Zero means DefaultMaxStreams.
	MaxStreams int
	// StreamWriteTimeout bounds each write to an event stream, so that a
	// client that stops reading is dropped; zero means
	// DefaultStreamWriteTimeout.
	StreamWriteTimeout time.Duration
}

// Defaults of Config.
const (
	DefaultMaxStreams         = 64
	DefaultStreamWriteTimeout = 30 * time.Second
)

// Server serves the last good build of a site from memory; it is an
// http.Handler. Create it with New.
type Server struct {
	base  string
	build Builder
	stale func() bool
	log   io.Writer
	text  messages
	idTag string // makes build ids unique across server restarts
	hosts *Hosts

	streams      chan struct{} // one token per open event stream
	streamWrites time.Duration

	buildMu   sync.Mutex // one build at a time
	builds    int        // successful builds so far; guarded by buildMu
	refreshes int        // successful refreshes so far; guarded by buildMu

	site atomic.Pointer[snapshot]

	stateMu sync.Mutex
	state   *status       // what clients are told; replaced, never changed
	changed chan struct{} // closed and replaced when state changes

	done      chan struct{}
	closeOnce sync.Once
}

// snapshot is one complete build; it is never changed once published.
type snapshot struct {
	id    string // unique per snapshot: the ETag of its files
	build string // the build pages are told they came from; a refresh keeps it
	files Files
}

// status is the state of the latest build as told to browsers.
type status struct {
	id       string    // id of the snapshot served; "" when there is none
	problems []Problem // errors of the latest build; nil when it succeeded
}

// Problem is one build error as sent to browsers.
type Problem struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	Text    string `json:"text"` // the whole "path:line: field: message" line
}

// New returns a Server with nothing built yet; call Rebuild.
func New(cfg Config) (*Server, error) {
	if cfg.Build == nil {
		return nil, fmt.Errorf("preview: no builder")
	}
	base, err := NormalizeBasePath(cfg.BasePath)
	if err != nil {
		return nil, fmt.Errorf("preview: %w", err)
	}
	log := cfg.Log
	if log == nil {
		log = io.Discard
	}
	hosts := cfg.Hosts
	if hosts == nil {
		hosts = loopbackHosts
	}
	streams := cfg.MaxStreams
	if streams <= 0 {
		streams = DefaultMaxStreams
	}
	writes := cfg.StreamWriteTimeout
	if writes <= 0 {
		writes = DefaultStreamWriteTimeout
	}
	return &Server{
		base: base, build: cfg.Build, stale: cfg.Superseded, log: log, text: messagesFor(cfg.Lang),
		hosts: hosts, streams: make(chan struct{}, streams), streamWrites: writes,
		idTag:   strconv.FormatInt(time.Now().UnixNano(), 36),
		state:   &status{},
		changed: make(chan struct{}),
		done:    make(chan struct{}),
	}, nil
}

// BasePath returns the normalized base path the site is served under.
func (s *Server) BasePath() string { return s.base }

// Close ends the event streams of connected browsers, so that an
// http.Server can shut down; the Server keeps answering other requests.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
}

// Rebuild builds the site. On success the new build replaces the served one
// and browsers are told to reload; on failure the last good build stays
// served and browsers are sent the errors, unless Config.Superseded says
// newer changes are waiting. changed names the files that
// prompted the build, for the log. It returns the builder's error.
func (s *Server) Rebuild(ctx context.Context, changed []string) error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	files, err := s.build(ctx, changed)
	took := time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			return err // stopped, not broken
		}
		if s.stale != nil && s.stale() {
			fmt.Fprintf(s.log, s.text.superseded+"\n", start.Format("15:04:05"))
			return err
		}
		list := diag.AsList(err)
		problems := make([]Problem, len(list))
		for i, e := range list {
			problems[i] = Problem{Path: e.Path, Line: e.Line, Field: e.Field, Message: e.Msg, Text: e.Error()}
			fmt.Fprintln(s.log, e.Error())
		}
		id, failed := "", s.text.failedFirst
		if old := s.site.Load(); old != nil {
			id, failed = old.build, s.text.failed
		}
		fmt.Fprintf(s.log, failed+"\n", start.Format("15:04:05"), len(list))
		s.publish(&status{id: id, problems: problems})
		return err
	}
	old := s.site.Load()
	if files == nil && old != nil {
		if st, _ := s.current(); st.problems == nil {
			fmt.Fprintf(s.log, s.text.unchanged+"%s\n", start.Format("15:04:05"), describe(changed))
			return nil
		}
		files = old.files // back to the last good build: clear the errors
	}
	s.builds++
	id := s.idTag + "-" + strconv.Itoa(s.builds)
	snap := &snapshot{id: id, build: id, files: files}
	s.site.Store(snap)
	s.publish(&status{id: snap.build})
	fmt.Fprintf(s.log, s.text.built+"%s\n", start.Format("15:04:05"), files.Len(), took.Milliseconds(), describe(changed))
	return nil
}

// Refresh runs build, one build at a time like Rebuild, to replace files
// that no open page shows (such as a search index finished after the
// pages): on success the new files are served, and browsers are not told
// to reload. A builder returning a nil map and no error leaves everything
// as it is. Failures are returned, not shown: the next Rebuild tells.
func (s *Server) Refresh(ctx context.Context, build Builder) error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	old := s.site.Load()
	if old == nil {
		return nil // nothing to refresh
	}
	files, err := build(ctx, nil)
	if err != nil || files == nil {
		return err
	}
	s.refreshes++
	s.site.Store(&snapshot{id: old.build + "r" + strconv.Itoa(s.refreshes), build: old.build, files: files})
	return nil
}

// describe lists the first changed files for the log line.
func describe(changed []string) string {
	if len(changed) == 0 {
		return ""
	}
	const shown = 3
	if len(changed) > shown {
		return fmt.Sprintf(" (%s, … +%d)", strings.Join(changed[:shown], ", "), len(changed)-shown)
	}
	return " (" + strings.Join(changed, ", ") + ")"
}

// publish makes st the state told to browsers and wakes their streams.
func (s *Server) publish(st *status) {
	s.stateMu.Lock()
	s.state = st
	close(s.changed)
	s.changed = make(chan struct{})
	s.stateMu.Unlock()
}

// current returns the state and a channel closed when it next changes.
func (s *Server) current() (*status, <-chan struct{}) {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.state, s.changed
}

// ServeHTTP serves the site, the live-reload script and its event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.Allowed(r.Host) {
		s.refuseHost(w, "Host", r.Host)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	tg := resolve(s.base, r.URL.Path)
	switch {
	case tg.redirect != "":
		http.Redirect(w, r, tg.redirect, http.StatusFound)
		return
	case tg.rel == "":
		http.NotFound(w, r) // outside the site
		return
	case tg.rel == eventsPath:
		s.serveEvents(w, r)
		return
	case tg.rel == scriptPath:
		w.Header().Set("Content-Type", contentTypes[".js"])
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(liveReloadJS))
		return
	}
	snap := s.site.Load()
	if snap == nil {
		s.serveErrorPage(w, r)
		return
	}
	if snap.files.Has(tg.rel) {
		s.serveFile(w, r, snap, tg.rel, http.StatusOK)
		return
	}
	if snap.files.Has(tg.rel+"/index.html") && !strings.HasSuffix(r.URL.Path, "/") {
		http.Redirect(w, r, s.base+tg.rel+"/", http.StatusFound) // a folder: as web servers do
		return
	}
	if snap.files.Has("404.html") {
		s.serveFile(w, r, snap, "404.html", http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// serveFile writes one file of snap; HTML gets the live-reload script. A
// file that cannot be read (its store failed) is a 500.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, snap *snapshot, rel string, code int) {
	data, err := snap.files.ReadFile(rel)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ContentType(rel, data))
	if !isHTML(rel) {
		if code == http.StatusOK {
			h.Set("ETag", `"`+snap.id+`"`)
			http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(data))
			return
		}
		w.WriteHeader(code)
		w.Write(data)
		return
	}
	etag := `"` + snap.id + `"`
	if code == http.StatusOK {
		h.Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	head, tail := splitForScript(data)
	tag := s.scriptTag(snap.build)
	h.Set("Content-Length", strconv.Itoa(len(head)+len(tag)+len(tail)))
	w.WriteHeader(code)
	if r.Method == http.MethodHead {
		return
	}
	w.Write(head)
	io.WriteString(w, tag)
	w.Write(tail)
}
