//go:build unix

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// locking says that folders can be locked here, so stale build folders can
// be told from the ones a running build is writing.
const locking = true

// lockAt opens the folder at p and takes an exclusive lock on it (flock),
// waiting for it when wait is true, else failing with errBusy. The lock
// lasts until the returned file is closed, and dies with the process, so a
// killed build leaves no lock behind. It fails with errMoved when, once
// locked, the folder is no longer the one at p (removed or renamed by a
// concurrent build meanwhile).
func lockAt(p string, wait bool) (*os.File, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	for {
		err = unix.Flock(int(f.Fd()), how)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errBusy
		}
		return nil, err
	}
	fi, err1 := f.Stat()
	pi, err2 := os.Stat(p)
	if err1 != nil || err2 != nil || !os.SameFile(fi, pi) {
		f.Close()
		return nil, errMoved
	}
	return f, nil
}
