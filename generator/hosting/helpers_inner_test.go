package hosting

import "testing"

func TestWithoutProse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<p>a</p>`, `<p>a</p>`},
		{`<h1>T</h1><div class="prose"><p>văn bản</p></div><nav>x</nav>`, `<h1>T</h1><div class="prose"></div><nav>x</nav>`},
		{`<div class="prose"><div class="alert"><p>a</p></div><p>b</p></div><footer>f</footer>`, `<div class="prose"></div><footer>f</footer>`},
		{`<div class="prose">a</div>-<div class="prose">b</div>!`, `<div class="prose"></div>-<div class="prose"></div>!`},
		{`<div class="prose">never closed`, `<div class="prose">`},
	} {
		if got := string(withoutProse([]byte(tc.in))); got != tc.want {
			t.Errorf("withoutProse(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMedian(t *testing.T) {
	if got := median([]int{5, 1, 3}); got != 3 {
		t.Errorf("median = %d, want 3", got)
	}
	if got := median(nil); got != 0 {
		t.Errorf("median(nil) = %d", got)
	}
}
