package markdown

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// TestDeadline checks that a Renderer with a Deadline returns an error
// naming the document when its rendering cannot finish (here a link look-up
// that blocks until the test lets it go, so the outcome does not depend on
// the machine's speed), and that the abandoned rendering no longer calls
// the caller's look-ups afterwards.
func TestDeadline(t *testing.T) {
	r := New(Options{Deadline: time.Millisecond})
	release := make(chan struct{})
	var mu sync.Mutex
	returned, lateCalls := false, 0
	in := testInput("[a](a.md) [b](b.md) [c](c.md)\n")
	in.File = "content/slow.md"
	in.Resolve = func(target string) (string, bool) {
		mu.Lock()
		if returned {
			lateCalls++
		}
		mu.Unlock()
		<-release // the first look-up blocks until Render has given up
		return "x.html", true
	}
	res := r.Render(in)
	mu.Lock()
	returned = true
	mu.Unlock()
	close(release)
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "content/slow.md:5: took longer than 1ms to render") {
		t.Fatalf("errors = %v, want one took-longer error at content/slow.md:5", res.Errors)
	}
	if res.HTML != nil {
		t.Errorf("HTML = %q, want none for an abandoned document", res.HTML)
	}
	mu.Lock()
	defer mu.Unlock()
	if lateCalls != 0 {
		t.Errorf("Resolve called %d times after Render returned", lateCalls)
	}
}

// TestDeadlineMet checks that a document rendered within the deadline is
// the same as one rendered without a deadline.
func TestDeadlineMet(t *testing.T) {
	src := "# Tiêu đề\n\nĐoạn [liên kết](a.md).\n"
	want := render(t, Options{}, src)
	got := New(Options{Deadline: time.Hour}).Render(testInput(src))
	if string(got.HTML) != string(want.HTML) || len(got.Errors) != len(want.Errors) {
		t.Errorf("with a deadline: %q %v; without: %q %v", got.HTML, got.Errors, want.HTML, want.Errors)
	}
}
