package search

import (
	"hash/fnv"
	"testing"
)

func TestPostingsRoundTrip(t *testing.T) {
	tests := [][]posting{
		{},
		{{0, 1}},
		{{0, 63}, {1, 1}, {31, 2}, {32, 3}, {1023, 4}, {1 << 20, 5}, {1<<31 + 7, 6}},
		{{5, 10}, {6, 11}, {7, 12}},
	}
	for _, ps := range tests {
		for _, weighted := range []bool{true, false} {
			s := encodePostings(ps, weighted)
			got, err := decodePostings(s, weighted)
			if err != nil {
				t.Fatalf("decode %q: %v", s, err)
			}
			if len(got) != len(ps) {
				t.Fatalf("%v → %q → %v", ps, s, got)
			}
			for i := range ps {
				want := ps[i]
				if !weighted {
					want.tf = 0
				}
				if got[i] != want {
					t.Errorf("%v → %q → %v", ps, s, got)
				}
			}
		}
	}
	for _, bad := range []string{"!", "g", "A"} { // bad digit; unterminated number; missing weight
		if _, err := decodePostings(bad, true); err == nil {
			t.Errorf("decodePostings(%q) should fail", bad)
		}
	}
}

func TestHashTermIsFNV1a(t *testing.T) {
	for _, s := range []string{"", "chinh", "chinh don", "日本語"} {
		h := fnv.New32a()
		h.Write([]byte(s))
		if got := hashTerm(s); got != h.Sum32() {
			t.Errorf("hashTerm(%q) = %x, want %x", s, got, h.Sum32())
		}
	}
}

func TestShardName(t *testing.T) {
	tests := []struct {
		i, n int
		want string
	}{{0, 1, "t/0"}, {10, 16, "t/a"}, {10, 256, "t/0a"}, {255, 256, "t/ff"}, {5, 1024, "t/005"}, {0x3f1, 16384, "t/03/f1"}, {4095, 4096, "t/fff"}, {4096, 65536, "t/10/00"}}
	for _, tt := range tests {
		if got := shardName("t", tt.i, tt.n); got != tt.want {
			t.Errorf("shardName(%d, %d) = %q, want %q", tt.i, tt.n, got, tt.want)
		}
	}
}

func TestStopwordForms(t *testing.T) {
	forms := StopwordForms()
	has := map[string]bool{}
	for _, f := range forms {
		has[f] = true
	}
	for _, w := range []string{"của", "và", "các", "là", "trong", "đã", "được", "đang"} {
		if !has[ExactForm(w)] {
			t.Errorf("%q is not a stopword", w)
		}
	}
	if has[ExactForm("đảng")] {
		t.Error("đảng must not be a stopword (only đang is)")
	}
}

func TestNumberLen(t *testing.T) {
	for _, n := range []uint32{0, 1, 31, 32, 33, 1023, 1024, 1<<15 - 1, 1 << 15, 1<<31 + 7, ^uint32(0)} {
		if got, want := numberLen(n), len(appendNumber(nil, n)); got != want {
			t.Errorf("numberLen(%d) = %d, appendNumber writes %d digits", n, got, want)
		}
	}
}
