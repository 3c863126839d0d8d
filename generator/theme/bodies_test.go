package theme

import (
	"slices"
	"testing"

	"tusach/generator/site"
)

func TestShowersFirst(t *testing.T) {
	home := &site.Page{URL: "index.html", Kind: site.KindHome}
	doc := &site.Page{URL: "a.html", Kind: site.KindDocument}
	laidOut := &site.Page{URL: "b.html", Kind: site.KindDocument, Layout: "slides"}
	study := &site.Page{URL: "on-tap/in.html", Kind: site.KindStudyPrint}
	list := &site.Page{URL: "danh-sach.json", Kind: site.KindListData}
	for _, tc := range []struct {
		name        string
		pages       []*site.Page
		first, then []*site.Page
	}{
		{"none", nil, nil, nil},
		{"own bodies only", []*site.Page{home, doc, list}, nil, []*site.Page{home, doc, list}},
		{"in order", []*site.Page{home, study, doc, laidOut}, []*site.Page{study, laidOut}, []*site.Page{home, doc}},
	} {
		first, then := ShowersFirst(tc.pages)
		if !slices.Equal(first, tc.first) || !slices.Equal(then, tc.then) {
			t.Errorf("%s: ShowersFirst = %v, %v; want %v, %v", tc.name, urls(first), urls(then), urls(tc.first), urls(tc.then))
		}
	}
}

func urls(pages []*site.Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.URL)
	}
	return out
}
