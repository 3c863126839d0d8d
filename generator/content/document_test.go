package content

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// nfd returns s decomposed, as text pasted from some Mac and Word sources.
func nfd(s string) string { return norm.NFD.String(s) }

func TestParseDocumentFormats(t *testing.T) {
	want := Meta{
		Title:       "Kế hoạch 205",
		Description: "Thực hiện Nghị quyết",
		Date:        date(2022, 7, 28),
		Issued:      date(2022, 7, 28),
		Number:      "205/KH-UBND",
		Type:        "Kế hoạch",
		Issuer:      "UBND thành phố Hà Nội",
		Tags:        []string{"xây dựng Đảng", "chỉnh đốn"},
		Topics:      []string{"Chính trị"},
		References:  []string{"30/NQ-CP"},
		Weight:      3,
		Layout:      "van-ban",
		Params:      map[string]any{"Tác_giả": "Nguyễn Văn A"},
	}
	lines := map[string]int{"title": 2, "description": 3, "date": 4, "issued": 5, "number": 6,
		"type": 7, "issuer": 8, "tags": 9, "topics": 10, "references": 11, "weight": 12,
		"layout": 13, "Tác_giả": 14}
	tests := []struct {
		name, src string
		bodyLine  int
	}{
		{"yaml", `---
title: Kế hoạch 205
description: "  Thực hiện Nghị quyết  "
date: 2022-07-28
issued: 28/7/2022
number: 205/KH-UBND
type: Kế hoạch
issuer: UBND thành phố Hà Nội
tags: [xây dựng Đảng, chỉnh đốn, xây dựng Đảng]
topics: Chính trị
references: ["30/NQ-CP"]
weight: 3
layout: van-ban
Tác_giả: Nguyễn Văn A
---
# Kế hoạch
`, 16},
		{"toml", `+++
title = "Kế hoạch 205"
description = "Thực hiện Nghị quyết"
date = 2022-07-28
issued = "28/7/2022"
number = "205/KH-UBND"
type = "Kế hoạch"
issuer = "UBND thành phố Hà Nội"
tags = ["xây dựng Đảng", "chỉnh đốn"]
topics = "Chính trị"
references = ["30/NQ-CP"]
weight = 3
layout = "van-ban"
"Tác_giả" = "Nguyễn Văn A"
+++
# Kế hoạch
`, 16},
		{"json", `{
  "title": "Kế hoạch 205",
  "description": "Thực hiện Nghị quyết",
  "date": "2022-07-28T00:00:00Z",
  "issued": "28/7/2022",
  "number": "205/KH-UBND",
  "type": "Kế hoạch",
  "issuer": "UBND thành phố Hà Nội",
  "tags": ["xây dựng Đảng", "chỉnh đốn"],
  "topics": "Chính trị",
  "references": ["30/NQ-CP"],
  "weight": 3,
  "layout": "van-ban",
  "Tác_giả": "Nguyễn Văn A"
}
# Kế hoạch
`, 16},
		{"yaml with BOM and CRLF", "\uFEFF" + strings.ReplaceAll(`---
title: Kế hoạch 205
description: Thực hiện Nghị quyết
date: 2022-07-28
issued: 2022-07-28
number: 205/KH-UBND
type: Kế hoạch
issuer: UBND thành phố Hà Nội
tags: [xây dựng Đảng, chỉnh đốn]
topics: [Chính trị]
references: [30/NQ-CP]
weight: "3"
layout: van-ban
Tác_giả: Nguyễn Văn A
---
# Kế hoạch
`, "\n", "\r\n"), 16},
		{"yaml in NFD", nfd(`---
title: Kế hoạch 205
description: Thực hiện Nghị quyết
date: 2022-07-28
issued: 2022-07-28
number: 205/KH-UBND
type: Kế hoạch
issuer: UBND thành phố Hà Nội
tags: [xây dựng Đảng, chỉnh đốn]
topics: [Chính trị]
references: [30/NQ-CP]
weight: 3
layout: van-ban
Tác_giả: Nguyễn Văn A
---
# Kế hoạch
`), 16},
		{"json with escaped NFD", strings.Replace(`{
  "title": "Kế hoạch 205",
  "description": "Thực hiện Nghị quyết",
  "date": "2022-07-28",
  "issued": "2022-07-28",
  "number": "205/KH-UBND",
  "type": "Kế hoạch",
  "issuer": "UBND thành phố Hà Nội",
  "tags": ["xây dựng Đảng", "chỉnh đốn"],
  "topics": ["Chính trị"],
  "references": ["30/NQ-CP"],
  "weight": 3.0,
  "layout": "van-ban",
  "Tác_giả": "Nguyễn Văn A"
}   
# Kế hoạch
`, "Kế", `Ke\u0302\u0301`, 1), 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := ParseDocument("content/a.md", "a.md", []byte(tt.src))
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			got := d.Meta
			gotLines := got.Lines
			got.Lines = nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("meta:\n got %#v\nwant %#v", got, want)
			}
			if !reflect.DeepEqual(gotLines, lines) {
				t.Errorf("lines:\n got %v\nwant %v", gotLines, lines)
			}
			if d.BodyLine != tt.bodyLine || string(d.Body) != "# Kế hoạch\n" {
				t.Errorf("body at line %d %q, want line %d %q", d.BodyLine, d.Body, tt.bodyLine, "# Kế hoạch\n")
			}
			if d.Path != "a.md" || d.File != "content/a.md" {
				t.Errorf("path %q file %q", d.Path, d.File)
			}
		})
	}
}

