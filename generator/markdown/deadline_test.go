package markdown

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// TestDeadline checks that a Renderer with a Deadline returns an error
// naming the document when its rendering takes longer (4,000 links against
// a deadline of a microsecond: a slower machine only makes it surer), and
// that the abandoned rendering no longer calls the caller's look-ups once
// Render has returned.
func TestDeadline(t *testing.T) {
	r := New(Options{Deadline: time.Microsecond})
	var mu sync.Mutex
	returned, lateCalls := false, 0
	in := testInput(strings.Repeat("[a](a.md) ", 4000) + "\n")
	in.File = "content/slow.md"
	in.Resolve = func(target string) (string, bool) {
		mu.Lock()
		defer mu.Unlock()
		if returned {
			lateCalls++
		}
		return "a.html", true
	}
	res := r.Render(in)
	mu.Lock()
	returned = true
	mu.Unlock()
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "content/slow.md:5: took longer than 1µs to render") {
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
