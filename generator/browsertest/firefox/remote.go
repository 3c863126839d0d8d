package firefox

import (
	"encoding/json"
	"fmt"
	"math"
)

// remoteValue is a BiDi RemoteValue: the serialized result of a script.
type remoteValue struct {
	Type     string          `json:"type"`
	Value    json.RawMessage `json:"value"`
	SharedID string          `json:"sharedId"` // for nodes
}

// goValue converts a remote value to plain Go: nil, bool, float64,
// string, []any or map[string]any. Dates become their ISO string, maps
// with string keys objects, sets arrays, and nodes their sharedId; NaN and
// the infinities, which JSON cannot hold, are errors, as are values
// without a plain equivalent (functions, symbols, windows).
func (v remoteValue) goValue() (any, error) {
	switch v.Type {
	case "undefined", "null":
		return nil, nil
	case "boolean":
		var b bool
		return b, json.Unmarshal(v.Value, &b)
	case "string", "date", "bigint":
		var s string
		return s, json.Unmarshal(v.Value, &s)
	case "number":
		var f float64
		if json.Unmarshal(v.Value, &f) == nil {
			return f, nil
		}
		var special string // "NaN", "-0", "Infinity", "-Infinity"
		if err := json.Unmarshal(v.Value, &special); err != nil {
			return nil, fmt.Errorf("decode number %s: %w", v.Value, err)
		}
		if special == "-0" {
			return math.Copysign(0, -1), nil
		}
		return nil, fmt.Errorf("the number %s has no JSON form", special)
	case "array", "set", "nodelist", "htmlcollection":
		var items []remoteValue
		if err := json.Unmarshal(v.Value, &items); err != nil {
			return nil, fmt.Errorf("decode %s: %w", v.Type, err)
		}
		out := make([]any, len(items))
		for i, it := range items {
			x, err := it.goValue()
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = x
		}
		return out, nil
	case "object", "map":
		return v.goObject()
	case "node":
		return v.SharedID, nil
	}
	return nil, fmt.Errorf("a %s has no plain Go value", v.Type)
}

// goObject converts an object or map: a list of [key, value] pairs whose
// key is a string or, in a map, a remote value.
func (v remoteValue) goObject() (any, error) {
	var pairs [][2]json.RawMessage
	if err := json.Unmarshal(v.Value, &pairs); err != nil {
		return nil, fmt.Errorf("decode %s: %w", v.Type, err)
	}
	out := make(map[string]any, len(pairs))
	for _, p := range pairs {
		var key string
		if json.Unmarshal(p[0], &key) != nil {
			var rk remoteValue
			if err := json.Unmarshal(p[0], &rk); err != nil {
				return nil, fmt.Errorf("decode %s key: %w", v.Type, err)
			}
			k, err := rk.goValue()
			if err != nil {
				return nil, fmt.Errorf("%s key: %w", v.Type, err)
			}
			key = fmt.Sprint(k)
		}
		var rv remoteValue
		if err := json.Unmarshal(p[1], &rv); err != nil {
			return nil, fmt.Errorf("decode %q: %w", key, err)
		}
		x, err := rv.goValue()
		if err != nil {
			return nil, fmt.Errorf("%q: %w", key, err)
		}
		out[key] = x
	}
	return out, nil
}

// decodeInto stores the Go form of v in out (a pointer), the way
// encoding/json would store the same value written as JSON: into a
// *string, *int, *[]string, a *struct with json tags, a *any…
func (v remoteValue) decodeInto(out any) error {
	x, err := v.goValue()
	if err != nil {
		return err
	}
	if p, ok := out.(*any); ok {
		*p = x
		return nil
	}
	data, err := json.Marshal(x)
	if err != nil {
		return fmt.Errorf("re-encode the result: %w", err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("decode the result %s: %w", data, err)
	}
	return nil
}

// truthy reports whether JavaScript would take v as true in a condition.
func (v remoteValue) truthy() bool {
	switch v.Type {
	case "undefined", "null":
		return false
	case "boolean":
		var b bool
		_ = json.Unmarshal(v.Value, &b)
		return b
	case "string":
		var s string
		_ = json.Unmarshal(v.Value, &s)
		return s != ""
	case "number":
		var f float64
		if json.Unmarshal(v.Value, &f) == nil {
			return f != 0
		}
		var special string
		_ = json.Unmarshal(v.Value, &special)
		return special == "Infinity" || special == "-Infinity"
	case "bigint":
		var s string
		_ = json.Unmarshal(v.Value, &s)
		return s != "0"
	}
	return true // objects, arrays, functions, nodes…
}
