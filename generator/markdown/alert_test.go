package markdown

import (
	"strings"
	"testing"
)

func TestAlerts(t *testing.T) {
	tests := []struct {
		marker, lang, class, title string
	}{
		{"[!NOTE]", "vi", "note", "Ghi chú"},
		{"[!TIP]", "vi", "tip", "Mẹo"},
		{"[!IMPORTANT]", "vi", "important", "Quan trọng"},
		{"[!WARNING]", "vi", "warning", "Cảnh báo"},
		{"[!CAUTION]", "vi", "caution", "Thận trọng"},
		{"[!NOTE]", "en", "note", "Note"},
		{"[!TIP]", "en", "tip", "Tip"},
		{"[!IMPORTANT]", "en", "important", "Important"},
		{"[!WARNING]", "en", "warning", "Warning"},
		{"[!CAUTION]", "en", "caution", "Caution"},
		{"[!note]", "", "note", "Ghi chú"}, // any case; default language vi
		{"[!Tip]", "fr", "tip", "Mẹo"},     // unknown language falls back to vi
	}
	for _, tt := range tests {
		t.Run(tt.marker+"/"+tt.lang, func(t *testing.T) {
			src := "> " + tt.marker + "\n> Nội dung **cần** nhớ.\n>\n> Đoạn hai.\n"
			res := render(t, Options{Lang: tt.lang}, src)
			html := string(res.HTML)
			want := `<div class="alert alert-` + tt.class + `" role="note"><p class="alert-title">` + tt.title + "</p>\n" +
				"<p>Nội dung <strong>cần</strong> nhớ.</p>\n<p>Đoạn hai.</p>\n</div>\n"
			if html != want {
				t.Errorf("HTML =\n%s\nwant\n%s", html, want)
			}
			if len(res.Sections) != 1 || res.Sections[0].Text != "Nội dung cần nhớ.\nĐoạn hai." {
				t.Errorf("Sections = %+v: want the alert body without marker or title", res.Sections)
			}
		})
	}
}

func TestAlertMarkerOnItsOwnParagraph(t *testing.T) {
	html := string(render(t, Options{}, "> [!WARNING]\n>\n> Cẩn thận.\n").HTML)
	want := `<div class="alert alert-warning" role="note"><p class="alert-title">Cảnh báo</p>` + "\n<p>Cẩn thận.</p>\n</div>\n"
	if html != want {
		t.Errorf("HTML =\n%s\nwant\n%s", html, want)
	}
}

func TestNotAlerts(t *testing.T) {
	tests := []struct{ name, src string }{
		{"plain quote", "> Trích dẫn."},
		{"unknown marker", "> [!BOGUS]\n> Nội dung."},
		{"marker with text on its line", "> [!NOTE] Nội dung."},
		{"marker alone", "> [!NOTE]"},
		{"marker not first", "> Nội dung.\n> [!NOTE]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := string(render(t, Options{}, tt.src).HTML)
			if strings.Contains(html, "alert") || !strings.HasPrefix(html, "<blockquote>") {
				t.Errorf("HTML = %q, want a plain block quote", html)
			}
		})
	}
}

func TestAlertInListAndNested(t *testing.T) {
	src := "- mục\n\n  > [!TIP]\n  > Mẹo trong danh sách.\n"
	html := string(render(t, Options{}, src).HTML)
	if !strings.Contains(html, `<div class="alert alert-tip" role="note">`) || strings.Contains(html, "[!TIP]") {
		t.Errorf("HTML = %q, want an alert inside the list item", html)
	}
}
