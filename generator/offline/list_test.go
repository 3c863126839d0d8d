package offline

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	minjson "github.com/tdewolff/minify/v2/json"
)

func TestSumKeepsTheSize(t *testing.T) {
	for _, data := range []string{"", "a", "Kế hoạch 205/KH-UBND", strings.Repeat("x", 1<<20)} {
		s := Sum([]byte(data))
		if got := SizeOf(s); got != int64(len(data)) {
			t.Errorf("SizeOf(Sum(%d bytes)) = %d", len(data), got)
		}
		full := sha256.Sum256([]byte(data))
		if string(s[:24]) != string(full[:24]) {
			t.Errorf("Sum(%d bytes) does not start with the SHA-256", len(data))
		}
	}
	if Sum([]byte("ab")) == Sum([]byte("ba")) {
		t.Error("two contents of the same size have the same sum")
	}
}

// list makes a list from "path=content" pairs.
func list(pairs ...string) List {
	sums := map[string][sha256.Size]byte{}
	var names []string
	for _, p := range pairs {
		name, data, _ := strings.Cut(p, "=")
		names = append(names, name)
		sums[name] = Sum([]byte(data))
	}
	return NewList(names, sums)
}

func paths(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Path)
	}
	return out
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name          string
		saved, next   List
		fetch, remove []string
	}{
		{"nothing saved: everything", List{}, list("a.html=1", "b.js=2"), []string{"a.html", "b.js"}, nil},
		{"same build: nothing", list("a.html=1", "b.js=2"), list("a.html=1", "b.js=2"), nil, nil},
		{"one changed", list("a.html=1", "b.js=2", "c.js=3"), list("a.html=1", "b.js=2!", "c.js=3"), []string{"b.js"}, nil},
		{"same size, new content", list("a.html=ab"), list("a.html=ba"), []string{"a.html"}, nil},
		{"added and removed", list("a.html=1", "old.html=2"), list("a.html=1", "new.html=2"),
			[]string{"new.html"}, []string{"old.html"}},
		{"moved: same content, new path", list("x/a.png=P"), list("y/a.png=P"), []string{"y/a.png"}, []string{"x/a.png"}},
		{"everything gone", list("a.html=1"), List{}, nil, []string{"a.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Diff(tc.saved, tc.next)
			if got := paths(c.Fetch); !reflect.DeepEqual(got, tc.fetch) {
				t.Errorf("fetch %v, want %v", got, tc.fetch)
			}
			if !reflect.DeepEqual(c.Remove, tc.remove) {
				t.Errorf("remove %v, want %v", c.Remove, tc.remove)
			}
			var want int64
			for _, f := range c.Fetch {
				want += f.Size
			}
			if c.Bytes() != want {
				t.Errorf("Bytes() = %d, want %d", c.Bytes(), want)
			}
		})
	}
}

// roundTrip writes l and reads it back: the same list.
func roundTrip(t *testing.T, l List) {
	t.Helper()
	data, err := l.JSON()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseList(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, l) {
		t.Errorf("read back %+v\nwant %+v", got, l)
	}
}

func TestListRoundTrip(t *testing.T) {
	l := list("404.html=<p>Không tìm thấy</p>", `tài liệu/"sơ đồ".png=PNG`, "van-ban/ke-hoach-205.html=<p>Kế hoạch</p>")
	roundTrip(t, l)
	data, _ := l.JSON()
	if l.Files[0].Size != int64(len("<p>Không tìm thấy</p>")) || len(l.Files[0].Hash) != hashDigits {
		t.Errorf("entry %+v: want the content's size and %d hex digits", l.Files[0], hashDigits)
	}
	if !strings.Contains(string(data), `"bytes":`) || l.Bytes() != l.Files[0].Size+l.Files[1].Size+l.Files[2].Size {
		t.Errorf("total size: %d in %s", l.Bytes(), data)
	}
}

// TestParseListReadsMinifiedNumbers reads sizes as the build's JSON
// minifier writes them (18000 as 18e3).
func TestParseListReadsMinifiedNumbers(t *testing.T) {
	l, err := ParseList([]byte(`{"version":"v","bytes":18e3,"files":[["a.html",18e3,"ab"],["b.html",7,"cd"]]}`))
	if err != nil {
		t.Fatal(err)
	}
	if l.Files[0].Size != 18000 || l.Files[1].Size != 7 {
		t.Errorf("sizes %d, %d; want 18000, 7", l.Files[0].Size, l.Files[1].Size)
	}
}

func TestParseListRefusesBadLists(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"not JSON", `{"version":`, "offline.json"},
		{"not a triple", `{"version":"v","files":[["a.html",1]]}`, "file 1"},
		{"size not a number", `{"version":"v","files":[["a.html","1","ab"]]}`, "file 1"},
		{"negative size", `{"version":"v","files":[["a.html",-1,"ab"]]}`, "file 1"},
		{"part of a byte", `{"version":"v","files":[["a.html",1.5,"ab"]]}`, "file 1"},
		{"empty path", `{"version":"v","files":[["",1,"ab"]]}`, "file 1"},
		{"unsorted", `{"version":"v","files":[["b",1,"ab"],["a",1,"ab"]]}`, "sorted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseList([]byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func FuzzParseList(f *testing.F) {
	seed, _ := list("a.html=1", "b/c.js=22").JSON()
	f.Add(seed)
	f.Add([]byte(`{"version":"v","files":[["a",1,"ab"],["a",1,"ab"]]}`))
	f.Add([]byte(`{"files":[[1,2,3]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseList(data)
		if err != nil {
			return
		}
		roundTrip(t, l) // what reads back writes again and reads back the same
	})
}

// TestListJSONEscapes checks that offline.json writes every path as
// encoding/json does, plain ones and those that need escaping alike, and
// is what the build's JSON minifier makes of that (numbers included).
func TestListJSONEscapes(t *testing.T) {
	paths := []string{"văn-bản/a.html", `q"uote.html`, `back\slash.html`, "a<b>&c.html", "tab\t.html", "line\u2028sep.html", "bad\xffutf8.html", "\ufffd.html"}
	l := List{Version: "v<1>"}
	for i, p := range paths {
		l.Files = append(l.Files, Entry{Path: p, Size: []int64{18000, 7, 100, 1000, 0, 123456789, 1 << 40, 1200}[i], Hash: "00ff"})
	}
	got, _ := l.JSON()
	var b strings.Builder
	v, _ := json.Marshal(l.Version)
	fmt.Fprintf(&b, `{"version":%s,"bytes":%d,"files":[`, v, l.Bytes())
	for i, f := range l.Files {
		if i > 0 {
			b.WriteByte(',')
		}
		p, _ := json.Marshal(f.Path)
		fmt.Fprintf(&b, `[%s,%d,"%s"]`, p, f.Size, f.Hash)
	}
	b.WriteString("]}")
	var want bytes.Buffer
	if err := minjson.Minify(nil, &want, strings.NewReader(b.String()), nil); err != nil {
		t.Fatal(err)
	}
	if string(got) != want.String() {
		t.Errorf("JSON =\n%s\nwant (encoding/json, minified)\n%s", got, want.String())
	}
}
