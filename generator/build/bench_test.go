package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"tusach/generator/corpus"
)

// BenchmarkBuildCorpus builds the real 5,000-document corpus once per
// iteration and reports documents and Markdown megabytes per second.
// `make bench` compares whole builds with Hugo; this one is for profiling:
//
//	go test ./generator/build -run '^$' -bench BuildCorpus -benchtime 2x -cpuprofile cpu.out
func BenchmarkBuildCorpus(b *testing.B) {
	dir, err := corpus.Dir()
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	site := b.TempDir()
	recs, err := corpus.Convert(f, site, corpus.Options{})
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	var mdBytes int64
	filepath.WalkDir(filepath.Join(site, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				mdBytes += info.Size()
			}
		}
		return nil
	})
	opts := Options{Source: site, Dest: filepath.Join(site, "public"), Theme: defaultTheme(b)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Build(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(len(recs))/sec, "docs/s")
	b.ReportMetric(float64(mdBytes)/1e6/sec, "MB/s")
}
