package theme

import (
	"errors"
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode"

	"tusach/generator/site"
	"tusach/generator/viet"
)

// funcs returns the template functions, bound to this theme's language,
// strings and assets. None of them marks a string as safe HTML but
// shared, which returns what a partial of the theme rendered.
func (t *Theme) funcs() template.FuncMap {
	return template.FuncMap{
		"t":          t.T,
		"tn":         t.tn,
		"asset":      t.assetPath,
		"hasAsset":   func(name string) bool { _, ok := t.assets[name]; return ok },
		"lang":       func() string { return t.lang },
		"shortDate":  viet.ShortDate,
		"longDate":   func(d time.Time) string { return viet.LongDate(d, t.lang) },
		"isoDate":    isoDate,
		"minutes":    func(n int) string { return t.tn("reading.minutes", max(n, 1)) },
		"docDate":    docDate,
		"termsIn":    termsIn,
		"within":     within,
		"limit":      limit,
		"pageOfKind": pageOfKind,
		"dict":       dict,
		"beginsWith": beginsWith,
		"docType":    t.docType,
		"headline":   t.headline,
		"fileSize":   t.fileSize,
		"shared":     t.shared,
		"siteOf":     siteOf,
		"navOf":      navOf,
		"mark":       mark,
		"itemOf":     itemOf,
	}
}

// beginsWith reports whether text starts with the words of prefix, case
// ignored, and no letter or digit follows them: "Bài 1. Tóm tắt" begins
// with "Bài 1", "Bài 10. …" does not. A lesson's title that names its
// number already needs no "Bài 1" kicker.
func beginsWith(text, prefix string) bool {
	if prefix == "" || len(text) < len(prefix) || !strings.EqualFold(text[:len(prefix)], prefix) {
		return false
	}
	rest := strings.TrimLeft(text[len(prefix):], " ")
	if rest == "" {
		return true
	}
	r := []rune(rest)[0]
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// tn returns the UI string for key with "{n}" replaced by n.
func (t *Theme) tn(key string, n int) string {
	return strings.ReplaceAll(t.T(key), "{n}", strconv.Itoa(n))
}

// isoDate formats d as "2006-01-02" for a datetime attribute; "" when zero.
func isoDate(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// docDate returns the date to show for a page: the date of issue of its
// document, else its date; zero when neither is set or there is no document.
func docDate(p *site.Page) time.Time {
	if p == nil || p.Doc == nil {
		return time.Time{}
	}
	if !p.Doc.Meta.Issued.IsZero() {
		return p.Doc.Meta.Issued
	}
	return p.Doc.Meta.Date
}

// termsIn returns the terms of page p in the taxonomy with the given key
// ("type", "issuer", "year", "topics", "tags"), in the page's order.
func termsIn(p *site.Page, key string) []*site.Term {
	if p == nil {
		return nil
	}
	var out []*site.Term
	for _, term := range p.Terms {
		if term.Taxonomy != nil && term.Taxonomy.Key == key {
			out = append(out, term)
		}
	}
	return out
}

// within reports whether page p is section s or lies under it, for
// marking the current item of the navigation.
func within(p, s *site.Page) bool {
	if p == nil || s == nil {
		return false
	}
	if p == s {
		return true
	}
	for _, a := range p.Ancestors {
		if a == s {
			return true
		}
	}
	return false
}

// limit returns at most the first n pages.
func limit(n int, pages []*site.Page) []*site.Page {
	if n < len(pages) && n >= 0 {
		return pages[:n]
	}
	return pages
}

// pageOfKind returns the first page of the site of the given kind, or nil.
// It scans every page: call it only on pages rendered once (404).
func pageOfKind(s *site.Site, kind string) *site.Page {
	if s == nil {
		return nil
	}
	for _, p := range s.Pages {
		if string(p.Kind) == kind {
			return p
		}
	}
	return nil
}

// dict builds a map from alternating string keys and values, to pass
// several values to a partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: want pairs of key and value")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, errors.New("dict: keys must be strings")
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
