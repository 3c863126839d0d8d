package content

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"tusach/generator/diag"
	"tusach/generator/viet"
)

// Relation is one typed link from a document to another, by number, from
// the front-matter list "relations":
//
//	relations:
//	  - {type: thay thế, number: "21-KL/TW"}
//	  - {type: sửa đổi, number: "68/2020/QH14", scope: "khoản 2 Điều 8", date: 2023-07-01}
type Relation struct {
	Type   string    // one of RelationTypes, canonical ("sửa đổi")
	Number string    // the target's number as written ("21-KL/TW")
	Scope  string    // optional part of the target concerned ("khoản 2 Điều 8")
	Date   time.Time // optional date the relation takes effect; zero when absent
	Line   int       // 1-based file line of the item (of the key "relations" when unknown)
}

// The relation types, canonical, in the order the documentation lists them.
const (
	RelAmends        = "sửa đổi"
	RelSupplements   = "bổ sung"
	RelAmendsAndSupp = "sửa đổi bổ sung"
	RelReplaces      = "thay thế"
	RelRepeals       = "bãi bỏ"
	RelGuides        = "hướng dẫn"
	RelDetails       = "quy định chi tiết"
	RelImplements    = "thực hiện"
	RelBasedOn       = "căn cứ"
	RelConsolidates  = "hợp nhất"
	RelCorrects      = "đính chính"
)

// RelationTypes lists every relation type, canonical, in documentation order.
var RelationTypes = []string{
	RelAmends, RelSupplements, RelAmendsAndSupp, RelReplaces, RelRepeals,
	RelGuides, RelDetails, RelImplements, RelBasedOn, RelConsolidates, RelCorrects,
}

// The statuses a document may state, canonical.
const (
	StatusInForce       = "còn hiệu lực"
	StatusPartlyExpired = "hết hiệu lực một phần"
	StatusExpired       = "hết hiệu lực"
	StatusNotYet        = "chưa có hiệu lực"
)

// Statuses lists every status, canonical.
var Statuses = []string{StatusInForce, StatusPartlyExpired, StatusExpired, StatusNotYet}

// StatusCode returns the code of a canonical status ("in-force",
// "partly-expired", "expired", "not-yet"), or "" for any other text.
func StatusCode(status string) string {
	switch status {
	case StatusInForce:
		return "in-force"
	case StatusPartlyExpired:
		return "partly-expired"
	case StatusExpired:
		return "expired"
	case StatusNotYet:
		return "not-yet"
	}
	return ""
}

// canonical returns the member of names that s equals ignoring case, marks
// and punctuation ("Sửa đổi, bổ sung" is "sửa đổi bổ sung"), or "". A
// status may also be given by its code ("in-force").
func canonical(s string, names []string) string {
	key := viet.Slug(s)
	if key == "" {
		return ""
	}
	for _, n := range names {
		if viet.Slug(n) == key || StatusCode(n) == key {
			return n
		}
	}
	return ""
}

// statusValue reads the field status.
func statusValue(v any, text string) (string, error) {
	s, err := textValue(v, text)
	if err != nil || s == "" {
		return "", err
	}
	if c := canonical(s, Statuses); c != "" {
		return c, nil
	}
	return "", fmt.Errorf("unknown status %q; want one of: %s", s, strings.Join(Statuses, ", "))
}

// signerValue reads the field signer: text ("Nguyễn Văn A, Chủ tịch") or a
// map {name, title}, which gives "name, title".
func signerValue(v any, text string) (string, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return textValue(v, text)
	}
	var parts []string
	for _, key := range []string{"name", "title"} {
		part, err := textValue(lookup(m, key), "")
		if err != nil {
			return "", fmt.Errorf("%s: %w", key, err)
		}
		if part != "" {
			parts = append(parts, part)
		}
	}
	for k := range m {
		if lk := strings.ToLower(k); lk != "name" && lk != "title" {
			return "", fmt.Errorf("unknown key %q; want name and title", k)
		}
	}
	return strings.Join(parts, ", "), nil
}

