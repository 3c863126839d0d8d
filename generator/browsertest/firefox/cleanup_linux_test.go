//go:build linux

package firefox

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"tusach/generator/internal/testsite"
)

// TestFirefoxCleanup checks that when a test ends its Firefox is gone,
// content processes included, and its profile removed: whether Firefox
// quits when asked or hangs (stopped with SIGSTOP) and must be killed.
func TestFirefoxCleanup(t *testing.T) {
	testsite.Requires(t, "Firefox") // the subtests start it
	for _, tc := range []struct {
		name string
		hang bool
	}{
		{"quits", false},
		{"hangs", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var pid int
			var profile string
			var body time.Time
			start := time.Now()
			t.Run("browser", func(t *testing.T) {
				b := New(t)
				if err := b.Navigate("about:blank"); err != nil {
					t.Fatal(err)
				}
				pid, profile = b.proc.cmd.Process.Pid, b.profile
				if live := liveInGroup(t, pid); len(live) < 2 {
					t.Errorf("while running, process group %d has %v, want firefox and its content processes", pid, live)
				}
				if tc.hang {
					b.quitGrace = time.Second
					if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
						t.Fatal(err)
					}
				}
				body = time.Now()
			})
			if pid == 0 {
				t.Fatal("the browser did not start")
			}
			t.Logf("started in %v, gone in %v", body.Sub(start).Round(time.Millisecond), time.Since(body).Round(time.Millisecond))
			// The cleanup has killed what was left of the group; a killed
			// process of a busy machine may take a moment to die.
			if live := goneInGroup(t, pid); len(live) > 0 {
				t.Errorf("after the test, process group %d still has %v", pid, live)
			}
			if _, err := os.Stat(profile); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("profile %s still there after the test: %v", profile, err)
			}
		})
	}
}

// goneInGroup waits until no process of group pgid is alive, for up to
// testsite.Patience, and returns what is still alive then.
func goneInGroup(t *testing.T, pgid int) []string {
	t.Helper()
	deadline := time.Now().Add(testsite.Patience)
	for {
		live := liveInGroup(t, pgid)
		if len(live) == 0 || time.Now().After(deadline) {
			return live
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// liveInGroup returns the names of the processes of group pgid that are
// alive: zombies (dead, waiting for a parent that may never reap them in
// a container) are left out.
func liveInGroup(t *testing.T, pgid int) []string {
	t.Helper()
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		t.Fatal(err)
	}
	var live []string
	for _, p := range stats {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // exited meanwhile
		}
		// pid (comm) state ppid pgrp …; comm may hold spaces and parentheses
		end := bytes.LastIndexByte(data, ')')
		open := bytes.IndexByte(data, '(')
		if end < 0 || open < 0 {
			continue
		}
		f := bytes.Fields(data[end+1:])
		if len(f) < 3 {
			continue
		}
		if g, _ := strconv.Atoi(string(f[2])); g == pgid && string(f[0]) != "Z" {
			live = append(live, string(data[open+1:end]))
		}
	}
	return live
}
