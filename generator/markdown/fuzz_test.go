package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzRender renders arbitrary Markdown and checks that Render never
// panics, that safe output carries no script-capable markup or URL, that
// heading IDs are unique and that error lines fall inside the body.
func FuzzRender(f *testing.F) {
	seeds := []string{
		"# Đảng\n\n## Đảng\n\n## {#dang}",
		"> [!NOTE]\n> x\n\n> [!TIP]\n>\n> y",
		"[a](b.md#c) [d](../../e) ![f](data:image/png;base64,AA) <javascript:x> [g](java&#9;script:y)",
		"| a | b |\n|---|---|\n| [c](/anh/so-do.png) | d |",
		"x[^1]\n\n[^1]: [y](khong-co.md)\n",
		"<script>x</script>\n\n<b onclick=x>y</b>",
		"Thuật ngữ\n: định nghĩa \"trích\" 'dẫn' -- --- ...",
		"- [x] a\n- [ ] b\n\n```\ncode\n```",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"![a [b](c.md) d](e.png)",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	for _, c := range limitCases {
		f.Add(c.src())
	}
	if files, _ := filepath.Glob(filepath.Join("testdata", "*.md")); len(files) > 0 {
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(string(b))
			}
		}
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		in := testInput(src)
		res := r.Render(in)
		if utf8.ValidString(src) && !utf8.Valid(res.HTML) {
			t.Errorf("invalid UTF-8 in HTML for valid input")
		}
		lower := bytes.ToLower(res.HTML)
		for _, bad := range []string{"<script", "<iframe", "<style", "<object", "<embed", "<!--",
			`="javascript:`, `="vbscript:`, `="data:`, `="file:`} {
			if bytes.Contains(lower, []byte(bad)) {
				t.Errorf("safe HTML contains %q:\n%s", bad, res.HTML)
			}
		}
		seen := map[string]bool{}
		for _, h := range res.Headings {
			if h.ID == "" || seen[h.ID] {
				t.Errorf("heading ID %q empty or repeated in %+v", h.ID, res.Headings)
			}
			seen[h.ID] = true
		}
		last := in.FirstLine + bytes.Count(in.Source, []byte{'\n'})
		for _, e := range res.Errors {
			if e.Line < in.FirstLine || e.Line > last || e.Path != in.File {
				t.Errorf("error %q outside lines %d..%d", e.Error(), in.FirstLine, last)
			}
		}
		for _, l := range res.Links {
			if l.Line < in.FirstLine || l.Line > last {
				t.Errorf("link %+v outside lines %d..%d", l, in.FirstLine, last)
			}
		}
		if res.Words < 0 {
			t.Errorf("Words = %d", res.Words)
		}
	})
}
