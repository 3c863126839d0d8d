package browsertest

import "testing"

func TestWithoutProse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<p>a</p>`, `<p>a</p>`},
		{`<h1>T</h1><div class="prose"><p>văn bản</p></div><nav>x</nav>`, `<h1>T</h1><div class="prose"></div><nav>x</nav>`},
		{`<div class="prose"><div class="alert"><p>a</p></div><p>b</p></div><footer>f</footer>`, `<div class="prose"></div><footer>f</footer>`},
		{`<div class="prose">a</div>-<div class="prose">b</div>!`, `<div class="prose"></div>-<div class="prose"></div>!`},
		{`<div class="prose">never closed`, `<div class="prose">`},
	} {
		if got := string(WithoutProse([]byte(tc.in))); got != tc.want {
			t.Errorf("WithoutProse(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
