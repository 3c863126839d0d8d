package output

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
)

// twoSites makes a folder holding dest (the old site, index.html "old" and
// a stale page) and tmp (the new build, index.html "new").
func twoSites(t *testing.T) (dir, tmp, dest string) {
	t.Helper()
	dir = testsite.Write(t, map[string]string{
		"public/index.html":             "old",
		"public/cu/stale.html":          "stale",
		".public.building-1/index.html": "new",
		".public.building-1/moi/a.html": "a",
	})
	return dir, filepath.Join(dir, ".public.building-1"), filepath.Join(dir, "public")
}

// assertSite checks that dir holds exactly the site whose index.html says
// which ("old" or "new").
func assertSite(t *testing.T, dir, which string) {
	t.Helper()
	want := map[string]string{"old": "cu/stale.html", "new": "moi/a.html"}
	if b, err := os.ReadFile(filepath.Join(dir, "index.html")); err != nil || string(b) != which {
		t.Errorf("%s/index.html = %q, %v; want %q", filepath.Base(dir), b, err, which)
	}
	for w, page := range want {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(page)))
		if has := err == nil; has != (w == which) {
			t.Errorf("%s: %s present = %v, want the %s site only", filepath.Base(dir), page, has, which)
		}
	}
}

func failExchange(a, b string) error { return errors.New("exchange not supported") }

// TestSwapIn covers both ways a build replaces the destination: the
// platform's exchange, and the two renames used where there is none (as on
// Windows and macOS), tested here on every system.
func TestSwapIn(t *testing.T) {
	for _, tc := range []struct {
		name     string
		exchange func(a, b string) error
	}{{"platform exchange", exchange}, {"two renames", failExchange}} {
		t.Run(tc.name, func(t *testing.T) {
			dir, tmp, dest := twoSites(t)
			old, err := swapIn(tmp, dest, tc.exchange, os.Rename)
			if err != nil {
				t.Fatal(err)
			}
			assertSite(t, dest, "new")
			assertSite(t, old, "old")
			if filepath.Dir(old) != dir || !strings.HasPrefix(filepath.Base(old), ".public.building-") {
				t.Errorf("old site moved to %s, want a private name beside the destination", old)
			}
		})
	}
}

// failingRename is os.Rename whose calls numbered in fail (from 1) fail.
func failingRename(fail ...int) func(from, to string) error {
	calls := 0
	return func(from, to string) error {
		calls++
		if slices.Contains(fail, calls) {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("access is denied")}
		}
		return os.Rename(from, to)
	}
}

// TestSwapInFallbackFailures makes each rename of the fallback fail in
// turn (as a file held open on Windows does): a complete site is always
// left, and the error says where each site is when the destination is gone.
func TestSwapInFallbackFailures(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fail      []int  // the rename calls that fail
		destSite  string // site at dest afterwards, "" when dest is gone
		wantInErr string
	}{
		{"moving the old site aside fails", []int{1}, "old", "access is denied"},
		{"moving the new site in fails", []int{2}, "old", "access is denied"},
		{"moving the old site back fails too", []int{2, 3}, "", "the previous site is in"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, tmp, dest := twoSites(t)
			_, err := swapIn(tmp, dest, failExchange, failingRename(tc.fail...))
			if err == nil || !strings.Contains(err.Error(), tc.wantInErr) || !strings.Contains(err.Error(), dest) {
				t.Fatalf("err = %v, want one naming %s and saying %q", err, dest, tc.wantInErr)
			}
			assertSite(t, tmp, "new")
			if tc.destSite != "" {
				assertSite(t, dest, tc.destSite)
				return
			}
			if _, err := os.Stat(dest); !os.IsNotExist(err) {
				t.Errorf("dest: %v, want it gone", err)
			}
			assertSite(t, tmp+".old", "old")
		})
	}
}
