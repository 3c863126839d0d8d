package site

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/markdown"
)

// TestSectionOrder checks the order within a section: weight first (pages
// with a weight before those without), then date of issue or date, newest
// first, then title in Vietnamese collation; and previous/next links.
func TestSectionOrder(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md":            doc("title: Tủ sách", ""),
		"content/vb/_index.md":         doc("title: Văn bản", ""),
		"content/vb/nang.md":           doc("title: Nặng\nweight: 2", ""),
		"content/vb/nhe.md":            doc("title: Nhẹ\nweight: 1", ""),
		"content/vb/cu.md":             doc("title: Cũ\nissued: 2020-01-01", ""),
		"content/vb/moi.md":            doc("title: Mới\nissued: 2023-05-01", ""),
		"content/vb/ngay.md":           doc("title: Có ngày\ndate: 2021-06-01", ""),
		"content/vb/dang.md":           doc("title: Đảng", ""),
		"content/vb/dan.md":            doc("title: Dân", ""),
		"content/vb/an.md":             doc("title: Ăn", ""),
		"content/vb/a.md":              doc("title: An", ""),
		"content/vb/muc-con/_index.md": doc("title: Mục con\nweight: 5", ""),
		"content/vb/khac/_index.md":    doc("title: Mục khác\nweight: 3", ""),
	})
	sec := page(t, s, "vb/index.html")
	want := []string{
		"vb/nhe.html", "vb/nang.html", // weights 1, 2
		"vb/moi.html", "vb/ngay.html", "vb/cu.html", // newest first: 2023 issued, 2021 date, 2020 issued
		"vb/a.html", "vb/an.html", "vb/dan.html", "vb/dang.html", // An < Ăn < Dân < Đảng
	}
	if got := urlsOf(sec.Pages); !slices.Equal(got, want) {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
	if got := urlsOf(sec.Subsections); !slices.Equal(got, []string{"vb/khac/index.html", "vb/muc-con/index.html"}) {
		t.Errorf("subsections = %v", got)
	}
	first, second := sec.Pages[0], sec.Pages[1]
	if first.Prev != nil || first.Next != second || second.Prev != first {
		t.Error("previous/next links do not follow the section order")
	}
	if got := urlsOf(second.Ancestors); !slices.Equal(got, []string{"index.html", "vb/index.html"}) {
		t.Errorf("breadcrumbs = %v", got)
	}
}

// TestTaxonomies checks terms merged by slug, collation order, years newest
// first, and a document's terms.
func TestTaxonomies(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md": doc("title: Tủ sách", ""),
		"content/a.md":      doc("title: A\ntype: Kế hoạch\nissued: 2022-07-28\ntopics: [Xây dựng Đảng]\ntags: [đảng viên, Cán bộ]", ""),
		"content/b.md":      doc("title: B\ntype: Nghị quyết\nissued: 2021-01-01\ntopics: [xây dựng đảng]\ntags: [cán bộ]", ""),
		"content/c.md":      doc("title: C\ntype: Kế hoạch\nissued: 2023-01-01", ""),
	})
	byKey := map[string]*Taxonomy{}
	for _, tx := range s.Taxonomies {
		byKey[tx.Key] = tx
	}
	topics := byKey["topics"]
	if topics == nil || len(topics.Terms) != 1 || len(topics.Terms[0].Pages) != 2 {
		t.Fatalf("topics: want one merged term with 2 documents, got %+v", topics)
	}
	if topics.Terms[0].URL != "chu-de/xay-dung-dang.html" {
		t.Errorf("term URL = %s", topics.Terms[0].URL)
	}
	var tags []string
	for _, term := range byKey["tags"].Terms {
		tags = append(tags, term.Name)
	}
	if strings.Join(tags, "|") != "Cán bộ|đảng viên" {
		t.Errorf("tags in collation order = %q", tags)
	}
	var years []string
	for _, term := range byKey["year"].Terms {
		years = append(years, term.Name)
	}
	if strings.Join(years, "|") != "2023|2022|2021" {
		t.Errorf("years = %q, want newest first", years)
	}
	kh := byKey["type"].Terms[0]
	if kh.Name != "Kế hoạch" || !slices.Equal(urlsOf(kh.Pages), []string{"c.html", "a.html"}) {
		t.Errorf("Kế hoạch term = %s %v, want newest first", kh.Name, urlsOf(kh.Pages))
	}
	if a := page(t, s, "a.html"); len(a.Terms) != 5 {
		t.Errorf("a.html has %d terms, want 5 (type, year, topic, two tags)", len(a.Terms))
	}
}

func TestAssembleReportsClashesAndMissingTitles(t *testing.T) {
	src := fstest.MapFS{
		"content/_index.md":        doc("title: Tủ sách", ""),
		"content/chu-de/_index.md": doc("title: Chủ đề riêng", ""),
		"content/a.md":             doc("topics: [X]", "không có tiêu đề"),
	}
	_, errs := assembleLoose(t, src)
	msg := errs.Error()
	for _, want := range []string{"content/a.md:1: title:", "chu-de/index.html"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
}

// assembleLoose loads, renders and assembles fsys and returns the
// assembler's diagnostics instead of failing on them.
func assembleLoose(t *testing.T, fsys fstest.MapFS) (*Site, diag.List) {
	t.Helper()
	src, errs := content.Load(fsys, content.Options{})
	if len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	md := markdown.New(markdown.Options{})
	rendered := map[string]*markdown.Result{}
	for _, d := range append(append([]*content.Document(nil), src.Sections...), src.Documents...) {
		r := md.Render(markdown.Input{File: d.File, Path: d.Path, Source: d.Body, FirstLine: d.BodyLine})
		rendered[d.Path] = &r
	}
	return Assemble(src, rendered)
}

// TestHeadingTitleWithoutControls checks that a title taken from the first
// heading loses its control and bidirectional formatting characters.
func TestHeadingTitleWithoutControls(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md": doc("title: Tủ sách", ""),
		"content/a.md":      {Data: []byte("# Kế\u202E hoạch\x1b 205\n\nThân.\n")},
	})
	if got := page(t, s, "a.html").Title; got != "Kế hoạch 205" {
		t.Errorf("title %q, want %q", got, "Kế hoạch 205")
	}
}
