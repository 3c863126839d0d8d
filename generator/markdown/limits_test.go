package markdown

import (
	"fmt"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
)

// limitCases are bodies past one of the limits (the cases at their
// size, and smaller ones), each with the error it must get when rendered as
// testInput (body line 1 is file line 5). They are also fuzz seeds.
var limitCases = []struct {
	name string
	src  func() string
	want string
}{
	{"a list nested 3,000 levels, indented", func() string {
		return testsite.Lines(3000, func(i int) string { return strings.Repeat("  ", i) + "- x" })
	}, "content/huong-dan/a.md:37: lists nested 33 deep; at most 32 levels are allowed"},
	{"a list nested 3,000 levels on one line", func() string {
		return strings.Repeat("- ", 3000) + "x\n"
	}, "content/huong-dan/a.md:5: lists nested 3000 deep; at most 32 levels are allowed"},
	{"ordered lists nested 40 levels", func() string {
		return testsite.Lines(40, func(i int) string { return strings.Repeat("   ", i) + "1. x" })
	}, "content/huong-dan/a.md:37: lists nested 33 deep; at most 32 levels are allowed"},
	{"block quotes nested 3,000 levels", func() string {
		return strings.Repeat("> ", 3000) + "x\n"
	}, "content/huong-dan/a.md:5: block quotes nested 3000 deep; at most 32 levels are allowed"},
	{"block quotes nested one more per line", func() string {
		return testsite.Lines(40, func(i int) string { return strings.Repeat(">", i+1) + " x" })
	}, "content/huong-dan/a.md:37: block quotes nested 33 deep; at most 32 levels are allowed"},
	{`"[a](" × 100,000`, func() string {
		return strings.Repeat("[a](", 100_000)
	}, `content/huong-dan/a.md:5: more than 5000 "[" in one document (links, images, footnotes; this is number 100000); split the document`},
	{"100,000 footnotes", func() string {
		return testsite.Lines(100_000, func(i int) string { return fmt.Sprintf("x[^%d]", i) }) + "\n" +
			testsite.Lines(100_000, func(i int) string { return fmt.Sprintf("[^%d]: y", i) })
	}, `content/huong-dan/a.md:5005: more than 5000 "[" in one document (links, images, footnotes; this is number 5001); split the document`},
	{"2,001 footnote definitions", func() string {
		return testsite.Lines(2001, func(i int) string { return fmt.Sprintf("[^%d]: y", i) })
	}, "content/huong-dan/a.md:2005: more than 2000 footnote definitions (this is number 2001)"},
	{"1,000,000 link reference definitions", func() string {
		return testsite.Lines(1_000_000, func(i int) string { return fmt.Sprintf("[r%d]: /x", i) })
	}, "content/huong-dan/a.md:2005: more than 2000 link reference definitions (this is number 2001)"},
	{"a table of 50,000 columns over 1,000 rows", func() string {
		return "|" + strings.Repeat("a|", 50_000) + "\n|" + strings.Repeat("-|", 50_000) + "\n" + strings.Repeat("|a|\n", 1000)
	}, "content/huong-dan/a.md:7: tables of more than 100000 cells in one document (150000 here, counting every row as wide as its header); split the document"},
	{"1,000,000 headings", func() string {
		return strings.Repeat("# a\n", 1_000_000)
	}, "content/huong-dan/a.md:10005: more than 10000 headings in one document (this is number 10001); split the document"},
	{"10,001 underlined headings", func() string {
		return strings.Repeat("a\n---\n\nb\n===\n", 5001)
	}, "content/huong-dan/a.md:25006: more than 10000 headings in one document (this is number 10001); split the document"},
}

// TestRenderLimits checks that each body past a limit gets its error and
// no HTML, and that the same kinds of body within the limits render.
func TestRenderLimits(t *testing.T) {
	r := New(Options{})
	for _, tt := range limitCases {
		t.Run(tt.name, func(t *testing.T) {
			res := r.Render(testInput(tt.src()))
			if got := res.Errors.Error(); got != tt.want {
				t.Errorf("errors:\n got %q\nwant %q", got, tt.want)
			}
			if len(res.HTML) != 0 {
				t.Errorf("HTML written for a refused body: %.80q", res.HTML)
			}
		})
	}
	for name, src := range map[string]string{
		"list 32 deep":          testsite.Lines(32, func(i int) string { return strings.Repeat("  ", i) + "- x" }),
		"quotes 32 deep":        strings.Repeat("> ", 32) + "x\n",
		"2,000 footnotes":       testsite.Lines(2000, func(i int) string { return fmt.Sprintf("x[^%d]\n\n[^%d]: y", i, i) }),
		"5,000 links":           strings.Repeat("[a](b.md) ", 5000),
		"a table of 10 × 9,000": "|" + strings.Repeat("a|", 10) + "\n|" + strings.Repeat("-|", 10) + "\n" + strings.Repeat("|"+strings.Repeat("x|", 10)+"\n", 9_000),
		"dashes are not tables": strings.Repeat("a\n---\n\n- - -\n", 10_000),
		"10,000 headings":       strings.Repeat("## a\n\n---\n\n#hashtag\n", 10_000),
		"code is not list":      "- a\n\n          - b\n" + strings.Repeat("    - c\n", 40),
	} {
		t.Run(name, func(t *testing.T) {
			if res := r.Render(testInput(src)); len(res.Errors) != 0 && !strings.Contains(res.Errors.Error(), "broken link") {
				t.Errorf("errors: %v", res.Errors)
			}
		})
	}
}
