package build

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"tusach/generator/content"
	"tusach/generator/markdown"
	"tusach/generator/output"
	"tusach/generator/search"
	"tusach/generator/site"
	"tusach/generator/theme"
)

func TestProbeStages(t *testing.T) {
	src0 := os.Getenv("PROBE")
	if src0 == "" {
		t.Skip()
	}
	fsys := os.DirFS(src0)
	tm := func(name string, f func()) {
		s := time.Now()
		f()
		t.Logf("%-12s %v", name, time.Since(s))
	}
	var src *content.Source
	tm("load", func() { src, _ = content.Load(fsys, content.Options{Root: src0}) })
	tm("loadNoRoot", func() { content.Load(fsys, content.Options{}) })
	var rendered map[string]*markdownResult
	_ = rendered
	var r2 = map[string]*mdR{}
	_ = r2
	ctx := context.Background()
	var res struct{ m map[string]*markdown.Result }
	tm("markdown", func() { res.m, _ = renderMarkdown(ctx, src) })
	var s *site.Site
	tm("urls", func() { site.NewURLs(src); site.NewNumbers(src) })
	tm("assemble", func() { s, _ = site.Assemble(src, res.m) })
	tm("assemble2", func() { s, _ = site.Assemble(src, res.m) })
	th, _ := theme.Load(defaultTheme(t), s.Lang)
	var out [][]byte
	tm("renderAll", func() {
		out = make([][]byte, len(s.Pages))
		forEach(ctx, len(s.Pages), func(i int) {
			var b bytes.Buffer
			th.Render(&b, theme.View{Site: s, Page: s.Pages[i], Root: site.RootFor(s.Pages[i].URL)})
			out[i] = b.Bytes()
		})
	})
	big := map[string]int{}
	for i, p := range s.Pages {
		if len(out[i]) > 200000 {
			big[p.URL] = len(out[i])
		}
	}
	t.Logf("big pages %v", big)
	for _, u := range []string{"so-van-ban/index.html", "index.html", "bai-giang/index.html"} {
		for _, p := range s.Pages {
			if p.URL == u {
				tm("render "+u, func() {
					var b bytes.Buffer
					th.Render(&b, theme.View{Site: s, Page: p, Root: site.RootFor(p.URL)})
				})
			}
		}
	}
	for _, p := range s.Pages {
		if p.Kind == site.KindTerm && len(p.Pages) > 1000 {
			tm("render term "+p.URL, func() {
				var b bytes.Buffer
				th.Render(&b, theme.View{Site: s, Page: p, Root: site.RootFor(p.URL)})
			})
			break
		}
	}
	m := output.NewMinifier()
	tm("minifyOne", func() {
		var b bytes.Buffer
		m.Minify("text/html", &b, bytes.NewReader(out[5000]))
	})
	tm("searchDocs", func() { SearchDocs(s) })
	docs := SearchDocs(s)
	tm("search", func() { search.Build(docs, search.Options{Lang: s.Lang}) })
}

type mdR struct{}
type markdownResult struct{}

func BenchmarkProbeAssemble(b *testing.B) {
	src0 := os.Getenv("PROBE")
	src, _ := content.Load(os.DirFS(src0), content.Options{Root: src0})
	m, _ := renderMarkdown(context.Background(), src)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		site.Assemble(src, m)
	}
}
