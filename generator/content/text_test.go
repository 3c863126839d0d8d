package content

import (
	"reflect"
	"strings"
	"testing"

	"tusach/generator/diag"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kế hoạch 205", "Kế hoạch 205"},
		{"a\x1b[31mđỏ\x1b[0m", "a[31mđỏ[0m"},
		{"gnp.\u202Eexe", "gnp.exe"},
		{"\u2066trái\u2069 \u200Ephải\u200F\u061C", "trái phải"},
		{"\u202A\u202B\u202C\u202D", ""},
		{"x\x00y\x7Fz\u0085\u009Fw", "xyzw"},
		{"tab\tand\nline", "tab\tand\nline"},
		{"👩\u200D💻 và\u200Cx", "👩\u200D💻 và\u200Cx"}, // joiners stay
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMetaWithoutControls checks that no text front-matter value keeps a
// control or bidirectional formatting character: text fields, lists,
// parameters, nested parameters.
func TestMetaWithoutControls(t *testing.T) {
	src := "---\n" +
		"title: \"\\e[2JTiêu \\u202Eđề\"\n" +
		"description: \"Mô\\x07 tả\"\n" +
		"number: \"205\\u2066/KH\"\n" +
		"issuer: \"\\u200FUBND\"\n" +
		"tags: [\"a\\x00b\", \"\\u202Dc\"]\n" +
		"footer: \"Chi\\u0085 bộ\"\n" +
		"extra: {note: \"\\x1bx\"}\n" +
		"---\nThân\n"
	doc, errs := ParseDocument("content/a.md", "a.md", []byte(src))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	m := doc.Meta
	got := []string{m.Title, m.Description, m.Number, m.Issuer}
	want := []string{"[2JTiêu đề", "Mô tả", "205/KH", "UBND"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("text fields %q, want %q", got, want)
	}
	if want := []string{"ab", "c"}; !reflect.DeepEqual(m.Tags, want) {
		t.Errorf("tags %q, want %q", m.Tags, want)
	}
	if m.Params["footer"] != "Chi bộ" {
		t.Errorf("footer %q", m.Params["footer"])
	}
	if note := m.Params["extra"].(map[string]any)["note"]; note != "x" {
		t.Errorf("nested note %q", note)
	}
}

// FuzzMetaWithoutControls checks that no document gives a text field, a
// list item or a text parameter holding a control or bidirectional
// formatting character.
func FuzzMetaWithoutControls(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: \"\\e[31mđỏ\\u202E\"\ntags: [\"\\x00a\"]\nx: \"\\u2066b\"\n---\n",
		"+++\ntitle = \"a\\u001bb\"\n[p]\nq = \"\\u0085\"\n+++\n",
		"{\"title\": \"\\u202Ea\", \"topics\": [\"\\u0007\"], \"n\": {\"m\": [\"\\u200F\"]}}",
		"---\ndescription: \"\t tab\\nline \\x7F\"\n---\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, _ := ParseDocument("content/a.md", "a.md", data)
		if doc == nil {
			return
		}
		m := doc.Meta
		texts := append([]string{m.Title, m.Description, m.Number, m.Type, m.Issuer, m.Layout}, m.Tags...)
		texts = append(append(texts, m.Topics...), m.References...)
		for _, s := range texts {
			if strings.IndexFunc(s, diag.Hidden) >= 0 {
				t.Fatalf("meta text %q keeps a control character", s)
			}
		}
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case string:
				if strings.IndexFunc(v, diag.Hidden) >= 0 {
					t.Fatalf("parameter %q keeps a control character", v)
				}
			case []any:
				for _, x := range v {
					walk(x)
				}
			case map[string]any:
				for _, x := range v {
					walk(x)
				}
			}
		}
		walk(m.Params)
	})
}
