// Package serve is `tusach serve`: it builds a site into memory, serves it
// over HTTP, watches its sources and rebuilds on every change, telling open
// browser tabs to reload.
//
// Run wires three parts together:
//
//   - the default builder runs the pipeline of `tusach build` warm
//     (build.Pipeline, its memos on) and serves the tree it makes: the
//     files served equal a clean build byte for byte — only HTML responses
//     get the live-reload script, added while serving;
//   - a preview.Server serves the last good build from memory under the base
//     path, with live reload over Server-Sent Events and an overlay listing
//     errors while the latest build failed (see package preview);
//   - a watch.Watcher reports changes to content/ (which holds the site
//     settings in content/_index.md) and templates/, debounced; each batch
//     is one rebuild, and a batch that arrives during a rebuild is rebuilt
//     right after it.
//
// Rebuilds are incremental (each stage of build.Pipeline memoized): an edit to a document's text
// renders that document's page again and little else, and browsers are
// told to reload as soon as the pages are ready. The search index, which
// takes seconds on a large site, follows in the background and replaces
// the old one without another reload; so does a look at the site folder
// for changes the watcher missed, which join the watcher's next batch
// (paced like the others: a steady stream of saves starts at most one
// rebuild per watch.DefaultMinInterval, see package watch). Once edits
// stop, the files served equal those of `tusach build` byte for byte.
//
// The HTTP server bounds what clients can hold (connections, idle and slow
// ones, live-reload streams: see limits), answers only the names of the
// machine (preview.Hosts), and warns when it is bound beyond loopback.
//
// Content and template errors never stop the server: they are printed one
// per line as "path:line: message", shown in the browser, and the last good
// build stays served; when the first build already fails, the server starts
// anyway and shows the errors until a build succeeds. Run returns when its
// context is cancelled (Ctrl-C), after closing the event streams and the
// HTTP server.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"tusach/generator/build"
	"tusach/generator/diag"
	"tusach/generator/serve/preview"
	"tusach/generator/serve/watch"
)

// Default address.
const (
	DefaultBind = "127.0.0.1"
	DefaultPort = 1313
)

// watchedDirs are the folders of the site whose changes trigger a rebuild.
var watchedDirs = []string{"content", "templates"}

// Options say what to serve and where.
type Options struct {
	Source   string // the site folder, holding content/ and maybe templates/
	Bind     string // address to listen on; default DefaultBind
	Port     int    // port (the command line's default is DefaultPort); 0 picks a free one
	BasePath string // "/" (default) or a sub-path such as "/hoc-tap/"
	Drafts   bool   // include documents with draft: true
	Theme    fs.FS  // the default theme (the embedded templates/ folder)
	Log      io.Writer
	Lang     string // language of messages: "vi" (default) or "en"

	// Builder, when set, replaces the build pipeline (tests).
	Builder preview.Builder
	// Ready, when set, is called with the site's URL once it is served.
	Ready func(url string)
	// Quiet, MaxDelay and MinInterval tune the debouncing of changes; zero
	// means the watch package's defaults (see watch.Options).
	Quiet, MaxDelay, MinInterval time.Duration

	// onUpdate, when set by tests, is told of every successful update of
	// the default builder; onFollowUp each time the work after a build
	// (search index, look for missed changes) is done.
	onUpdate   func(build.Update)
	onFollowUp func()
	// compaction, when set by tests, is the pipeline's Compaction, and
	// onCompact is told of each store let go of.
	compaction func(size, live int64) bool
	onCompact  func()
	// limits, when set by tests, replace fields of defaultLimits.
	limits limits
}

