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

// TestSectionsOfSections checks that a section holding only sub-sections
// counts their documents, all the way down.
func TestSectionsOfSections(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md":                doc("title: Tủ sách", ""),
		"content/luat/_index.md":           doc("title: Luật", ""),
		"content/luat/dan-su/_index.md":    doc("title: Bộ luật Dân sự", ""),
		"content/luat/dan-su/d1.md":        doc("title: Điều 1", ""),
		"content/luat/dan-su/d2.md":        doc("title: Điều 2", ""),
		"content/luat/hinh-su/a/_index.md": doc("title: Phần A", ""),
		"content/luat/hinh-su/a/d1.md":     doc("title: Điều 1", ""),
		"content/khac.md":                  doc("title: Khác", ""),
	})
	for url, want := range map[string]int{"index.html": 4, "luat/index.html": 3, "luat/dan-su/index.html": 2, "luat/hinh-su/index.html": 1} {
		if got := page(t, s, url).Count; got != want {
			t.Errorf("%s: Count = %d, want %d", url, got, want)
		}
	}
}

// TestFolderTitles checks the titles of sections that give none: a folder
// name with marks as it is (NFC), an ASCII slug made readable with a
// warning naming the folder.
func TestFolderTitles(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md":                 doc("title: Tủ sách", ""),
		"content/Bộ luật dân sự 2015/d1.md": doc("title: Điều 1", ""),
		"content/bo-luat-hinh-su/d1.md":     doc("title: Điều 1", ""),
		"content/co-index/_index.md":        doc("description: không có tiêu đề", ""),
		"content/co-index/d1.md":            doc("title: Điều 1", ""),
		"content/dat-ten/_index.md":         doc("title: Đặt tên", ""),
		"content/dat-ten/d1.md":             doc("title: Điều 1", ""),
		"content/2015/d1.md":                doc("title: Điều 1", ""),
	})
	for url, want := range map[string]string{
		"Bộ luật dân sự 2015/index.html": "Bộ luật dân sự 2015",
		"bo-luat-hinh-su/index.html":     "Bo luat hinh su",
		"co-index/index.html":            "Co index",
		"dat-ten/index.html":             "Đặt tên",
		"2015/index.html":                "2015",
	} {
		if got := page(t, s, url).Title; got != want {
			t.Errorf("%s: title %q, want %q", url, got, want)
		}
	}
	var got []string
	for _, w := range s.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		`content/bo-luat-hinh-su: section titled "Bo luat hinh su" from the folder's name, without marks: add content/bo-luat-hinh-su/_index.md with a title`,
		`content/co-index/_index.md:1: title: missing: the section is titled "Co index" from its folder's name, without marks; add a title`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n got %q\nwant %q", got, want)
	}
}
