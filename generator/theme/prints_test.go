package theme

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"tusach/generator/content"
	"tusach/generator/internal/testsite"
	"tusach/generator/markdown"
	"tusach/generator/site"
)

// depsSite is a small site with every kind of page: a home page with a
// body, sections and a subsection, numbered documents citing each other,
// every taxonomy, a study path with its printable page.
var depsSite = fstest.MapFS{
	"content/_index.md":                  {Data: []byte("---\ntitle: Tủ sách\ndescription: Mô tả trang\n---\n\nChào mừng, xem [văn bản](van-ban/_index.md).\n")},
	"content/van-ban/_index.md":          {Data: []byte("---\ntitle: Văn bản\ndescription: Các văn bản\n---\n\nMục văn bản.\n")},
	"content/van-ban/kh-205.md":          {Data: []byte("---\ntitle: Kế hoạch 205\ndescription: Tóm tắt kế hoạch\nnumber: 205/KH-UBND\ntype: Kế hoạch\nissuer: UBND thành phố\nissued: 2022-07-28\ntopics: [Xây dựng Đảng]\ntags: [chỉnh đốn, học tập]\nreferences: [30/NQ-CP]\n---\n\n## Mục một\n\nNội dung.\n\n### Ý nhỏ\n\nThêm.\n\n## Mục hai\n\nHết.\n")},
	"content/van-ban/nq-30.md":           {Data: []byte("---\ntitle: Nghị quyết 30\nnumber: 30/NQ-CP\ntype: Nghị quyết\nissuer: Chính phủ\nissued: 2021-03-01\ntopics: [Xây dựng Đảng, Kinh tế]\n---\n\nThực hiện theo Kế hoạch số 205/KH-UBND.\n")},
	"content/van-ban/muc-con/_index.md":  {Data: []byte("---\ntitle: Mục con\n---\n")},
	"content/van-ban/muc-con/ghi-chu.md": {Data: []byte("---\ntitle: Ghi chú\ndate: 2023-01-05\ntags: [học tập]\n---\n\nGhi chú ngắn.\n")},
	"content/hoc-tap/_index.md":          {Data: []byte("---\ntitle: Học tập\nstudy: true\n---\n\nLộ trình.\n")},
	"content/hoc-tap/bai-1.md":           {Data: []byte("---\ntitle: Bài một\ndescription: Mở đầu\nweight: 1\n---\n\n## Đọc\n\nBài đầu tiên.\n")},
	"content/hoc-tap/bai-2.md":           {Data: []byte("---\ntitle: Bài hai\nweight: 2\ntype: Bài viết\n---\n\nBài thứ hai, theo 30/NQ-CP.\n")},
}

// assembleDeps loads, renders and assembles depsSite with the default
// theme.
func assembleDeps(t *testing.T) (*site.Site, *Theme, [32]byte) {
	t.Helper()
	return assembleSite(t, depsSite)
}