func TestParseDocumentBody(t *testing.T) {
	// Longer than the front-matter parser's buffer (4 KB), which reads
	// past the closing delimiter before it is decoded (frontReader).
	long := strings.Repeat("Dòng thân bài số 10.\n", 600)
	longValue := strings.Repeat("mô tả ", 1500)
	tests := []struct {
		name, src string
		body      string
		bodyLine  int
	}{
		{"long body", "---\ntitle: a\n---\n" + long, long, 4},
		{"long front matter", "---\ntitle: a\ndescription: " + longValue + "\n---\nThân\n", "Thân\n", 5},
		{"long both", "---\ntitle: a\ndescription: " + longValue + "\n---\n\n" + long, "\n" + long, 5},
		{"long body, toml", "+++\ntitle = 'a'\n+++\n" + long, long, 4},
		{"long front matter, no body", "---\ntitle: a\ndescription: " + longValue + "\n---", "", 5},
		{"no front matter", "# Tiêu đề\n\nVăn bản.\n", "# Tiêu đề\n\nVăn bản.\n", 1},
		{"empty yaml", "---\n---\nThân bài\n", "Thân bài\n", 3},
		{"comment-only yaml", "---\n# ghi chú\n---\nThân bài\n", "Thân bài\n", 4},
		{"closing with trailing spaces", "---\ntitle: a\n---  \nThân\n", "Thân\n", 4},
		{"no body", "---\ntitle: a\n---", "", 4},
		{"blank lines kept", "---\ntitle: a\n---\n\n\nThân\n", "\n\nThân\n", 4},
		{"json body on same line", "{\"title\": \"a\"} Thân\n", " Thân\n", 1},
		{"json only", "{\"title\": \"a\"}", "", 1},
		{"NFD body", nfd("Chỉnh đốn Đảng\n"), "Chỉnh đốn Đảng\n", 1},
		{"CR only", "---\rtitle: a\r---\rA\rB", "A\nB", 4},
		{"thematic break later", "Đoạn\n\n---\n\nĐoạn 2\n", "Đoạn\n\n---\n\nĐoạn 2\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := ParseDocument("content/a.md", "a.md", []byte(tt.src))
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if string(d.Body) != tt.body || d.BodyLine != tt.bodyLine {
				t.Errorf("body at line %d %q, want line %d %q", d.BodyLine, d.Body, tt.bodyLine, tt.body)
			}
		})
	}
}

