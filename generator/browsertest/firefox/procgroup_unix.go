//go:build unix

package firefox

import (
	"os/exec"
	"syscall"
)

// newProcessGroup makes cmd lead a process group of its own, so that the
// content processes Firefox starts can be killed with it.
func newProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills every process left in the group cmd leads.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
