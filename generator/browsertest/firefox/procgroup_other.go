//go:build !unix

package firefox

import "os/exec"

// newProcessGroup does nothing where there are no process groups.
func newProcessGroup(cmd *exec.Cmd) {}

// killGroup kills the main Firefox process.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
