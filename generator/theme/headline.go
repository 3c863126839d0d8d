package theme

import (
	"fmt"
	"strings"

	"tusach/generator/site"
)

// docType returns the type of a page's document as written ("Kế hoạch"),
// or the UI string "doc.document" ("Văn bản") when it has none.
func (t *Theme) docType(p *site.Page) string {
	if p != nil && p.Doc != nil && p.Doc.Meta.Type != "" {
		return p.Doc.Meta.Type
	}
	return t.T("doc.document")
}

// headline returns what a numbered document is called, as the official
// registers do: type, "số", number ("Kế hoạch số 205/KH-UBND"); "" for a
// page without a number. The space before the number does not break.
func (t *Theme) headline(p *site.Page) string {
	if p == nil || p.Doc == nil || p.Doc.Meta.Number == "" {
		return ""
	}
	return t.docType(p) + " " + t.T("doc.no") + "\u00a0" + p.Doc.Meta.Number
}

// fileSize writes a size in bytes as readers expect, with the decimal
// comma in Vietnamese: "820 B", "14 KB", "1,2 MB".
func (t *Theme) fileSize(n int64) string {
	units := []string{"B", "KB", "MB", "GB"}
	v := float64(n)
	u := 0
	for v >= 1000 && u < len(units)-1 {
		v /= 1024
		u++
	}
	var s string
	if u == 0 || v >= 10 {
		s = fmt.Sprintf("%.0f", v)
	} else {
		s = fmt.Sprintf("%.1f", v)
	}
	if t.lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + "\u00a0" + units[u]
}
