package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// BenchmarkWarmEdit measures Pipeline.Run after appending a line to
// one document of the generated 10,000-document corpus (made by `make
// bench-serve`, or serve's BenchmarkEditToReload, in
// os.TempDir()/tusach-gencorpus-10000): the fast path alone, without the
// watcher or the server. For profiling:
//
//	go test ./generator/build -run '^$' -bench WarmEdit -benchtime 20x -cpuprofile cpu.out
func BenchmarkWarmEdit(b *testing.B) {
	root, docs, sess := benchSession(b)
	b.ResetTimer()
	for i := range b.N {
		doc := docs[(i*7919)%len(docs)]
		f, err := os.OpenFile(doc, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(f, "\nDòng sửa thứ %d.\n", i)
		f.Close()
		rel, _ := filepath.Rel(root, doc)
		_, up, err := sess.Run(context.Background(), []string{filepath.ToSlash(rel)})
		if err != nil || up.Full {
			b.Fatalf("update: full %v, %v", up.Full, err)
		}
	}
}

// BenchmarkWarmFullRun measures Pipeline.Run on the generated
// 10,000-document corpus for changes that take the whole pipeline: a
// document's title edited in its front matter ("title"), and one new
// document added ("add"). Each iteration is one change and one Run.
func BenchmarkWarmFullRun(b *testing.B) {
	root, docs, sess := benchSession(b)
	update := func(rel string) Update {
		_, up, err := sess.Run(context.Background(), []string{filepath.ToSlash(rel)})
		if err != nil || !up.Full {
			b.Fatalf("update: full %v, %v", up.Full, err)
		}
		return up
	}
	edited := 0
	b.Run("title", func(b *testing.B) {
		pages := 0
		for range b.N {
			i := edited
			edited++
			doc := docs[(i*7919)%len(docs)]
			data, err := os.ReadFile(doc)
			if err != nil {
				b.Fatal(err)
			}
			text := strings.Replace(string(data), "\ntitle: ", fmt.Sprintf("\ntitle: Sửa %d ", i), 1)
			if err := os.WriteFile(doc, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			rel, _ := filepath.Rel(root, doc)
			pages += update(rel).Pages
		}
		b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
	})
	added := 0
	b.Run("add", func(b *testing.B) {
		pages := 0
		for range b.N {
			i := added
			added++
			rel := fmt.Sprintf("content/huong-dan/moi-%04d.md", i)
			text := fmt.Sprintf("---\ntitle: Tài liệu mới %d\ndate: 2020-01-%02d\ntags: [\"ngân sách\"]\n---\n\nNội dung mới %d.\n", i, 1+i%28, i)
			if err := os.WriteFile(filepath.Join(root, rel), []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			pages += update(rel).Pages
		}
		b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
	})
}

// benchSession copies the generated 10,000-document corpus into a new
// site folder and runs a warm pipeline's first build on it. It returns the
// folder, the documents' paths and the pipeline.
func benchSession(b *testing.B) (string, []string, *Pipeline) {
	n := "10000"
	if s := os.Getenv("TUSACH_BENCH_DOCS"); s != "" {
		n = s // the corpus serve's benchmark made with that many documents
	}
	corpus := filepath.Join(os.TempDir(), "tusach-gencorpus-"+n, "content")
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("no generated corpus: %v", err)
	}
	root := b.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS(corpus)); err != nil {
		b.Fatal(err)
	}
	docs, _ := filepath.Glob(filepath.Join(root, "content", "*", "*.md"))
	sess := warm(b, root)
	t0 := time.Now()
	if _, _, err := sess.Run(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	b.Logf("first build %v", time.Since(t0))
	return root, docs, sess
}

// BenchmarkCompact measures Pipeline.Compact on the generated corpus
// (TUSACH_BENCH_DOCS documents, 10,000 by default; see benchSession):
// the copy of the whole served site and the bodies set aside to a new
// store, as `tusach serve` makes it once its temporary file holds more
// bytes in vain than read (forced here, on every iteration). It reports
// the seconds of a copy, the bytes copied and what the copy allocated.
func BenchmarkCompact(b *testing.B) {
	_, _, sess := benchSession(b)
	defer sess.Close()
	if _, _, _, err := sess.Index(context.Background()); err != nil {
		b.Fatal(err)
	}
	sess.Compaction = func(size, live int64) bool { return true }
	var copied int64
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		if _, ok, err := sess.Compact(context.Background()); err != nil || !ok {
			b.Fatalf("Compact: %v, %v", ok, err)
		}
		copied += sess.store.Size()
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(copied)/float64(b.N)/(1<<20), "MiB-copied/op")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MiB-allocated/op")
}
