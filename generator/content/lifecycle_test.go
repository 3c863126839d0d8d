package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLifecycleErrors checks each new lifecycle error through Load, with
// the file, line and field it names.
func TestLifecycleErrors(t *testing.T) {
	tests := []struct {
		name  string
		front string // front matter lines of content/a.md, from line 2
		want  string
	}{
		{"unknown type", "number: 1/KH\nrelations:\n  - {type: thay the, number: 2/KH}\n  - {type: sửa chữa, number: 3/KH}\n",
			`content/a.md:5: relations: item 2: unknown type "sửa chữa"; want one of: sửa đổi, bổ sung, sửa đổi bổ sung, thay thế, bãi bỏ, hướng dẫn, quy định chi tiết, thực hiện, căn cứ, hợp nhất, đính chính`},
		{"missing type", "relations:\n  - number: 2/KH\n",
			`content/a.md:3: relations: item 1: type missing; want one of: sửa đổi, bổ sung, sửa đổi bổ sung, thay thế, bãi bỏ, hướng dẫn, quy định chi tiết, thực hiện, căn cứ, hợp nhất, đính chính`},
		{"missing number", "relations:\n  - type: bãi bỏ\n",
			`content/a.md:3: relations: item 1: number missing: give the number of the bãi bỏ document`},
		{"bad relation date", "relations:\n  - {type: căn cứ, number: 2/KH, date: 2023-02-30}\n",
			`content/a.md:3: relations: item 1: date: want a date such as 2022-07-28 or 28/7/2022, got "2023-02-30"`},
		{"unknown relation key", "relations:\n  - {type: căn cứ, so: 2/KH}\n",
			`content/a.md:3: relations: item 1: unknown key "so"; want type, number, scope, date`},
		{"key in capitals, block items", "Relations:\n  - type: căn cứ\n    number: 1/KH\n  -\n    number: 2/KH\n    type: x\n",
			`content/a.md:5: Relations: item 2: unknown type "x"; want one of: sửa đổi, bổ sung, sửa đổi bổ sung, thay thế, bãi bỏ, hướng dẫn, quy định chi tiết, thực hiện, căn cứ, hợp nhất, đính chính`},
		{"relations not a list", "relations: 2/KH\n",
			`content/a.md:2: relations: want a list of {type, number}, got "2/KH"`},
		{"item not a map", "relations: [2/KH]\n",
			`content/a.md:2: relations: item 1: want {type, number}, got "2/KH"`},
		{"bad effective", "effective: 31/2/2024\n",
			`content/a.md:2: effective: want a date such as 2022-07-28 or 28/7/2022, got "31/2/2024"`},
		{"bad expires", "expires: sắp tới\n",
			`content/a.md:2: expires: want a date such as 2022-07-28 or 28/7/2022, got "sắp tới"`},
		{"expires before effective", "effective: 2024-03-01\ntitle: a\nexpires: 1/2/2024\n",
			`content/a.md:4: expires: 1/2/2024 is before effective 1/3/2024`},
		{"unknown status", "status: còn hạn\n",
			`content/a.md:2: status: unknown status "còn hạn"; want one of: còn hiệu lực, hết hiệu lực một phần, hết hiệu lực, chưa có hiệu lực`},
		{"signer unknown key", "signer: {name: A, role: B}\n",
			`content/a.md:2: signer: unknown key "role"; want name and title`},
		{"attachment absolute", "attachments: [/etc/passwd]\n",
			`content/a.md:2: attachments: "/etc/passwd": want a path relative to the document's folder`},
		{"attachment outside", "attachments: [../b.pdf]\n",
			`content/a.md:2: attachments: "../b.pdf": an attachment must be in the document's folder or below it`},
		{"attachment markdown", "attachments: [b.md]\n",
			`content/a.md:2: attachments: "b.md": a Markdown file is a document, not an attachment`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/_index.md": file("---\ntitle: S\n---\n"),
				"content/a.md":      file("---\n" + tt.front + "---\nThân bài.\n"),
			}
			_, errs := Load(fsys, Options{})
			if got := errs.Error(); got != tt.want {
				t.Errorf("errors:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestLifecycleValues checks that lifecycle fields are read, matched
// ignoring case and marks, stored canonical, and that relation items get
// their own lines in YAML block lists and TOML arrays of tables.
func TestLifecycleValues(t *testing.T) {
	yaml := `---
title: A
effective: 2024-01-15
expires: 31/12/2030
status: Con hieu luc
signer: {name: Nguyễn Văn A, title: Chủ tịch}
field: Giáo dục
attachments: [ban-ky.pdf, "phu-luc/bang 1.xlsx"]
relations:
  # the older plan
  - type: THAY THẾ
    number: "21-KL/TW"
  - {type: "Sửa đổi, bổ sung", number: 68/2020/QH14, scope: khoản 2 Điều 8, date: 2023-07-01}
---
`
	d, errs := ParseDocument("content/a.md", "a.md", []byte(yaml))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	m := d.Meta
	if !m.Effective.Equal(date(2024, 1, 15)) || !m.Expires.Equal(date(2030, 12, 31)) {
		t.Errorf("effective %v expires %v", m.Effective, m.Expires)
	}
	if m.Status != StatusInForce || m.Signer != "Nguyễn Văn A, Chủ tịch" || m.Field != "Giáo dục" {
		t.Errorf("status %q signer %q field %q", m.Status, m.Signer, m.Field)
	}
	if !reflect.DeepEqual(m.Attachments, []string{"ban-ky.pdf", "phu-luc/bang 1.xlsx"}) {
		t.Errorf("attachments %q", m.Attachments)
	}
	want := []Relation{
		{Type: RelReplaces, Number: "21-KL/TW", Line: 11},
		{Type: RelAmendsAndSupp, Number: "68/2020/QH14", Scope: "khoản 2 Điều 8", Date: date(2023, 7, 1), Line: 13},
	}
	if !reflect.DeepEqual(m.Relations, want) {
		t.Errorf("relations\n got %+v\nwant %+v", m.Relations, want)
	}

	toml := "+++\ntitle = \"A\"\nstatus = \"expired\"\nsigner = \"B, Bí thư\"\n\n[[relations]]\ntype = \"bai bo\"\nnumber = \"1/KH\"\n\n[[relations]]\ntype = \"căn cứ\"\nnumber = \"2/KH\"\n+++\n"
	d, errs = ParseDocument("content/b.md", "b.md", []byte(toml))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var lines []string
	for _, r := range d.Meta.Relations {
		lines = append(lines, fmt.Sprintf("%s@%d", r.Type, r.Line))
	}
	if d.Meta.Status != StatusExpired || d.Meta.Signer != "B, Bí thư" || strings.Join(lines, " ") != "bãi bỏ@6 căn cứ@10" {
		t.Errorf("toml: status %q signer %q relations %v", d.Meta.Status, d.Meta.Signer, lines)
	}
}

// TestItemLinesInline checks that an inline list keeps the key's line for
// every item.
func TestItemLinesInline(t *testing.T) {
	src := "---\ntitle: A\nrelations: [{type: căn cứ, number: 1/KH}, {type: căn cứ, number: 2/KH}]\n---\n"
	d, errs := ParseDocument("content/a.md", "a.md", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, r := range d.Meta.Relations {
		if r.Line != 3 {
			t.Errorf("%s: line %d, want 3", r.Number, r.Line)
		}
	}
}
