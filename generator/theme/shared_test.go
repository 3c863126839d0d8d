package theme

import (
	"strings"
	"testing"
	"testing/fstest"

	"tusach/generator/site"
)

// TestSharedKeepsBytes renders every page of the fixture, with a second
// top section, through one Shared and without any: the bytes must be the
// same, each page's navigation marking its own place.
func TestSharedKeepsBytes(t *testing.T) {
	f := newFixture()
	other := &site.Page{Kind: site.KindSection, URL: "khac/index.html", Title: "Khác", Parent: f.home}
	f.home.Subsections = append(f.home.Subsections, other)
	f.site.Register = &site.Page{Kind: site.KindRegister, URL: "so-van-ban/index.html", Title: "Sổ văn bản", Parent: f.home,
		Paging: &site.Paging{Number: 1, Total: 2, First: 1, Last: 2}}
	pages := append(append([]*site.Page(nil), f.site.Pages...), other, f.site.Register)
	th := loadTheme(t, "vi")
	shared := NewShared()
	for _, p := range pages {
		var with, without strings.Builder
		v := View{Site: f.site, Page: p, Root: RootFor(p.URL)}
		if err := th.Render(&without, v); err != nil {
			t.Fatalf("%s: %v", p.URL, err)
		}
		v.Shared = shared
		if err := th.Render(&with, v); err != nil {
			t.Fatalf("%s: %v", p.URL, err)
		}
		if with.String() != without.String() {
			t.Errorf("%s: differs through Shared:\nwith:    %s\nwithout: %s", p.URL, with.String(), without.String())
		}
	}
	if n := len(shared.frags); n < 3 {
		t.Errorf("%d fragments shared, want one per distinct navigation (3 or more)", n)
	}
}

func TestNavOf(t *testing.T) {
	f := newFixture()
	other := &site.Page{Kind: site.KindSection, URL: "khac/index.html", Title: "Khác", Parent: f.home}
	f.home.Subsections = append(f.home.Subsections, other)
	reg := &site.Page{Kind: site.KindRegister, URL: "so-van-ban/index.html"}
	tests := []struct {
		page     *site.Page
		marks    string
		register bool
	}{
		{f.home, "--", false},
		{f.section, "p-", false},
		{f.doc1, "w-", false},
		{other, "-p", false},
		{reg, "--", true},
		{f.notFound, "--", false},
	}
	for _, tc := range tests {
		n := navOf(View{Site: f.site, Page: tc.page, Root: "../"})
		if n.Marks != tc.marks || n.Register != tc.register || n.Root != "../" || n.Site != f.site {
			t.Errorf("navOf(%s) = %q register %v, want %q register %v", tc.page.URL, n.Marks, n.Register, tc.marks, tc.register)
		}
	}
}

func TestMark(t *testing.T) {
	tests := []struct {
		marks string
		i     int
		want  string
	}{
		{"pw-", 0, "page"}, {"pw-", 1, "within"}, {"pw-", 2, ""}, {"pw-", 3, ""}, {"pw-", -1, ""}, {"", 0, ""},
	}
	for _, tc := range tests {
		if got := mark(tc.marks, tc.i); got != tc.want {
			t.Errorf("mark(%q, %d) = %q, want %q", tc.marks, tc.i, got, tc.want)
		}
	}
}

func TestSharedRefusesDataThatCannotNameAFragment(t *testing.T) {
	f := newFixture()
	th := loadTheme(t, "vi")
	v := View{Site: f.site, Page: f.doc1, set: th.pages["document"].tmpl, Shared: NewShared()}
	if _, err := th.shared(v, "site-nav", []string{"x"}); err == nil {
		t.Error("shared with a slice as data: no error")
	}
	if _, err := th.shared(View{}, "site-nav", navOf(v)); err == nil {
		t.Error("shared without a template set: no error")
	}
}

// TestDocListWithoutView checks that doc-list called without "View" (as a
// site's own template may call it) lists the same items as with it.
func TestDocListWithoutView(t *testing.T) {
	f := newFixture()
	tests := []struct{ name, call string }{
		{"with", `{{template "doc-list" (dict "View" $ "Root" $.Root "Pages" .Page.Pages "Ordered" true)}}`},
		{"without", `{{template "doc-list" (dict "Root" $.Root "Pages" .Page.Pages "Ordered" true)}}`},
	}
	var got []string
	for _, tc := range tests {
		own := fstest.MapFS{"section.html": {Data: []byte(`{{define "main"}}` + tc.call + `{{end}}`)}}
		th := loadTheme(t, "vi", own)
		var b strings.Builder
		if err := th.Render(&b, View{Site: f.site, Page: f.section, Root: "../", Shared: NewShared()}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !strings.Contains(b.String(), `<a class="doc-title" href="../van-ban/ke-hoach-205.html">`) {
			t.Errorf("%s: no item of the first document in\n%s", tc.name, b.String())
		}
		got = append(got, b.String())
	}
	if got[0] != got[1] {
		t.Errorf("doc-list differs without View:\nwith:    %s\nwithout: %s", got[0], got[1])
	}
}
