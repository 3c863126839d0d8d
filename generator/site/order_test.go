package site

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestNaturalOrder checks that every list of documents (a section, its
// previous/next links, a term page, the site's newest-first list) orders
// titles naturally: numbers as numbers, leading punctuation ignored, đ
// after d.
func TestNaturalOrder(t *testing.T) {
	fs := fstest.MapFS{"content/_index.md": doc("title: Tủ sách", "")}
	for _, f := range []struct{ file, title string }{
		{"d100", "Điều 100"}, {"d11", "Điều 11"}, {"d2", "Điều 2"}, {"d10", "Điều 10"}, {"d1", "Điều 1"},
		{"thu-tuong", "\"- Thủ tướng chỉ thị\""}, {"bang", "\"'Bằng mọi giá' giữ rừng\""}, {"dan", "Dân số"},
	} {
		fs["content/luat/"+f.file+".md"] = doc("title: "+f.title+"\ntopics: [Luật]\nissued: 2020-01-01", "")
	}
	s := assembleFS(t, fs)
	want := []string{"luat/bang.html", "luat/dan.html", "luat/d1.html", "luat/d2.html", "luat/d10.html",
		"luat/d11.html", "luat/d100.html", "luat/thu-tuong.html"}
	sec := page(t, s, "luat/index.html")
	if got := urlsOf(sec.Pages); !slices.Equal(got, want) {
		t.Errorf("section order:\n got %v\nwant %v", got, want)
	}
	if got := urlsOf(s.Documents); !slices.Equal(got, want) {
		t.Errorf("site order (home latest, register):\n got %v\nwant %v", got, want)
	}
	if got := urlsOf(page(t, s, "chu-de/luat.html").Pages); !slices.Equal(got, want) {
		t.Errorf("term order:\n got %v\nwant %v", got, want)
	}
	d1 := page(t, s, "luat/d1.html")
	if d1.Next == nil || d1.Next.URL != "luat/d2.html" || d1.Prev == nil || d1.Prev.URL != "luat/dan.html" {
		t.Errorf("Điều 1: prev %v, next %v; want Dân số, Điều 2", d1.Prev, d1.Next)
	}
}
