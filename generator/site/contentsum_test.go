package site

import (
	"crypto/sha256"
	"html/template"
	"testing"

	"tusach/generator/content"
	"tusach/generator/markdown"
)

// TestContentSum checks that a page's ContentSum is the SHA-256 of its
// Content: the Markdown stage's sum while Content is what Patch set, a new
// one once Content is set anew (even to text of the same length).
func TestContentSum(t *testing.T) {
	d := &content.Document{Path: "a.md", File: "content/a.md", Meta: content.Meta{Title: "A"}}
	tests := []struct {
		name string
		html string
		then template.HTML // Content set after Patch; "" keeps it
	}{
		{"kept", "<p>một</p>", ""},
		{"empty", "", ""},
		{"set anew", "<p>một</p>", "<p>hai</p>"},
		{"same length", "<p>aaa</p>", "<p>bbb</p>"},
		{"shorter", "<p>một</p>", "<p>m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &markdown.Result{HTML: []byte(tt.html)}
			r.TakeSum()
			p := &Page{}
			Patch(p, d, r)
			if tt.then != "" {
				p.Content = tt.then
			}
			if got, want := p.ContentSum(), sha256.Sum256([]byte(p.Content)); got != want {
				t.Errorf("ContentSum of %q = %x, want %x", p.Content, got[:4], want[:4])
			}
		})
	}
	// The shortcut: a sum handed over stands for the Content Patch set
	// (a wrong sum shows it is not hashed again).
	r := &markdown.Result{HTML: []byte("<p>một</p>"), Sum: [32]byte{1}}
	p := &Page{}
	Patch(p, d, r)
	if p.ContentSum() != r.Sum {
		t.Error("ContentSum hashed the Content again instead of using the Markdown stage's sum")
	}
	p.Content = template.HTML(string(p.Content[:len(p.Content)-1]) + ">")
	if p.ContentSum() == r.Sum {
		t.Error("ContentSum kept the sum of a Content that was replaced")
	}
}
