package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"tusach/generator/corpus"
	"tusach/generator/internal/testsite"
	"tusach/generator/search"
)

// BenchmarkBuildCorpus builds the real 5,000-document corpus once per
// iteration and reports documents and Markdown megabytes per second.
// `make bench` compares whole builds with Hugo; this one is for profiling:
//
//	go test ./generator/build -run '^$' -bench BuildCorpus -benchtime 2x -cpuprofile cpu.out
func BenchmarkBuildCorpus(b *testing.B) {
	f, err := os.Open(filepath.Join(testsite.Corpus(b), "corpus.jsonl"))
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

// BenchmarkSearchIndex measures the index stage alone (search.Build on the
// documents of a whole site, in memory) on the site in $TUSACH_BENCH_SITE,
// by default the generated 10,000-document corpus that `make bench` leaves
// in /tmp/tusach-bench/bench-10000:
//
//	go test ./generator/build -run '^$' -bench SearchIndex -benchtime 3x
func BenchmarkSearchIndex(b *testing.B) {
	src := benchSite(b)
	g, err := assembled(b, src)
	if err != nil {
		b.Fatal(err)
	}
	docs := search.DocsOf(g)
	cpu0, hasCPU := cpuSeconds()
	b.ResetTimer()
	for b.Loop() {
		files, err := search.Build(docs, search.Options{Lang: g.Lang})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(files)), "files")
	}
	// CPU time is steadier than wall time on a shared machine: on an idle
	// machine the wall time is near cpu-s/op divided by the cores.
	if cpu1, _ := cpuSeconds(); hasCPU {
		b.ReportMetric((cpu1-cpu0)/float64(b.N), "cpu-s/op")
	}
	b.ReportMetric(float64(len(docs)), "docs")
}

// benchSite returns the site folder of the stage benchmarks:
// $TUSACH_BENCH_SITE, by default the generated 10,000-document corpus that
// `make bench` leaves in /tmp/tusach-bench/bench-10000.
func benchSite(b *testing.B) string {
	src := os.Getenv("TUSACH_BENCH_SITE")
	if src == "" {
		src = filepath.Join(os.TempDir(), "tusach-bench", "bench-10000")
	}
	if _, err := os.Stat(filepath.Join(src, "content")); err != nil {
		b.Skipf("no site (run make bench first, or set TUSACH_BENCH_SITE): %v", err)
	}
	return src
}
