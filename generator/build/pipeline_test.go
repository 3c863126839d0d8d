package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"tusach/generator/diag"
	"tusach/generator/internal/testsite"
	"tusach/generator/output"
	"tusach/generator/site"
)

// sampleSite copies the repository's sample site (content/, with a study
// path, numbered documents and an image) into a new temporary folder.
func sampleSite(t *testing.T) string {
	t.Helper()
	return testsite.Sample(t)
}

// warm returns a pipeline as `tusach serve` runs it: memos on, search
// index deferred.
func warm(t testing.TB, root string) *Pipeline {
	t.Helper()
	p := NewPipeline(Options{Source: root, Theme: defaultTheme(t)})
	p.DeferIndex = true
	return p
}

// cold runs the pipeline once with every memo off and returns its files
// and error: the reference a warm pipeline must equal.
func cold(t testing.TB, root string) (map[string][]byte, error) {
	t.Helper()
	p := NewPipeline(Options{Source: root, Theme: defaultTheme(t)})
	p.NoMemo = true
	tree, _, err := p.Run(context.Background(), nil)
	if err != nil {
		return nil, err
	}
	return filesOf(t, tree), nil
}

// filesOf reads every file of tree, wherever it keeps them.
func filesOf(t testing.TB, tree *output.Tree) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte, tree.Len())
	for _, name := range tree.Names() {
		data, err := tree.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	return files
}

// served is what a warm pipeline has produced so far, as the dev server
// keeps it.
type served struct {
	files map[string][]byte
}

