package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

var (
	// errBusy: the folder is locked by a running build.
	errBusy = errors.New("in use by a running build")
	// errMoved: the folder was removed or renamed while being locked.
	errMoved = errors.New("moved by a concurrent build")
)

// maxAttempts bounds the retries when concurrent builds move folders
// between opening and locking them.
const maxAttempts = 10

// newPrivate makes a new private folder in parent whose name starts with
// prefix, locks it and writes the marker file into it.
func newPrivate(parent, prefix string) (string, *os.File, error) {
	for attempt := 1; ; attempt++ {
		tmp, err := os.MkdirTemp(parent, prefix)
		if err != nil {
			return "", nil, err
		}
		lock, err := lockAt(tmp, true)
		if (errors.Is(err, errMoved) || errors.Is(err, fs.ErrNotExist)) && attempt < maxAttempts {
			continue // a concurrent build removed it before it was locked
		}
		if err == nil {
			err = os.Chmod(tmp, 0o755)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(tmp, MarkerName), []byte(markerText), 0o644)
		}
		if err != nil {
			os.RemoveAll(tmp)
			release(lock)
			return "", nil, err
		}
		return tmp, lock, nil
	}
}

// removeStale removes the private folders in parent (names starting with
// prefix) that no running build holds: those of builds that were killed.
// Where folders cannot be locked it removes none. Failures are ignored:
// a stale folder that stays is harmless.
func removeStale(parent, prefix string) {
	if !locking {
		return
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		lock, err := lockAt(p, false)
		if err != nil {
			continue // a running build's, or gone already
		}
		os.RemoveAll(p)
		release(lock)
	}
}

// lockDest locks the destination folder before it is replaced, retrying when
// a concurrent build swaps its own in meanwhile. It fails with
// fs.ErrNotExist when there is no destination.
func lockDest(dest string) (*os.File, error) {
	for attempt := 1; ; attempt++ {
		if _, err := os.Lstat(dest); err != nil {
			return nil, err
		}
		lock, err := lockAt(dest, true)
		if (errors.Is(err, errMoved) || errors.Is(err, fs.ErrNotExist)) && attempt < maxAttempts {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", dest, err)
		}
		return lock, nil
	}
}

// release closes a lock taken by lockAt, if any.
func release(lock *os.File) {
	if lock != nil {
		lock.Close()
	}
}
