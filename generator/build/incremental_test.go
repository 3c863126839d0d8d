package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"tusach/generator/diag"
	"tusach/generator/internal/testsite"
	"tusach/generator/output"
	"tusach/generator/serve/preview"
	"tusach/generator/site"
)

// sampleSite copies the repository's sample site (content/, with a study
// path, numbered documents and an image) into a new temporary folder.
func sampleSite(t *testing.T) string {
	t.Helper()
	return testsite.Sample(t)
}

// served is what a Session has produced so far, as the dev server keeps it.
type served struct {
	files map[string][]byte
}

// apply runs one Update (and the search job it calls for) and merges the
// files into s, as the dev server does.
func (s *served) apply(t *testing.T, sess *Session, changed []string) (Update, error) {
	t.Helper()
	sink := preview.NewMemorySink(output.NewMinifier())
	up, err := sess.Update(context.Background(), sink, changed)
	if err != nil {
		return up, err
	}
	s.merge(sink.Files(), up)
	if up.SearchStale {
		job := sess.NewSearchJob()
		if job == nil {
			t.Fatal("search stale but no search job")
		}
		if err := job.Run(); err != nil {
			t.Fatal(err)
		}
		sink := preview.NewMemorySink(output.NewMinifier())
		sup, ok, err := sess.ApplySearch(sink, job)
		if err != nil || !ok {
			t.Fatalf("ApplySearch: %v %v", ok, err)
		}
		s.merge(sink.Files(), sup)
	}
	if sess.NewSearchJob() != nil {
		t.Fatal("search still stale after ApplySearch")
	}
	return up, nil
}

func (s *served) merge(written map[string][]byte, up Update) {
	if up.Complete || s.files == nil {
		s.files = map[string][]byte{}
	}
	for _, name := range up.Removed {
		delete(s.files, name)
	}
	for name, data := range written {
		s.files[name] = data
	}
}

// diffTrees describes how got differs from want, or returns "".
func diffTrees(got, want map[string][]byte) string {
	var diffs []string
	for name, w := range want {
		if g, ok := got[name]; !ok {
			diffs = append(diffs, name+": missing")
		} else if !bytes.Equal(g, w) {
			diffs = append(diffs, name+": differs")
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, name+": not in tusach build")
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "\n")
}

func appendTo(t *testing.T, root, rel, text string) []string {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, text...), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{rel}
}

func put(t *testing.T, root, rel, text string) []string {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{rel}
}

func replaceIn(t *testing.T, root, rel, old, new string) []string {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s lacks %q", rel, old)
	}
	return put(t, root, rel, strings.Replace(string(data), old, new, 1))
}

