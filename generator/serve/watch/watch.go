// Package watch reports changes to a site's source folders, the way editors
// really save files, as debounced batches.
//
// A Watcher watches chosen top-level folders of a site (content/ and
// templates/) recursively with fsnotify:
//
//   - folders are watched, not files, so atomic saves by rename (vim, VS
//     Code, gedit: RENAME or REMOVE, then CREATE) keep being seen;
//   - folders that appear are watched at once, with what they already hold;
//     folders that disappear drop out; a top-level folder created after the
//     start (templates/ added later) is picked up through a shallow watch
//     on the site folder, which reports nothing else — so the output folder
//     and every other file of the site folder never trigger anything;
//   - names that belong to editors and tools (see content.Leftover: the loader skips the same names) are ignored,
//     and so are events that only change permissions;
//   - events are gathered into one batch until the folders have been quiet
//     for Quiet (default 20 ms: the events of one save, even an atomic one
//     by rename, come within a millisecond, and the edit-to-reload budget
//     is 50 ms), or for at most MaxDelay (default 500 ms) after the first
//     one — but a batch is never delivered sooner than MinInterval (default
//     500 ms) after the receiver took the previous one, so that a steady
//     stream of saves (an autosaving editor, a sync tool writing in bursts)
//     starts at most one rebuild per MinInterval, while a single save is
//     still delivered Quiet after it; while the receiver is busy
//     (rebuilding), further changes join the batch it will read next, so a
//     change that arrives during a rebuild yields exactly one more rebuild
//     after it (see pacer);
//   - changes found by other means (a look at the folders for changes the
//     watcher missed) join the batch through Add, paced the same way.
//
// When the platform's limit on watches is reached (inotify's
// max_user_watches), Warn receives an error wrapping [ErrWatchLimit] once,
// and the watcher keeps working with the watches it has.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"tusach/generator/content"
)

// ErrWatchLimit is wrapped by the warning given when the platform refuses
// more watches.
var ErrWatchLimit = errors.New("watch limit reached: raise fs.inotify.max_user_watches")

// Default debounce delays.
const (
	DefaultQuiet       = 20 * time.Millisecond
	DefaultMaxDelay    = 500 * time.Millisecond
	DefaultMinInterval = 500 * time.Millisecond
)

// Options say what to watch.
type Options struct {
	Root     string        // the site folder
	Dirs     []string      // top-level folders of Root to watch recursively, e.g. "content"
	Quiet    time.Duration // a batch ends after this long without events; default DefaultQuiet
	MaxDelay time.Duration // a batch ends at most this long after its first event; default DefaultMaxDelay
	// MinInterval is the least time between the deliveries of two
	// batches; default DefaultMinInterval, negative for none.
	MinInterval time.Duration
	// Warn, when set, receives problems that do not stop watching: the
	// watch limit (wrapping ErrWatchLimit, once), queue overflows, folders
	// that cannot be watched. It is called from the watcher's goroutine.
	Warn func(error)

	// addWatch, when set by tests, replaces fsnotify's Add.
	addWatch func(fsw *fsnotify.Watcher, dir string) error
}

// Watcher watches a site's folders; read batches from Changes.
type Watcher struct {
	fsw      *fsnotify.Watcher
	root     string
	dirs     map[string]bool
	quiet    time.Duration
	maxDelay time.Duration
	interval time.Duration
	warn     func(error)
	add      func(string) error // fsw.Add, or Options.addWatch in tests

	watched   map[string]bool // absolute folders watched; owned by the loop after New
	seen      atomic.Uint64   // changes accepted so far
	limitHit  bool
	out       chan Batch
	extra     chan []string // from Add
	done      chan struct{}
	stopped   chan struct{}
	closeOnce sync.Once
}

// New starts watching opts.Dirs under opts.Root. Folders of opts.Dirs that do
// not exist yet are watched once they are created.
func New(opts Options) (*Watcher, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", opts.Root, err)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	w := &Watcher{
		fsw: fsw, root: root, dirs: map[string]bool{},
		quiet: opts.Quiet, maxDelay: opts.MaxDelay, warn: opts.Warn,
		watched: map[string]bool{},
		out:     make(chan Batch), extra: make(chan []string),
		done: make(chan struct{}), stopped: make(chan struct{}),
	}
	w.add = fsw.Add
	if opts.addWatch != nil {
		w.add = func(dir string) error { return opts.addWatch(fsw, dir) }
	}
	if w.quiet <= 0 {
		w.quiet = DefaultQuiet
	}
	if w.maxDelay < w.quiet {
		w.maxDelay = max(DefaultMaxDelay, w.quiet)
	}
	switch w.interval = opts.MinInterval; {
	case w.interval == 0:
		w.interval = DefaultMinInterval
	case w.interval < 0:
		w.interval = 0
	}
	if w.warn == nil {
		w.warn = func(error) {}
	}
	for _, d := range opts.Dirs {
		w.dirs[filepath.ToSlash(filepath.Clean(d))] = true
	}
	if err := w.watchDir(root); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	for d := range w.dirs {
		w.watchTree(filepath.Join(root, filepath.FromSlash(d)))
	}
	go w.loop()
	return w, nil
}

// Changes delivers batches of changed paths, slash-separated, relative to
// the site folder, sorted and without duplicates. It is closed by Close.
func (w *Watcher) Changes() <-chan Batch { return w.out }

