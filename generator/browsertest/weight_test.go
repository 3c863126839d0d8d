package browsertest

import "testing"

func TestWithoutProse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<p>a</p>`, `<p>a</p>`},
		{`<h1>T</h1><div class="prose"><p>văn bản</p></div><nav>x</nav>`, `<h1>T</h1><div class="prose"></div><nav>x</nav>`},
		{`<div class="prose"><div class="alert"><p>a</p></div><p>b</p></div><footer>f</footer>`, `<div class="prose"></div><footer>f</footer>`},
		{`<div class="prose">a</div>-<div class="prose">b</div>!`, `<div class="prose"></div>-<div class="prose"></div>!`},
		{`<div class="prose">never closed`, `<div class="prose">`},
		{`<nav class="toc" aria-label="Mục lục"><h2>Mục lục</h2><ol><li><a href="#dieu-1">Điều 1</a></li></ol></nav><nav>x</nav>`,
			`<nav class="toc" aria-label="Mục lục"></nav><nav>x</nav>`},
		{`<nav class="toc">never closed`, `<nav class="toc">never closed`},
	} {
		if got := string(WithoutProse([]byte(tc.in))); got != tc.want {
			t.Errorf("WithoutProse(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
