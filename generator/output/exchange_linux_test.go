package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExchangeSwapsFolders checks that renameat2 swaps two folders whole:
// no fallback was needed, the old site sits at the private name.
func TestExchangeSwapsFolders(t *testing.T) {
	_, tmp, dest := twoSites(t)
	if err := exchange(tmp, dest); err != nil {
		t.Fatalf("exchange on %s: %v (a file system without RENAME_EXCHANGE?)", filepath.Dir(dest), err)
	}
	assertSite(t, dest, "new")
	assertSite(t, tmp, "old")
}

// TestExchangeMissingFolder checks that exchange fails, changing nothing,
// when one of the names does not exist: Commit then falls back to renames.
func TestExchangeMissingFolder(t *testing.T) {
	_, tmp, dest := twoSites(t)
	missing := filepath.Join(filepath.Dir(dest), "missing")
	if err := exchange(tmp, missing); err == nil {
		t.Fatal("exchange with a missing folder succeeded")
	}
	assertSite(t, tmp, "new")
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("%s: %v, want it still missing", missing, err)
	}
}
