package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"tusach/generator/content"
	"tusach/generator/internal/testsite"
)

// site makes a site folder with content/a.md and content/van-ban/b.md.
func site(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	write(t, root, "content/a.md", "# A\n")
	write(t, root, "content/van-ban/b.md", "# B\n")
	write(t, root, "public/index.html", "old")
	return root
}

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func start(t *testing.T, root string) *Watcher {
	t.Helper()
	w, err := New(Options{Root: root, Dirs: []string{"content", "templates"},
		Quiet: 80 * time.Millisecond, MaxDelay: 2 * time.Second,
		Warn: func(err error) { t.Logf("warning: %v", err) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// sentinelPrefix starts the names of the files settle writes.
const sentinelPrefix = "content/moc-"

// settle writes a new empty file, the sentinel (one event, never an
// ignored name), and returns every batch delivered until one names it, for
// up to testsite.Patience, without the sentinel. The watcher takes events
// in order, so once a batch names the sentinel every change made before it
// has been delivered: what the returned batches do not name, those changes
// did not cause. No waiting for silence, whatever the machine's load.
func settle(t *testing.T, w *Watcher, root string) (got [][]string, last Batch) {
	t.Helper()
	name := fmt.Sprintf("%s%d.md", sentinelPrefix, sentinels.Add(1))
	write(t, root, name, "")
	guard := time.After(testsite.Patience)
	for {
		select {
		case b, ok := <-w.Changes():
			if !ok {
				t.Fatalf("the watcher stopped before the sentinel %s came: %v", name, got)
			}
			var paths []string
			for _, p := range b.Paths {
				if !strings.HasPrefix(p, sentinelPrefix) {
					paths = append(paths, p)
				}
			}
			if len(paths) > 0 {
				got = append(got, paths)
			}
			if slices.Contains(b.Paths, name) {
				return got, b
			}
		case <-guard:
			t.Fatalf("the sentinel %s never came; batches before it: %v", name, got)
		}
	}
}

// sentinels numbers the sentinel files, so that each is a new file.
var sentinels atomic.Int64

// union returns the paths named by any of the batches, sorted, once each.
func union(batches [][]string) []string {
	var all []string
	for _, b := range batches {
		all = append(all, b...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// TestEditorSaves performs real-world saves and checks that each is
// delivered, naming the file and no leftover, and that editor leftovers
// alone are never delivered. How many batches a save takes is a matter of
// scheduling (a busy machine may split one); the pacer's tests check the
// schedule on a fake clock.
func TestEditorSaves(t *testing.T) {
	tests := []struct {
		name string
		do   func(t *testing.T, root string)
		want []string // paths the single batch must contain; nil: no batch at all
	}{
		{"plain write", func(t *testing.T, root string) {
			write(t, root, "content/a.md", "# A2\n")
		}, []string{"content/a.md"}},
		{"vim", func(t *testing.T, root string) {
			dir := filepath.Join(root, "content")
			write(t, root, "content/4913", "")
			must(t, os.Remove(filepath.Join(dir, "4913")))
			write(t, root, "content/.a.md.swp", "swap")
			must(t, os.Rename(filepath.Join(dir, "a.md"), filepath.Join(dir, "a.md~")))
			write(t, root, "content/a.md", "# A vim\n")
			must(t, os.Chmod(filepath.Join(dir, "a.md"), 0o644))
			must(t, os.Remove(filepath.Join(dir, "a.md~")))
			must(t, os.Remove(filepath.Join(dir, ".a.md.swp")))
		}, []string{"content/a.md"}},
		{"vs code", func(t *testing.T, root string) {
			dir := filepath.Join(root, "content", "van-ban")
			write(t, root, "content/van-ban/b.md.tmp", "# B code\n")
			must(t, os.Rename(filepath.Join(dir, "b.md.tmp"), filepath.Join(dir, "b.md")))
		}, []string{"content/van-ban/b.md"}},
		{"temp files only", func(t *testing.T, root string) {
			for _, n := range []string{"content/.a.md.swp", "content/a.md~", "content/.#a.md", "content/4913",
				"content/x.tmp", "content/.DS_Store", "content/van-ban/.b.md.swx"} {
				write(t, root, n, "x")
			}
			must(t, os.Remove(filepath.Join(root, "content", "4913")))
		}, nil},
		{"output and other files of the site folder", func(t *testing.T, root string) {
			write(t, root, "public/index.html", "new")
			write(t, root, "public/new/page.html", "new")
			write(t, root, "notes.txt", "x")
		}, nil},
		{"new folder with a file", func(t *testing.T, root string) {
			write(t, root, "content/moi/c.md", "# C\n")
		}, []string{"content/moi"}},
		{"delete a folder", func(t *testing.T, root string) {
			must(t, os.RemoveAll(filepath.Join(root, "content", "van-ban")))
		}, []string{"content/van-ban"}},
		{"templates folder created later", func(t *testing.T, root string) {
			write(t, root, "templates/home.html", "{{define \"main\"}}x{{end}}")
		}, []string{"templates"}},
		{"burst of 300 files", func(t *testing.T, root string) {
			for i := range 300 {
				write(t, root, "content/nhieu/"+strings.Repeat("x", i%7+1)+string(rune('a'+i%26))+".md", "# x\n")
			}
		}, []string{"content/nhieu"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := site(t)
			w := start(t, root)
			tt.do(t, root)
			got, _ := settle(t, w, root)
			if tt.want == nil {
				if len(got) != 0 {
					t.Fatalf("want no rebuild, got batches %v", got)
				}
				return
			}
			all := union(got)
			for _, p := range tt.want {
				if !slices.Contains(all, p) {
					t.Errorf("batches %v lack %s", got, p)
				}
			}
			for _, p := range all {
				if content.Leftover(filepath.Base(p)) {
					t.Errorf("batches %v hold the ignored %s", got, p)
				}
			}
		})
	}
}

// TestNewFoldersAreWatched checks that files in folders created after the
// start, at any depth, are seen when edited later, and that a deleted and
// recreated folder is watched again.
func TestNewFoldersAreWatched(t *testing.T) {
	root := site(t)
	w := start(t, root)
	write(t, root, "content/moi/sau/c.md", "# C\n")
	if got, _ := settle(t, w, root); !slices.Contains(union(got), "content/moi") {
		t.Fatalf("creating folders: batches %v", got)
	}
	write(t, root, "content/moi/sau/c.md", "# C2\n")
	got, _ := settle(t, w, root)
	if !slices.Equal(union(got), []string{"content/moi/sau/c.md"}) {
		t.Fatalf("edit in a new folder: batches %v", got)
	}
	must(t, os.RemoveAll(filepath.Join(root, "content", "moi")))
	if got, _ := settle(t, w, root); !slices.Contains(union(got), "content/moi") {
		t.Fatalf("deleting a folder: batches %v", got)
	}
	write(t, root, "content/moi/d.md", "# D\n")
	settle(t, w, root)
	write(t, root, "content/moi/d.md", "# D2\n")
	got, _ = settle(t, w, root)
	if !slices.Contains(union(got), "content/moi/d.md") {
		t.Fatalf("edit in a recreated folder: batches %v", got)
	}
}

// TestChangesWhileBusy checks that changes made while the receiver is busy
// (rebuilding) wait for it: once it reads again, the first batch it gets
// names them, and nothing else.
func TestChangesWhileBusy(t *testing.T) {
	root := site(t)
	w := start(t, root)
	write(t, root, "content/a.md", "1")
	first, last := settle(t, w, root)
	if !slices.Equal(union(first), []string{"content/a.md"}) {
		t.Fatalf("first batches: %v", first)
	}
	// Busy: nobody reads while three edits happen, spread over time, until
	// the watcher has taken at least one of them.
	for _, s := range []string{"2", "3", "4"} {
		write(t, root, "content/van-ban/b.md", s)
		time.Sleep(150 * time.Millisecond)
	}
	if !w.Pending(last.Seen, testsite.Patience) {
		t.Fatal("the edits were never taken")
	}
	select {
	case b := <-w.Changes():
		if !slices.Equal(b.Paths, []string{"content/van-ban/b.md"}) {
			t.Fatalf("after a busy spell the first batch is %v, want the edited file", b.Paths)
		}
	case <-time.After(testsite.Patience):
		t.Fatal("no batch after a busy spell")
	}
	if got, _ := settle(t, w, root); len(got) > 0 && !slices.Equal(union(got), []string{"content/van-ban/b.md"}) {
		t.Fatalf("later batches %v name more than the edited file", got)
	}
}

// TestPending checks that Pending reports changes seen beyond a batch,
// and never the changes of the batch itself, whenever it is asked.
func TestPending(t *testing.T) {
	root := site(t)
	w := start(t, root)
	if w.Pending(0, 0) {
		t.Fatal("pending before any change")
	}
	write(t, root, "content/a.md", "x")
	if !w.Pending(0, testsite.Patience) {
		t.Fatal("a change is not pending")
	}
	// once the sentinel's batch is read, every change made before it is in
	// a batch read
	_, last := settle(t, w, root)
	if last.Seen == 0 || w.Pending(last.Seen, 0) {
		t.Fatalf("the batch's own changes (%d) are pending once it is read", last.Seen)
	}
	write(t, root, "content/.a.md.swp", "x")
	got, next := settle(t, w, root)
	if len(got) > 0 || next.Seen != last.Seen+1 {
		t.Fatalf("an ignored file was taken: %d changes besides the sentinel, batches %v", next.Seen-last.Seen-1, got)
	}
	write(t, root, "content/a.md", "y")
	if !w.Pending(next.Seen, testsite.Patience) {
		t.Fatal("a change after the batch is not pending")
	}
}

// TestWatchLimit checks that running out of watches is reported once, as
// ErrWatchLimit, and that watching goes on with the folders already watched.
func TestWatchLimit(t *testing.T) {
	root := site(t)
	var warnings []error // appended by the watcher's goroutine, read after Close
	var full atomic.Bool
	w, err := New(Options{Root: root, Dirs: []string{"content"}, Quiet: 50 * time.Millisecond,
		Warn: func(err error) { warnings = append(warnings, err) },
		addWatch: func(fsw *fsnotify.Watcher, dir string) error {
			if full.Load() {
				return fmt.Errorf("inotify_add_watch %s: %w", dir, syscall.ENOSPC)
			}
			return fsw.Add(dir)
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	full.Store(true) // every folder added from now on hits the limit
	write(t, root, "content/x/y/z.md", "# Z\n")
	write(t, root, "content/w/v.md", "# V\n")
	got, _ := settle(t, w, root)
	w.Close()
	if len(got) == 0 {
		t.Fatal("changes in watched folders must still be delivered")
	}
	if len(warnings) != 1 || !errors.Is(warnings[0], ErrWatchLimit) {
		t.Fatalf("warnings = %v, want one ErrWatchLimit", warnings)
	}
	if !strings.Contains(warnings[0].Error(), "max_user_watches") {
		t.Errorf("warning %q does not say what to raise", warnings[0])
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