// attachmentsValue reads the field attachments: paths of files beside the
// document, relative to its folder, slash-separated. Absolute paths, paths
// leaving content/ through "..", and Markdown files are refused here;
// whether the files exist is checked when the site is assembled.
func attachmentsValue(v any) ([]string, error) {
	list, err := listValue(v)
	if err != nil {
		return nil, err
	}
	for _, p := range list {
		clean := path.Clean(strings.ReplaceAll(p, `\`, "/"))
		switch {
		case strings.HasPrefix(clean, "/") || strings.Contains(p, ":"):
			return nil, fmt.Errorf("%q: want a path relative to the document's folder", p)
		case clean == ".." || strings.HasPrefix(clean, "../"):
			return nil, fmt.Errorf("%q: an attachment must be in the document's folder or below it", p)
		case isMarkdown(clean):
			return nil, fmt.Errorf("%q: a Markdown file is a document, not an attachment", p)
		}
	}
	return list, nil
}

// relationsValue reads the field relations: a list of maps with keys type,
// number, scope and date (a single map is a list of one). It returns the
// items that are valid, each with line, the line of the key, and an error
// only when the value is not a list. The items that are not valid are
// reported, each on its own line, by [checkLifecycle], which also sets
// every item's line.
func relationsValue(v any, line int) ([]Relation, error) {
	items, err := relationItems(v)
	var out []Relation
	for _, item := range items {
		if r, err := relationValue(item); err == nil {
			r.Line = line
			out = append(out, r)
		}
	}
	return out, err
}

// relationItems returns the items of the value of relations.
func relationItems(v any) ([]any, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []any:
		return v, nil
	case map[string]any:
		return []any{v}, nil
	}
	return nil, fmt.Errorf("want a list of {type, number}, got %s", describe(v))
}

// relationValue reads one item of relations.
func relationValue(item any) (Relation, error) {
	m, ok := item.(map[string]any)
	if !ok {
		return Relation{}, fmt.Errorf("want {type, number}, got %s", describe(item))
	}
	var r Relation
	for k := range m {
		switch strings.ToLower(k) {
		case "type", "number", "scope", "date":
		default:
			return Relation{}, fmt.Errorf("unknown key %q; want type, number, scope, date", k)
		}
	}
	typ, err := textValue(lookup(m, "type"), "")
	if err != nil {
		return Relation{}, fmt.Errorf("type: %w", err)
	}
	if r.Type = canonical(typ, RelationTypes); r.Type == "" {
		if typ == "" {
			return Relation{}, fmt.Errorf("type missing; want one of: %s", strings.Join(RelationTypes, ", "))
		}
		return Relation{}, fmt.Errorf("unknown type %q; want one of: %s", typ, strings.Join(RelationTypes, ", "))
	}
	if r.Number, err = textValue(lookup(m, "number"), ""); err != nil {
		return Relation{}, fmt.Errorf("number: %w", err)
	}
	if r.Number == "" {
		return Relation{}, fmt.Errorf("number missing: give the number of the %s document", r.Type)
	}
	if r.Scope, err = textValue(lookup(m, "scope"), ""); err != nil {
		return Relation{}, fmt.Errorf("scope: %w", err)
	}
	if r.Date, err = dateValue(lookup(m, "date")); err != nil {
		return Relation{}, fmt.Errorf("date: %w", err)
	}
	return r, nil
}

// lookup returns the value of key in m, matching the key ignoring case.
// When keys differ only in case the lowest (byte order) wins, so that the
// result never depends on map order.
func lookup(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	var keys []string
	for k := range m {
		if strings.EqualFold(k, key) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	sort.Strings(keys)
	return m[keys[0]]
}

// checkLifecycle checks what needs the whole front matter: expires before
// effective, and each item of relations, reported on its own line (found in
// the source text) and given that line. fields are the decoded keys.
func checkLifecycle(file string, text []byte, fields []field, m *Meta) diag.List {
	var errs diag.List
	if !m.Effective.IsZero() && !m.Expires.IsZero() && m.Expires.Before(m.Effective) {
		errs.Add(diag.Field(file, m.Lines["expires"], "expires",
			"%s is before effective %s", viet.ShortDate(m.Expires), viet.ShortDate(m.Effective)))
	}
	keyLine, ok := m.Lines["relations"]
	if !ok {
		return errs
	}
	var key string
	var items []any
	for _, f := range fields {
		if strings.EqualFold(viet.NFC(strings.TrimSpace(f.key)), "relations") {
			key = f.key
			items, _ = relationItems(normalizeValue(f.value)) // a wrong shape is the setter's error
			break
		}
	}
	lines := itemLines(text, keyLine)
	if len(lines) != len(items) {
		lines = nil // written inline, or in JSON: every item on the key's line
	}
	m.Relations = nil
	for i, item := range items {
		line := keyLine
		if lines != nil {
			line = lines[i]
		}
		r, err := relationValue(item)
		if err != nil {
			errs.Add(diag.Field(file, line, key, "item %d: %v", i+1, err))
			continue
		}
		r.Line = line
		m.Relations = append(m.Relations, r)
	}
	return errs
}

// itemLines returns the file lines of the items of the YAML block list or
// the TOML array of tables whose key is on line keyLine of text: the lines
// below it that start with "- " at the items' indentation (YAML), or every
// "[[key]]" header (TOML). It returns nil when the list is written some
// other way (inline, JSON).
func itemLines(text []byte, keyLine int) []int {
	lines := bytes.Split(text, []byte("\n"))
	if keyLine < 1 || keyLine > len(lines) {
		return nil
	}
	head := bytes.TrimSpace(lines[keyLine-1])
	if bytes.HasPrefix(head, []byte("[[")) {
		var out []int
		for i := keyLine - 1; i < len(lines); i++ {
			l := bytes.TrimSpace(lines[i])
			if bytes.Equal(l, []byte("+++")) {
				break
			}
			if bytes.Equal(l, head) {
				out = append(out, i+1)
			}
		}
		return out
	}
	var out []int
	indent := -1
	for i := keyLine; i < len(lines); i++ {
		raw := lines[i]
		trimmed := bytes.TrimLeft(raw, " \t")
		if len(trimmed) == 0 || trimmed[0] == '#' {
			continue
		}
		depth := len(raw) - len(trimmed)
		isItem := trimmed[0] == '-' && (len(trimmed) == 1 || trimmed[1] == ' ' || trimmed[1] == '\t')
		if indent < 0 {
			if !isItem {
				return nil
			}
			indent = depth
		}
		if depth < indent || (depth == indent && !isItem) || bytes.Equal(trimmed, []byte("---")) {
			break
		}
		if depth == indent {
			out = append(out, i+1)
		}
	}
	return out
}
