package output

import "golang.org/x/sys/unix"

// exchange swaps the names a and b atomically (renameat2 with
// RENAME_EXCHANGE); it fails on file systems without it, and [swapIn] then
// falls back to two renames.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