// Batch is one delivery of Changes.
type Batch struct {
	Paths []string // changed paths
	Seen  uint64   // how many changes the watcher had accepted when it made the batch, for Pending
}

// Pending reports whether the watcher has accepted changes beyond the first
// seen ones (a Batch's Seen, or 0 before any batch), waiting up to wait for
// it to catch up with events already queued. A build of batch b that failed
// while Pending(b.Seen, ...) is true read files in the middle of being
// changed, and another batch will follow. Counting, rather than a flag
// cleared after a delivery, keeps the answer right however the watcher's
// goroutine and the reader's are scheduled.
func (w *Watcher) Pending(seen uint64, wait time.Duration) bool {
	deadline := time.Now().Add(wait)
	for {
		if w.seen.Load() > seen {
			return true
		}
		if !time.Now().Before(deadline) {
			return false
		}
		time.Sleep(min(5*time.Millisecond, time.Until(deadline)))
	}
}

// Add reports changes found by other means than the watch (paths relative
// to the site folder, slash-separated): they join the next batch and count
// for Pending, as changes seen by the watcher do. It does nothing once the
// Watcher is closed.
func (w *Watcher) Add(paths []string) {
	if len(paths) == 0 {
		return
	}
	select {
	case w.extra <- paths:
	case <-w.done:
	}
}

// Close stops watching, closes Changes and waits for the watcher's goroutine.
func (w *Watcher) Close() error {
	var err error
	w.closeOnce.Do(func() {
		close(w.done)
		err = w.fsw.Close()
		<-w.stopped
	})
	return err
}

// watchDir adds one folder; it reports the watch limit once.
func (w *Watcher) watchDir(dir string) error {
	if w.watched[dir] {
		return nil
	}
	err := w.add(dir)
	if err == nil {
		w.watched[dir] = true
		return nil
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		if !w.limitHit {
			w.limitHit = true
			w.warn(fmt.Errorf("watch %s: %w", w.rel(dir), ErrWatchLimit))
		}
		return ErrWatchLimit
	}
	return err
}

// watchTree watches dir and every folder under it, skipping ignored names.
func (w *Watcher) watchTree(dir string) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone again, or not created yet
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && content.Leftover(d.Name()) {
			return filepath.SkipDir
		}
		if err := w.watchDir(p); err != nil {
			if errors.Is(err, ErrWatchLimit) {
				return filepath.SkipAll
			}
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			return err
		}
		return nil
	})
	if err != nil {
		w.warn(fmt.Errorf("watch %s: %w", w.rel(dir), err))
	}
}

// unwatchTree forgets dir and every folder under it (removed or renamed away).
func (w *Watcher) unwatchTree(dir string) {
	prefix := dir + string(filepath.Separator)
	for p := range w.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			delete(w.watched, p)
			_ = w.fsw.Remove(p) // already gone when the folder was deleted
		}
	}
}

func (w *Watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// accept decides whether ev is a change to the site and keeps the set of
// watched folders up to date; it returns the changed path relative to the
// site folder.
func (w *Watcher) accept(ev fsnotify.Event) (string, bool) {
	rel := w.rel(ev.Name)
	if rel == "." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	top, _, _ := strings.Cut(rel, "/")
	if !w.dirs[top] && !w.dirs[rel] {
		return "", false
	}
	if content.Leftover(filepath.Base(ev.Name)) {
		return "", false
	}
	if ev.Op == fsnotify.Chmod {
		return "", false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.unwatchTree(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			w.watchTree(ev.Name)
		}
	}
	return rel, true
}

// batch gathers changed paths.
type batch struct {
	paths map[string]bool
}

func (b *batch) add(p string) {
	if b.paths == nil {
		b.paths = map[string]bool{}
	}
	b.paths[p] = true
}

func (b *batch) sorted() []string {
	out := make([]string, 0, len(b.paths))
	for p := range b.paths {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// loop turns fsnotify events into debounced batches on w.out; a pacer
// decides when each batch goes.
func (w *Watcher) loop() {
	defer close(w.stopped)
	defer close(w.out)
	var cur batch
	pace := pacer{quiet: w.quiet, maxDelay: w.maxDelay, interval: w.interval}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	// changed adds p to the batch and sets the timer for its check.
	changed := func(p string) {
		now := time.Now()
		cur.add(p)
		pace.add(now)
		w.seen.Add(1)
		if at, ok := pace.wake(); ok {
			timer.Reset(at.Sub(now))
		}
	}
	for {
		var out chan<- Batch
		var send Batch
		if pace.ready {
			// every change accepted so far is in cur or in a batch before it
			out, send = w.out, Batch{Paths: cur.sorted(), Seen: w.seen.Load()}
		}
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if rel, ok := w.accept(ev); ok {
				changed(rel)
			}
		case paths := <-w.extra:
			for _, p := range paths {
				changed(p)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: look for new folders and rebuild everything.
				for d := range w.dirs {
					w.watchTree(filepath.Join(w.root, filepath.FromSlash(d)))
					changed(d)
				}
			}
			w.warn(fmt.Errorf("watch %s: %w", w.rel(w.root), err))
		case now := <-timer.C:
			if !pace.check(now) {
				if at, ok := pace.wake(); ok {
					timer.Reset(at.Sub(now))
				}
			}
		case out <- send:
			cur = batch{}
			pace.take(time.Now())
		}
	}
}
