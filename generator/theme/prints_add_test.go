package theme

import (
	"fmt"
	"testing"
	"testing/fstest"

	"tusach/generator/site"
)

// tagSite returns a site whose tags "a" and "b" each list n documents,
// plus the documents extra of tag "a".
func tagSite(n, extra int) fstest.MapFS {
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Tủ sách\n---\n")}}
	doc := func(name, tag string, day int) {
		fsys["content/van-ban/"+name+".md"] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Tài liệu %s\ndate: 2020-01-%02d\ntags: [%s]\n---\n\nNội dung.\n", name, 1+day%28, tag)}
	}
	for i := range n {
		doc(fmt.Sprintf("a-%03d", i), "a", i)
		doc(fmt.Sprintf("b-%03d", i), "b", i)
	}
	for i := range extra {
		doc(fmt.Sprintf("moi-%03d", i), "a", i)
	}
	return fsys
}

// TestPagePrintsNewDocument checks that a new document changes the prints
// of its own terms' pages and of the taxonomy's page (which shows every
// term's count), but not those of the other terms' pages, every page of
// their paginated lists included: a term's page shows its own count only.
func TestPagePrintsNewDocument(t *testing.T) {
	n := site.ListPageSize + 1 // two pages a term
	before, _, sum := assembleSite(t, tagSite(n, 0))
	after, _, _ := assembleSite(t, tagSite(n, 1))
	was, now := Prints(before, sum, inParallel), Prints(after, sum, inParallel)
	for _, tc := range []struct {
		url     string
		changes bool
	}{
		{"the/a.html", true},          // its term: the count, the list
		{"the/a/2.html", true},        //
		{"the/index.html", true},      // the tags and their counts
		{"the/b.html", false},         // another term of the taxonomy
		{"the/b/2.html", false},       //
		{"van-ban/b-000.html", false}, // a document of another term
	} {
		w, ok1 := was[tc.url]
		p, ok2 := now[tc.url]
		if !ok1 || !ok2 {
			t.Fatalf("%s: no print (before %v, after %v); pages: %v", tc.url, ok1, ok2, len(now))
		}
		if got := w != p; got != tc.changes {
			t.Errorf("new document: print of %s changed %v, want %v", tc.url, got, tc.changes)
		}
	}
	if len(now) != len(was)+1 {
		t.Errorf("%d prints after, %d before: want one more (the new document's page)", len(now), len(was))
	}
}
