package markdown

import "testing"

// TestLookups records the look-ups of a render with a link and a
// citation, then asks whether other resolvers would answer them the same.
func TestLookups(t *testing.T) {
	in := citeInput("Xem [b](b.md), [thiếu](khong-co.md) và Kế hoạch 205/KH-UBND.\n")
	var l Lookups
	res := New(Options{}).Render(l.Record(in))
	if len(res.Links) == 0 || len(res.Cites) == 0 {
		t.Fatalf("the render made no link (%v) or citation (%v)", res.Links, res.Cites)
	}
	answer := func(key, href string, ok bool, then func(string) (string, bool)) func(string) (string, bool) {
		return func(k string) (string, bool) {
			if k == key {
				return href, ok
			}
			return then(k)
		}
	}
	for _, tc := range []struct {
		name          string
		resolve, cite func(string) (string, bool)
		want          bool
	}{
		{"the same resolvers", in.Resolve, in.Cite, true},
		{"another answer for a look-up not made", answer("huong-dan/tài liệu.md", "x.html", true, in.Resolve), in.Cite, true},
		{"the link's target moved", answer("huong-dan/b.md", "moi/b.html", true, in.Resolve), in.Cite, false},
		{"the broken link's target came", answer("huong-dan/khong-co.md", "khong-co.html", true, in.Resolve), in.Cite, false},
		{"the cited number is gone", in.Resolve, answer("205/KH-UBND", "", false, in.Cite), false},
		{"no citations at all", in.Resolve, nil, false},
	} {
		if got := l.Same(tc.resolve, tc.cite); got != tc.want {
			t.Errorf("%s: Same = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestLookupsKeepsCiteOff checks that recording leaves a nil Cite nil: no
// cross-references, as without recording.
func TestLookupsKeepsCiteOff(t *testing.T) {
	var l Lookups
	if in := l.Record(testInput("x")); in.Cite != nil || in.Resolve == nil {
		t.Errorf("Record turned Cite on (%v) or Resolve off (%v)", in.Cite != nil, in.Resolve == nil)
	}
}
