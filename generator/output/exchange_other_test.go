//go:build !linux

package output

import "testing"

// TestExchangeUnsupported checks that exchange reports an error here, so
// that Commit takes the two-rename path that TestSwapIn covers.
func TestExchangeUnsupported(t *testing.T) {
	_, tmp, dest := twoSites(t)
	if err := exchange(tmp, dest); err == nil {
		t.Fatal("exchange succeeded where it is not implemented")
	}
	assertSite(t, tmp, "new")
	assertSite(t, dest, "old")
}
