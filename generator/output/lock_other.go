//go:build !unix

package output

import "os"

// locking says that folders cannot be locked here: stale build folders are
// then left alone rather than risk removing one a running build is writing.
const locking = false

// lockAt does nothing here (see the unix version); holding the folder open
// would keep it from being renamed.
func lockAt(p string, wait bool) (*os.File, error) { return nil, nil }
