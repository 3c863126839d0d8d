package markdown

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"vietnamese", "# Đảng", []string{"dang"}},
		{"phrase", "## Xây dựng, chỉnh đốn Đảng", []string{"xay-dung-chinh-don-dang"}},
		{"duplicates", "## Đảng\n\n## Đảng\n\n## Đảng", []string{"dang", "dang-1", "dang-2"}},
		{"no letters", "## !!!\n\n## ???", []string{"muc", "muc-1"}},
		{"inline markup", "## **Điều 1.** Phạm vi `điều chỉnh`", []string{"dieu-1-pham-vi-dieu-chinh"}},
		{"nfd input", norm.NFD.String("## Điều 1. Phạm vi"), []string{"dieu-1-pham-vi"}},
		{"setext", "Chương I\n========\n\nMục 1\n-----", []string{"chuong-i", "muc-1"}},
		{"explicit", "## Phạm vi {#pv}", []string{"pv"}},
		{"explicit reserved first", "## Đảng\n\n## Khác {#dang}", []string{"dang-1", "dang"}},
		{"explicit duplicate", "## A {#x}\n\n## B {#x}", []string{"x", "x-1"}},
		{"suffix taken by text", "## A 1\n\n## A\n\n## A", []string{"a-1", "a", "a-2"}},
		{"empty slug then muc text", "## ---\n\n## Mục", []string{"muc", "muc-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, Options{}, tt.src)
			var got []string
			for _, h := range res.Headings {
				got = append(got, h.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("IDs = %q, want %q", got, tt.want)
			}
			html := string(res.HTML)
			for _, id := range tt.want {
				if !strings.Contains(html, ` id="`+id+`"`) {
					t.Errorf("HTML lacks id=%q:\n%s", id, html)
				}
			}
		})
	}
}

func TestHeadingFields(t *testing.T) {
	src := "Lời mở đầu.\n\n# Kế hoạch \"205\"\n\nĐoạn.\n\n## Phạm vi\n\n# Phần hai\n"
	res := render(t, Options{}, src)
	want := []Heading{
		{Level: 1, ID: "ke-hoach-205", Text: "Kế hoạch “205”", Line: 7},
		{Level: 2, ID: "pham-vi", Text: "Phạm vi", Line: 11},
		{Level: 1, ID: "phan-hai", Text: "Phần hai", Line: 13},
	}
	if !slices.Equal(res.Headings, want) {
		t.Fatalf("Headings = %+v\nwant %+v", res.Headings, want)
	}
	if res.Title != "Kế hoạch “205”" {
		t.Errorf("Title = %q, want the first h1", res.Title)
	}
	if got := render(t, Options{}, "## Chỉ h2").Title; got != "" {
		t.Errorf("Title without h1 = %q, want empty", got)
	}
}

func TestHeadingAttributes(t *testing.T) {
	src := `## Tiêu đề {#td .noi-bat data-x="1"}`
	safe := string(render(t, Options{}, src).HTML)
	if want := `<h2 id="td">Tiêu đề</h2>`; !strings.Contains(safe, want) {
		t.Errorf("safe HTML = %q, want %q", safe, want)
	}
	unsafe := string(render(t, Options{UnsafeHTML: true}, src).HTML)
	if !strings.Contains(unsafe, `class="noi-bat"`) || !strings.Contains(unsafe, `id="td"`) {
		t.Errorf("unsafe HTML = %q, want class and id kept", unsafe)
	}
}
