package build

import (
	"testing"

	"tusach/generator/content"
	"tusach/generator/output"
)

// TestAsideBodies checks that a body set aside is read back for its own
// document only, that a path keeps the bodies of several documents (the
// memo's and an edit's) until keepOnly names the one the site has, and
// that an empty body is left in place.
func TestAsideBodies(t *testing.T) {
	store, err := output.NewStore("", "tusach-test-*")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	memo := &content.Document{Path: "a.md", File: "content/a.md", Body: []byte("một")}
	edit := &content.Document{Path: "a.md", File: "content/a.md", Body: []byte("hai")}
	empty := &content.Document{Path: "b.md", File: "content/b.md", Body: []byte{}}
	var b asideBodies
	for _, d := range []*content.Document{memo, edit, empty} {
		if err := b.setAside(store, d); err != nil {
			t.Fatal(err)
		}
	}
	if memo.Body != nil || edit.Body != nil || empty.Body == nil {
		t.Fatalf("bodies left: %q, %q; empty %v", memo.Body, edit.Body, empty.Body)
	}
	check := func(when string, cases map[*content.Document]string) {
		t.Helper()
		for d, want := range cases {
			got, err := b.of(store, d)
			if err != nil || string(got) != want {
				t.Errorf("%s: %s body %q, %v; want %q", when, d.Path, got, err, want)
			}
		}
	}
	stranger := &content.Document{Path: "a.md", File: "content/a.md"}
	check("set aside", map[*content.Document]string{memo: "một", edit: "hai", empty: "", stranger: ""})
	b.keepOnly([]*content.Document{memo, empty})
	check("after keepOnly", map[*content.Document]string{memo: "một", edit: "", empty: ""})
}