func TestParseDocumentValues(t *testing.T) {
	tests := []struct {
		name, src string
		check     func(m Meta) bool
	}{
		{"title absent is empty", "# Tiêu đề\n", func(m Meta) bool { return m.Title == "" }},
		{"number keeps leading zero", "---\nnumber: 01\n---\n", func(m Meta) bool { return m.Number == "01" }},
		{"title as number", "---\ntitle: 1984\n---\n", func(m Meta) bool { return m.Title == "1984" }},
		{"single tag", "---\ntags: Đảng\n---\n", func(m Meta) bool { return reflect.DeepEqual(m.Tags, []string{"Đảng"}) }},
		{"empty tags dropped", "---\ntags: [\"\", \" a \", a]\n---\n", func(m Meta) bool { return reflect.DeepEqual(m.Tags, []string{"a"}) }},
		{"null fields", "---\ntitle:\ndate:\ntags:\nweight:\ndraft:\n---\n", func(m Meta) bool {
			return m.Title == "" && m.Date.IsZero() && m.Tags == nil && m.Weight == 0 && !m.Draft && m.Lines["draft"] == 6
		}},
		{"keys ignore case", "---\nTitle: A\nDRAFT: true\n---\n", func(m Meta) bool { return m.Title == "A" && m.Draft && m.Lines["title"] == 2 }},
		{"rfc3339 with zone", "---\ndate: 2022-07-28T09:30:00+07:00\n---\n", func(m Meta) bool {
			return m.Date.Equal(time.Date(2022, 7, 28, 2, 30, 0, 0, time.UTC))
		}},
		{"yaml timestamp with space", "---\nlastmod: 2022-07-28 09:30:00\n---\n", func(m Meta) bool {
			return m.Lastmod.Equal(time.Date(2022, 7, 28, 9, 30, 0, 0, time.UTC))
		}},
		{"quoted date", "---\ndate: \"2022-07-28\"\n---\n", func(m Meta) bool { return m.Date.Equal(date(2022, 7, 28)) }},
		{"day-first date", "---\nissued: 05/01/2023\n---\n", func(m Meta) bool { return m.Issued.Equal(date(2023, 1, 5)) }},
		{"toml local date is UTC", "+++\ndate = 2022-07-28\n+++\n", func(m Meta) bool { return m.Date.Equal(date(2022, 7, 28)) }},
		{"study and draft", "---\nstudy: true\ndraft: false\n---\n", func(m Meta) bool { return m.Study && !m.Draft }},
		{"search and list set", "---\nsearch: false\nlist: true\n---\n", func(m Meta) bool {
			return m.Search != nil && !*m.Search && m.List != nil && *m.List && m.Lines["search"] == 2
		}},
		{"search and list unset", "---\ntitle: a\nsearch:\n---\n", func(m Meta) bool { return m.Search == nil && m.List == nil }},
		{"params nested NFC", nfd("---\nextra:\n  Tác giả: [Lê Văn Bình]\n---\n"), func(m Meta) bool {
			want := map[string]any{"Tác giả": []any{"Lê Văn Bình"}}
			return reflect.DeepEqual(m.Params["extra"], want) && m.Lines["extra"] == 2
		}},
		{"toml table params", "+++\ntitle = \"a\"\n[extra]\nx = 1\n+++\n", func(m Meta) bool {
			return reflect.DeepEqual(m.Params["extra"], map[string]any{"x": 1}) && m.Lines["extra"] == 3
		}},
		{"json numbers", "{\"n\": 2, \"f\": 2.5}\n", func(m Meta) bool { return m.Params["n"] == 2 && m.Params["f"] == 2.5 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := ParseDocument("content/a.md", "a.md", []byte(tt.src))
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if !tt.check(d.Meta) {
				t.Errorf("unexpected meta %#v", d.Meta)
			}
		})
	}
}