// Run builds the site, serves it and rebuilds it on change until ctx is
// done. It returns an error only when it cannot serve at all (the port is
// taken, the site folder cannot be watched); content errors never end it.
func Run(ctx context.Context, opts Options) error {
	if opts.Bind == "" {
		opts.Bind = DefaultBind
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	text := messagesFor(opts.Lang)
	if st, err := os.Stat(opts.Source); err != nil || !st.IsDir() {
		return fmt.Errorf("serve: %s: not a folder", opts.Source)
	}
	builder := opts.Builder
	var live *liveSite
	if builder == nil {
		live = newLiveSite(build.Options{Source: opts.Source, Theme: opts.Theme, Drafts: opts.Drafts})
		live.onUpdate, live.onFollowUp, live.onCompact = opts.onUpdate, opts.onFollowUp, opts.onCompact
		live.pipe.Compaction = opts.compaction
		live.log, live.text = opts.Log, text
		builder = live.build
		defer live.close() // last: after the server and the follow-ups stop
	}
	// Watch before the first build, so that no edit made during it is lost.
	w, err := watch.New(watch.Options{
		Root: opts.Source, Dirs: watchedDirs, Quiet: opts.Quiet, MaxDelay: opts.MaxDelay, MinInterval: opts.MinInterval,
		Warn: func(err error) {
			if errors.Is(err, watch.ErrWatchLimit) {
				fmt.Fprintln(opts.Log, text.watchLimit)
				return
			}
			fmt.Fprintf(opts.Log, "tusach: %s\n", diag.Escape(err.Error()))
		},
	})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer w.Close()
	// building is the Seen of the last batch taken: a failed build is
	// superseded when the watcher has accepted changes beyond it.
	var building atomic.Uint64
	quiet := opts.Quiet
	if quiet <= 0 {
		quiet = watch.DefaultQuiet
	}
	ln, err := listen(opts.Bind, opts.Port)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	lim := opts.limits.orDefaults()
	bound := ln.Addr().(*net.TCPAddr).IP
	hostname, _ := os.Hostname()
	srv, err := preview.New(preview.Config{
		BasePath: opts.BasePath, Build: builder, Log: opts.Log, Lang: opts.Lang,
		Superseded: func() bool { return w.Pending(building.Load(), quiet) },
		Hosts:      preview.NewHosts(bound, opts.Bind, hostname),
		MaxStreams: lim.MaxStreams, StreamWriteTimeout: lim.Write,
	})
	if err != nil {
		ln.Close()
		return fmt.Errorf("serve: %w", err)
	}
	defer srv.Close()
	start := startupText(text, ln.Addr(), srv.BasePath(), opts.Drafts, machineIPs())
	if start.warning != "" {
		fmt.Fprintln(opts.Log, start.warning) // before the first build, which may take a while
	}
	if !finished(ctx, func() { srv.Rebuild(ctx, nil) }) {
		ln.Close()
		return nil // stopped during the first build
	}
	// After each build, the search index and a look for missed changes
	// follow in the background.
	kick := make(chan struct{}, 1)
	followCtx, stopFollow := context.WithCancel(ctx)
	var following sync.WaitGroup
	defer func() {
		stopFollow()
		waitAtMost(&following, time.Second) // a search index being built is dropped unseen
	}()
	rebuild := func(changed []string) {
		if srv.Rebuild(ctx, changed) == nil && live != nil { // errors are logged and shown in the browser
			select {
			case kick <- struct{}{}:
			default: // one is due already
			}
		}
	}
	if live != nil {
		following.Go(func() { live.runFollowUps(followCtx, srv, kick, w.Add) })
		kick <- struct{}{}
	}
	hs, served := lim.serve(srv, ln)
	fmt.Fprintln(opts.Log, start.line)
	if opts.Ready != nil {
		opts.Ready(start.url)
	}

	// Rebuilds run one at a time, in their own goroutine, so that Ctrl-C
	// stops serving at once even while a document takes long to render
	// (the Markdown renderer cannot be interrupted); while one runs, the
	// watcher gathers the next batch.
	var rebuilt chan struct{} // closed when the rebuild in progress ends; nil when none runs
	for {
		changes := w.Changes()
		if rebuilt != nil {
			changes = nil
		}
		select {
		case err := <-served:
			return fmt.Errorf("serve: %w", err)
		case b, ok := <-changes:
			if !ok {
				return shutdown(hs, srv)
			}
			building.Store(b.Seen)
			done := make(chan struct{})
			go func() {
				defer close(done)
				rebuild(b.Paths)
			}()
			rebuilt = done
		case <-rebuilt:
			rebuilt = nil
		case <-ctx.Done():
			return shutdown(hs, srv)
		}
	}
}

// finished runs f in its own goroutine and reports whether it returned
// before ctx was done; if not, f is left to end by itself.
func finished(ctx context.Context, f func()) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// waitAtMost waits for wg, or for d at most.
func waitAtMost(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}

// shutdown ends the event streams first (they never go idle), then the
// HTTP server.
func shutdown(hs *http.Server, srv *preview.Server) error {
	srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		hs.Close()
	}
	return nil
}

