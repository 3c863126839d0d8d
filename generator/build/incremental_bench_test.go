package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tusach/generator/output"
	"tusach/generator/serve/preview"
)

// BenchmarkSessionEdit measures Session.Update after appending a line to
// one document of the generated 10,000-document corpus (made by `make
// bench-serve`, or serve's BenchmarkEditToReload, in
// os.TempDir()/tusach-gencorpus-10000): the fast path alone, without the
// watcher or the server. For profiling:
//
//	go test ./generator/build -run '^$' -bench SessionEdit -benchtime 20x -cpuprofile cpu.out
func BenchmarkSessionEdit(b *testing.B) {
	corpus := filepath.Join(os.TempDir(), "tusach-gencorpus-10000", "content")
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("no generated corpus: %v", err)
	}
	root := b.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS(corpus)); err != nil {
		b.Fatal(err)
	}
	docs, _ := filepath.Glob(filepath.Join(root, "content", "*", "*.md"))
	sess := NewSession(Options{Source: root, Theme: defaultTheme(b)})
	min := output.NewMinifier()
	t0 := time.Now()
	if _, err := sess.Update(context.Background(), preview.NewMemorySink(min), nil); err != nil {
		b.Fatal(err)
	}
	b.Logf("first build %v", time.Since(t0))
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
		up, err := sess.Update(context.Background(), preview.NewMemorySink(min), []string{filepath.ToSlash(rel)})
		if err != nil || up.Full {
			b.Fatalf("update: full %v, %v", up.Full, err)
		}
	}
}
