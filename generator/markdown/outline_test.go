package markdown

import (
	"slices"
	"strings"
	"testing"
)

// TestOutline checks the table of contents made from "Chương …" and "Điều
// N." lines of documents without headings of level 2 to 4.
func TestOutline(t *testing.T) {
	type entry struct {
		Level int
		ID    string
		Text  string
	}
	tests := []struct {
		name     string
		src      string
		want     []entry
		wantHTML []string // fragments of the HTML, in order
	}{
		{
			name: "one paragraph of lines, as the corpus's laws",
			src: "QUỐC HỘI  \nLuật số: 1/2020/QH14  \nChương I  \nNHỮNG QUY ĐỊNH CHUNG  \nĐiều 1. Phạm vi điều chỉnh  \n" +
				"1\\. Luật này quy định.  \nĐiều 2. Đối tượng áp dụng  \nĐiều 5 của Luật này không phải tiêu đề.  \n" +
				"Chương trình không phải chương.  \nMục 1. QUY ĐỊNH RIÊNG  \nĐiều 3. Giải thích *từ ngữ*\n",
			want: []entry{
				{2, "chuong-i", "Chương I. NHỮNG QUY ĐỊNH CHUNG"},
				{4, "dieu-1", "Điều 1. Phạm vi điều chỉnh"},
				{4, "dieu-2", "Điều 2. Đối tượng áp dụng"},
				{3, "muc-1", "Mục 1. QUY ĐỊNH RIÊNG"},
				{4, "dieu-3", "Điều 3. Giải thích từ ngữ"},
			},
			wantHTML: []string{
				"<p>QUỐC HỘI<br>\nLuật số: 1/2020/QH14</p>",
				`<p id="chuong-i">Chương I<br>`,
				`<p id="dieu-1">Điều 1. Phạm vi điều chỉnh<br>`,
				"1. Luật này quy định.</p>",
				`<p id="dieu-3">Điều 3. Giải thích <em>từ ngữ</em></p>`,
			},
		},
		{
			name:     "lines inside list items, as a law's numbered clauses make them",
			src:      "Điều 1. A  \n1. Một  \nĐiều 2. B  \n2. Hai\n\n- x\n- Điều 3. C\n",
			want:     []entry{{4, "dieu-1", "Điều 1. A"}, {4, "dieu-2", "Điều 2. B"}, {4, "dieu-3", "Điều 3. C"}},
			wantHTML: []string{`<p id="dieu-1">Điều 1. A</p>`, "<li>", "Một", `<p id="dieu-2">Điều 2. B</p>`, "<li>Hai</li>", `<p id="dieu-3">Điều 3. C</p>`},
		},
		{
			name:     "paragraphs of their own, bold",
			src:      "# Luật\n\n**Điều 1.** Phạm vi\n\nNội dung.\n\n**ĐIỀU 2.** Áp dụng\n",
			want:     []entry{{4, "dieu-1", "Điều 1. Phạm vi"}, {4, "dieu-2", "ĐIỀU 2. Áp dụng"}},
			wantHTML: []string{`<p id="dieu-1"><strong>Điều 1.</strong> Phạm vi</p>`},
		},
		{
			name: "headings of level 2 win: no outline",
			src:  "## Phần\n\nĐiều 1. A\n\nĐiều 2. B\n",
			want: []entry{{2, "phan", "Phần"}},
		},
		{
			name: "a single article makes no outline",
			src:  "Điều 7. Quyền  \nNội dung.\n",
		},
		{
			name: "ids stay unique",
			src:  "Điều 1. A\n\nĐiều 1. A\n",
			want: []entry{{4, "dieu-1", "Điều 1. A"}, {4, "dieu-1-1", "Điều 1. A"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, Options{}, tt.src)
			var got []entry
			for _, h := range res.Headings {
				if h.Level > 1 {
					got = append(got, entry{h.Level, h.ID, h.Text})
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("headings =\n%v\nwant\n%v", got, tt.want)
			}
			html := string(res.HTML)
			at := 0
			for _, frag := range tt.wantHTML {
				i := strings.Index(html[at:], frag)
				if i < 0 {
					t.Fatalf("HTML lacks %q after offset %d:\n%s", frag, at, html)
				}
				at += i + len(frag)
			}
		})
	}
}

func TestOutlineTitleCut(t *testing.T) {
	long := "Điều 9. " + strings.Repeat("quyền và nghĩa vụ ", 20)
	res := render(t, Options{}, long+"\n\nĐiều 10. B\n")
	h := res.Headings[0]
	if n := len([]rune(h.Text)); n > maxOutlineTitle+1 || !strings.HasSuffix(h.Text, "…") {
		t.Errorf("title of %d characters %q, want at most %d ending in …", n, h.Text, maxOutlineTitle+1)
	}
}
