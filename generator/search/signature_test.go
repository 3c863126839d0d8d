package search

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
)

// parseSignature reads an encoded signature back, as the searcher does.
func parseSignature(t testing.TB, s string) signature {
	t.Helper()
	sig := signature{bits: make([]byte, len(s))}
	for i := 0; i < len(s); i++ {
		v := digitValue[s[i]]
		if v < 0 {
			t.Fatalf("signature %q: bad digit at %d", s, i)
		}
		sig.bits[i] = byte(v)
	}
	return sig
}

// randomWord returns a lowercase ASCII word of 2 to 9 letters.
func randomWord(r *rand.Rand) string {
	b := make([]byte, 2+r.IntN(8))
	for i := range b {
		b[i] = byte('a' + r.IntN(26))
	}
	return string(b)
}

// TestSignature fills filters of several sizes and checks that every term
// added is found, that the size follows the terms, and that absent terms
// are rarely found: the false-positive rate on 400 random absent words
// stays under 5 %, twice the 2.3 % of the sizing, for chunk-sized filters
// (under 15 % for filters of a few terms, whose few digits make the rate
// vary more).
func TestSignature(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := func(n int) []string {
		seen := map[string]bool{}
		var out []string
		for len(out) < n {
			if w := randomWord(r); !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
		return out
	}
	tests := []struct {
		name  string
		terms []string
	}{
		{name: "none"},
		{name: "one", terms: []string{"dang"}},
		{name: "vietnamese", terms: strings.Fields("chinh don dang he thong chinh tri trong sach vung manh")},
		{name: "non-ascii folds", terms: []string{"σ", "中文", "ü", "dang"}},
		{name: "a chunk", terms: vocab(200)},
		{name: "a large chunk", terms: vocab(1000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			distinct := slices.Compact(slices.Sorted(slices.Values(tt.terms)))
			s := newSignature(len(distinct))
			for _, w := range distinct {
				s.add(w)
			}
			enc := s.String()
			if want := int(math.Ceil(float64(len(distinct)*SignatureBitsPerTerm) / 6)); len(enc) != want {
				t.Errorf("%d terms: %d digits, want %d", len(distinct), len(enc), want)
			}
			back := parseSignature(t, enc)
			for _, w := range distinct {
				if !back.mayContain(w) {
					t.Errorf("term %q added but not found", w)
				}
			}
			in := map[string]bool{}
			for _, w := range distinct {
				in[w] = true
			}
			const tries = 400
			fp, n := 0, 0
			for n < tries {
				w := randomWord(r) + "q" // never one of the terms of the tests
				if in[w] {
					continue
				}
				n++
				if back.mayContain(w) {
					fp++
				}
			}
			bound := 0.05
			if len(distinct) < 100 {
				bound = 0.15 // a filter of a few digits is far from the average
			}
			if rate := float64(fp) / tries; rate > bound || (len(distinct) == 0 && fp > 0) {
				t.Errorf("%d terms: %d of %d absent words found (%.1f %%)", len(distinct), fp, tries, 100*rate)
			}
		})
	}
}

// TestChunkTerms checks what a chunk's signature holds: the folded
// syllables of its texts and of the headings of the parts it has text of.
func TestChunkTerms(t *testing.T) {
	heads := []string{"", "Điều 1. Phạm vi", "Chương II", "Điều 2"}
	tests := []struct {
		name string
		c    chunk
		want string
	}{
		{name: "head chunk", c: chunk{texts: []string{"Mở đầu.", "Luật này quy định"}},
			want: "mo dau dieu 1 pham vi luat nay quy dinh"},
		{name: "goes on in a part", c: chunk{part: 1, offset: 40, texts: []string{"ĐẢNG, Đảng và TW"}},
			want: "dieu 1 pham vi dang va tu"},
		{name: "empty parts keep their headings", c: chunk{part: 2, texts: []string{"", "hòa hoà"}},
			want: "chuong ii dieu 2 hoa"},
		{name: "nfd text", c: chunk{part: 3, texts: []string{"Chi\u0309nh đô\u0301n"}},
			want: "dieu 2 chinh don"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(chunkTerms(tt.c, heads, newFoldCache()), " ")
			if got != tt.want {
				t.Errorf("terms %q, want %q", got, tt.want)
			}
			sig := parseSignature(t, chunkSignature(tt.c, heads, newFoldCache()))
			for _, w := range strings.Fields(tt.want) {
				if !sig.mayContain(w) {
					t.Errorf("signature lacks %q", w)
				}
			}
		})
	}
}