// messages are the terminal texts of Run in one language.
type messages struct {
	serving string // the URL
	// servingAll: address, port, URL on this machine; when bound to every
	// address; servingOthers (URLs for other machines) and stop follow
	servingAll, servingOthers, stop string
	// network: the address bound, when not loopback; networkDrafts (with
	// --drafts) and networkEnd follow
	network, networkDrafts, networkEnd string
	watchLimit                         string
	// indexFailed and compactFailed: the error, when the search index's
	// catch-up or the copy of the temporary file failed after a build
	indexFailed, compactFailed string
}

var messageSets = map[string]messages{
	"vi": {
		serving:       "tusach: đang phục vụ tại %s (Ctrl-C để dừng)",
		servingAll:    "tusach: đang phục vụ tại mọi địa chỉ của máy này (%s, cổng %s): trên máy này mở %s",
		servingOthers: ", từ máy khác mở %s",
		stop:          " (Ctrl-C để dừng)",
		network:       "tusach: CẢNH BÁO: --bind %s: bản xem trước mở cho mọi máy trong mạng tới được máy này",
		networkDrafts: ", kể cả các bản nháp (--drafts)",
		networkEnd:    "; chỉ dùng trên mạng tin cậy (mặc định 127.0.0.1 chỉ cho máy này xem)",
		watchLimit: "tusach: đã hết giới hạn theo dõi tệp (watch limit reached): hãy tăng fs.inotify.max_user_watches, " +
			"ví dụ: sudo sysctl fs.inotify.max_user_watches=524288; vẫn tiếp tục phục vụ, nhưng một số thư mục sẽ không tự dựng lại",
		indexFailed:   "tusach: chưa cập nhật được chỉ mục tìm kiếm (sẽ thử lại sau lần dựng tới): %s",
		compactFailed: "tusach: chưa chép được tệp tạm của bản xem trước sang tệp mới để trả lại chỗ trên đĩa (sẽ thử lại khi tệp lớn thêm 256 MB): %s",
	},
	"en": {
		serving:       "tusach: serving at %s (Ctrl-C to stop)",
		servingAll:    "tusach: serving on every address of this machine (%s, port %s): open %s here",
		servingOthers: ", or %s from other machines",
		stop:          " (Ctrl-C to stop)",
		network:       "tusach: WARNING: --bind %s: the preview is open to every machine on the network that can reach this one",
		networkDrafts: ", drafts included (--drafts)",
		networkEnd:    "; use it only on a trusted network (the default, 127.0.0.1, is this machine only)",
		watchLimit: "tusach: watch limit reached: raise fs.inotify.max_user_watches, " +
			"e.g. sudo sysctl fs.inotify.max_user_watches=524288; still serving, but changes in some folders will not rebuild",
		indexFailed:   "tusach: the search index could not be brought up to date (tried again after the next build): %s",
		compactFailed: "tusach: the preview's temporary file could not be copied to a new one to give disk space back (tried again once it grows by 256 MB): %s",
	},
}

// messagesFor returns the texts for lang, Vietnamese by default.
func messagesFor(lang string) messages {
	if m, ok := messageSets[lang]; ok {
		return m
	}
	return messageSets["vi"]
}
