package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// indexOfDF returns an index whose folded unigrams have the given document
// frequencies, out of n documents.
func indexOfDF(n int, dfs map[string]uint32) *index {
	ix := newIndex(n)
	for f, df := range dfs {
		ix.foldID[f] = uint32(len(ix.folds))
		ix.folds = append(ix.folds, f)
		ix.foldDF = append(ix.foldDF, df)
	}
	return ix
}

func TestCommonDF(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		dfs      map[string]uint32
		maxTerms int
		want     map[string]uint32
		wantMin  int
	}{
		{
			name: "small site lists every term in two documents or more",
			n:    7, dfs: map[string]uint32{"dang": 3, "cua": 7, "hiem": 1}, maxTerms: 10,
			want: map[string]uint32{"dang": 3, "cua": 7}, wantMin: 2,
		},
		{
			name: "large site lists terms in one document in a hundred",
			n:    5000, dfs: map[string]uint32{"cua": 4900, "lao": 300, "dong": 50, "hiem": 49, "x": 1}, maxTerms: 10,
			want: map[string]uint32{"cua": 4900, "lao": 300, "dong": 50}, wantMin: 50,
		},
		{
			name: "cap keeps the most frequent and never splits a frequency",
			n:    1000, dfs: map[string]uint32{"a": 900, "b": 500, "c": 400, "d": 400, "e": 20}, maxTerms: 3,
			want: map[string]uint32{"a": 900, "b": 500}, wantMin: 401,
		},
		{
			name: "empty index",
			n:    0, dfs: map[string]uint32{}, maxTerms: 3,
			want: map[string]uint32{}, wantMin: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotMin := indexOfDF(tt.n, tt.dfs).commonDF(tt.maxTerms)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || gotMin != tt.wantMin {
				t.Errorf("commonDF = %v, %d; want %v, %d", got, gotMin, tt.want, tt.wantMin)
			}
			for f, df := range tt.dfs {
				if _, listed := got[f]; listed != (int(df) >= gotMin) {
					t.Errorf("%q (df %d) listed = %v with minimum %d", f, df, listed, gotMin)
				}
			}
		})
	}
}

// TestMetaCommonDF checks the table and the cap the searcher reads from
// meta.js of the sample site.
func TestMetaCommonDF(t *testing.T) {
	files, err := Build(sampleDocs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	b := files["search/meta.js"]
	const head, tail = `__tusachSearch.add("meta",`, ");\n"
	if !bytes.HasPrefix(b, []byte(head)) || !bytes.HasSuffix(b, []byte(tail)) {
		t.Fatalf("meta.js is not a registration call: %.60s", b)
	}
	var m meta
	if err := json.Unmarshal(b[len(head):len(b)-len(tail)], &m); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(`"dang"`)) {
		t.Error("meta.js carries the frequency table: every query would load it")
	}
	b = files["search/df.js"]
	const dfHead = `__tusachSearch.add("df",`
	if !bytes.HasPrefix(b, []byte(dfHead)) || !bytes.HasSuffix(b, []byte(tail)) {
		t.Fatalf("df.js is not a registration call: %.60s", b)
	}
	if err := json.Unmarshal(b[len(dfHead):len(b)-len(tail)], &m.CommonDF); err != nil {
		t.Fatal(err)
	}
	// "dang": Đảng (plan), đang (lịch trực), dạng (biểu mẫu).
	if m.CommonDF["dang"] != 3 || m.CommonMin != 2 || m.QueryShards != MaxQueryTermShards {
		t.Errorf("df[dang] = %d, dfm = %d, tq = %d", m.CommonDF["dang"], m.CommonMin, m.QueryShards)
	}
	if _, ok := m.CommonDF["onerror"]; ok {
		t.Error("a term of one document is listed")
	}
}
