package content

import (
	"strings"
	"testing"
)

// TestParseDocumentErrors checks that each bad input gives exactly the
// expected messages, each naming the file, the file line and the field.
func TestParseDocumentErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each error formatted, in order
	}{
		{"weight not a number", "---\ntitle: a\nweight: abc\n---\n",
			[]string{`content/a.md:3: weight: want a whole number, got "abc"`}},
		{"weight fraction", "---\nweight: 1.5\n---\n",
			[]string{`content/a.md:2: weight: want a whole number, got 1.5`}},
		{"impossible date", "---\ndate: 2022-13-45\n---\n",
			[]string{`content/a.md:2: date: want a date such as 2022-07-28 or 28/7/2022, got "2022-13-45"`}},
		{"impossible day-first date", "---\nissued: 31/2/2022\n---\n",
			[]string{`content/a.md:2: issued: want a date such as 2022-07-28 or 28/7/2022, got "31/2/2022"`}},
		{"date as number", "---\nlastmod: 2022\n---\n",
			[]string{`content/a.md:2: lastmod: want a date such as 2022-07-28 or 28/7/2022, got 2022`}},
		{"tags a number", "---\ntags: 5\n---\n",
			[]string{`content/a.md:2: tags: want a list of text, got 5`}},
		{"tags a map", "---\ntitle: a\ntopics:\n  a: b\n---\n",
			[]string{`content/a.md:3: topics: want a list of text, got a map`}},
		{"tags nested list", "---\nreferences: [a, [b]]\n---\n",
			[]string{`content/a.md:2: references: want a list of text, got a list in the list`}},
		{"draft yes", "---\ndraft: yes\n---\n",
			[]string{`content/a.md:2: draft: want true or false, got "yes"`}},
		{"study quoted", "---\nstudy: \"true\"\n---\n",
			[]string{`content/a.md:2: study: want true or false, got "true"`}},
		{"search quoted", "---\nsearch: \"false\"\n---\n",
			[]string{`content/a.md:2: search: want true or false, got "false"`}},
		{"list a number", "---\nlist: 0\n---\n",
			[]string{`content/a.md:2: list: want true or false, got 0`}},
		{"title a list", "---\ntitle: [a, b]\n---\n",
			[]string{`content/a.md:2: title: want text, got a list`}},
		{"title a bool", "---\ntitle: true\n---\n",
			[]string{`content/a.md:2: title: want text, got true`}},
		{"key twice", "---\ntitle: a\nweight: 1\nTitle: b\n---\n",
			[]string{`content/a.md:4: Title: set twice (first on line 2)`}},
		{"several errors at once", "---\nweight: x\ndraft: 1\ndate: hôm qua\n---\n", []string{
			`content/a.md:2: weight: want a whole number, got "x"`,
			`content/a.md:3: draft: want true or false, got 1`,
			`content/a.md:4: date: want a date such as 2022-07-28 or 28/7/2022, got "hôm qua"`,
		}},
		{"field error after CRLF and BOM", "\uFEFF---\r\ntitle: a\r\n\r\nweight: abc\r\n---\r\n",
			[]string{`content/a.md:4: weight: want a whole number, got "abc"`}},

		{"toml wrong type", "+++\ntitle = \"a\"\n\nweight = \"abc\"\n+++\n",
			[]string{`content/a.md:4: weight: want a whole number, got "abc"`}},
		{"toml bool", "+++\ndraft = \"no\"\n+++\n",
			[]string{`content/a.md:2: draft: want true or false, got "no"`}},
		{"json wrong type", "{\n  \"title\": \"a\",\n  \"tags\": 7\n}\n",
			[]string{`content/a.md:3: tags: want a list of text, got 7`}},
		{"json key twice", "{\n  \"title\": \"a\",\n  \"title\": \"b\"\n}\n",
			[]string{`content/a.md:3: title: set twice (first on line 2)`}},

		{"empty file", "", []string{`content/a.md:1: empty file`}},
		{"whitespace only", " \n\t\r\n\n", []string{`content/a.md:1: empty file`}},
		{"BOM only", "\uFEFF\n", []string{`content/a.md:1: empty file`}},
		{"invalid UTF-8", "---\ntitle: a\n---\nChỉnh \xe1 đốn\n",
			[]string{`content/a.md:4: not UTF-8 text: byte 0xE1 at character 7 of the line; save the file as UTF-8`}},
		{"windows-1258 text", "---\ntitle: \xd0\xe1ng\n---\n",
			[]string{`content/a.md:2: not UTF-8 text: byte 0xD0 at character 8 of the line; save the file as UTF-8`}},
		{"yaml never closed", "---\ntitle: a\n\nThân bài\n",
			[]string{`content/a.md:1: front matter opened with "---" is never closed`}},
		{"yaml only opening", "---",
			[]string{`content/a.md:1: front matter opened with "---" is never closed`}},
		{"toml never closed", "+++\ntitle = \"a\"\n",
			[]string{`content/a.md:1: front matter opened with "+++" is never closed`}},
		{"json never closed", "{\n  \"title\": \"a\",\n",
			[]string{`content/a.md:1: front matter opened with "{" is never closed`}},
		{"yaml bad indentation", "---\ntitle: a\n  bad: : x\n---\n",
			[]string{`content/a.md:3: invalid YAML front matter: mapping values are not allowed in this context`}},
		{"yaml unclosed list", "---\ntitle: a\ntags: [a, b\n---\n",
			[]string{`content/a.md:3: invalid YAML front matter: did not find expected ',' or ']'`}},
		{"yaml list item in mapping", "---\ntitle: a\n- x\n---\n",
			[]string{`content/a.md:3: invalid YAML front matter: did not find expected key`}},
		{"yaml bad nested indent", "---\ntitle: a\nextra:\n  b: 1\n c: 2\n---\n",
			[]string{`content/a.md:5: invalid YAML front matter: did not find expected key`}},
		{"yaml unclosed map", "---\ntitle: a\nx: {a: 1\n---\n",
			[]string{`content/a.md:3: invalid YAML front matter: did not find expected ',' or '}'`}},
		{"yaml tab indent", "---\ntitle: a\nextra:\n\tb: 1\n---\n",
			[]string{`content/a.md:4: invalid YAML front matter: found character that cannot start any token`}},
		{"yaml a list", "---\n- a\n- b\n---\n",
			[]string{`content/a.md:2: front matter must be a list of key: value lines`}},
		{"yaml a scalar", "---\n\njust text\n---\n",
			[]string{`content/a.md:3: front matter must be a list of key: value lines`}},
		{"toml syntax", "+++\ntitle = \"a\"\nweight = \n+++\n",
			[]string{`content/a.md:3: invalid TOML front matter: expected value but found '\n' instead`}},
		{"json syntax", "{\n  \"title\": \"a\",\n  \"weight\": x\n}\n",
			[]string{`content/a.md:3: invalid JSON front matter: invalid character 'x' looking for beginning of value`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParseDocument("content/a.md", "a.md", []byte(tt.src))
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
				if e.Path != "content/a.md" || e.Line < 1 {
					t.Errorf("error %q lacks path or line", e)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestParseDocumentErrorField checks that field errors carry the field
// separately, for tools that want it.
func TestParseDocumentErrorField(t *testing.T) {
	_, errs := ParseDocument("content/b/c.md", "b/c.md", []byte("---\ntitle: a\nweight: abc\n---\n"))
	if len(errs) != 1 {
		t.Fatalf("want 1 error, got %v", errs)
	}
	if e := errs[0]; e.Path != "content/b/c.md" || e.Line != 3 || e.Field != "weight" {
		t.Errorf("got path %q line %d field %q", e.Path, e.Line, e.Field)
	}
}
