package search

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"tusach/generator/viet"
	"tusach/generator/xref"
)

// numberCase is one row of testdata/numbers.json, the table of numbers in
// queries that FindNumbers and the searcher's numbers (browser_test.go)
// must both follow.
type numberCase struct {
	In      string        `json:"in"`
	Numbers []numberFound `json:"numbers"`
}

// numberFound is a number found in a query: its text and what it looks up.
type numberFound struct {
	Text string   `json:"text"`
	Keys []string `json:"keys"`
	Stem string   `json:"stem"`
}

func readNumberCases(t testing.TB) []numberCase {
	t.Helper()
	b, err := os.ReadFile("testdata/numbers.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []numberCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatalf("testdata/numbers.json: %v", err)
	}
	return cases
}

func numbersIn(s string) []numberFound {
	out := []numberFound{}
	nfc := viet.NFC(s)
	for _, m := range FindNumbers(s) {
		out = append(out, numberFound{Text: nfc[m.Start:m.End], Keys: m.Keys, Stem: m.Stem})
	}
	return out
}

// TestNumbersTable checks FindNumbers against testdata/numbers.json; with
// -update it rewrites the table's answers, to be reviewed.
func TestNumbersTable(t *testing.T) {
	cases := readNumberCases(t)
	if *update {
		for i := range cases {
			cases[i].Numbers = numbersIn(cases[i].In)
		}
		b, err := json.MarshalIndent(cases, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/numbers.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		if got := numbersIn(c.In); !reflect.DeepEqual(got, c.Numbers) {
			t.Errorf("FindNumbers(%q) = %+v, table says %+v", c.In, got, c.Numbers)
		}
	}
}

// TestFindNumbers states the rules the table's answers follow.
func TestFindNumbers(t *testing.T) {
	for _, c := range []struct {
		in   string
		keys [][]string // per number found
	}{
		{"205/KH-UBND", [][]string{{"205/KH-UBND", "205/KH"}}},
		{"kế hoạch 205/kh-ubnd về chỉnh đốn", [][]string{{"205/KH-UBND", "205/KH"}}},
		{"21-KL/TW", [][]string{{"21-KL/TW"}}},
		{"21 - KL/TƯ", [][]string{{"21-KL/TW"}}},
		{"21-kl/tư", [][]string{{"21-KL/TW"}}},
		{"91/2015/QH13", [][]string{{"91/2015/QH13"}}},
		{"091/2015/qh13", [][]string{{"91/2015/QH13"}}},
		{"01/VBHN-VPQH", [][]string{{"1/VBHN-VPQH", "1/VBHN"}}},
		{"15/2004/PL-UBTVQH11 và 30/NQ-CP", [][]string{{"15/2004/PL-UBTVQH11", "15/2004/PL"}, {"30/NQ-CP", "30/NQ"}}},
		{"101-SL/L.003", [][]string{{"101-SL/L"}}},
		{"05/CT-TTg", [][]string{{"5/CT-TTG", "5/CT"}}},
		{"ngày 28/7/2022", nil},
		{"1/2 số phiếu", nil},
		{"5/luật", nil},
		{"5/A", nil},
		{"khoản 2-c Điều 5", nil},
		{"Điều 91", nil},
		{"x/205/KH", nil},
		{"123456/KH-UBND", nil},
	} {
		var got [][]string
		for _, m := range FindNumbers(c.in) {
			got = append(got, m.Keys)
		}
		if !reflect.DeepEqual(got, c.keys) {
			t.Errorf("FindNumbers(%q) keys = %q, want %q", c.in, got, c.keys)
		}
	}
}

// TestNumberKeysNormalize: every key FindNumbers gives is the xref
// normalization of the text it covers, so a query finds the number the
// citation stage would link.
func TestNumberKeysNormalize(t *testing.T) {
	for _, c := range readNumberCases(t) {
		for _, n := range c.Numbers {
			if k := xref.Normalize(n.Text); k != n.Keys[0] {
				t.Errorf("%q: key %q, xref.Normalize gives %q", n.Text, n.Keys[0], k)
			}
		}
	}
}

// TestNumberShards builds an index and reads its number shards back: each
// document number sits, with exactly its documents, in the shard its stem
// names; documents without a number are in none.
func TestNumberShards(t *testing.T) {
	docs := []Doc{
		{URL: "a.html", Title: "Luật A", Number: "91/2015/QH13"},
		{URL: "b.html", Title: "Điều 1", Number: "91/2015/QH13"},
		{URL: "c.html", Title: "Kế hoạch", Number: "205/KH-UBND"},
		{URL: "d.html", Title: "Kết luận", Number: "21-KL/TƯ"},
		{URL: "e.html", Title: "Không số"},
		{URL: "f.html", Title: "Số lạ", Number: "QĐ-ABC"},
	}
	files, err := Build(docs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	m := readMeta(t, files)
	if m.NumberShards < 1 || m.NumberShards&(m.NumberShards-1) != 0 {
		t.Fatalf("meta ns = %d, want a power of two", m.NumberShards)
	}
	want := map[string][]uint32{
		"91/2015/QH13": {0, 1}, "205/KH-UBND": {2}, "21-KL/TW": {3}, "QĐ-ABC": {5},
	}
	stems := map[string]string{"91/2015/QH13": "91/2015/QH13", "205/KH-UBND": "205/KH", "21-KL/TW": "21-KL", "QĐ-ABC": "QD-ABC"}
	found := 0
	for name, b := range files {
		if !strings.HasPrefix(name, "search/n/") {
			continue
		}
		shard := decodeShard(t, name, b)
		for key, ps := range shard {
			found++
			var docs []uint32
			list, err := decodePostings(ps, false)
			if err != nil {
				t.Fatalf("%s %s: %v", name, key, err)
			}
			for _, p := range list {
				docs = append(docs, p.doc)
			}
			w, ok := want[strings.ReplaceAll(key, "QD", "QĐ")]
			if !ok || !reflect.DeepEqual(docs, w) {
				t.Errorf("%s: %s → docs %v, want %v", name, key, docs, w)
			}
			stem := stems[strings.ReplaceAll(key, "QD", "QĐ")]
			if s := "search/" + shardName("n", int(hashTerm(stem)&uint32(m.NumberShards-1)), m.NumberShards) + ".js"; s != name {
				t.Errorf("%s is in %s, its stem %q names %s", key, name, stem, s)
			}
		}
	}
	if found != len(want) {
		t.Errorf("%d numbers in the shards, want %d", found, len(want))
	}
	none, err := Build(docs[4:5], Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	if m := readMeta(t, none); m.NumberShards != 0 {
		t.Errorf("no numbers: ns = %d", m.NumberShards)
	}
	for name := range none {
		if strings.HasPrefix(name, "search/n/") {
			t.Errorf("no numbers, yet %s", name)
		}
	}
}

// readMeta decodes search/meta.js of an index.
func readMeta(t *testing.T, files map[string][]byte) meta {
	t.Helper()
	_, data := readScript(t, files["search/meta.js"])
	var m meta
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// decodeShard decodes a shard whose keys map to strings.
func decodeShard(t *testing.T, name string, b []byte) map[string]string {
	t.Helper()
	_, data := readScript(t, b)
	var out map[string]string
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}
