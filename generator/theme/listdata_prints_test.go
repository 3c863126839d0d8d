package theme

import (
	"fmt"
	"testing"
	"testing/fstest"

	"tusach/generator/site"
)

// TestListDataPrints changes, one at a time, what a long list shows of its
// items (and what it does not show), and checks that the fingerprint of
// every list's data file changes whenever its bytes do, and stays when
// nothing it shows changed.
func TestListDataPrints(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":         {Data: []byte("---\ntitle: Tủ sách\n---\n")},
		"content/van-ban/_index.md": {Data: []byte("---\ntitle: Văn bản\n---\n")},
	}
	for i := range site.ListPageSize + 5 {
		fsys[fmt.Sprintf("content/van-ban/d%03d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Điều %d. Phạm vi — Luật Điện ảnh 2022\nnumber: %d/QĐ-UBND\ntype: Quyết định\ndate: 2022-01-%02d\ntags: [chung]\n---\n\nNội dung %d.\n",
			i, i+1, 1+i%28, i)}
	}
	sit, th, sum := assembleSite(t, fsys)
	var lists []*site.Page
	for _, p := range sit.Pages {
		if p.Kind == site.KindListData {
			lists = append(lists, p)
		}
	}
	if len(lists) < 2 {
		t.Fatalf("%d list data files, want the section's and the term's", len(lists))
	}
	prints := Prints(sit, sum, inParallel)
	want := map[string]string{}
	for _, p := range lists {
		if _, ok := prints[p.URL]; !ok {
			t.Fatalf("%s has no fingerprint", p.URL)
		}
		want[p.URL] = renderOne(th, sit, p)
	}
	doc := sit.Documents[len(sit.Documents)/2]
	term := doc.Terms[0]
	for _, tc := range []struct {
		name  string
		shown bool // the lists show it
		apply func() (undo func())
	}{
		{"title", true, func() func() { return setTo(&doc.Title, doc.Title+" (sửa)") }},
		{"number", true, func() func() { return setTo(&doc.Doc.Meta.Number, "999/QĐ-UBND") }},
		{"no number", true, func() func() { return setTo(&doc.Doc.Meta.Number, "") }},
		{"type", true, func() func() { return setTo(&doc.Doc.Meta.Type, "Chỉ thị") }},
		{"no type", true, func() func() { return setTo(&doc.Doc.Meta.Type, "") }},
		{"URL", true, func() func() { return setTo(&doc.URL, "khac/"+doc.URL) }},
		{"term name", false, func() func() { return setTo(&term.Name, "riêng") }},
		{"body", false, func() func() { return setTo(&doc.Content, doc.Content+"<p>Thêm.</p>") }},
		{"description", false, func() func() { return setTo(&doc.Description, "Tóm tắt") }},
	} {
		undo := tc.apply()
		now := Prints(sit, sum, inParallel)
		changed := 0
		for _, p := range lists {
			got := renderOne(th, sit, p)
			if now[p.URL] == prints[p.URL] && got != want[p.URL] {
				t.Errorf("%s: changes %s but not its fingerprint", tc.name, p.URL)
			}
			if got != want[p.URL] {
				changed++
			}
		}
		if tc.shown && changed == 0 {
			t.Errorf("%s: no list changed: is the mutation applied?", tc.name)
		}
		undo()
	}
	for _, p := range lists {
		if renderOne(th, sit, p) != want[p.URL] || Prints(sit, sum, inParallel)[p.URL] != prints[p.URL] {
			t.Fatalf("%s: mutations were not undone", p.URL)
		}
	}
}

// setTo sets *p to v and returns what sets it back.
func setTo[T any](p *T, v T) func() {
	was := *p
	*p = v
	return func() { *p = was }
}
