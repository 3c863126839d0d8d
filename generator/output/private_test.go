//go:build unix

package output

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// holdEnv names the destination a helper process builds into.
const holdEnv = "TUSACH_TEST_HOLD_BUILD"

// TestHelperHoldBuild is not a test: run by startBuild in a child process,
// it starts a build of $TUSACH_TEST_HOLD_BUILD, prints its private folder
// and waits, holding the folder, until its stdin closes or it is killed.
func TestHelperHoldBuild(t *testing.T) {
	dest := os.Getenv(holdEnv)
	if dest == "" {
		t.Skip("helper process for TestStaleFolders")
	}
	w, err := New(dest)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString(w.Dir() + "\n")
	io.Copy(io.Discard, os.Stdin)
	w.Abort()
}

// startBuild starts a build of dest in a child process and returns it with
// its private folder.
func startBuild(t *testing.T, dest string) (*exec.Cmd, io.Closer, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldBuild$")
	cmd.Env = append(os.Environ(), holdEnv+"="+dest)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.Contains(line, ".public.building-") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper build: %q, %v", line, err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, stdin, strings.TrimSpace(line)
}

// TestStaleFolders checks that a new build removes the private folder of
// a build that was killed (kill -9: no chance to clean up) and keeps the
// one of a build still running, which can still commit.
func TestStaleFolders(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	killed, _, killedDir := startBuild(t, dest)
	live, liveStdin, liveDir := startBuild(t, dest)
	killed.Process.Kill()
	killed.Wait()
	if _, err := os.Stat(killedDir); err != nil {
		t.Fatalf("the killed build's folder should still be there before the next build: %v", err)
	}

	w, err := New(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killedDir); err == nil {
		t.Error("the killed build's folder was not removed")
	}
	if _, err := os.Stat(filepath.Join(liveDir, MarkerName)); err != nil {
		t.Errorf("the running build's folder was touched: %v", err)
	}
	if err := w.Write("index.html", []byte("<p>mới</p>")); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	liveStdin.Close() // the running build ends (aborting)
	live.Wait()       // and has removed its folder once it has exited

	w, err = New(dest)
	if err != nil {
		t.Fatal(err)
	}
	w.Abort()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "public" {
		t.Errorf("left beside the destination: %v", entries)
	}
}
