package content

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzParseDocument checks that no input makes ParseDocument panic, that
// every error names the file and that a parsed body is UTF-8, NFC, LF only
// and starts on a line of the file.
func FuzzParseDocument(f *testing.F) {
	for _, seed := range []string{
		"",
		"# Tiêu đề\n\nVăn bản.\n",
		"---\ntitle: Kế hoạch\ndate: 2022-07-28\ntags: [a, b]\nweight: 2\n---\nThân\n",
		"---\ntitle: a\n  bad: : x\n---\n",
		"---\ntitle: a\n",
		"---\nx: &a [*a]\n---\n",
		"+++\ntitle = \"a\"\ndate = 2022-07-28\n[p]\nx = 1\n+++\n",
		"+++\n[[a]]\nb = 1\n[a.c]\n+++\n",
		"{\n  \"title\": \"a\",\n  \"tags\": [\"x\"]\n}\nThân\n",
		"{\"a\": {\"b\": [1, 2.5, null, true]}}",
		"{",
		"\uFEFF---\r\ntitle: \xd0\xe1ng\r\n---\r\n",
		"---\rtitle: a\r---\rA",
		"---\ndate: 31/2/2022\nissued: 2022-13-45\nlastmod: [1]\ndraft: yes\n---\n",
		"---\nstatus: con hieu luc\neffective: 2024-1-2\nexpires: 1/1/2024\nsigner: {name: A, title: B}\nrelations:\n  - {type: THAY THẾ, number: 1/KH}\n  -\n    type: x\n---\n",
		"+++\n[[relations]]\ntype = \"căn cứ\"\nnumber = 2\n[[relations]]\n+++\n",
	} {
		f.Add([]byte(seed))
	}
	for _, c := range limitCases {
		f.Add([]byte(c.src()))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, errs := ParseDocument("content/a.md", "a.md", data)
		for _, e := range errs {
			if e.Path != "content/a.md" {
				t.Fatalf("error without path: %q", e)
			}
		}
		if doc == nil {
			if len(errs) == 0 {
				t.Fatal("nil document without errors")
			}
			return
		}
		if !utf8.Valid(doc.Body) || !norm.NFC.IsNormal(doc.Body) || bytes.IndexByte(doc.Body, '\r') >= 0 {
			t.Fatalf("body not UTF-8 NFC with LF: %q", doc.Body)
		}
		lines := 1 + bytes.Count(data, []byte("\n"))
		if bytes.IndexByte(data, '\r') >= 0 {
			lines += bytes.Count(data, []byte("\r")) // lone CRs end lines too
		}
		if doc.BodyLine < 1 || doc.BodyLine > lines+1 {
			t.Fatalf("body line %d outside the file's %d lines", doc.BodyLine, lines)
		}
		for _, r := range doc.Meta.Relations {
			if r.Line < 1 || r.Line > lines || canonical(r.Type, RelationTypes) != r.Type || r.Number == "" {
				t.Fatalf("relation %+v: line outside the file's %d lines, type not canonical or no number", r, lines)
			}
		}
		for key, line := range doc.Meta.Lines {
			if line < 1 || line > lines {
				t.Fatalf("key %q on line %d outside the file's %d lines", key, line, lines)
			}
		}
	})
}
