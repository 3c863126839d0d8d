package hosting

import "testing"

func TestMedian(t *testing.T) {
	if got := median([]int{5, 1, 3}); got != 3 {
		t.Errorf("median = %d, want 3", got)
	}
	if got := median(nil); got != 0 {
		t.Errorf("median(nil) = %d", got)
	}
}
