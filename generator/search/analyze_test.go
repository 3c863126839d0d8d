package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// termEntries decodes every term shard of an index: for a unigram, folded
// form → exact form → documents; for a bigram, "a b" → "" → documents.
func termEntries(t *testing.T, files map[string][]byte) map[string]map[string][]uint32 {
	t.Helper()
	out := make(map[string]map[string][]uint32)
	docsOf := func(list string) []uint32 {
		ps, err := decodePostings(list, true)
		if err != nil {
			t.Fatal(err)
		}
		var ds []uint32
		for _, p := range ps {
			ds = append(ds, p.doc)
		}
		return ds
	}
	for name, b := range files {
		if !strings.HasPrefix(name, "search/t/") || !strings.HasSuffix(name, ".js") {
			continue
		}
		i := bytes.IndexByte(b, ',')
		if i < 0 || !bytes.HasSuffix(b, []byte(");\n")) {
			t.Fatalf("%s is not a registration call", name)
		}
		var shards []map[string]json.RawMessage
		if err := json.Unmarshal(b[i+1:len(b)-3], &shards); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		shard := make(map[string]json.RawMessage)
		for _, s := range shards {
			maps.Copy(shard, s)
		}
		for key, raw := range shard {
			forms := make(map[string][]uint32)
			var one string
			var list []string
			if json.Unmarshal(raw, &one) == nil {
				forms[""] = docsOf(one)
			} else if err := json.Unmarshal(raw, &list); err == nil {
				for k := 0; k+1 < len(list); k += 2 {
					forms[list[k]] = docsOf(list[k+1])
				}
			} else {
				t.Fatalf("%s: %q: %s", name, key, raw)
			}
			out[key] = forms
		}
	}
	return out
}

func bodyDoc(url, text string) Doc {
	return Doc{URL: url, Title: "t", Parts: []Part{{Text: text}}}
}

// TestTermEntries checks what the index stores for a term, whichever
// order the forms come in.
func TestTermEntries(t *testing.T) {
	tests := []struct {
		name string
		docs []Doc
		key  string
		want map[string][]uint32
	}{
		{
			// The exact form of "có" is "co2", the same string as the
			// literal "CO2": each stays under its own folded form.
			name: "tone digit beside a literal digit, có first",
			docs: []Doc{bodyDoc("a", "có khí CO2"), bodyDoc("b", "khí CO2 có")},
			key:  "co", want: map[string][]uint32{"co2": {0, 1}},
		},
		{
			name: "literal digit beside a tone digit, CO2 first",
			docs: []Doc{bodyDoc("a", "khí CO2 có"), bodyDoc("b", "có khí CO2")},
			key:  "co2", want: map[string][]uint32{"co2": {0, 1}},
		},
		{
			name: "exact forms grouped under the folded form",
			docs: []Doc{bodyDoc("a", "Đảng"), bodyDoc("b", "đang"), bodyDoc("c", "dạng và Đảng")},
			key:  "dang", want: map[string][]uint32{"đang3": {0, 2}, "đang": {1}, "dang5": {2}},
		},
		{
			name: "NFD input and both tone placements give one exact form",
			docs: []Doc{bodyDoc("a", "ho\u0300a"), bodyDoc("b", "hòa"), bodyDoc("c", "hoà")},
			key:  "hoa", want: map[string][]uint32{"hoa1": {0, 1, 2}},
		},
		{
			name: "adjacent syllables make a bigram",
			docs: []Doc{bodyDoc("a", "chỉnh đốn Đảng"), bodyDoc("b", "Đảng chỉnh đốn"), bodyDoc("c", "chỉnh, đốn")},
			key:  "don dang", want: map[string][]uint32{"": {0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, err := Build(tt.docs, Options{Lang: "vi"})
			if err != nil {
				t.Fatal(err)
			}
			got := termEntries(t, files)[tt.key]
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("entry %q = %v, want %v", tt.key, got, tt.want)
			}
		})
	}
}

// TestBuildSameOnAnyCores builds one index on one core and on four: the
// workers number terms in the order they meet them, but the bytes must
// not depend on which worker analyzed which document.
func TestBuildSameOnAnyCores(t *testing.T) {
	var docs []Doc
	words := strings.Fields("chỉnh đốn Đảng hệ thống chính trị CO2 có hòa hoà ho\u0300a kế hoạch 205 KH-UBND đang dạng")
	for i := range 300 {
		var b strings.Builder
		for j := range 40 + i%17 {
			b.WriteString(words[(i*7+j*j)%len(words)])
			b.WriteByte(' ')
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("d%d.html", i), Title: words[i%len(words)],
			Parts: []Part{{Anchor: "a", Heading: words[(i+3)%len(words)], Text: b.String()}}})
	}
	build := func(procs int) map[string][]byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		files, err := Build(docs, Options{Lang: "vi"})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	one, four := build(1), build(4)
	if len(one) != len(four) {
		t.Fatalf("%d files on one core, %d on four", len(one), len(four))
	}
	for name, b := range one {
		if !bytes.Equal(b, four[name]) {
			t.Errorf("%s differs between one core and four", name)
		}
	}
}
