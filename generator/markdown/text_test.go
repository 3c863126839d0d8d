package markdown

import (
	"slices"
	"testing"
)

func TestSectionsAndWords(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  []Section
		words int
	}{
		{
			name:  "empty",
			src:   "",
			want:  nil,
			words: 0,
		},
		{
			name:  "no headings",
			src:   "Một hai *ba*.\n\nBốn  năm\nsáu.",
			want:  []Section{{Text: "Một hai ba.\nBốn năm sáu."}},
			words: 6,
		},
		{
			name: "split at h1 to h4, h5 is a line",
			src: "Mở đầu.\n\n# Tiêu đề\n\nĐoạn **một**.\n\n## Phần `A`\n\n- mục một\n- mục [hai](b.md)\n\n" +
				"##### Nhỏ\n\nCuối.\n\n#### Sâu\n",
			want: []Section{
				{Text: "Mở đầu."},
				{ID: "tieu-de", Heading: "Tiêu đề", Text: "Đoạn một."},
				{ID: "phan-a", Heading: "Phần A", Text: "mục một\nmục hai\nNhỏ\nCuối."},
				{ID: "sau", Heading: "Sâu"},
			},
			words: 2 + 2 + 2 + 2 + 2 + 2 + 1 + 1 + 1,
		},
		{
			name: "table cells, footnote, escapes and entities; code counts words but is not text",
			src: "## Bảng\n\n| Nội dung | Kết quả |\n|---|---|\n| Tỷ lệ &amp; số | 95\\% |\n\n" +
				"```\nmã  nguồn\n```\n\nCó chú thích[^1].\n\n[^1]: Nguồn: UBND.",
			want: []Section{{ID: "bang", Heading: "Bảng",
				Text: "Nội dung\nKết quả\nTỷ lệ & số\n95%\nCó chú thích.\nNguồn: UBND."}},
			words: 1 + 2 + 2 + 4 + 1 + 2 + 3 + 2,
		},
		{
			name:  "raw html and alert title are not text",
			src:   "<div>ẩn</div>\n\n> [!NOTE]\n> Hiện <b>rõ</b>.",
			want:  []Section{{Text: "Hiện rõ."}},
			words: 2,
		},
		{
			name:  "non-breaking and ideographic spaces separate words",
			src:   "Hồ\u00a0Chí\u3000Minh \u00a0 .",
			want:  []Section{{Text: "Hồ Chí Minh ."}},
			words: 4,
		},
		{
			name:  "image alt and autolink label",
			src:   "![sơ đồ tổ chức](../anh/so-do.png) tại https://hanoi.gov.vn",
			want:  []Section{{Text: "sơ đồ tổ chức tại https://hanoi.gov.vn"}},
			words: 6,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, Options{}, tt.src)
			if !slices.Equal(res.Sections, tt.want) {
				t.Errorf("Sections =\n%#v\nwant\n%#v", res.Sections, tt.want)
			}
			if res.Words != tt.words {
				t.Errorf("Words = %d, want %d", res.Words, tt.words)
			}
		})
	}
}
