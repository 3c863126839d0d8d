package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestRelationsBothWays checks that a relation written on one document
// appears on both, with the inverse label on the target, scope links to
// the target's heading, numbers not in the site listed without a page, and
// the replaced document's ReplacedBy, Expires, status and history.
func TestRelationsBothWays(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md": doc("title: Tủ sách", ""),
		"content/moi.md": doc(`title: Kết luận mới
number: 22-KL/TW
issued: 2024-03-01
effective: 2024-04-01
relations:
  - {type: Thay the, number: "21 - kl/tư"}
  - {type: sửa đổi, number: 68/2020/QH14, scope: khoản 2 Điều 8}
  - {type: hướng dẫn, number: 5/ND-CP, scope: "khoản 1 Điều 8, Điều 80", date: 2024-05-02}`, ""),
		"content/cu.md":   doc("title: Kết luận cũ\nnumber: 21-KL/TW\nissued: 2021-10-10", ""),
		"content/nd.md":   doc("title: Nghị định\nnumber: 5/NĐ-CP\nissued: 2020-01-01", "## Điều 80. Khác\n\n## Điều 8. Phạm vi\n\nchữ\n\n## Phụ lục"),
		"content/khac.md": doc("title: Khác\nnumber: 9/KH\nrelations: [{type: căn cứ, number: 21-KL/TW}, {type: căn cứ, number: 5/NĐ-CP, scope: phụ lục}]", ""),
	})
	moi, cu, nd := page(t, s, "moi.html"), page(t, s, "cu.html"), page(t, s, "nd.html")

	var out []string
	for _, r := range moi.Relations {
		out = append(out, fmt.Sprintf("%s|%s|%v|%s", r.Label, r.Number, r.Page != nil, r.ScopeURL))
	}
	want := "Thay thế|21 - kl/tư|true| ; Sửa đổi|68/2020/QH14|false| ; Hướng dẫn|5/ND-CP|true|#dieu-8-pham-vi"
	if got := strings.Join(out, " ; "); got != want {
		t.Errorf("outgoing:\n got %s\nwant %s", got, want)
	}
	if len(cu.RelatedBy) != 2 || cu.RelatedBy[0].Label != "Bị thay thế bởi" || cu.RelatedBy[0].Page != moi ||
		cu.RelatedBy[0].Number != "22-KL/TW" || cu.RelatedBy[1].Label != "Là căn cứ của" {
		t.Errorf("incoming on the replaced document: %+v", cu.RelatedBy)
	}
	if len(nd.RelatedBy) != 2 || nd.RelatedBy[0].Label != "Được hướng dẫn bởi" || nd.RelatedBy[0].ScopeURL != "#dieu-8-pham-vi" {
		t.Errorf("incoming with scope: %+v", nd.RelatedBy)
	}
	if cu.ReplacedBy != moi || cu.StatusCode != "expired" || !cu.Expires.Equal(date(2024, 4, 1)) {
		t.Errorf("replaced: by %v status %q expires %v", cu.ReplacedBy, cu.StatusCode, cu.Expires)
	}
	if moi.ReplacedBy != nil || moi.StatusCode != "" || nd.StatusCode != "" {
		t.Errorf("not replaced, yet ReplacedBy %v status %q / %q", moi.ReplacedBy, moi.StatusCode, nd.StatusCode)
	}
	var hist []string
	for _, e := range cu.History {
		hist = append(hist, e.Date.Format("2006-01-02")+" "+e.Label+" "+e.Number)
	}
	// "căn cứ" is not an event of the cited document.
	if got := strings.Join(hist, "; "); got != "2021-10-10 Ban hành ; 2024-04-01 Bị thay thế bởi 22-KL/TW" {
		t.Errorf("history: %s", got)
	}
	if nd.History == nil || nd.History[1].Date != date(2024, 5, 2) {
		t.Errorf("history of the guided decree: %+v (want the relation's own date)", nd.History)
	}
	if moi.History == nil || moi.History[1].Label != "Có hiệu lực" {
		t.Errorf("history of the new document: %+v", moi.History)
	}
	if r := page(t, s, "khac.html").Relations[1]; r.ScopeURL != "#phu-luc" {
		t.Errorf("scope naming a heading's text links to %q", r.ScopeURL)
	}
	if page(t, s, "khac.html").History != nil {
		t.Error("a document without events has a history")
	}
}

// TestRelationStatus checks the build-time status: the stated one wins,
// a partial repeal gives partly-expired, an unrelated document none.
func TestRelationStatus(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md": doc("title: Tủ sách", ""),
		"content/a.md":      doc("title: A\nnumber: 1/KH\nstatus: còn hiệu lực\nrelations: [{type: bãi bỏ, number: 2/KH, scope: Điều 3}, {type: bãi bỏ, number: 3/KH}]", ""),
		"content/b.md":      doc("title: B\nnumber: 2/KH", ""),
		"content/c.md":      doc("title: C\nnumber: 3/KH\nstatus: Hết hiệu lực một phần\nexpires: 2030-01-01", ""),
	})
	for url, want := range map[string]string{"a.html": "in-force", "b.html": "partly-expired", "c.html": "partly-expired"} {
		if got := page(t, s, url).StatusCode; got != want {
			t.Errorf("%s: status %q, want %q", url, got, want)
		}
	}
	if c := page(t, s, "c.html"); c.ReplacedBy == nil || !c.Expires.Equal(date(2030, 1, 1)) {
		t.Errorf("c: repealed by %v, expires %v (want its own expiry kept)", c.ReplacedBy, c.Expires)
	}
	if b := page(t, s, "b.html"); b.ReplacedBy != nil {
		t.Error("a partial repeal sets ReplacedBy")
	}
}