// apply runs one Run (and the Index it calls for) on p, as the dev server
// does, and keeps the files.
func (s *served) apply(t *testing.T, p *Pipeline, changed []string) (Update, error) {
	t.Helper()
	tree, up, err := p.Run(context.Background(), changed)
	if err != nil {
		return up, err
	}
	s.files = filesOf(t, tree)
	if up.Stale {
		tree, _, ok, err := p.Index(context.Background())
		if err != nil || !ok {
			t.Fatalf("Index: %v %v", ok, err)
		}
		s.files = filesOf(t, tree)
	}
	if _, _, ok, err := p.Index(context.Background()); ok || err != nil {
		t.Fatalf("search still stale after Index (%v)", err)
	}
	return up, nil
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

// TestWarmEqualsCold applies a script of edits to the sample site and
// checks, after each, that the files of a warm pipeline (memos on) equal
// those of a cold run (memos off) byte for byte, that the fast path is
// taken exactly for the edits it can handle, and that errors keep the last
// good run.
func TestWarmEqualsCold(t *testing.T) {
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
	sess := warm(t, root)
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
			if _, cerr := cold(t, root); cerr == nil || cerr.Error() != err.Error() {
				t.Fatalf("%s: warm error\n%v\nbut a cold run says\n%v", step.name, err, cerr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if up.Full == step.fast {
			t.Errorf("%s: full pipeline %v, want %v", step.name, up.Full, !step.fast)
		}
		want, err := cold(t, root)
		if err != nil {
			t.Fatalf("%s: cold: %v", step.name, err)
		}
		if d := diffTrees(out.files, want); d != "" {
			t.Fatalf("%s: warm output differs from a cold run:\n%s", step.name, d)
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
// changed, and leaves the offline list for later, and the search index
// when the document is in it (the manual, content/huong-dan, is kept out
// of search).
func TestFastPathRendersFewPages(t *testing.T) {
	root := sampleSite(t)
	sess := warm(t, root)
	var out served
	first, err := out.apply(t, sess, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Full || first.Stale {
		t.Fatalf("first build: full %v, search stale %v", first.Full, first.Stale)
	}
	_, up, err := sess.Run(context.Background(), appendTo(t, root, "content/huong-dan/lien-ket.md", "\nThêm một câu.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if up.Full || up.Pages != 2 || !up.Stale {
		t.Fatalf("fast path: full %v, %d pages, stale %v; want 2 pages (the edited one and in.html), the offline list left for Index", up.Full, up.Pages, up.Stale)
	}
	if want := []string{"huong-dan/lien-ket.html"}; !reflect.DeepEqual(up.Written, want) {
		t.Errorf("written %v, want %v", up.Written, want)
	}
	_, iup, ok, err := sess.Index(context.Background())
	if want := []string{"offline.json", "sw.js"}; err != nil || !ok || !reflect.DeepEqual(iup.Written, want) {
		t.Errorf("Index after an edit of a document out of search: ok %v, written %v, %v; want %v", ok, iup.Written, err, want)
	}
	_, up, err = sess.Run(context.Background(), appendTo(t, root, "content/hoc-tap/cach-ghi-chep.md", "\nThêm một câu.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if up.Full || !up.Stale || slices.ContainsFunc(up.Written, func(n string) bool { return strings.HasPrefix(n, "search/") }) {
		t.Fatalf("fast path on a searchable document: full %v, stale %v, written %v; want the search files left for Index",
			up.Full, up.Stale, up.Written)
	}
	if _, iup, ok, err := sess.Index(context.Background()); err != nil || !ok || !slices.Contains(iup.Written, "offline.json") ||
		!slices.ContainsFunc(iup.Written, func(n string) bool { return strings.HasPrefix(n, "search/") }) {
		t.Fatalf("Index after the edit: ok %v, written %v, %v; want search files and offline.json", ok, iup.Written, err)
	}
}

// TestOutOfDate checks the safety net for changes the watcher missed: an
// edit, a new file and a removed one are found without any event, and a
// Run with what it found equals a clean build.
func TestOutOfDate(t *testing.T) {
	root := sampleSite(t)
	sess := warm(t, root)
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
	got = sess.OutOfDate()
	if !reflect.DeepEqual(got, quiet) {
		t.Fatalf("after a silent create: %v", got)
	}
	if _, err := out.apply(t, sess, got); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, quiet[0]))
	got = sess.OutOfDate()
	if !reflect.DeepEqual(got, quiet) {
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
// site.Page is forgotten by site.Patch.
func TestPatchEqualsAssemble(t *testing.T) {
	root := sampleSite(t)
	sess := warm(t, root)
	var out served
	if _, err := out.apply(t, sess, nil); err != nil {
		t.Fatal(err)
	}
	changed := appendTo(t, root, "content/huong-dan/lien-ket.md", "\n## Thêm mục\n\nBa chữ nữa [đây](#them-muc).\n")
	changed = append(changed, appendTo(t, root, "content/huong-dan/_index.md", "\nMở đầu.\n")...)
	if up, err := out.apply(t, sess, changed); err != nil || up.Full {
		t.Fatalf("fast path: full %v, %v", up.Full, err)
	}
	ref := NewPipeline(Options{Source: root, Theme: defaultTheme(t)})
	ref.NoMemo = true
	if _, _, err := ref.Run(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got := map[string]*site.Page{}
	for _, p := range sess.last.site.Pages {
		got[p.URL] = p
	}
	for _, want := range ref.last.site.Pages {
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
// differ; pages and terms they point to are compared by URL, the sum of
// the body kept with it by its ContentSum.
func pageDiff(a, b *site.Page) string {
	if a.ContentSum() != b.ContentSum() {
		return "ContentSum differs"
	}
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		name := va.Type().Field(i).Name
		if !va.Type().Field(i).IsExported() {
			continue
		}
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

// TestFullRunRendersFewPages checks, on the sample site, that the whole
// pipeline renders only the pages whose fingerprint changed, that the
// files still equal a clean build, and that a change of the theme renders
// every page again.
func TestFullRunRendersFewPages(t *testing.T) {
	root := sampleSite(t)
	themeDir := t.TempDir()
	if err := os.CopyFS(themeDir, defaultTheme(t)); err != nil {
		t.Fatal(err)
	}
	sess := NewPipeline(Options{Source: root, Theme: os.DirFS(themeDir)})
	sess.DeferIndex = true
	var out served
	if _, err := out.apply(t, sess, nil); err != nil {
		t.Fatal(err)
	}
	check := func(name string, up Update, wantAll bool) {
		t.Helper()
		if !up.Full {
			t.Fatalf("%s: fast path", name)
		}
		total := pages(sess)
		if all := up.Pages == total; all != wantAll {
			t.Errorf("%s: %d of %d pages rendered, want all %v", name, up.Pages, total, wantAll)
		}
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Source: root, Dest: dest, Theme: os.DirFS(themeDir)}); err != nil {
			t.Fatal(err)
		}
		if d := diffTrees(out.files, readTree(t, dest)); d != "" {
			t.Fatalf("%s: warm output differs from tusach build:\n%s", name, d)
		}
	}
	const doc = "content/huong-dan/lien-ket.md"
	up, err := out.apply(t, sess, replaceIn(t, root, doc, "title: ", "title: Bản mới "))
	if err != nil {
		t.Fatal(err)
	}
	check("title edit", up, false)
	if !slices.Contains(up.Written, "huong-dan/lien-ket.html") || !slices.Contains(up.Written, "huong-dan/index.html") {
		t.Errorf("title edit wrote %v, want the page and its section among them", up.Written)
	}
	up, err = out.apply(t, sess, put(t, root, "content/huong-dan/moi.md", "---\ntitle: Tài liệu mới\ntags: [mới]\n---\n\nMới.\n"))
	if err != nil {
		t.Fatal(err)
	}
	check("new document", up, false)
	tmpl := filepath.Join(themeDir, "partials", "pager.html")
	data, err := os.ReadFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tmpl, append(data, "\n{{/* đổi */}}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if up, err = out.apply(t, sess, nil); err != nil {
		t.Fatal(err)
	}
	check("theme change", up, true)
}
