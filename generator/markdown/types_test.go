package markdown

import "testing"

// TestDropHTML checks that DropHTML leaves a result with no HTML, by
// either way of reading it, whatever it held.
func TestDropHTML(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"paragraph", "Một đoạn văn.\n"},
		{"headings", "# Tiêu đề\n\n## Mục 1\n\nNội dung.\n"},
		{"empty", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := New(Options{}).Render(Input{File: "content/a.md", Path: "a.md", Source: []byte(tc.src), FirstLine: 1})
			if tc.src != "" && res.Body() == "" {
				t.Fatalf("Body() is empty before DropHTML")
			}
			res.DropHTML()
			if res.HTML != nil || res.Body() != "" {
				t.Errorf("after DropHTML: HTML %q, Body() %q; want nil and \"\"", res.HTML, res.Body())
			}
		})
	}
}