// chunkSigTable is testdata/chunksig.json: probe positions of terms in
// filters of given sizes, and whole signatures with the answers for terms
// in and out of them. Both the Go and the JavaScript tests check it.
type chunkSigTable struct {
	Probes []struct {
		Term string `json:"term"`
		M    int    `json:"m"`
		Bits []int  `json:"bits"`
	} `json:"probes"`
	Signatures []struct {
		Terms []string        `json:"terms"`
		Sig   string          `json:"sig"`
		Check map[string]bool `json:"check"` // term → may contain
	} `json:"signatures"`
}

func readChunkSigTable(t testing.TB) chunkSigTable {
	t.Helper()
	b, err := os.ReadFile("testdata/chunksig.json")
	if err != nil {
		t.Fatal(err)
	}
	var tab chunkSigTable
	if err := json.Unmarshal(b, &tab); err != nil {
		t.Fatalf("testdata/chunksig.json: %v", err)
	}
	return tab
}

// TestChunkSigTable checks the probes and signatures of
// testdata/chunksig.json; with -update it rewrites their answers from the
// terms and sizes.
func TestChunkSigTable(t *testing.T) {
	tab := readChunkSigTable(t)
	if *update {
		for i, p := range tab.Probes {
			bits := probes(p.Term, p.M)
			tab.Probes[i].Bits = bits[:]
		}
		for i, s := range tab.Signatures {
			sig := newSignature(len(s.Terms))
			for _, w := range s.Terms {
				sig.add(w)
			}
			tab.Signatures[i].Sig = sig.String()
			for w := range s.Check {
				s.Check[w] = sig.mayContain(w)
			}
		}
		b, err := json.MarshalIndent(tab, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/chunksig.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(tab.Probes) < 10 || len(tab.Signatures) < 2 {
		t.Fatalf("table too small: %d probes, %d signatures", len(tab.Probes), len(tab.Signatures))
	}
	for _, p := range tab.Probes {
		if got := probes(p.Term, p.M); fmt.Sprint(got[:]) != fmt.Sprint(p.Bits) {
			t.Errorf("probes(%q, %d) = %v, table %v", p.Term, p.M, got, p.Bits)
		}
	}
	for _, s := range tab.Signatures {
		sig := newSignature(len(s.Terms))
		for _, w := range s.Terms {
			sig.add(w)
		}
		if sig.String() != s.Sig {
			t.Errorf("signature of %q = %q, table %q", s.Terms, sig.String(), s.Sig)
		}
		yes := 0
		for w, want := range s.Check {
			if got := sig.mayContain(w); got != want {
				t.Errorf("signature of %q: mayContain(%q) = %v, table %v", s.Terms, w, got, want)
			}
			if want {
				yes++
			}
		}
		if (yes == 0 && len(s.Terms) > 0) || yes == len(s.Check) {
			t.Errorf("signature of %q: the table checks no term in or none out", s.Terms)
		}
	}
}

// TestSignaturesAgree runs testdata/chunksig.json through the searcher:
// the probes of a term and the answers of a chunk signature are those the
// Go index writes.
func TestSignaturesAgree(t *testing.T) {
	ctx, _ := openSample(t)
	tab := readChunkSigTable(t)
	for _, p := range tab.Probes {
		term, _ := json.Marshal(p.Term)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](fmt.Sprintf(`tusachSearch.sigProbes(%s, %d)`, term, p.M)))
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(p.Bits) {
			t.Errorf("JS sigProbes(%q, %d) = %v, Go = %v", p.Term, p.M, got, p.Bits)
		}
	}
	for _, s := range tab.Signatures {
		check, _ := json.Marshal(s.Check)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]bool](fmt.Sprintf(`(() => {
			const out = {};
			for (const w of Object.keys(%s)) out[w] = tusachSearch.sigHas(%q, w);
			return out;
		})()`, check, s.Sig)))
		if err != nil {
			t.Fatal(err)
		}
		for w, want := range s.Check {
			if got[w] != want {
				t.Errorf("JS sigHas(signature of %q, %q) = %v, Go = %v", s.Terms, w, got[w], want)
			}
		}
	}
	browsertest.NoProblems(t, ctx)
}

// FuzzSignature: whatever the terms, every one added is found, and the
// encoding reads back to the same filter.
func FuzzSignature(f *testing.F) {
	f.Add("chinh don dang", "x")
	f.Add("", "")
	f.Add("σ 中文 \xff", "dang")
	f.Fuzz(func(t *testing.T, text, other string) {
		terms := strings.Fields(text)
		s := newSignature(len(terms))
		for _, w := range terms {
			s.add(w)
		}
		back := parseSignature(t, s.String())
		for _, w := range terms {
			if !back.mayContain(w) {
				t.Fatalf("%q added but not found", w)
			}
		}
		if len(terms) == 0 && back.mayContain(other) {
			t.Fatalf("empty signature holds %q", other)
		}
	})
}
