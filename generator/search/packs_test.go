package search

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

// TestPackShards reads every term pack back from its binary, by its table,
// as the searcher does over http, and finds the shards of its script, run
// whole from disk: the same objects, and nothing for an empty shard.
func TestPackShards(t *testing.T) {
	docs := append([]Doc(nil), sampleDocs...)
	for i := range 1500 { // words of their own: enough terms for some packs of shards
		var words []string
		for j := range 12 {
			words = append(words, fmt.Sprintf("tu%dx%d", i, j))
		}
		docs = append(docs, Doc{URL: fmt.Sprint(i, ".html"), Title: "Tài liệu", Parts: []Part{{Text: strings.Join(words, " ")}}})
	}
	files, err := Build(docs, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	var m meta
	_, data := readScript(t, files["search/meta.js"])
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	packs := (m.TermShards + m.ShardsPerPack - 1) / m.ShardsPerPack
	if m.ShardsPerPack != ShardsPerPack || m.TermShards < 2*ShardsPerPack {
		t.Fatalf("meta: %d shards, %d a pack: too few for the test", m.TermShards, m.ShardsPerPack)
	}
	shards, empty := 0, 0
	for p := range packs {
		js, bin := files[fmt.Sprintf("search/t/%d.js", p)], files[fmt.Sprintf("search/t/%d.bin", p)]
		pre := fmt.Sprintf(`__tusachSearch.pack("t/%d",`, p)
		if !bytes.HasPrefix(js, []byte(pre)) || !bytes.HasSuffix(js, []byte(");\n")) || bin == nil {
			t.Fatalf("pack %d: %.60q, %d bytes of binary", p, js, len(bin))
		}
		var objs []json.RawMessage
		if err := json.Unmarshal(js[len(pre):len(js)-3], &objs); err != nil || len(objs) != ShardsPerPack {
			t.Fatalf("pack %d: %d shards, %v", p, len(objs), err)
		}
		for i, obj := range objs {
			r := readRange(t, bin, i)
			if string(obj) == "null" {
				empty++
				if r != [2]int{} {
					t.Errorf("pack %d shard %d: empty, at %v in the binary", p, i, r)
				}
				continue
			}
			shards++
			z, err := zlib.NewReader(bytes.NewReader(bin[r[0]:r[1]]))
			if err != nil {
				t.Fatalf("pack %d shard %d at %v: %v", p, i, r, err)
			}
			got, err := io.ReadAll(z)
			if err != nil || !bytes.Equal(got, obj) {
				t.Errorf("pack %d shard %d: the binary holds %.40q, the script %.40q (%v)", p, i, got, obj, err)
			}
		}
	}
	if shards == 0 || shards+empty != m.TermShards {
		t.Errorf("%d shards and %d empty ones for %d", shards, empty, m.TermShards)
	}
}

// readRange returns slot's range of a pack's binary, from its table.
func readRange(t *testing.T, bin []byte, slot int) [2]int {
	t.Helper()
	var r [2]int
	at := 2 * packTableDigits * slot
	if at+2*packTableDigits > len(bin) {
		t.Fatalf("slot %d beyond the binary's %d bytes", slot, len(bin))
	}
	for k := range r {
		for _, c := range bin[at+k*packTableDigits : at+(k+1)*packTableDigits] {
			r[k] = r[k]*64 + int(digitValue[c])
		}
	}
	if r[0] > r[1] || r[1] > len(bin) {
		t.Fatalf("slot %d: range %v in %d bytes", slot, r, len(bin))
	}
	return r
}

// TestDocsPerPackFor: a pack holds 16 documents until search/d would hold
// more than MaxPacks packs (two files each); then it doubles, so that no
// site, however large, puts more than 2·MaxPacks files in that folder.
func TestDocsPerPackFor(t *testing.T) {
	for _, tt := range []struct{ docs, want int }{
		{0, 16}, {1, 16}, {10_000, 16}, {16 * MaxPacks, 16}, {16*MaxPacks + 1, 32},
		{100_000, 32}, {1_000_000, 256},
	} {
		got := DocsPerPackFor(tt.docs)
		if got != tt.want {
			t.Errorf("DocsPerPackFor(%d) = %d, want %d", tt.docs, got, tt.want)
		}
		if packs := (tt.docs + got - 1) / got; packs > MaxPacks {
			t.Errorf("%d documents in %d packs, over %d", tt.docs, packs, MaxPacks)
		}
	}
}

// TestWritePacks: writePacks hands every pack to write in order, window
// after window, whatever the number of packs, and stops at the first
// error, of making a pack or of writing one, writing nothing after it.
func TestWritePacks(t *testing.T) {
	const w = packWindow / 2
	fail := errors.New("fail")
	tests := []struct {
		name              string
		packs             int
		badMake, badWrite int // the pack whose making or writing fails, -1 for none
	}{
		{name: "none", packs: 0, badMake: -1, badWrite: -1},
		{name: "one", packs: 1, badMake: -1, badWrite: -1},
		{name: "a window", packs: w, badMake: -1, badWrite: -1},
		{name: "a window and one", packs: w + 1, badMake: -1, badWrite: -1},
		{name: "windows", packs: 3*w + 5, badMake: -1, badWrite: -1},
		{name: "making fails", packs: 3*w + 5, badMake: w + 3, badWrite: -1},
		{name: "writing fails", packs: 3*w + 5, badMake: -1, badWrite: 2*w - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := writePacks(tt.packs, func(p int) string { return fmt.Sprint("x/", p) }, func(_, p int) ([2][]byte, error) {
				if p == tt.badMake {
					return [2][]byte{}, fail
				}
				return [2][]byte{[]byte(fmt.Sprint("js", p)), []byte(fmt.Sprint("bin", p))}, nil
			}, func(name string, data []byte) error {
				got = append(got, name+"="+string(data))
				if name == fmt.Sprintf("search/x/%d.bin", tt.badWrite) {
					return fail
				}
				return nil
			})
			last := tt.packs
			if tt.badMake >= 0 {
				last = tt.badMake
			}
			if tt.badWrite >= 0 {
				last = tt.badWrite + 1
			}
			var want []string
			for p := range last {
				want = append(want, fmt.Sprintf("search/x/%d.js=js%d", p, p), fmt.Sprintf("search/x/%d.bin=bin%d", p, p))
			}
			if !slices.Equal(got, want) {
				t.Errorf("written %q, want %q", got, want)
			}
			if wantErr := tt.badMake >= 0 || tt.badWrite >= 0; errors.Is(err, fail) != wantErr {
				t.Errorf("error %v, want one: %v", err, wantErr)
			}
		})
	}
}
