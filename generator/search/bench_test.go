package search

import "testing"

// BenchmarkBuild indexes the real 5,000-document corpus.
func BenchmarkBuild(b *testing.B) {
	docs, _ := loadCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		files, err := Build(docs, Options{Lang: "vi"})
		if err != nil {
			b.Fatal(err)
		}
		size := 0
		for _, f := range files {
			size += len(f)
		}
		b.ReportMetric(float64(size)/(1<<20), "MiB")
		b.ReportMetric(float64(len(files)), "files")
	}
}
