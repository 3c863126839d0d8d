package search

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestRegisterShards: the register's rows are every numbered document, in
// order, RegisterShardRows a shard, each shard saying the total.
func TestRegisterShards(t *testing.T) {
	var docs []Doc
	for i := range 1203 {
		d := Doc{URL: fmt.Sprintf("vb/%d.html", i), Title: fmt.Sprintf("Văn bản %d", i)}
		if i%2 == 0 { // 602 numbered
			d.Number, d.Type, d.Issued, d.Status, d.Effective = fmt.Sprintf("%d/KH-UBND", i), "Kế hoạch", "2022-07-28", "in-force", "2022-08-01"
		}
		docs = append(docs, d)
	}
	files, err := Build(docs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for k := 0; ; k++ {
		b, ok := files[fmt.Sprintf("search/r/%d.js", k)]
		if !ok {
			if k != 2 {
				t.Errorf("%d register shards, want 2", k)
			}
			break
		}
		name, data := readScript(t, b)
		var sh struct {
			N, S int
			R    [][]any
		}
		if err := json.Unmarshal(data, &sh); err != nil || name != fmt.Sprintf("r/%d", k) {
			t.Fatalf("shard %d (%s): %v", k, name, err)
		}
		if sh.N != 602 || sh.S != RegisterShardRows || len(sh.R) != min(RegisterShardRows, 602-k*RegisterShardRows) {
			t.Errorf("shard %d: n %d, s %d, %d rows", k, sh.N, sh.S, len(sh.R))
		}
		for _, r := range sh.R {
			id := int(r[0].(float64))
			ids = append(ids, id)
			want := []any{float64(id), docs[id].URL, docs[id].Number, docs[id].Title, "Kế hoạch", "", "2022-07-28", "", "in-force", "2022-08-01", ""}
			if !reflect.DeepEqual(r, want) {
				t.Errorf("row %v, want %v", r, want)
			}
		}
	}
	for i, id := range ids {
		if id != 2*i {
			t.Fatalf("row %d is document %d, want %d (numbered documents in order)", i, id, 2*i)
		}
	}
}

// TestLifecycleGroups: facets.js groups the documents by status and dates, for
// the searcher's status facet; documents without any are in no group.
func TestLifecycleGroups(t *testing.T) {
	docs := []Doc{
		{URL: "a.html", Effective: "2020-01-01"},
		{URL: "b.html"},
		{URL: "c.html", Status: "expired"},
		{URL: "d.html", Effective: "2020-01-01"},
		{URL: "e.html", Effective: "2020-01-01", Expires: "2030-01-01"},
	}
	files, err := Build(docs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	_, data := readScript(t, files["search/facets.js"])
	var m facets
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	want := [][4]string{
		{"", "2020-01-01", "", encodePostings([]posting{{doc: 0}, {doc: 3}}, false)},
		{"expired", "", "", encodePostings([]posting{{doc: 2}}, false)},
		{"", "2020-01-01", "2030-01-01", encodePostings([]posting{{doc: 4}}, false)},
	}
	if !reflect.DeepEqual(m.Lifecycle, want) {
		t.Errorf("lc = %q, want %q", m.Lifecycle, want)
	}
	plain, _ := Build(docs[1:2], Options{Lang: "vi"})
	if strings.Contains(string(plain["search/facets.js"]), `"lc"`) {
		t.Error("facets.js has lifecycle groups without any lifecycle field")
	}
	if strings.Contains(string(files["search/meta.js"]), `"lc"`) || strings.Contains(string(files["search/meta.js"]), `"f":`) {
		t.Error("meta.js carries facet data: every query would load it")
	}
}
