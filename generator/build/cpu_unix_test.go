//go:build unix

package build

import (
	"syscall"
	"time"
)

// cpuSeconds returns the user and system CPU time of this process so far,
// and false when the system cannot tell.
func cpuSeconds() (float64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds(), true
}
