package build

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"testing"
	"time"
)

// BenchmarkColdBuild measures Build (the cold run of `tusach build`) on
// the site of the stage benchmarks (benchSite), and reports the largest
// live heap seen after a garbage collection (live-MiB, what GODEBUG=gctrace
// calls the heap's live size). With TUSACH_HEAP_PROFILES set to a folder,
// it writes a heap profile there as each stage starts (after a collection:
// what the stages before hold), for finding what stays alive:
//
//	TUSACH_HEAP_PROFILES=/tmp/heap go test ./generator/build -run '^$' -bench ColdBuild -benchtime 1x -cpuprofile cpu.out
func BenchmarkColdBuild(b *testing.B) {
	src := benchSite(b)
	profiles := os.Getenv("TUSACH_HEAP_PROFILES")
	opts := Options{Source: src, Dest: filepath.Join(b.TempDir(), "public"), Theme: defaultTheme(b)}
	last := ""
	opts.Progress = func(stage string, _, _ int) {
		if profiles == "" || stage == last {
			return
		}
		last = stage
		runtime.GC()
		f, err := os.Create(filepath.Join(profiles, "heap-"+stage+".out"))
		if err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	peak := watchLiveHeap()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(peak())/(1<<20), "live-MiB")
}

// watchLiveHeap samples the live heap every 20 ms until the returned
// function is called, which returns the largest sample.
func watchLiveHeap() func() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var mu sync.Mutex
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			mu.Lock()
			peak = max(peak, s[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak
	}
}
