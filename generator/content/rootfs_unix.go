//go:build unix

package content

import "syscall"

// openNoBlock makes opening a FIFO return at once instead of waiting for a
// writer, and keeps a terminal device from becoming the process's
// controlling terminal; neither changes reading a regular file.
const openNoBlock = syscall.O_NONBLOCK | syscall.O_NOCTTY
