package content

import (
	"reflect"
	"strings"
	"testing"

	"tusach/generator/diag"
)

func TestParseSettings(t *testing.T) {
	tests := []struct {
		name string
		src  string // content/_index.md; "" for none
		want Settings
		errs []string
	}{
		{"no root index", "", Settings{Title: "Tủ sách", Language: "vi", Params: map[string]any{}}, nil},
		{"title from front matter only", "# Tiêu đề trong bài\n",
			Settings{Title: "Tủ sách", Language: "vi", Params: map[string]any{}}, nil},
		{"all settings", `---
title: Tủ sách chi bộ
description: Tài liệu học tập
language: EN
base_url: https://intranet.local/hoc-tap/
unsafe_html: true
Footer: Lưu hành nội bộ
---
`, Settings{Title: "Tủ sách chi bộ", Description: "Tài liệu học tập", Language: "en",
			BaseURL: "https://intranet.local/hoc-tap/", UnsafeHTML: true,
			Params: map[string]any{"Footer": "Lưu hành nội bộ"}}, nil},
		{"toml keys any case", "+++\nLanguage = \"vi\"\nBase_URL = \"http://may-chu\"\n+++\n",
			Settings{Title: "Tủ sách", Language: "vi", BaseURL: "http://may-chu/", Params: map[string]any{}}, nil},
		{"empty language is default", "---\nlanguage: \"\"\n---\n",
			Settings{Title: "Tủ sách", Language: "vi", Params: map[string]any{}}, nil},
		{"bad values", `---
language: fr
base_url: intranet/hoc-tap
unsafe_html: "true"
---
`, Settings{}, []string{
			`content/_index.md:2: language: want "vi" or "en", got "fr"`,
			`content/_index.md:3: base_url: want an absolute URL such as "http://intranet/hoc-tap/", got "intranet/hoc-tap"`,
			`content/_index.md:4: unsafe_html: want true or false, got "true"`,
		}},
		{"javascript base url", "---\nbase_url: javascript:alert(1)\n---\n", Settings{}, []string{
			`content/_index.md:2: base_url: want an absolute URL such as "http://intranet/hoc-tap/", got "javascript:alert(1)"`,
		}},
		{"base url with query", "---\nbase_url: http://a/?x=1\n---\n", Settings{}, []string{
			`content/_index.md:2: base_url: want an absolute URL such as "http://intranet/hoc-tap/", got "http://a/?x=1"`,
		}},
		{"language a list", "---\nlanguage: [vi]\n---\n", Settings{}, []string{
			`content/_index.md:2: language: want "vi" or "en", got a list`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d *Document
			if tt.src != "" {
				var parseErrs diag.List
				d, parseErrs = ParseDocument("content/_index.md", "_index.md", []byte(tt.src))
				if d == nil {
					t.Fatalf("document did not parse: %v", parseErrs)
				}
			}
			got, errs := ParseSettings(d)
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if strings.Join(msgs, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("errors:\n got %q\nwant %q", msgs, tt.errs)
			}
			if len(tt.errs) == 0 && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("settings:\n got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}
