package firefox

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"time"
)

// startupTimeout bounds how long Firefox may take to open its BiDi port.
const startupTimeout = 60 * time.Second

// process is a running Firefox and what it printed on stderr.
type process struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed once cmd.Wait returned

	mu   sync.Mutex
	tail []string // the last lines of stderr, for error messages
}

// listening is the line Firefox prints on stderr once BiDi accepts
// connections.
var listening = regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)

// startProcess starts headless Firefox on the profile folder with BiDi on
// a port of its own choosing and returns it with the BiDi base URL
// ("ws://127.0.0.1:PORT").
func startProcess(bin, profile string) (*process, string, error) {
	cmd := exec.Command(bin, "--headless", "--no-remote", "--new-instance",
		"--profile", profile, "--remote-debugging-port", "0", "about:blank")
	cmd.Env = append(os.Environ(),
		"MOZ_CRASHREPORTER_DISABLE=1",
		"MOZ_CRASHREPORTER_SHUTDOWN=1",
		"MOZ_DISABLE_AUTO_SAFE_MODE=1",
		"MOZ_HEADLESS=1",
		// Firefox refuses connections to anything but loopback; it also
		// lets the profile point remote settings at a dummy server, which
		// a release build otherwise ignores, and skip its syncs.
		"MOZ_DISABLE_NONLOCAL_CONNECTIONS=1",
		"MOZ_REMOTE_SETTINGS_DEVTOOLS=1",
	)
	newProcessGroup(cmd)
	// A pipe of our own rather than cmd.StderrPipe: Wait would close that
	// one as soon as the main process exits, while its children may still
	// write to it.
	stderr, w, err := os.Pipe()
	if err != nil {
		return nil, "", fmt.Errorf("stderr pipe: %w", err)
	}
	cmd.Stderr = w
	// cmd.Stdout stays nil: the null device, with no copying goroutine
	// for Wait to wait on.
	err = cmd.Start()
	w.Close()
	if err != nil {
		stderr.Close()
		return nil, "", fmt.Errorf("run: %w", err)
	}
	p := &process{cmd: cmd, exited: make(chan struct{})}
	found := make(chan string, 1)
	go p.readStderr(stderr, found)
	go func() {
		_ = cmd.Wait()
		close(p.exited)
	}()
	select {
	case url := <-found:
		return p, url, nil
	case <-p.exited:
		p.stop(0) // children it may have left
		return nil, "", fmt.Errorf("exited before opening its BiDi port (%v)\n%s", cmd.ProcessState, p.stderrTail())
	case <-time.After(startupTimeout):
		p.stop(5 * time.Second)
		return nil, "", fmt.Errorf("no BiDi port after %v\n%s", startupTimeout, p.stderrTail())
	}
}

// readStderr keeps the last lines of stderr and sends the BiDi URL to
// found when it appears. It drains stderr until Firefox closes it, so that
// Firefox never blocks on a full pipe.
func (p *process) readStderr(r io.ReadCloser, found chan<- string) {
	defer r.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	sent := false
	for sc.Scan() {
		line := sc.Text()
		p.mu.Lock()
		p.tail = append(p.tail, line)
		if len(p.tail) > 40 {
			p.tail = p.tail[len(p.tail)-40:]
		}
		p.mu.Unlock()
		if m := listening.FindStringSubmatch(line); m != nil && !sent {
			found <- m[1]
			sent = true
		}
	}
	_, _ = io.Copy(io.Discard, r) // a line longer than the buffer
}

// stderrTail returns the last lines Firefox wrote on stderr.
func (p *process) stderrTail() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return "firefox stderr:\n\t" + strings.Join(p.tail, "\n\t")
}

// stop waits up to grace for Firefox to exit, then kills it; either way it
// then kills what is left of its process group (content processes) and
// waits for the main process to be reaped.
func (p *process) stop(grace time.Duration) {
	select {
	case <-p.exited:
	case <-time.After(grace):
	}
	killGroup(p.cmd)
	<-p.exited
}
