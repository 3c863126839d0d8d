package theme

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"time"
)

// The encoding of plain data in page fingerprints (see prints.go).

var timeType = reflect.TypeFor[time.Time]()

// value writes any acyclic value of plain data (front matter, settings,
// headings): strings, numbers, booleans, times, and structs, slices, maps,
// pointers and interfaces of them; maps in the order of their keys.
func (w *printer) value(v reflect.Value) {
	if !v.IsValid() {
		w.str("<nil>")
		return
	}
	if v.Type() == timeType {
		w.time(v.Interface().(time.Time))
		return
	}
	switch v.Kind() {
	case reflect.String:
		w.str(v.String())
	case reflect.Bool:
		w.bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.int(int(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.str(fmt.Sprint(v.Uint()))
	case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		w.str(fmt.Sprint(v.Interface()))
	case reflect.Struct:
		for i := range v.NumField() {
			w.value(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		w.int(v.Len())
		for i := range v.Len() {
			w.value(v.Index(i))
		}
	case reflect.Map:
		type entry struct {
			key  reflect.Value
			text string // the key as fmt prints it: the order
		}
		entries := make([]entry, 0, v.Len())
		for _, k := range v.MapKeys() {
			entries = append(entries, entry{k, fmt.Sprint(k)})
		}
		slices.SortFunc(entries, func(a, b entry) int { return cmp.Compare(a.text, b.text) })
		w.int(len(entries))
		for _, e := range entries {
			w.value(e.key)
			w.value(v.MapIndex(e.key))
		}
	case reflect.Pointer, reflect.Interface:
		w.bool(!v.IsNil())
		if !v.IsNil() {
			if v.Kind() == reflect.Interface {
				w.str(v.Elem().Type().String())
			}
			w.value(v.Elem())
		}
	default: // functions, channels: not front matter; their identity
		w.str(v.Type().String())
		w.str(fmt.Sprint(v.Pointer()))
	}
}
