package markdown

import (
	"slices"
	"strings"
	"testing"
)

// citeTable is the fake site of the cross-reference tests: normalized
// number → page, relative to huong-dan/a.md.
var citeTable = map[string]string{
	"205/KH-UBND": "../van-ban/ke-hoach-205.html",
	"21-KL/TW":    "../van-ban/ket-luan-21.html",
	"30/NQ-CP":    "../van-ban/nghi-quyet-30.html",
}

func citeInput(src string) Input {
	in := testInput(src)
	in.Cite = func(n string) (string, bool) {
		h, ok := citeTable[n]
		return h, ok
	}
	return in
}

func TestCite(t *testing.T) {
	const kh = `<a href="../van-ban/ke-hoach-205.html" class="xref">`
	tests := []struct {
		name      string
		src       string
		want      []string // fragments of the HTML
		notWant   []string
		wantCites []string
	}{
		{
			name:      "paragraph",
			src:       "Theo Kế hoạch số 205/KH-UBND của UBND.",
			want:      []string{"<p>Theo Kế hoạch số " + kh + "205/KH-UBND</a> của UBND.</p>"},
			wantCites: []string{"205/KH-UBND"},
		},
		{
			name: "variants match",
			src:  "Kết luận số 21-KL/TƯ và 21 - KL/TW, Nghị quyết 30/nq-cp.",
			want: []string{
				`<a href="../van-ban/ket-luan-21.html" class="xref">21-KL/TƯ</a>`,
				`<a href="../van-ban/ket-luan-21.html" class="xref">21 - KL/TW</a>`,
			},
			notWant:   []string{`class="xref">30/nq-cp`}, // lower-case is not recognized in text
			wantCites: []string{"21-KL/TW"},
		},
		{
			name:      "at the end of a paragraph",
			src:       "Xem 30/NQ-CP",
			want:      []string{`<p>Xem <a href="../van-ban/nghi-quyet-30.html" class="xref">30/NQ-CP</a></p>`},
			wantCites: []string{"30/NQ-CP"},
		},
		{
			name:      "several in one text, in order, each once",
			src:       "30/NQ-CP, 205/KH-UBND và lại 30/NQ-CP.",
			want:      []string{"<p><a href=\"../van-ban/nghi-quyet-30.html\" class=\"xref\">30/NQ-CP</a>, " + kh + "205/KH-UBND</a> và lại <a href=\"../van-ban/nghi-quyet-30.html\" class=\"xref\">30/NQ-CP</a>.</p>"},
			wantCites: []string{"30/NQ-CP", "205/KH-UBND"},
		},
		{
			name:      "line break kept",
			src:       "Kế hoạch 205/KH-UBND\nngày 28/7/2022.",
			want:      []string{kh + "205/KH-UBND</a>\nngày 28/7/2022.</p>"},
			wantCites: []string{"205/KH-UBND"},
		},
		{
			name:      "inside emphasis and table",
			src:       "**205/KH-UBND**\n\n| Số |\n|---|\n| 21-KL/TW |",
			want:      []string{"<strong>" + kh + "205/KH-UBND</a></strong>", `<td><a href="../van-ban/ket-luan-21.html" class="xref">21-KL/TW</a></td>`},
			wantCites: []string{"205/KH-UBND", "21-KL/TW"},
		},
		{
			name:    "not in headings",
			src:     "## Kế hoạch 205/KH-UBND",
			want:    []string{">Kế hoạch 205/KH-UBND</h2>"},
			notWant: []string{"xref"},
		},
		{
			name:    "not in code",
			src:     "`205/KH-UBND`\n\n```\n205/KH-UBND\n```\n\n    21-KL/TW",
			notWant: []string{"xref"},
		},
		{
			name:    "not in links",
			src:     "[Kế hoạch 205/KH-UBND](b.md) <https://x.vn/205/KH-UBND> ![205/KH-UBND](anh/x.png)",
			want:    []string{`<a href="b.html">Kế hoạch 205/KH-UBND</a>`},
			notWant: []string{"xref"},
		},
		{
			name:    "unknown number unchanged",
			src:     "Quyết định 99/QĐ-TTg ngày 1/2/2023.",
			want:    []string{"<p>Quyết định 99/QĐ-TTg ngày 1/2/2023.</p>"},
			notWant: []string{"<a"},
		},
		{
			name:    "dates and fractions unchanged",
			src:     "Ngày 28/7/2022, 1/2 số đại biểu, gọi 024-3825-1234.",
			want:    []string{"<p>Ngày 28/7/2022, 1/2 số đại biểu, gọi 024-3825-1234.</p>"},
			notWant: []string{"<a"},
		},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.Render(citeInput(tt.src))
			html := string(res.HTML)
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("HTML lacks %q:\n%s", w, html)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(html, w) {
					t.Errorf("HTML has %q:\n%s", w, html)
				}
			}
			if !slices.Equal(res.Cites, tt.wantCites) {
				t.Errorf("Cites = %q, want %q", res.Cites, tt.wantCites)
			}
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
		})
	}
}

// TestCiteLeavesOutputAloneWithoutResolver checks that a nil Cite changes
// nothing: the same HTML as a resolver that knows no number.
func TestCiteLeavesOutputAloneWithoutResolver(t *testing.T) {
	src := "Kế hoạch 205/KH-UBND, 21-KL/TƯ.\n\n- 30/NQ-CP\n"
	r := New(Options{})
	plain := r.Render(testInput(src))
	in := testInput(src)
	in.Cite = func(string) (string, bool) { return "", false }
	none := r.Render(in)
	if string(plain.HTML) != string(none.HTML) || none.Cites != nil {
		t.Errorf("resolver without documents changed the output:\n%s\nvs\n%s (cites %q)", plain.HTML, none.HTML, none.Cites)
	}
}

// TestCiteTextForSearch checks that linking does not change the text read
// for search.
func TestCiteTextForSearch(t *testing.T) {
	src := "## Mục\n\nTheo 205/KH-UBND và 21-KL/TƯ.\n"
	r := New(Options{})
	a, b := r.Render(testInput(src)), r.Render(citeInput(src))
	if len(a.Sections) != 1 || len(b.Sections) != 1 || a.Sections[0] != b.Sections[0] || a.Words != b.Words {
		t.Errorf("sections differ: %q (%d words) vs %q (%d words)", a.Sections, a.Words, b.Sections, b.Words)
	}
}
