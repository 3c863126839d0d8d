//go:build unix

package build

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFIFOLinkRefused checks that a build with a symlink to a FIFO under
// content/ fails naming it instead of waiting forever for a writer.
func TestFIFOLinkRefused(t *testing.T) {
	src := writeSite(t, map[string]string{"content/_index.md": goodIndex, "content/a.md": "# A\n"})
	if err := syscall.Mkfifo(filepath.Join(src, "ong"), 0o644); err != nil {
		t.Skipf("cannot make FIFOs here: %v", err)
	}
	for _, link := range []string{"content/ong.md", "content/ong.pdf"} {
		if err := os.Symlink("../ong", filepath.Join(src, filepath.FromSlash(link))); err != nil {
			t.Skipf("cannot make symlinks here: %v", err)
		}
	}
	// A build that blocked would fail the test at go test's -timeout.
	_, err := buildSite(t, src, filepath.Join(src, "public"))
	for _, want := range []string{"content/ong.md: symlink to something that is not a regular file", "content/ong.pdf: symlink to"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want one with %q", err, want)
		}
	}
}
