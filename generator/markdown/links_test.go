package markdown

import (
	"slices"
	"strings"
	"testing"
)

func TestLinks(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		wantHTML  string // a fragment of the output
		wantLinks []Link
		wantErrs  []string
	}{
		{
			name:      "same folder",
			src:       "[b](b.md)",
			wantHTML:  `<a href="b.html">b</a>`,
			wantLinks: []Link{{Target: "huong-dan/b.md", Line: 5}},
		},
		{
			name:      "parent folder with fragment",
			src:       "[KH](../van-ban/ke-hoach-205.md#dieu-1)",
			wantHTML:  `<a href="../van-ban/ke-hoach-205.html#dieu-1">KH</a>`,
			wantLinks: []Link{{Target: "van-ban/ke-hoach-205.md", Fragment: "dieu-1", Line: 5}},
		},
		{
			name:      "dot segments",
			src:       "[b](./../huong-dan/./b.md)",
			wantHTML:  `<a href="b.html">b</a>`,
			wantLinks: []Link{{Target: "huong-dan/b.md", Line: 5}},
		},
		{
			name:      "from content root",
			src:       "[KH](/van-ban/ke-hoach-205.md)",
			wantHTML:  `<a href="../van-ban/ke-hoach-205.html">KH</a>`,
			wantLinks: []Link{{Target: "van-ban/ke-hoach-205.md", Line: 5}},
		},
		{
			name:      "query dropped",
			src:       "[b](b.md?v=2#muc)",
			wantHTML:  `<a href="b.html#muc">b</a>`,
			wantLinks: []Link{{Target: "huong-dan/b.md", Fragment: "muc", Line: 5}},
		},
		{
			name:      "percent-encoded Vietnamese name",
			src:       "[tài liệu](t%C3%A0i%20li%E1%BB%87u.md)",
			wantHTML:  `<a href="t%C3%A0i%20li%E1%BB%87u.html">tài liệu</a>`,
			wantLinks: []Link{{Target: "huong-dan/tài liệu.md", Line: 5}},
		},
		{
			name:      "fragment only",
			src:       "[mục](#pham-vi)",
			wantHTML:  `<a href="#pham-vi">mục</a>`,
			wantLinks: []Link{{Fragment: "pham-vi", Line: 5}},
		},
		{
			name:      "image",
			src:       "![sơ đồ](../anh/so-do.png \"Sơ đồ\")",
			wantHTML:  `<img src="../anh/so-do.png" alt="sơ đồ" title="Sơ đồ">`,
			wantLinks: []Link{{Target: "anh/so-do.png", Line: 5}},
		},
		{
			name:      "reference link",
			src:       "Xem [văn bản][kh].\n\n[kh]: ../van-ban/ke-hoach-205.md",
			wantHTML:  `<a href="../van-ban/ke-hoach-205.html">văn bản</a>`,
			wantLinks: []Link{{Target: "van-ban/ke-hoach-205.md", Line: 5}},
		},
		{
			name:     "missing target on body line 3",
			src:      "Dòng một\ndòng hai\nvà [đây](khong-co.md#x) nữa.",
			wantHTML: "và đây nữa.</p>",
			wantErrs: []string{"content/huong-dan/a.md:7: broken link: khong-co.md#x"},
		},
		{
			name:     "missing image leaves alt text",
			src:      "![ảnh thiếu](anh/khong-co.png)",
			wantHTML: "<p>ảnh thiếu</p>",
			wantErrs: []string{"content/huong-dan/a.md:5: broken link: anh/khong-co.png"},
		},
		{
			name:     "escaping the content root",
			src:      "\n[mật khẩu](../../etc/passwd)",
			wantHTML: "<p>mật khẩu</p>",
			wantErrs: []string{"content/huong-dan/a.md:6: broken link: ../../etc/passwd: outside the content folder"},
		},
		{
			name:     "bad escape",
			src:      "[x](a%zz.md)",
			wantHTML: "<p>x</p>",
			wantErrs: []string{`content/huong-dan/a.md:5: broken link: a%zz.md: invalid URL escape "%zz"`},
		},
		{
			name:      "in a table cell and a footnote",
			src:       "| a |\n|---|\n| [b](b.md) |\n\nChú thích[^1].\n\n[^1]: Xem [KH](/van-ban/ke-hoach-205.md).",
			wantHTML:  `<td><a href="b.html">b</a></td>`,
			wantLinks: []Link{{Target: "huong-dan/b.md", Line: 7}, {Target: "van-ban/ke-hoach-205.md", Line: 11}},
		},
		{
			name:     "external gets noopener",
			src:      "[Cổng](https://chinhphu.vn/a?b=1) và https://baochinhphu.vn",
			wantHTML: `<a href="https://chinhphu.vn/a?b=1" rel="noopener">Cổng</a> và <a href="https://baochinhphu.vn" rel="noopener">https://baochinhphu.vn</a>`,
		},
		{
			name:     "other schemes kept",
			src:      "[thư](mailto:vp@hanoi.gov.vn) [gọi](tel:+84241234)",
			wantHTML: `<a href="mailto:vp@hanoi.gov.vn">thư</a> <a href="tel:+84241234">gọi</a>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, Options{}, tt.src)
			if html := string(res.HTML); !strings.Contains(html, tt.wantHTML) {
				t.Errorf("HTML =\n%s\nwant it to contain\n%s", html, tt.wantHTML)
			}
			if !slices.Equal(res.Links, tt.wantLinks) {
				t.Errorf("Links = %+v, want %+v", res.Links, tt.wantLinks)
			}
			var errs []string
			for _, e := range res.Errors {
				errs = append(errs, e.Error())
			}
			if !slices.Equal(errs, tt.wantErrs) {
				t.Errorf("Errors = %q, want %q", errs, tt.wantErrs)
			}
		})
	}
}

func TestLinksWithoutResolver(t *testing.T) {
	in := testInput("[b](b.md#x)")
	in.Resolve = nil
	res := New(Options{}).Render(in)
	if !strings.Contains(string(res.HTML), `<a href="b.md#x">b</a>`) {
		t.Errorf("HTML = %q, want the destination kept", res.HTML)
	}
	if want := []Link{{Target: "huong-dan/b.md", Fragment: "x", Line: 5}}; !slices.Equal(res.Links, want) {
		t.Errorf("Links = %+v, want %+v", res.Links, want)
	}
}

func TestClassifyDest(t *testing.T) {
	tests := []struct {
		dest string
		want destKind
	}{
		{"", destEmpty},
		{"#muc", destFragment},
		{"a.md", destSite},
		{"../a.md#x", destSite},
		{"/van-ban/a.md", destSite},
		{"tài liệu.md", destSite},
		{"a:b/c", destOther},
		{"1a:b", destSite},
		{"http://x.vn", destExternal},
		{"HTTPS://x.vn", destExternal},
		{"//cdn.x.vn/a.js", destExternal},
		{"mailto:a@b.vn", destOther},
		{"javascript:alert(1)", destDangerous},
		{"JavaScript:alert(1)", destDangerous},
		{" \x01javascript:alert(1)", destDangerous},
		{"java\tscr\nipt:alert(1)", destDangerous},
		{"vbscript:x", destDangerous},
		{"data:image/png;base64,AA", destDangerous},
		{"file:///etc/passwd", destDangerous},
		{"averyveryverylongscheme:x", destOther},
	}
	for _, tt := range tests {
		if got := classifyDest([]byte(tt.dest)); got != tt.want {
			t.Errorf("classifyDest(%q) = %d, want %d", tt.dest, got, tt.want)
		}
	}
}

func TestSiteTarget(t *testing.T) {
	tests := []struct {
		doc, p, want string
		wantErr      bool
	}{
		{"huong-dan/a.md", "b.md", "huong-dan/b.md", false},
		{"huong-dan/a.md", "../van-ban/c.md", "van-ban/c.md", false},
		{"huong-dan/a.md", "/anh/x.png", "anh/x.png", false},
		{"huong-dan/a.md", "/", ".", false},
		{"a.md", "b/c/../d.md", "b/d.md", false},
		{"a.md", "../b.md", "", true},
		{"huong-dan/a.md", "../../b.md", "", true},
		{"huong-dan/a.md", "/../b.md", "b.md", false}, // "/.." is the root
		{"huong-dan/a.md", "%E1%BB%87.md", "huong-dan/ệ.md", false},
		{"huong-dan/a.md", "e%CC%A3%CC%82.md", "huong-dan/ệ.md", false}, // NFD → NFC
		{"huong-dan/a.md", "%zz", "", true},
	}
	for _, tt := range tests {
		got, err := siteTarget(tt.doc, tt.p)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("siteTarget(%q, %q) = %q, %v; want %q, error %v", tt.doc, tt.p, got, err, tt.want, tt.wantErr)
		}
	}
}
