package theme

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"tusach/generator/diag"
)

func TestLoadReportsSyntaxErrors(t *testing.T) {
	tests := []struct {
		name     string
		layer    fstest.MapFS
		wantPath string
		wantLine int
		wantMsg  string
	}{
		{"partial", fstest.MapFS{"partials/footer.html": {Data: []byte("{{define \"footer\"}}\n<footer>\n{{range}}\n</footer>{{end}}")}},
			"templates/partials/footer.html", 3, "missing value for range"},
		{"page template", fstest.MapFS{"document.html": {Data: []byte("{{define \"main\"}}\n<h1>{{.Page.Title</h1>\n{{end}}")}},
			"templates/document.html", 2, ""},
		{"base", fstest.MapFS{"base.html": {Data: []byte("<!DOCTYPE html>\n<html>\n\n{{khongCoHam}}\n</html>")}},
			"templates/base.html", 4, `function "khongCoHam" not defined`},
		{"strings", fstest.MapFS{"i18n/vi.json": {Data: []byte("{\n\"a\": \"b\",\n\"c\": 3\n}")}},
			"templates/i18n/vi.json", 0, "want a flat JSON object"},
		{"strings syntax", fstest.MapFS{"i18n/en.json": {Data: []byte("{\n\"a\": \"b\"\n\"c\": \"d\"}")}},
			"templates/i18n/en.json", 3, "want a flat JSON object"},
		{"missing kind", fstest.MapFS{"term.html": {Data: []byte("")}}, "templates/term.html", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := themeFS(tt.layer)
			if tt.name == "missing kind" {
				fsys = withoutFile{fsys, "term.html"}
			}
			th, errs := Load(fsys, "en")
			if th != nil || len(errs) == 0 {
				t.Fatal("Load succeeded, want an error")
			}
			e := errs[0]
			if e.Path != tt.wantPath || (tt.wantLine > 0 && e.Line != tt.wantLine) {
				t.Errorf("error at %s:%d, want %s:%d (%v)", e.Path, e.Line, tt.wantPath, tt.wantLine, e)
			}
			if !strings.Contains(e.Error(), tt.wantMsg) {
				t.Errorf("error %q lacks %q", e.Error(), tt.wantMsg)
			}
		})
	}
}

func TestRenderReportsExecutionErrors(t *testing.T) {
	tests := []struct {
		name     string
		layer    fstest.MapFS
		wantPath string
		wantLine int
		wantMsg  string
	}{
		{"missing field", fstest.MapFS{"partials/footer.html": {Data: []byte("{{define \"footer\"}}\n<footer>\n{{.Page.KhongCo}}</footer>{{end}}")}},
			"templates/partials/footer.html", 3, "KhongCo"},
		{"undefined template in a partial", fstest.MapFS{"partials/footer.html": {Data: []byte("{{define \"footer\"}}\n{{template \"khong-co\" .}}{{end}}")}},
			"templates/partials/footer.html", 2, `no such template "khong-co"`},
		{"unknown asset", fstest.MapFS{"document.html": {Data: []byte("{{define \"main\"}}\n\n<img src=\"{{$.Root}}{{asset \"khong-co.png\"}}\">{{end}}")}},
			"templates/document.html", 3, `no asset "khong-co.png"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture()
			th := loadTheme(t, "vi", tt.layer)
			var out strings.Builder
			err := th.Render(&out, View{Site: f.site, Page: f.doc1, Root: "../"})
			var e *diag.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want a *diag.Error", err)
			}
			if e.Path != tt.wantPath || e.Line != tt.wantLine {
				t.Errorf("error at %s:%d, want %s:%d (%v)", e.Path, e.Line, tt.wantPath, tt.wantLine, e)
			}
			if !strings.Contains(e.Msg, tt.wantMsg) || !strings.Contains(e.Msg, f.doc1.URL) {
				t.Errorf("message %q lacks %q or the page URL", e.Msg, tt.wantMsg)
			}
			if out.Len() != 0 {
				t.Errorf("wrote %d bytes of a failed page", out.Len())
			}
		})
	}
}

func TestRenderMissingTemplate(t *testing.T) {
	f := newFixture()
	th := loadTheme(t, "vi")
	f.sp.Kind = "khac"
	err := th.Render(&strings.Builder{}, View{Site: f.site, Page: f.sp})
	if err == nil || !strings.HasPrefix(err.Error(), "templates/khac.html: missing") {
		t.Errorf("err = %v", err)
	}
}

// FuzzLoadPartial feeds arbitrary text as a site's footer partial: Load
// must not panic, and any error must name that file.
func FuzzLoadPartial(f *testing.F) {
	f.Add(`{{define "footer"}}<footer>{{.Site.Settings.Title}}</footer>{{end}}`)
	f.Add("{{define \"footer\"}}\n{{if}}\n{{end}}")
	f.Add(`{{define "footer"}}<a href="{{.}}">{{end}}`)
	f.Add(`{{template "footer" .}}`)
	f.Add("{{/* unclosed")
	f.Fuzz(func(t *testing.T, src string) {
		layer := fstest.MapFS{"partials/footer.html": {Data: []byte(src)}}
		th, errs := Load(themeFS(layer), "vi")
		if th == nil && len(errs) == 0 {
			t.Fatal("no theme and no error")
		}
		for _, e := range errs {
			if !strings.HasPrefix(e.Path, "templates/") {
				t.Errorf("error path %q outside templates/", e.Path)
			}
		}
	})
}
