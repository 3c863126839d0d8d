package output

import "fmt"

// swapIn puts the folder tmp, a finished build, in place of the existing
// folder dest, and returns where the old build now is, for the caller to
// remove.
//
// It first tries exchange, which swaps the two names at once (renameat2
// with RENAME_EXCHANGE on Linux), so that dest always names a complete
// site. Where that fails (another system, or a file system without it) it
// falls back to two renames with rename: dest to tmp+".old", then tmp to
// dest. If the second rename fails the old build is renamed back, so dest
// names the old site and tmp the new one; only when that too fails is dest
// missing, and the error says where the old site is. Either way no site is
// ever half there.
//
// exchange and rename are parameters so that the fallback can be tested on
// every system (exchange is the platform's, rename is os.Rename).
func swapIn(tmp, dest string, exchange, rename func(from, to string) error) (old string, err error) {
	if exchange(tmp, dest) == nil {
		return tmp, nil // the old build now sits at the private name
	}
	old = tmp + ".old"
	if err := rename(dest, old); err != nil {
		return "", fmt.Errorf("replace %s: %w", dest, err)
	}
	if err := rename(tmp, dest); err != nil {
		if rerr := rename(old, dest); rerr != nil {
			return "", fmt.Errorf("replace %s: %w; the previous site is in %s and the new one in %s", dest, err, old, tmp)
		}
		return "", fmt.Errorf("replace %s: %w", dest, err)
	}
	return old, nil
}
