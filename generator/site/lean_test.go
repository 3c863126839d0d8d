package site

import (
	"testing"

	"tusach/generator/content"
	"tusach/generator/markdown"
)

func TestDropAndMakeTOC(t *testing.T) {
	heads := []markdown.Heading{{Level: 2, ID: "a", Text: "A"}, {Level: 3, ID: "b", Text: "B"}, {Level: 5, ID: "c", Text: "C"}}
	tests := []struct {
		name    string
		page    *Page
		wantTOC bool // after DropTOCs then MakeTOC
	}{
		{"document", &Page{Doc: &content.Document{}, Headings: heads, TOC: NestTOC(heads, 2, 4)}, true},
		{"list page keeps its own", &Page{Headings: heads, TOC: NestTOC(heads, 2, 4)}, true},
		{"document without headings", &Page{Doc: &content.Document{}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := NestTOC(tt.page.Headings, 2, 4)
			DropTOCs([]*Page{tt.page})
			if tt.page.Doc != nil && tt.page.TOC != nil {
				t.Fatalf("DropTOCs kept the TOC of a page with a document")
			}
			tt.page.MakeTOC()
			if got := len(tt.page.TOC) > 0; got != tt.wantTOC {
				t.Fatalf("TOC after MakeTOC: %d entries, want some: %v", len(tt.page.TOC), tt.wantTOC)
			}
			if len(tt.page.TOC) != len(want) || (len(want) > 0 && (tt.page.TOC[0].ID != want[0].ID || len(tt.page.TOC[0].Children) != len(want[0].Children))) {
				t.Fatalf("TOC made again differs from Assemble's: %+v vs %+v", tt.page.TOC, want)
			}
		})
	}
}

func TestDropOutlines(t *testing.T) {
	doc := &content.Document{Meta: content.Meta{Title: "Kế hoạch", Number: "205/KH-UBND"}}
	s := &Site{Pages: []*Page{
		{Doc: doc, Headings: []markdown.Heading{{Level: 2, ID: "a"}}, TOC: []*TOCEntry{{}}, Sections: []markdown.Section{{}}},
		{Headings: []markdown.Heading{{Level: 2, ID: "b"}}},
	}}
	s.DropOutlines()
	for i, p := range s.Pages {
		if p.Headings != nil || p.TOC != nil || p.Sections != nil {
			t.Errorf("page %d kept its outline: %d headings, %d TOC entries, %d sections", i, len(p.Headings), len(p.TOC), len(p.Sections))
		}
	}
	if doc.Meta.Title != "" || doc.Meta.Number != "" {
		t.Errorf("the document kept its front matter: %+v", doc.Meta)
	}
}
