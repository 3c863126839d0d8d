package theme

import (
	"encoding/json"
	"os"
	"testing"
	"testing/fstest"
	"text/template/parse"
)

// specialStrings returns the Vietnamese UI strings, each with characters
// that html/template's escapers replace added, as a theme layer.
func specialStrings(t *testing.T) fstest.MapFS {
	t.Helper()
	data, err := os.ReadFile("../../templates/i18n/vi.json")
	if err != nil {
		t.Fatal(err)
	}
	var strs map[string]string
	if err := json.Unmarshal(data, &strs); err != nil {
		t.Fatal(err)
	}
	for k, v := range strs {
		strs[k] = v + ` <b>&"'+</b>`
	}
	out, err := json.Marshal(strs)
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{"i18n/vi.json": {Data: out}}
}

// TestFoldKeepsBytes renders every page of the fixture with a new theme
// (its first run, before folding) and again with the same theme (folded):
// the bytes must be the same, with plain UI strings and with strings that
// the escapers change (which must not be folded).
func TestFoldKeepsBytes(t *testing.T) {
	tests := []struct {
		name  string
		lang  string
		extra func(*testing.T) fstest.MapFS
	}{
		{"vi", "vi", nil},
		{"en", "en", nil},
		{"strings to escape", "vi", specialStrings},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture()
			for _, p := range f.site.Pages {
				var th *Theme
				if tc.extra != nil {
					th = loadTheme(t, tc.lang, tc.extra(t))
				} else {
					th = loadTheme(t, tc.lang)
				}
				first := render(t, th, f.site, p)
				if got := render(t, th, f.site, p); got != first {
					t.Errorf("%s: folded render differs from the first:\nfirst:  %s\nfolded: %s", p.URL, first, got)
				}
			}
		})
	}
}

// TestFoldFolds checks that the first run of a page template folds its
// constant actions: fewer actions remain in base.html afterwards.
func TestFoldFolds(t *testing.T) {
	f := newFixture()
	th := loadTheme(t, "vi")
	pt := th.pages["document"]
	before := countActions(pt.tmpl.Lookup("base.html").Tree.Root)
	render(t, th, f.site, f.doc1)
	if !pt.folded.Load() {
		t.Fatal("not folded after a run without error")
	}
	after := countActions(pt.tmpl.Lookup("base.html").Tree.Root)
	if after >= before {
		t.Errorf("base.html has %d actions after folding, %d before", after, before)
	}
}

// countActions counts the actions and template calls under n.
func countActions(n parse.Node) int {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return 0
		}
		c := 0
		for _, m := range n.Nodes {
			c += countActions(m)
		}
		return c
	case *parse.ActionNode, *parse.TemplateNode:
		return 1
	case *parse.IfNode:
		return 1 + countActions(n.List) + countActions(n.ElseList)
	case *parse.RangeNode:
		return 1 + countActions(n.List) + countActions(n.ElseList)
	case *parse.WithNode:
		return 1 + countActions(n.List) + countActions(n.ElseList)
	}
	return 0
}

func TestUnchanged(t *testing.T) {
	tests := []struct {
		esc, s string
		want   bool
	}{
		{"_html_template_htmlescaper", "Bỏ qua, đến nội dung chính", true},
		{"_html_template_attrescaper", "Tải về {size}", true},
		{"_html_template_attrescaper", "a & b", false},
		{"_html_template_rcdataescaper", "1+1", false},
		{"_html_template_htmlescaper", "it's", false},
		{"_html_template_htmlescaper", `"q"`, false},
		{"_html_template_htmlescaper", "<b>", false},
		{"_html_template_htmlescaper", "a\x00b", false},
		{"_html_template_urlnormalizer", "assets/style.81074953.css", true},
		{"_html_template_urlfilter", "assets/main.545c6643.js", true},
		{"_html_template_urlfilter", "javascript:alert(1)", false},
		{"_html_template_urlnormalizer", "assets/tệp.css", false},
		{"_html_template_urlnormalizer", "a b", false},
		{"_html_template_urlescaper", "a/b", false},
		{"_html_template_urlescaper", "style.css", true},
		{"_html_template_jsvalescaper", "plain", false},
		{"_html_template_nospaceescaper", "plain", false},
	}
	for _, tc := range tests {
		if got := unchanged(tc.esc, tc.s); got != tc.want {
			t.Errorf("unchanged(%s, %q) = %v, want %v", tc.esc, tc.s, got, tc.want)
		}
	}
}
