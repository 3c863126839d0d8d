package content

import (
	"fmt"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
)

// limitCases are documents past one of the limits, the cases at
// their size, each with the error it must get. They are also fuzz seeds.
var limitCases = []struct {
	name string
	src  func() string
	want string
}{
	{"JSON front matter with 1,000,000 keys", func() string {
		return "{\n" + testsite.Lines(1_000_000, func(i int) string { return fmt.Sprintf(`"k%d": 1,`, i) }) + "\"title\": \"a\"\n}\n"
	}, "content/a.md:1: file is 13.2 MB; a document may have at most 8 MB: split it"},
	{"JSON front matter with 100,000 keys", func() string {
		return "{\n" + testsite.Lines(100_000, func(i int) string { return fmt.Sprintf(`"k%d": 1,`, i) }) + "\"title\": \"a\"\n}\n"
	}, "content/a.md:5555: front matter is larger than 64 KB"},
	{"JSON front matter with 300 keys", func() string {
		return "{\n" + testsite.Lines(300, func(i int) string { return fmt.Sprintf(`"k%d": 1,`, i) }) + "\"title\": \"a\"\n}\n"
	}, "content/a.md:202: more than 200 front-matter keys"},
	{"JSON front matter nested 1,000,000 deep", func() string {
		return `{"x": ` + strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + "}\n"
	}, "content/a.md:1: front-matter values nested more than 20 deep"},
	{"TOML front matter nested 1,000,000 deep", func() string {
		return "+++\ntitle = \"a\"\nx = " + strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + "\n+++\n"
	}, "content/a.md:3: front matter is larger than 64 KB"},
	{"TOML front matter nested 30,000 deep", func() string {
		return "+++\ntitle = \"a\"\nx = " + strings.Repeat("[", 30_000) + strings.Repeat("]", 30_000) + "\n+++\n"
	}, "content/a.md:3: front-matter values nested more than 20 deep"},
	{"TOML inline tables nested 10,000 deep", func() string {
		return "+++\nx = " + strings.Repeat("{a = ", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n+++\n"
	}, "content/a.md:2: front-matter values nested more than 20 deep"},
	{"TOML dotted key 30,000 deep", func() string {
		return "+++\n" + strings.Repeat("a.", 30_000) + "b = 1\n+++\n"
	}, "content/a.md:2: front-matter values nested more than 20 deep"},
	{"TOML table 30,000 deep", func() string {
		return "+++\n[" + strings.Repeat("a.", 30_000) + "b]\nc = 1\n+++\n"
	}, "content/a.md:2: front-matter values nested more than 20 deep"},
	{"YAML block lists nested 30,000 deep", func() string {
		return "---\n" + strings.Repeat("- ", 30_000) + "a\n---\n"
	}, "content/a.md:2: invalid YAML front matter: yaml: exceeded max depth of 10000"},
	{"TOML brackets in strings and comments are not nesting", func() string {
		return "+++\ntitle = \"" + strings.Repeat("[", 30) + "\"\n# " + strings.Repeat("{", 30) + "\nx = '" + strings.Repeat("[", 30) + "'\ntags = " + strings.Repeat("[", 30) + "\n+++\n"
	}, "content/a.md:5: front-matter values nested more than 20 deep"},
	{"YAML front matter nested 1,000,000 deep", func() string {
		return "---\ntitle: a\nx: " + strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + "\n---\n"
	}, "content/a.md:3: front matter is larger than 64 KB"},
	{"YAML front matter nested 30,000 deep", func() string {
		return "---\ntitle: a\nx: " + strings.Repeat("[", 30_000) + strings.Repeat("]", 30_000) + "\n---\n"
	}, "content/a.md:3: invalid YAML front matter: exceeded max depth of 10000"},
	{"YAML flow lists nested 30 deep", func() string {
		return "---\ntitle: a\nx: " + strings.Repeat("[", 30) + strings.Repeat("]", 30) + "\n---\n"
	}, "content/a.md:3: x: lists and maps nested more than 20 deep"},
	{"YAML block lists nested 30 deep", func() string {
		return "---\nx:\n" + strings.Repeat("- ", 30) + "a\n---\n"
	}, "content/a.md:2: x: lists and maps nested more than 20 deep"},
	{"YAML front matter of 100,000 tags", func() string {
		return "---\ntitle: a\ntags:\n" + testsite.Lines(100_000, func(i int) string { return fmt.Sprintf("  - t%d", i) }) + "---\n"
	}, "content/a.md:6667: front matter is larger than 64 KB"},
	{"101 tags", func() string {
		return "---\ntitle: a\ntags:\n" + testsite.Lines(101, func(i int) string { return fmt.Sprintf("  - t%d", i) }) + "---\n"
	}, "content/a.md:3: tags: 101 items; at most 100 are allowed"},
	{"101 topics in TOML", func() string {
		return "+++\nTopics = [" + strings.Repeat(`"x", `, 101) + "]\n+++\n"
	}, "content/a.md:2: Topics: 101 items; at most 100 are allowed"},
	{"a 9 MB document", func() string {
		return "---\ntitle: a\n---\n" + strings.Repeat("Văn bản dài.\n", 9<<20/len("Văn bản dài.\n"))
	}, "content/a.md:1: file is 9.0 MB; a document may have at most 8 MB: split it"},
}

// TestParseDocumentLimits checks that each document past a limit gets its
// error, and that the same document just within the limits is accepted.
func TestParseDocumentLimits(t *testing.T) {
	for _, tt := range limitCases {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParseDocument("content/a.md", "a.md", []byte(tt.src()))
			if got := errs.Error(); got != tt.want {
				t.Errorf("errors:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestParseDocumentWithinLimits checks that documents at each limit pass.
func TestParseDocumentWithinLimits(t *testing.T) {
	for name, src := range map[string]string{
		"100 tags":     "---\ntitle: a\ntags:\n" + testsite.Lines(100, func(i int) string { return fmt.Sprintf("  - t%d", i) }) + "---\n",
		"200 keys":     "---\n" + testsite.Lines(200, func(i int) string { return fmt.Sprintf("k%d: 1", i) }) + "---\n",
		"YAML 20 deep": "---\nx:\n" + strings.Repeat("- ", 20) + "a\n---\n",
		"TOML 20 deep": "+++\nx = " + strings.Repeat("[", 20) + strings.Repeat("]", 20) + "\n+++\n",
		"TOML dotted":  "+++\n" + strings.Repeat("a.", 19) + "b = 1.5\nd = 1979-05-27T07:32:00.999\nc = \"" + strings.Repeat(".", 30) + "\"\n+++\n",
		"JSON 20 deep": `{"x": ` + strings.Repeat("[", 19) + strings.Repeat("]", 19) + "}\n",
		"8 MB":         "---\ntitle: a\n---\n" + strings.Repeat("Văn bản dài.\n", (8<<20-20)/len("Văn bản dài.\n")),
	} {
		t.Run(name, func(t *testing.T) {
			doc, errs := ParseDocument("content/a.md", "a.md", []byte(src))
			if doc == nil || len(errs) != 0 {
				t.Errorf("errors: %v", errs)
			}
		})
	}
}
