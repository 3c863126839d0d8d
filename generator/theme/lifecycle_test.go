package theme

import (
	"strings"
	"testing"

	"tusach/generator/site"
)

// TestRenderLifecycle checks the document page's lifecycle rows, the
// banner on a repealed document, relations both ways (escaped, linked to
// the scope's heading, or unlinked when not in the site), the history
// table and the status badge's data for assets/status.js.
func TestRenderLifecycle(t *testing.T) {
	f := newFixture()
	d1, d2 := f.doc1, f.doc2
	m := &d1.Doc.Meta
	m.Effective, m.Signer, m.Field = day(2022, 8, 1), "Nguyễn Văn A, Chủ tịch", "Xây dựng Đảng"
	d1.Attachments = []*site.Attachment{{Name: "ban ky.pdf", URL: "van-ban/ban ky.pdf", Size: 1288490, Type: "PDF"}}
	d1.Relations = []*site.Relation{{Type: "thực hiện", Label: "Thực hiện", Number: "30/NQ-CP", Scope: "Điều 2"}}
	d1.RelatedBy = []*site.Relation{{Type: "bãi bỏ", Label: "Bị bãi bỏ bởi", Page: d2, Scope: "", Date: day(2023, 1, 1)},
		{Type: "sửa đổi", Label: "Được sửa đổi bởi", Page: d2, Scope: "mục Yêu cầu", ScopeURL: "#yeu-cau"}}
	d1.ReplacedBy, d1.Expires, d1.StatusCode = d2, day(2023, 1, 1), "expired"
	d1.History = []site.Event{{Date: day(2022, 7, 28), Label: "Ban hành"},
		{Date: day(2023, 1, 1), Label: "Bị bãi bỏ bởi", Page: d2}}
	d2.Relations = []*site.Relation{{Type: "bãi bỏ", Label: "Bãi bỏ", Number: "205/KH-UBND", Page: d1}}

	th := loadTheme(t, "vi")
	out := render(t, th, f.site, d1)
	for _, want := range []string{
		`<div class="banner banner-replaced" role="note">`,
		`<strong>Văn bản này bị bãi bỏ bởi</strong>` + "\n" + `<a href="../van-ban/ket-luan-21.html">&lt;img src=x onerror=alert(1)&gt;</a> (từ ngày <time datetime="2023-01-01">1/1/2023</time>).`,
		`<dt>Người ký</dt><dd>Nguyễn Văn A, Chủ tịch</dd>`,
		`<dt>Ngày có hiệu lực</dt><dd><time datetime="2022-08-01">1/8/2022</time></dd>`,
		`<dt>Ngày hết hiệu lực</dt><dd><time datetime="2023-01-01">1/1/2023</time></dd>`,
		`<div class="doc-status" data-status-row><dt>Tình trạng hiệu lực</dt><dd><span class="status status-expired" data-status="expired" data-effective="2022-08-01" data-expires="2023-01-01">Hết hiệu lực</span></dd></div>`,
		`<dt>Lĩnh vực</dt><dd>Xây dựng Đảng</dd>`,
		"<a href=\"../van-ban/ban%20ky.pdf\">ban ky.pdf</a> <span class=\"muted\">(PDF, 1,2\u00a0MB)</span>",
		`<h2 id="ts-relations">Quan hệ văn bản</h2>`,
		`<li><span class="rel-label">Thực hiện</span> <span class="doc-number">30/NQ-CP</span> <span class="muted">(chưa có trong tủ sách)</span> · phạm vi: Điều 2</li>`,
		`<li><span class="rel-label">Bị bãi bỏ bởi</span> <a href="../van-ban/ket-luan-21.html">&lt;img src=x onerror=alert(1)&gt;</a> · <time datetime="2023-01-01">1/1/2023</time></li>`,
		`· phạm vi: <a href="../van-ban/ke-hoach-205.html#yeu-cau">mục Yêu cầu</a></li>`,
		`<th scope="col">Ngày</th><th scope="col">Sự kiện</th><th scope="col">Văn bản</th><th scope="col">Phạm vi</th>`,
		`<tr><td><time datetime="2022-07-28">28/7/2022</time></td><td>Ban hành</td>` + "\n" + `<td>Văn bản này</td>`,
		`data-status-expired="Hết hiệu lực"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("document page lacks %q", want)
		}
	}
	if strings.Count(out, "<h1") != 1 {
		t.Error("want one h1")
	}
	out = render(t, th, f.site, d2)
	for _, want := range []string{
		`<li><span class="rel-label">Bãi bỏ</span> <a href="../van-ban/ke-hoach-205.html"><span class="doc-headline">Kế hoạch số&nbsp;<span class="doc-number">205/KH-UBND</span></span> <span class="doc-summary">Kế hoạch thực hiện Nghị quyết 30/NQ-CP</span></a></li>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("repealing page lacks %q", want)
		}
	}
	if strings.Contains(out, "banner") {
		t.Error("the newer document has a banner")
	}
	// Lists show the headline, the date and the status.
	out = render(t, th, f.site, f.section)
	want := `<a class="doc-title" href="../van-ban/ke-hoach-205.html"><span class="doc-headline">Kế hoạch số&nbsp;<span class="doc-number">205/KH-UBND</span></span> <span class="doc-summary">Kế hoạch thực hiện Nghị quyết 30/NQ-CP</span></a>`
	if !strings.Contains(out, want) || !strings.Contains(out, `data-status="expired" data-effective="2022-08-01" data-expires="2023-01-01"`) {
		t.Errorf("section list lacks the headline or the status:\n%s", out)
	}
}

// TestRenderStatusWithoutBuildTimeStatus checks that a document with only
// dates has its status hidden for the script to settle, dates readable.
func TestRenderStatusWithoutBuildTimeStatus(t *testing.T) {
	f := newFixture()
	f.doc1.Doc.Meta.Effective = day(2030, 1, 1)
	out := render(t, loadTheme(t, "en"), f.site, f.doc1)
	for _, want := range []string{
		`<div class="doc-status" data-status-row hidden><dt>Status</dt><dd><span class="status" data-status="" data-effective="2030-01-01" data-expires="" hidden></span></dd></div>`,
		`<dt>Effective from</dt><dd><time datetime="2030-01-01">1/1/2030</time></dd>`,
		"<title>Kế hoạch No.\u00a0205/KH-UBND: ",
		`data-status-not-yet="Not yet in force"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestRenderHeadlineTitleInContent checks that a numbered document whose
// title is the body's own heading gets the headline above it, not a second
// h1.
func TestRenderHeadlineTitleInContent(t *testing.T) {
	f := newFixture()
	f.doc1.TitleInContent = true
	out := render(t, loadTheme(t, "vi"), f.site, f.doc1)
	want := `<p class="doc-name"><span class="doc-headline">Kế hoạch số&nbsp;<span class="doc-number">205/KH-UBND</span></span></p>`
	if !strings.Contains(out, want) || strings.Contains(out, "<h1") {
		t.Errorf("want the headline as a paragraph and no template h1")
	}
}
