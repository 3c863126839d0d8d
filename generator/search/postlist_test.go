package search

import (
	"slices"
	"testing"
)

// TestPostList checks that a postList gives back the postings added to
// it, in order, whatever the size of the gaps and frequencies, and knows
// the length of their encoding.
func TestPostList(t *testing.T) {
	tests := []struct {
		name string
		ps   []posting
	}{
		{"empty", nil},
		{"first document", []posting{{doc: 0, tf: 1}}},
		{"one", []posting{{doc: 7, tf: 3}}},
		{"consecutive", []posting{{0, 1}, {1, 2}, {2, 1}, {3, 9}}},
		{"wide gaps", []posting{{5, 1}, {300, 127}, {70000, 128}, {1 << 31, 1 << 20}, {1<<32 - 1, 1<<32 - 1}}},
		{"from zero after others", []posting{{0, 200}, {128, 16384}, {129, 0}}},
		{"frequency one and not", []posting{{0, 1}, {1, 2}, {63, 1}, {64, 1}, {8256, 3}, {8257, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var pl postList
			for _, p := range tc.ps {
				pl.add(p.doc, p.tf)
			}
			got := pl.appendTo([]posting{{doc: 99, tf: 99}})
			want := append([]posting{{doc: 99, tf: 99}}, tc.ps...)
			if !slices.Equal(got, want) {
				t.Errorf("appendTo = %v, want %v", got, want)
			}
			if got, want := pl.encodedLen(), len(encodePostings(tc.ps, true)); got != want {
				t.Errorf("encodedLen = %d, want %d", got, want)
			}
		})
	}
}

// TestHashMore checks that hashing on from a hash is hashing the strings
// joined, as the bigram keys are hashed without being made.
func TestHashMore(t *testing.T) {
	tests := []struct{ a, b string }{
		{"", ""},
		{"thuế", ""},
		{"", "thuế"},
		{"thue ", "dat"},
		{"quyết", " định"},
	}
	for _, tc := range tests {
		if got, want := hashMore(hashTerm(tc.a), tc.b), hashTerm(tc.a+tc.b); got != want {
			t.Errorf("hashMore(hashTerm(%q), %q) = %d, want %d", tc.a, tc.b, got, want)
		}
	}
}
