package search

import (
	"reflect"
	"testing"
	"time"

	"tusach/generator/content"
	"tusach/generator/markdown"
	"tusach/generator/site"
)

// TestDocsOf checks what the index gets of a site's document pages: the
// front matter and register fields, the issue date when there is one
// (else the date), the section's title, the text under each heading, and
// nothing of a page that opts out of search.
func TestDocsOf(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	sec := &site.Page{Kind: site.KindSection, URL: "van-ban/index.html", Title: "Văn bản"}
	home := &site.Page{Kind: site.KindHome, URL: "index.html", Title: "Tủ sách"}
	issued := &site.Page{Kind: site.KindDocument, URL: "van-ban/205.html", Title: "Kế hoạch 205", Parent: sec,
		StatusCode: "expired", Expires: day(2023, 1, 1),
		Doc: &content.Document{Meta: content.Meta{Number: "205/KH-UBND", Type: "Kế hoạch", Issuer: "UBND",
			Issued: day(2022, 7, 28), Date: day(2022, 8, 1), Effective: day(2022, 8, 5), Field: "Giáo dục",
			Topics: []string{"ngân sách"}, Tags: []string{"kế hoạch"}}},
		Sections: []markdown.Section{{Text: "Mở đầu."}, {ID: "muc-1", Heading: "Mục 1", Text: "Nội dung."}}}
	dated := &site.Page{Kind: site.KindDocument, URL: "huong-dan.html", Title: "Hướng dẫn", Parent: home,
		Doc: &content.Document{Meta: content.Meta{Date: day(2021, 3, 9)}}}
	hidden := &site.Page{Kind: site.KindDocument, URL: "an.html", Title: "Ẩn", NoSearch: true, Doc: &content.Document{}}
	got := DocsOf(&site.Site{Documents: []*site.Page{issued, hidden, dated}})
	want := []Doc{
		{URL: "van-ban/205.html", Title: "Kế hoạch 205", Section: "Văn bản", Number: "205/KH-UBND", Type: "Kế hoạch",
			Issuer: "UBND", Year: 2022, Date: "28/7/2022", Topics: []string{"ngân sách"}, Tags: []string{"kế hoạch"},
			Parts:  []Part{{Text: "Mở đầu."}, {Anchor: "muc-1", Heading: "Mục 1", Text: "Nội dung."}},
			Issued: "2022-07-28", Effective: "2022-08-05", Expires: "2023-01-01", Field: "Giáo dục", Status: "expired"},
		{URL: "huong-dan.html", Title: "Hướng dẫn", Date: "9/3/2021", Issued: "2021-03-09"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DocsOf:\n got %+v\nwant %+v", got, want)
	}
}
