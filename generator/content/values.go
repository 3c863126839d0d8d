package content

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"tusach/generator/viet"
)

// dateLayouts are the accepted forms of a date written as text: the YAML
// timestamp forms (which include RFC 3339) and the Vietnamese day-first
// form. Values without a zone are UTC.
var dateLayouts = []string{
	"2006-1-2",
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999Z07:00",
	"2006-1-2T15:4:5.999999999",
	"2006-1-2 15:4:5.999999999",
	"2/1/2006",
}

// localZones are the names of the zones the YAML and TOML decoders give to
// times written without a zone; such times are read as UTC.
var localZones = map[string]bool{"Local": true, "date-local": true, "datetime-local": true, "time-local": true}

// normalizeValue returns a decoded front-matter value with every string in
// NFC, trimmed and cleaned of control characters (CleanText), map keys in NFC, JSON numbers as int or float64, TOML
// local dates in UTC, and every map as map[string]any.
func normalizeValue(v any) any {
	switch v := v.(type) {
	case string:
		return viet.NFC(strings.TrimSpace(CleanText(v)))
	case json.Number:
		if n, err := v.Int64(); err == nil && n == int64(int(n)) {
			return int(n)
		}
		f, _ := v.Float64()
		return f
	case int64:
		if v == int64(int(v)) {
			return int(v)
		}
		return v
	case time.Time:
		if localZones[v.Location().String()] {
			return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), time.UTC)
		}
		return v
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalizeValue(x)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalizeValue(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[viet.NFC(k)] = normalizeValue(x)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[viet.NFC(fmt.Sprint(k))] = normalizeValue(x)
		}
		return out
	}
	return v
}

// describe writes a value for an error message: text quoted, numbers and
// booleans as they are, lists and maps by kind.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case []any:
		return "a list"
	case map[string]any:
		return "a map"
	case time.Time:
		return "the date " + v.Format(time.RFC3339)
	case nil:
		return "nothing"
	}
	return fmt.Sprint(v)
}

// textValue reads a text field. Numbers are accepted as text, written as in
// the source when known (text): "number: 01" gives "01".
func textValue(v any, text string) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case int, int64, uint64, float64, time.Time:
		if text != "" {
			return text, nil
		}
		if t, ok := v.(time.Time); ok {
			return t.Format(time.RFC3339), nil
		}
		return fmt.Sprint(v), nil
	}
	return "", fmt.Errorf("want text, got %s", describe(v))
}

// listValue reads a list of text. A single text is a list of one; numbers
// in the list are taken as text. Empty items and repeats are dropped.
func listValue(v any) ([]string, error) {
	var items []any
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		items = []any{v}
	case []any:
		items = v
	default:
		return nil, fmt.Errorf("want a list of text, got %s", describe(v))
	}
	var out []string
	seen := make(map[string]bool, len(items))
	for _, item := range items {
		var s string
		switch item := item.(type) {
		case string:
			s = item
		case int, int64, uint64, float64:
			s = fmt.Sprint(item)
		default:
			return nil, fmt.Errorf("want a list of text, got %s in the list", describe(item))
		}
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out, nil
}

// wholeNumberValue reads a whole number; text holding one is accepted.
func wholeNumberValue(v any) (int, error) {
	switch v := v.(type) {
	case nil:
		return 0, nil
	case int:
		return v, nil
	case float64:
		if v == math.Trunc(v) && math.Abs(v) <= 1<<53 {
			return int(v), nil
		}
	case string:
		if n, err := strconv.Atoi(v); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("want a whole number, got %s", describe(v))
}

// boolValue reads true or false; nothing else is accepted, not even "yes"
// or the text "true", so that a typo cannot publish a draft.
func boolValue(v any) (bool, error) {
	switch v := v.(type) {
	case nil:
		return false, nil
	case bool:
		return v, nil
	}
	return false, fmt.Errorf("want true or false, got %s", describe(v))
}

// dateValue reads a date: a timestamp decoded by YAML or TOML, or text in
// one of dateLayouts.
func dateValue(v any) (time.Time, error) {
	switch v := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return v, nil
	case string:
		if v == "" {
			return time.Time{}, nil
		}
		if t, ok := parseDate(v); ok {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("want a date such as 2022-07-28 or 28/7/2022, got %s", describe(v))
}

// parseDate parses text in one of dateLayouts; ok is false when none fits.
func parseDate(s string) (t time.Time, ok bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