// TestRelationErrors checks the errors only the whole site can tell: a
// document relating to itself and replacement cycles, each on the line of
// the relation.
func TestRelationErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // content path → front matter
		want  string
	}{
		{"self by number variant", map[string]string{
			"a.md": "title: A\nnumber: 21-KL/TW\nrelations:\n  - {type: căn cứ, number: 1/KH}\n  - {type: sửa đổi, number: 21-KL/TƯ}",
			"b.md": "title: B\nnumber: 1/KH",
		}, `content/a.md:6: relations: sửa đổi 21-KL/TƯ: a document cannot relate to itself`},
		{"two-document cycle", map[string]string{
			"a.md": "title: A\nnumber: 1/KH\nrelations:\n  - {type: thay thế, number: 2/KH}",
			"b.md": "title: B\nnumber: 2/KH\nrelations:\n  - {type: bãi bỏ, number: 1/KH}",
		}, `content/a.md:5: relations: replacement cycle: 1/KH → 2/KH → 1/KH (a document cannot, through others, replace or repeal itself)`},
		{"three-document cycle", map[string]string{
			"a.md": "title: A\nnumber: 1/KH\nrelations: [{type: thay thế, number: 2/KH}]",
			"b.md": "title: B\nnumber: 2/KH\nrelations: [{type: thay thế, number: 3/KH}]",
			"c.md": "title: C\nnumber: 3/KH\nrelations: [{type: căn cứ, number: 9/KH}, {type: thay thế, number: 1/KH}]",
		}, `content/a.md:4: relations: replacement cycle: 1/KH → 2/KH → 3/KH → 1/KH (a document cannot, through others, replace or repeal itself)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"content/_index.md": doc("title: Tủ sách", "")}
			for name, front := range tt.files {
				fsys["content/"+name] = doc(front, "")
			}
			_, errs := assembleLoose(t, fsys)
			if got := errs.Error(); got != tt.want {
				t.Errorf("errors:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestRelationsNotCycles checks that chains without a loop, partial
// replacements both ways and amendments both ways are not cycles.
func TestRelationsNotCycles(t *testing.T) {
	_, errs := assembleLoose(t, fstest.MapFS{
		"content/_index.md": doc("title: Tủ sách", ""),
		"content/a.md":      doc("title: A\nnumber: 1/KH\nrelations: [{type: thay thế, number: 2/KH}, {type: sửa đổi, number: 3/KH}]", ""),
		"content/b.md":      doc("title: B\nnumber: 2/KH\nrelations: [{type: thay thế, number: 3/KH}]", ""),
		"content/c.md":      doc("title: C\nnumber: 3/KH\nrelations: [{type: sửa đổi, number: 1/KH}, {type: thay thế, number: 1/KH, scope: Điều 2}]", ""),
	})
	if len(errs) > 0 {
		t.Errorf("unexpected errors: %v", errs)
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestAttachments checks that listed attachments are found beside the
// document with their size and type, and that a missing one is an error
// (with a hint when only the letter case differs).
func TestAttachments(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":            doc("title: Tủ sách", ""),
		"content/vb/a.md":              doc("title: A\nattachments: [ban-ky.pdf, phu-luc/bang.xlsx]", ""),
		"content/vb/ban-ky.pdf":        {Data: []byte("%PDF-1.4 12345")},
		"content/vb/phu-luc/bang.xlsx": {Data: []byte("xlsx")},
	}
	s := assembleFS(t, fsys)
	var got []string
	for _, at := range page(t, s, "vb/a.html").Attachments {
		got = append(got, fmt.Sprintf("%s %s %d %s", at.Name, at.URL, at.Size, at.Type))
	}
	if want := "ban-ky.pdf vb/ban-ky.pdf 14 PDF; phu-luc/bang.xlsx vb/phu-luc/bang.xlsx 4 XLSX"; strings.Join(got, "; ") != want {
		t.Errorf("attachments:\n got %s\nwant %s", strings.Join(got, "; "), want)
	}

	fsys["content/vb/b.md"] = doc("title: B\n\nattachments: [Ban-Ky.pdf, khong-co.docx]", "")
	_, errs := assembleLoose(t, fsys)
	want := `content/vb/b.md:4: attachments: "Ban-Ky.pdf": no such file beside the document (content/vb/Ban-Ky.pdf); did you mean ban-ky.pdf (letter case differs)?` + "\n" +
		`content/vb/b.md:4: attachments: "khong-co.docx": no such file beside the document (content/vb/khong-co.docx)`
	if errs.Error() != want {
		t.Errorf("errors:\n got %s\nwant %s", errs.Error(), want)
	}
}

// TestRelationLabelsEnglish checks that an English site gets English
// labels both ways and in the history.
func TestRelationLabelsEnglish(t *testing.T) {
	s := assembleFS(t, fstest.MapFS{
		"content/_index.md": doc("title: Library\nlanguage: en", ""),
		"content/a.md":      doc("title: A\nnumber: 1/KH\nissued: 2024-01-01\nrelations: [{type: thay thế, number: 2/KH}]", ""),
		"content/b.md":      doc("title: B\nnumber: 2/KH\nissued: 2023-01-01", ""),
	})
	a, b := page(t, s, "a.html"), page(t, s, "b.html")
	if a.Relations[0].Label != "Replaces" || b.RelatedBy[0].Label != "Replaced by" {
		t.Errorf("labels %q / %q", a.Relations[0].Label, b.RelatedBy[0].Label)
	}
	if len(b.History) != 2 || b.History[0].Label != "Issued" || b.History[1].Label != "Replaced by" {
		t.Errorf("history %+v", b.History)
	}
}
