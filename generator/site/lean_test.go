package site

import (
	"maps"
	"slices"
	"testing"

	"tusach/generator/content"
	"tusach/generator/markdown"
)

func TestDropAndSetOutline(t *testing.T) {
	heads := []markdown.Heading{{Level: 2, ID: "a", Text: "A"}, {Level: 3, ID: "b", Text: "B"}, {Level: 5, ID: "c", Text: "C"}}
	secs := []markdown.Section{{ID: "a", Heading: "A"}, {ID: "b", Heading: "B"}}
	tests := []struct {
		name     string
		page     *Page
		dropped  bool // DropOutlines lets go of its outline
		set      []markdown.Heading
		wantTOC  bool // after DropOutlines then SetOutline(set, secs)
		wantSecs int
	}{
		{"document", &Page{Doc: &content.Document{}, Headings: heads, TOC: NestTOC(heads, 2, 4), Sections: secs}, true, heads, true, 2},
		{"list page keeps its own", &Page{Headings: heads, TOC: NestTOC(heads, 2, 4)}, false, nil, true, 0},
		{"document without headings", &Page{Doc: &content.Document{}}, true, nil, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := NestTOC(tt.page.Headings, 2, 4)
			DropOutlines([]*Page{tt.page})
			if gone := tt.page.Headings == nil && tt.page.TOC == nil && tt.page.Sections == nil; gone != tt.dropped {
				t.Fatalf("after DropOutlines: outline gone %v, want %v", gone, tt.dropped)
			}
			if tt.dropped {
				tt.page.SetOutline(tt.set, secs)
			}
			if got := len(tt.page.TOC) > 0; got != tt.wantTOC {
				t.Fatalf("TOC: %d entries, want some: %v", len(tt.page.TOC), tt.wantTOC)
			}
			if len(tt.page.TOC) != len(want) || (len(want) > 0 && (tt.page.TOC[0].ID != want[0].ID || len(tt.page.TOC[0].Children) != len(want[0].Children))) {
				t.Fatalf("TOC made again differs from Assemble's: %+v vs %+v", tt.page.TOC, want)
			}
			if tt.dropped && !slices.Equal(tt.page.Headings, tt.set) {
				t.Fatalf("headings %v, want %v", tt.page.Headings, tt.set)
			}
			if len(tt.page.Sections) != tt.wantSecs {
				t.Fatalf("%d sections, want %d", len(tt.page.Sections), tt.wantSecs)
			}
		})
	}
}

func TestLean(t *testing.T) {
	doc := &content.Document{Meta: content.Meta{Title: "Kế hoạch", Number: "205/KH-UBND"}}
	s := &Site{Pages: []*Page{
		{Doc: doc, Headings: []markdown.Heading{{Level: 2, ID: "a"}}, TOC: []*TOCEntry{{}}, Sections: []markdown.Section{{}}},
		{Headings: []markdown.Heading{{Level: 2, ID: "b"}}},
	}}
	s.Lean()
	for i, p := range s.Pages {
		if p.Headings != nil || p.TOC != nil || p.Sections != nil {
			t.Errorf("page %d kept its outline: %d headings, %d TOC entries, %d sections", i, len(p.Headings), len(p.TOC), len(p.Sections))
		}
	}
	if doc.Meta.Title != "" || doc.Meta.Number != "" {
		t.Errorf("the document kept its front matter: %+v", doc.Meta)
	}
}

func TestDropParams(t *testing.T) {
	tests := []struct {
		name      string
		meta      content.Meta
		wantLines map[string]int
	}{
		{"unknown keys and lines go", content.Meta{Title: "Kế hoạch", Params: map[string]any{"summary": "Tóm tắt"},
			Lines: map[string]int{"title": 2, "summary": 3}}, nil},
		{"the layout's line stays", content.Meta{Layout: "print", Lines: map[string]int{"title": 2, "layout": 4}},
			map[string]int{"layout": 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &content.Document{Meta: tt.meta}
			pages := []*Page{{Doc: doc}, {Doc: doc}, {}} // a document on two pages, a page without one
			DropParams(pages)
			if doc.Meta.Params != nil {
				t.Errorf("Params kept: %v", doc.Meta.Params)
			}
			if !maps.Equal(doc.Meta.Lines, tt.wantLines) {
				t.Errorf("Lines = %v, want %v", doc.Meta.Lines, tt.wantLines)
			}
			if doc.Meta.Title != tt.meta.Title || doc.Meta.Layout != tt.meta.Layout {
				t.Errorf("known fields changed: %+v", doc.Meta)
			}
		})
	}
}
