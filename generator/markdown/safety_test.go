package markdown

import (
	"strings"
	"testing"
)

func TestSafety(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		safeWant   string   // the whole safe output
		unsafeHave []string // fragments the UnsafeHTML output keeps
	}{
		{
			name:       "html block",
			src:        "<div onclick=\"x()\">khối</div>\n\nSau.",
			safeWant:   "<p>Sau.</p>\n",
			unsafeHave: []string{`<div onclick="x()">khối</div>`},
		},
		{
			name:       "script block",
			src:        "<script>alert(1)</script>",
			safeWant:   "",
			unsafeHave: []string{"<script>alert(1)</script>"},
		},
		{
			name:       "inline html",
			src:        "a <b onmouseover=\"x\">đậm</b> <!-- chú --> c",
			safeWant:   "<p>a đậm  c</p>\n",
			unsafeHave: []string{`<b onmouseover="x">đậm</b>`, "<!-- chú -->"},
		},
		{
			name:       "javascript link",
			src:        "[bấm](javascript:alert(1))",
			safeWant:   "<p>bấm</p>\n",
			unsafeHave: []string{`<a href="javascript:alert(1)">bấm</a>`},
		},
		{
			name:     "javascript link hidden by a character reference",
			src:      "[bấm](java&#9;script:alert(1)) [x](&#106;avascript:alert(1))",
			safeWant: "<p>bấm x</p>\n",
		},
		{
			name:       "vbscript and file links",
			src:        "[a](VBScript:msgbox) [b](file:///etc/passwd)",
			safeWant:   "<p>a b</p>\n",
			unsafeHave: []string{`href="VBScript:msgbox"`, `href="file:///etc/passwd"`},
		},
		{
			name:       "data link",
			src:        "[tải](data:text/html;base64,PHNjcmlwdD4=)",
			safeWant:   "<p>tải</p>\n",
			unsafeHave: []string{`href="data:text/html;base64,PHNjcmlwdD4="`},
		},
		{
			name:       "data image, even png",
			src:        "![ảnh](data:image/png;base64,iVBORw0KGgo=)",
			safeWant:   "<p>ảnh</p>\n",
			unsafeHave: []string{`<img src="data:image/png;base64,iVBORw0KGgo=" alt="ảnh">`},
		},
		{
			name:       "javascript autolink",
			src:        "<javascript:alert(1)>",
			safeWant:   "<p>javascript:alert(1)</p>\n",
			unsafeHave: []string{`<a href="javascript:alert(1)">javascript:alert(1)</a>`},
		},
		{
			name:     "image inside a javascript link",
			src:      "[![logo](../anh/so-do.png)](javascript:x)",
			safeWant: "<p><img src=\"../anh/so-do.png\" alt=\"logo\"></p>\n",
		},
		{
			name:     "text is escaped",
			src:      "1 < 2 & \"x\" > `<i>`",
			safeWant: "<p>1 &lt; 2 &amp; “x” &gt; <code>&lt;i&gt;</code></p>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(render(t, Options{}, tt.src).HTML); got != tt.safeWant {
				t.Errorf("safe HTML = %q, want %q", got, tt.safeWant)
			}
			unsafe := string(render(t, Options{UnsafeHTML: true}, tt.src).HTML)
			for _, want := range tt.unsafeHave {
				if !strings.Contains(unsafe, want) {
					t.Errorf("unsafe HTML = %q, want it to contain %q", unsafe, want)
				}
			}
		})
	}
}

func TestTypography(t *testing.T) {
	tests := []struct{ src, want string }{
		{`Ông nói "xin chào" và 'tạm biệt'...`, "Ông nói “xin chào” và ‘tạm biệt’…"},
		{`'tôi', 'em', 'nhà', 'lần', 'mẹ', 'sở'`, "‘tôi’, ‘em’, ‘nhà’, ‘lần’, ‘mẹ’, ‘sở’"},
		{`"Chỉnh đốn Đảng"`, "“Chỉnh đốn Đảng”"},
		{"2020--2025 --- hết", "2020–2025 — hết"},
		{"<< >>", "&lt;&lt; &gt;&gt;"},
		{"don't", "don't"},
	}
	for _, tt := range tests {
		got := string(render(t, Options{}, tt.src).HTML)
		if want := "<p>" + tt.want + "</p>\n"; got != want {
			t.Errorf("%s: HTML = %q, want %q", tt.src, got, want)
		}
	}
}

func TestMarkdownFeatures(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"table wrapped", "| A | B |\n|---|:-:|\n| 1 | 2 |",
			"<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>\n<th>A</th>\n<th style=\"text-align:center\">B</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td>1</td>\n<td style=\"text-align:center\">2</td>\n</tr>\n</tbody>\n</table>\n</div>\n"},
		{"strikethrough", "~~bỏ~~", "<p><del>bỏ</del></p>\n"},
		{"task list", "- [x] xong\n- [ ] chưa",
			"<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> xong</li>\n<li><input disabled=\"\" type=\"checkbox\"> chưa</li>\n</ul>\n"},
		{"definition list", "Nghị quyết\n: Văn bản của Đảng.", "<dl>\n<dt>Nghị quyết</dt>\n<dd>Văn bản của Đảng.</dd>\n</dl>\n"},
		{"www autolink", "www.hanoi.gov.vn", "<p><a href=\"http://www.hanoi.gov.vn\" rel=\"noopener\">www.hanoi.gov.vn</a></p>\n"},
		{"email autolink", "vp@hanoi.gov.vn", "<p><a href=\"mailto:vp@hanoi.gov.vn\">vp@hanoi.gov.vn</a></p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(render(t, Options{}, tt.src).HTML); got != tt.want {
				t.Errorf("HTML = %q\nwant   %q", got, tt.want)
			}
		})
	}
}

func TestFootnotes(t *testing.T) {
	html := string(render(t, Options{}, "Văn bản[^a].\n\n[^a]: Nguồn.").HTML)
	for _, want := range []string{`<a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>`, `<li id="fn:1">`, "Nguồn."} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML = %q, want it to contain %q", html, want)
		}
	}
}