// assembleSite loads, renders and assembles the site fsys with the default
// theme.
func assembleSite(t *testing.T, fsys fstest.MapFS) (*site.Site, *Theme, [32]byte) {
	t.Helper()
	src, errs := content.Load(fsys, content.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	md := markdown.New(markdown.Options{})
	urls, numbers := site.NewURLs(src), site.NewNumbers(src)
	rendered := map[string]*markdown.Result{}
	for _, d := range append(append([]*content.Document(nil), src.Sections...), src.Documents...) {
		from := content.OutputPath(d.Path)
		r := md.Render(markdown.Input{File: d.File, Path: d.Path, Source: d.Body, FirstLine: d.BodyLine,
			Resolve: urls.Resolver(from), Cite: numbers.Resolver(from, d.Meta.Number)})
		if len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
		r.TakeSum() // as the build's Markdown stage: pages' bodies go by these sums
		rendered[d.Path] = &r
	}
	sit, errs := site.Assemble(src, rendered)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	th, errs := Load(testsite.DefaultTheme(t), sit.Lang)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	sum, err := th.Sum()
	if err != nil {
		t.Fatal(err)
	}
	return sit, th, sum
}

// renderOne renders p, an error as its text.
func renderOne(th *Theme, sit *site.Site, p *site.Page) string {
	var buf bytes.Buffer
	if err := th.Render(&buf, View{Site: sit, Page: p, Root: site.RootFor(p.URL)}); err != nil {
		return "error: " + err.Error()
	}
	return buf.String()
}

// mutation is one change of one value reachable from the site, and its
// undoing.
type mutation struct {
	name        string
	apply, undo func()
}

// set returns the mutation that sets v (addressable) to to.
func set(name string, v, to reflect.Value) mutation {
	was := reflect.New(v.Type()).Elem()
	was.Set(v)
	return mutation{name: name, apply: func() { v.Set(to) }, undo: func() { v.Set(was) }}
}

// mutationsOf lists changes of every field of the struct v (addressable),
// following values a page owns (front matter, TOC entries) but not links
// to other pages, terms or taxonomies: those are mutated as roots. other
// is a page to link to where a link is nil or a list empty.
func mutationsOf(name string, v reflect.Value, other *site.Page, term *site.Term) []mutation {
	var out []mutation
	pageType := reflect.TypeFor[*site.Page]()
	termType := reflect.TypeFor[*site.Term]()
	for i := range v.NumField() {
		f := v.Field(i)
		fname := name + "." + v.Type().Field(i).Name
		if !v.Type().Field(i).IsExported() {
			continue
		}
		switch {
		case f.Type() == timeType:
			t := f.Interface().(time.Time)
			if t.IsZero() {
				t = time.Date(2020, 2, 3, 0, 0, 0, 0, time.UTC)
			}
			out = append(out, set(fname, f, reflect.ValueOf(t.AddDate(0, 0, 1))))
		case f.Kind() == reflect.String:
			out = append(out, set(fname, f, reflect.ValueOf(f.String()+"·x").Convert(f.Type())))
		case f.Kind() == reflect.Int:
			out = append(out, set(fname, f, reflect.ValueOf(int(f.Int())+1).Convert(f.Type())))
		case f.Kind() == reflect.Bool:
			out = append(out, set(fname, f, reflect.ValueOf(!f.Bool())))
		case f.Kind() == reflect.Map:
			m := reflect.MakeMap(f.Type())
			for _, k := range f.MapKeys() {
				m.SetMapIndex(k, f.MapIndex(k))
			}
			k := reflect.ValueOf("x-key").Convert(f.Type().Key())
			m.SetMapIndex(k, reflect.Zero(f.Type().Elem()))
			out = append(out, set(fname, f, m))
		case f.Kind() == reflect.Slice:
			out = append(out, sliceMutations(fname, f, other, term)...)
		case f.Type() == pageType:
			if f.IsNil() {
				out = append(out, set(fname, f, reflect.ValueOf(other)))
			} else {
				out = append(out, set(fname+"=nil", f, reflect.Zero(f.Type())))
				if f.Interface() != other {
					out = append(out, set(fname+"=other", f, reflect.ValueOf(other)))
				}
			}
		case f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Struct:
			if f.Type() == termType || f.Type() == reflect.TypeFor[*site.Taxonomy]() {
				out = append(out, set(fname+"=nil", f, reflect.Zero(f.Type())))
				continue
			}
			// Owned (a document, a TOC entry): mutate a copy.
			cp := reflect.New(f.Type().Elem())
			cp.Elem().Set(f.Elem())
			for _, m := range mutationsOf(fname, cp.Elem(), other, term) {
				swap := set(fname, f, cp)
				out = append(out, mutation{name: m.name,
					apply: func() { swap.apply(); m.apply() },
					undo:  func() { m.undo(); swap.undo() }})
			}
		case f.Kind() == reflect.Struct:
			out = append(out, mutationsOf(fname, f, other, term)...)
		}
	}
	return out
}

// sliceMutations drops the last element, reverses, adds one (a page or a
// term where the slice holds them), and mutates each owned element.
func sliceMutations(name string, f reflect.Value, other *site.Page, term *site.Term) []mutation {
	var out []mutation
	n := f.Len()
	if n > 0 {
		out = append(out, set(name+"[drop]", f, f.Slice(0, n-1)))
	}
	if n > 1 {
		rev := reflect.MakeSlice(f.Type(), n, n)
		for i := range n {
			rev.Index(i).Set(f.Index(n - 1 - i))
		}
		out = append(out, set(name+"[reverse]", f, rev))
	}
	var add reflect.Value
	switch elem := f.Type().Elem(); {
	case elem == reflect.TypeFor[*site.Page]():
		add = reflect.ValueOf(other)
	case elem == reflect.TypeFor[*site.Term]():
		add = reflect.ValueOf(term)
	case elem.Kind() == reflect.String:
		add = reflect.ValueOf("thêm").Convert(elem)
	}
	if add.IsValid() {
		out = append(out, set(name+"[add]", f, reflect.Append(reflect.AppendSlice(reflect.MakeSlice(f.Type(), 0, n+1), f), add)))
	}
	for i := range n {
		e := f.Index(i)
		switch {
		case e.Kind() == reflect.String:
			cp := reflect.MakeSlice(f.Type(), n, n)
			reflect.Copy(cp, f)
			cp.Index(i).Set(reflect.ValueOf(e.String() + "·x").Convert(e.Type()))
			out = append(out, set(fmt.Sprintf("%s[%d]", name, i), f, cp))
		case e.Kind() == reflect.Struct:
			cp := reflect.MakeSlice(f.Type(), n, n)
			reflect.Copy(cp, f)
			for _, m := range mutationsOf(fmt.Sprintf("%s[%d]", name, i), cp.Index(i), other, term) {
				swap := set(name, f, cp)
				out = append(out, mutation{name: m.name,
					apply: func() { swap.apply(); m.apply() },
					undo:  func() { m.undo(); swap.undo() }})
			}
		case e.Kind() == reflect.Pointer && e.Type().Elem() == reflect.TypeFor[site.TOCEntry]():
			cp := reflect.MakeSlice(f.Type(), n, n)
			reflect.Copy(cp, f)
			entry := *e.Interface().(*site.TOCEntry)
			cp.Index(i).Set(reflect.ValueOf(&entry))
			for _, m := range mutationsOf(fmt.Sprintf("%s[%d]", name, i), reflect.ValueOf(&entry).Elem(), other, term) {
				swap := set(name, f, cp)
				out = append(out, mutation{name: m.name,
					apply: func() { swap.apply(); m.apply() },
					undo:  func() { m.undo(); swap.undo() }})
			}
		}
	}
	return out
}

// TestPagePrintsCoverTemplates changes, one at a time, every field
// reachable from the site, its pages, taxonomies and terms, and checks
// that every page whose fingerprint stays the same renders to the same
// bytes: a template reading something the fingerprint does not hash fails
// it.
func TestPagePrintsCoverTemplates(t *testing.T) {
	if testing.Short() {
		t.Skip("mutation test skipped in -short mode")
	}
	sit, th, themeSum := assembleDeps(t)
	kinds := map[site.Kind]bool{}
	for _, p := range sit.Pages {
		kinds[p.Kind] = true
	}
	for k := range printedKinds {
		if !kinds[k] {
			t.Fatalf("the test site has no %s page", k)
		}
	}
	prints := Prints(sit, themeSum, inParallel)
	want := map[string]string{}
	for _, p := range sit.Pages {
		if _, ok := prints[p.URL]; !ok {
			t.Fatalf("%s (%s) has no fingerprint", p.URL, p.Kind)
		}
		want[p.URL] = renderOne(th, sit, p)
	}
	other := sit.Documents[0]
	term := sit.Taxonomies[0].Terms[0]
	var muts []mutation
	muts = append(muts, mutationsOf("Site", reflect.ValueOf(sit).Elem(), other, term)...)
	for _, p := range sit.Pages {
		muts = append(muts, mutationsOf(p.URL, reflect.ValueOf(p).Elem(), other, term)...)
	}
	for _, tax := range sit.Taxonomies {
		muts = append(muts, mutationsOf(tax.URL, reflect.ValueOf(tax).Elem(), other, term)...)
		for _, tm := range tax.Terms {
			muts = append(muts, mutationsOf(tm.URL, reflect.ValueOf(tm).Elem(), other, term)...)
		}
	}
	pages := slices.Clone(sit.Pages)
	changed, missed := 0, 0
	got := make([]string, len(pages))
	for i, m := range muts {
		if i%mutationStride != 0 {
			continue
		}
		m.apply()
		now := Prints(sit, themeSum, inParallel)
		inParallel(len(pages), func(i int) {
			if p := pages[i]; now[p.URL] == prints[p.URL] {
				got[i] = renderOne(th, sit, p)
			} else {
				got[i] = want[p.URL]
			}
		})
		for i, p := range pages {
			if got[i] != want[p.URL] {
				missed++
				t.Errorf("%s changes %s (%s) but not its fingerprint", m.name, p.URL, p.Kind)
			}
		}
		if !reflect.DeepEqual(now, prints) {
			changed++
		}
		m.undo()
	}
	if !reflect.DeepEqual(Prints(sit, themeSum, inParallel), prints) {
		t.Fatal("mutations were not undone")
	}
	t.Logf("%d mutations, %d changed some fingerprint, %d missed", len(muts), changed, missed)
	if tried := len(muts) / mutationStride; changed < tried/2 {
		t.Errorf("only %d of %d mutations changed a fingerprint: are they applied?", changed, tried)
	}
}

// TestPagePrintsSpareUnrelatedPages checks that the fingerprints do their
// job: a title edit changes the prints of the page, the pages that list or
// link to it and its neighbours, and of no other page; a theme change
// changes every print.
func TestPagePrintsSpareUnrelatedPages(t *testing.T) {
	sit, _, themeSum := assembleDeps(t)
	prints := Prints(sit, themeSum, inParallel)
	byURL := map[string]*site.Page{}
	for _, p := range sit.Pages {
		byURL[p.URL] = p
	}
	byURL["van-ban/nq-30.html"].Title += " sửa"
	now := Prints(sit, themeSum, inParallel)
	for _, tc := range []struct {
		url     string
		changes bool
	}{
		{"van-ban/nq-30.html", true},              // itself
		{"van-ban/kh-205.html", true},             // its neighbour, citing it
		{"van-ban/index.html", true},              // its section
		{"index.html", true},                      // the latest documents
		{"so-van-ban/index.html", true},           // the register
		{"chu-de/kinh-te.html", true},             // its terms
		{"chu-de/xay-dung-dang.html", true},       //
		{"co-quan-ban-hanh/chinh-phu.html", true}, //
		{"loai-van-ban/nghi-quyet.html", true},    //
		{"nam-ban-hanh/2021.html", true},          //
		{"chu-de/index.html", false},              // taxonomies show counts only
		{"nam-ban-hanh/index.html", false},        //
		{"nam-ban-hanh/2022.html", false},         // other terms
		{"loai-van-ban/ke-hoach.html", false},     //
		{"the/hoc-tap.html", false},               //
		{"van-ban/muc-con/index.html", false},     // another section
		{"van-ban/muc-con/ghi-chu.html", false},   // another document
		{"hoc-tap/bai-1.html", false},             //
		{"hoc-tap/in.html", false},                // another section's print
		{"hoc-tap/index.html", false},             //
		{"search/index.html", false},              // site-wide values only
		{"404.html", false},                       //
		{"da-luu/index.html", false},              //
	} {
		was, ok := prints[tc.url]
		if !ok {
			t.Fatalf("no page %s", tc.url)
		}
		if got := now[tc.url] != was; got != tc.changes {
			t.Errorf("title edit: print of %s changed %v, want %v", tc.url, got, tc.changes)
		}
	}
	other := themeSum
	other[0] ^= 1
	for url, p := range Prints(sit, other, inParallel) {
		if p == now[url] {
			t.Errorf("theme change: print of %s unchanged", url)
		}
	}
}

// inParallel runs f(i) for every i in [0,n), on every core.
func inParallel(n int, f func(int)) {
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				f(i)
			}
		})
	}
	wg.Wait()
}
