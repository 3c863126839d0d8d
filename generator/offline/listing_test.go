package offline

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestListingNextEqualsFinish changes a few files at a time, at random,
// and checks that the offline files Next makes from the last Listing are
// those Finish makes from scratch, byte for byte.
func TestListingNextEqualsFinish(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sums := map[string][sha256.Size]byte{}
	pool := []string{"404.html", "index.html", "search/index.html", ManifestName, "assets/a.1.css", "assets/b.2.js",
		"van-ban/a.html", "van-ban/b.html", "văn-bản/c.html", `q"uote.html`, "z.png", ListName, ServiceWorkerName}
	for _, name := range pool[:8] {
		sums[name] = Sum([]byte(name))
	}
	names := func() []string {
		return slices.Sorted(func(yield func(string) bool) {
			for n := range sums {
				if !yield(n) {
					return
				}
			}
		})
	}
	l, _ := (*Listing)(nil).Next(names(), sumIn(sums), nil)
	for step := range 300 {
		var changed []string
		for range 1 + rng.IntN(3) {
			name := pool[rng.IntN(len(pool))]
			switch rng.IntN(6) {
			case 0: // removed
				delete(sums, name)
			default: // new content (or added), often of another size
				sums[name] = Sum(fmt.Appendf(nil, "%s %d %s", name, step, make([]byte, rng.IntN(20000))))
			}
			changed = append(changed, name)
		}
		if rng.IntN(4) == 0 {
			changed = append(changed, pool[rng.IntN(len(pool))]) // named, yet the same
		}
		var got []File
		l, got = l.Next(names(), sumIn(sums), changed)
		want, err := Finish(names(), sums)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got[i].Name != want[i].Name || string(got[i].Data) != string(want[i].Data) {
				t.Fatalf("step %d, changed %v: %s =\n%s\nwant\n%s", step, changed, want[i].Name, got[i].Data, want[i].Data)
			}
		}
	}
}

// TestListingNextTakesChangesInPlace checks that a content change is
// taken in place and an added file makes the listing again, both giving
// the list of the files as they are.
func TestListingNextTakesChangesInPlace(t *testing.T) {
	sums := map[string][sha256.Size]byte{"a.html": Sum([]byte("a")), "b.html": Sum([]byte("b"))}
	l, _ := (*Listing)(nil).Next([]string{"a.html", "b.html"}, sumIn(sums), nil)
	sums["b.html"] = Sum([]byte("b, sửa"))
	if at, ok := l.indexes([]string{"a.html", "b.html"}, []string{"b.html"}); !ok || !slices.Equal(at, []int{1}) {
		t.Errorf("a content change: indexes %v, %v; want [1], true", at, ok)
	}
	sums["c.html"] = Sum([]byte("c"))
	if _, ok := l.indexes([]string{"a.html", "b.html", "c.html"}, []string{"c.html"}); ok {
		t.Error("an added file is taken in place")
	}
	_, files := l.Next([]string{"a.html", "b.html", "c.html"}, sumIn(sums), []string{"c.html"})
	list, err := ParseList(files[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(list.Files); !slices.Equal(got, []string{"a.html", "b.html", "c.html"}) || list.Files[1].Size != int64(len("b, sửa")) {
		t.Errorf("list %+v", list.Files)
	}
}

// sumIn returns the look-up of sums, as Listing.Next takes them.
func sumIn(sums map[string][sha256.Size]byte) func(string) [sha256.Size]byte {
	return func(name string) [sha256.Size]byte { return sums[name] }
}
