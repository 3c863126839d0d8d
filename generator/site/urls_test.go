package site

import (
	"testing"

	"tusach/generator/markdown"
)

func TestRel(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "a/b.html", "a/b.html"},
		{"a/b.html", "a/c.html", "c.html"},
		{"a/b.html", "c/d.html", "../c/d.html"},
		{"a/b/c.html", "a/d.html", "../d.html"},
		{"a/b/c.html", "index.html", "../../index.html"},
		{"a/index.html", "a/b/index.html", "b/index.html"},
		{"a/b.html", "a/img/x.png", "img/x.png"},
	}
	for _, tt := range tests {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestRootFor(t *testing.T) {
	for url, want := range map[string]string{"index.html": "", "a/b.html": "../", "a/b/c.html": "../../"} {
		if got := RootFor(url); got != want {
			t.Errorf("RootFor(%q) = %q, want %q", url, got, want)
		}
	}
}

func TestNestTOC(t *testing.T) {
	hs := []markdown.Heading{
		{Level: 1, ID: "title"}, {Level: 2, ID: "a"}, {Level: 3, ID: "a1"}, {Level: 4, ID: "a1x"},
		{Level: 5, ID: "deep"}, {Level: 2, ID: "b"}, {Level: 4, ID: "b-skip"}, {Level: 3, ID: "b1"},
	}
	toc := NestTOC(hs, 2, 4)
	if len(toc) != 2 || toc[0].ID != "a" || toc[1].ID != "b" {
		t.Fatalf("top level = %+v", toc)
	}
	if len(toc[0].Children) != 1 || toc[0].Children[0].ID != "a1" || toc[0].Children[0].Children[0].ID != "a1x" {
		t.Errorf("a's children wrong: %+v", toc[0].Children)
	}
	if got := len(toc[1].Children); got != 2 {
		t.Errorf("b has %d children, want 2 (b-skip and b1)", got)
	}
}