// TestSessionEqualsBuild applies a script of edits to the sample site and
// checks, after each, that the files a Session produced equal a clean
// `tusach build` byte for byte, that the fast path is taken exactly for
// the edits it can handle, and that errors keep the last good build.
func TestSessionEqualsBuild(t *testing.T) {
	root := sampleSite(t)
	const doc = "content/huong-dan/lien-ket.md"
	const lesson = "content/hoc-tap/ke-hoach-205/tom-tat.md"
	steps := []struct {
		name  string
		edit  func() []string
		fast  bool   // the fast path must be taken
		fails string // the build must fail with this text
	}{
		{"first build", func() []string { return nil }, false, ""},
		{"append a paragraph", func() []string { return appendTo(t, root, doc, "\nMột đoạn mới, thêm vài chữ.\n") }, true, ""},
		{"add a heading", func() []string { return appendTo(t, root, doc, "\n## Mục mới thêm\n\nNội dung.\n") }, true, ""},
		{"edit a section's text", func() []string { return appendTo(t, root, "content/huong-dan/_index.md", "\nThêm lời dẫn.\n") }, true, ""},
		{"edit the home page's text", func() []string { return appendTo(t, root, "content/_index.md", "\nChào bạn.\n") }, true, ""},
		{"save without a change", func() []string { return appendTo(t, root, doc, "") }, true, ""},
		{"an editor's swap file", func() []string { return put(t, root, "content/huong-dan/.lien-ket.md.swp", "x") }, true, ""},
		{"edit a lesson of a study path", func() []string { return appendTo(t, root, lesson, "\nGhi nhớ thêm.\n") }, false, ""},
		{"change a title", func() []string { return replaceIn(t, root, doc, "title: ", "title: Bản mới ") }, false, ""},
		{"break the front matter", func() []string { return replaceIn(t, root, doc, "title: ", "title: [hỏng\n") }, false, doc + ":"},
		{"fix it", func() []string { return replaceIn(t, root, doc, "title: [hỏng\n", "title: ") }, true, ""},
		{"a broken link", func() []string { return appendTo(t, root, doc, "\n[mất](khong-co.md)\n") }, true, "broken link"},
		{"remove the broken link", func() []string { return replaceIn(t, root, doc, "\n[mất](khong-co.md)\n", "\n") }, true, ""},
		{"link to a missing heading", func() []string { return appendTo(t, root, doc, "\n[mục](bat-dau.md#khong-co)\n") }, false, "no heading"},
		{"and back", func() []string { return replaceIn(t, root, doc, "\n[mục](bat-dau.md#khong-co)\n", "\n") }, true, ""},
		{"cite a document by number", func() []string { return appendTo(t, root, doc, "\nTheo Kế hoạch số 205/KH-UBND.\n") }, false, ""},
		{"create a document", func() []string {
			return put(t, root, "content/huong-dan/moi.md", "---\ntitle: Tài liệu mới\ntags: [mới]\n---\n\nXem [liên kết](lien-ket.md).\n")
		}, false, ""},
		{"edit the new document", func() []string { return appendTo(t, root, "content/huong-dan/moi.md", "\nThêm.\n") }, true, ""},
		{"rename it", func() []string {
			if err := os.Rename(filepath.Join(root, "content/huong-dan/moi.md"), filepath.Join(root, "content/huong-dan/doi-ten.md")); err != nil {
				t.Fatal(err)
			}
			return []string{"content/huong-dan/moi.md", "content/huong-dan/doi-ten.md"}
		}, false, ""},
		{"delete it", func() []string {
			if err := os.Remove(filepath.Join(root, "content/huong-dan/doi-ten.md")); err != nil {
				t.Fatal(err)
			}
			return []string{"content/huong-dan/doi-ten.md"}
		}, false, ""},
		{"change an image", func() []string {
			return appendTo(t, root, "content/huong-dan/anh/cau-truc-thu-muc.svg", "\n<!-- đổi -->\n")
		}, false, ""},
		{"override a template", func() []string {
			return put(t, root, "templates/partials/footer.html", `{{define "footer"}}<footer>{{.Page.Title}} · {{.Page.Words}}</footer>{{end}}`)
		}, false, ""},
		{"edit under an override", func() []string { return appendTo(t, root, doc, "\nThêm nữa.\n") }, true, ""},
	}
	sess := NewSession(Options{Source: root, Theme: defaultTheme(t)})
	var out served
	for _, step := range steps {
		changed := step.edit()
		up, err := out.apply(t, sess, changed)
		if step.fails != "" {
			if err == nil || !strings.Contains(err.Error(), step.fails) {
				t.Fatalf("%s: error %v, want one mentioning %q", step.name, err, step.fails)
			}
			if len(diag.AsList(err)) == 0 {
				t.Fatalf("%s: error %v carries no diagnostics", step.name, err)
			}
			if _, berr := Generate(context.Background(), Options{Source: root, Theme: defaultTheme(t)}); berr == nil || berr.Error() != err.Error() {
				t.Fatalf("%s: session error\n%v\nbut tusach build says\n%v", step.name, err, berr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if up.Full == step.fast {
			t.Errorf("%s: full pipeline %v, want %v", step.name, up.Full, !step.fast)
		}
		want := readTree(t, buildInto(t, root))
		if d := diffTrees(out.files, want); d != "" {
			t.Fatalf("%s: session output differs from tusach build:\n%s", step.name, d)
		}
	}
}

// buildInto runs `tusach build` of root into a new folder and returns it.
func buildInto(t *testing.T, root string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: root, Dest: dest, Theme: defaultTheme(t)}); err != nil {
		t.Fatalf("tusach build: %v", err)
	}
	return dest
}

// TestFastPathRendersFewPages checks that a body edit renders only the
// edited page and the study path's printable page, writes only files that
// changed, and leaves the search index for later.
func TestFastPathRendersFewPages(t *testing.T) {
	root := sampleSite(t)
	sess := NewSession(Options{Source: root, Theme: defaultTheme(t)})
	var out served
	first, err := out.apply(t, sess, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Complete || first.SearchStale {
		t.Fatalf("first build: complete %v, search stale %v", first.Complete, first.SearchStale)
	}
	sink := preview.NewMemorySink(output.NewMinifier())
	up, err := sess.Update(context.Background(), sink, appendTo(t, root, "content/huong-dan/lien-ket.md", "\nThêm một câu.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if up.Full || up.Pages != 2 || !up.SearchStale {
		t.Fatalf("fast path: full %v, %d pages, search stale %v; want 2 pages (the edited one and in.html)", up.Full, up.Pages, up.SearchStale)
	}
	wantWritten := []string{"huong-dan/lien-ket.html", "offline.json", "sw.js"}
	if !reflect.DeepEqual(up.Written, wantWritten) {
		t.Errorf("written %v, want %v", up.Written, wantWritten)
	}
}

// TestOutOfDate checks the safety net for changes the watcher missed: an
// edit, a new file and a removed one are found without any event, and an
// Update with what it found equals a clean build.
func TestOutOfDate(t *testing.T) {
	root := sampleSite(t)
	sess := NewSession(Options{Source: root, Theme: defaultTheme(t)})
	var out served
	if _, err := out.apply(t, sess, nil); err != nil {
		t.Fatal(err)
	}
	if got := sess.OutOfDate(); got != nil {
		t.Fatalf("right after a build: out of date %v", got)
	}
	p := filepath.Join(root, "content/huong-dan/lien-ket.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, append(data, "\nSửa mà không ai báo, dài hơn.\n"...), 0o644)
	got := sess.OutOfDate()
	if !reflect.DeepEqual(got, []string{"content/huong-dan/lien-ket.md"}) {
		t.Fatalf("after a silent edit: %v", got)
	}
	if up, err := out.apply(t, sess, got); err != nil || up.Full {
		t.Fatalf("update: full %v, %v", up.Full, err)
	}
	quiet := put(t, root, "content/huong-dan/lang-le.md", "---\ntitle: Lặng lẽ\n---\n\nThêm.\n")
	if got := sess.OutOfDate(); !reflect.DeepEqual(got, []string{"content"}) {
		t.Fatalf("after a silent create: %v", got)
	}
	if _, err := out.apply(t, sess, []string{"content"}); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, quiet[0]))
	got = sess.OutOfDate()
	if !reflect.DeepEqual(got, []string{"content"}) {
		t.Fatalf("after a silent removal: %v", got)
	}
	if _, err := out.apply(t, sess, got); err != nil {
		t.Fatal(err)
	}
	if d := diffTrees(out.files, readTree(t, buildInto(t, root))); d != "" {
		t.Fatalf("after catching up:\n%s", d)
	}
	if got := sess.OutOfDate(); got != nil {
		t.Fatalf("after catching up: out of date %v", got)
	}
}

// TestPatchEqualsAssemble checks that the pages the fast path patches have
// every field as site.Assemble would set it, so that no field added to
// site.Page is forgotten by patchPage.
func TestPatchEqualsAssemble(t *testing.T) {
	root := sampleSite(t)
	sess := NewSession(Options{Source: root, Theme: defaultTheme(t)})
	var out served
	if _, err := out.apply(t, sess, nil); err != nil {
		t.Fatal(err)
	}
	changed := appendTo(t, root, "content/huong-dan/lien-ket.md", "\n## Thêm mục\n\nBa chữ nữa [đây](#them-muc).\n")
	changed = append(changed, appendTo(t, root, "content/huong-dan/_index.md", "\nMở đầu.\n")...)
	if up, err := out.apply(t, sess, changed); err != nil || up.Full {
		t.Fatalf("fast path: full %v, %v", up.Full, err)
	}
	g, err := Generate(context.Background(), Options{Source: root, Theme: defaultTheme(t)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*site.Page{}
	for _, p := range sess.st.site.Pages {
		got[p.URL] = p
	}
	for _, want := range g.Site.Pages {
		p := got[want.URL]
		if p == nil {
			t.Errorf("%s: missing", want.URL)
			continue
		}
		if d := pageDiff(p, want); d != "" {
			t.Errorf("%s: %s", want.URL, d)
		}
	}
}

// pageDiff names the first field in which two pages of two assemblies
// differ; pages and terms they point to are compared by URL.
func pageDiff(a, b *site.Page) string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		name := va.Type().Field(i).Name
		if !reflect.DeepEqual(byURL(va.Field(i)), byURL(vb.Field(i))) {
			return fmt.Sprintf("field %s differs", name)
		}
	}
	return ""
}

// byURL replaces pointers to values with a URL field (pages, terms,
// taxonomies), alone or in slices, by their URLs.
func byURL(v reflect.Value) any {
	urlOf := func(p reflect.Value) any {
		if p.IsNil() {
			return nil
		}
		if f := p.Elem().FieldByName("URL"); f.IsValid() {
			return f.String()
		}
		return p.Interface()
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct:
		if _, ok := v.Type().Elem().FieldByName("URL"); ok {
			return urlOf(v)
		}
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Pointer:
		if _, ok := v.Type().Elem().Elem().FieldByName("URL"); ok {
			out := make([]any, v.Len())
			for i := range out {
				out[i] = urlOf(v.Index(i))
			}
			return out
		}
	}
	return v.Interface()
}
