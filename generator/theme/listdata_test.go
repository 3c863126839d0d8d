package theme

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"tusach/generator/site"
)

// TestListData renders the data files of a list of documents and of a
// taxonomy's terms, and reads them back as list-filter.js does: the
// callback's argument, folders and headlines shared, items in order.
func TestListData(t *testing.T) {
	f := newFixture()
	th := loadTheme(t, "vi")
	read := func(p *site.Page) listData {
		t.Helper()
		out := render(t, th, f.site, p)
		body, ok := strings.CutPrefix(out, ListDataCallback+"(")
		if body, ok = strings.CutSuffix(body, ");\n"); !ok {
			t.Fatalf("%s is not a call of %s: %q", p.URL, ListDataCallback, out)
		}
		if strings.ContainsAny(body, "<>") {
			t.Errorf("%s holds < or > unescaped: %s", p.URL, body)
		}
		var d listData
		if err := json.Unmarshal([]byte(body), &d); err != nil {
			t.Fatalf("%s: %v in %s", p.URL, err, body)
		}
		return d
	}

	pages := append([]*site.Page(nil), f.section.Pages...)
	for i, title := range []string{"Điều 1. Phạm vi — Luật Điện ảnh 2022", "Điều 2. Đối tượng — Luật Điện ảnh 2022",
		"Điều 3. Đối tượng — Luật Điện ảnh 2022", "Điều 4 😀 Luật", "Điều 5 😀 Luật"} {
		pages = append(pages, &site.Page{Kind: site.KindDocument, URL: fmt.Sprintf("luat/dieu-%d.html", i+1), Title: title})
	}
	docs := &site.Page{Kind: site.KindListData, URL: site.ListDataURL(f.section.URL), Pages: pages}
	got := read(docs)
	want := listData{
		Folders:   []string{"van-ban/", "luat/"},
		Ext:       ".html",
		Headlines: [][2]string{{"Kế hoạch số", "205/KH-UBND"}},
		Items: [][]any{
			{0.0, "ke-hoach-205", "Kế hoạch thực hiện Nghị quyết 30/NQ-CP", 0.0},
			{0.0, "ket-luan-21", "<img src=x onerror=alert(1)>"},
			{1.0, "dieu-1", "Điều 1. Phạm vi — Luật Điện ảnh 2022"},
			{1.0, "dieu-2", "Điều 2. Đối tượng", -1.0, 21.0}, // "— Luật Điện ảnh 2022" shared
			{1.0, "dieu-3", "Điều 3.", -1.0, 31.0},
			{1.0, "dieu-4", "Điều 4 😀 Luật"},
			{1.0, "dieu-5", "Điều 5", -1.0, 8.0}, // the emoji is two UTF-16 units
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents' data:\n got %+v\nwant %+v", got, want)
	}

	terms := &site.Page{Kind: site.KindListData, URL: site.ListDataURL(f.taxonomy.URL), Taxonomy: f.taxonomy.Taxonomy}
	got = read(terms)
	want = listData{Folders: []string{"chu-de/"}, Ext: ".html", Headlines: [][2]string{},
		Items: [][]any{{0.0, "xay-dung-dang", "Xây dựng Đảng"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("terms' data:\n got %+v\nwant %+v", got, want)
	}
}
