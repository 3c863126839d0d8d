package build

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkColdBuild measures Build (the cold run of `tusach build`) on
// the site of the stage benchmarks (benchSite), and reports the largest
// live heap seen after a garbage collection (live-MiB, what GODEBUG=gctrace
// calls the heap's live size). With TUSACH_HEAP_PROFILES set to a folder,
// it writes a heap profile there as each stage starts (after a collection:
// what the stages before hold), and heap-peak.out as the live heap reaches
// its largest (written again each time it grows by a tenth: the last is
// what the peak holds), for finding what stays alive:
//
//	TUSACH_HEAP_PROFILES=/tmp/heap go test ./generator/build -run '^$' -bench ColdBuild -benchtime 1x -cpuprofile cpu.out
func BenchmarkColdBuild(b *testing.B) {
	src := benchSite(b)
	profiles := os.Getenv("TUSACH_HEAP_PROFILES")
	opts := Options{Source: src, Dest: filepath.Join(b.TempDir(), "public"), Theme: defaultTheme(b)}
	var stage atomic.Value
	stage.Store("start")
	last, since := "", time.Now()
	cpu0, _ := cpuSeconds()
	opts.Progress = func(s string, _, _ int) {
		if s == last {
			return
		}
		cpu, _ := cpuSeconds()
		b.Logf("stage %-10s took %5.2f s wall, %5.2f s CPU", last, time.Since(since).Seconds(), cpu-cpu0)
		last, since, cpu0 = s, time.Now(), cpu
		stage.Store(s)
		if profiles == "" {
			return
		}
		runtime.GC()
		writeHeapProfile(filepath.Join(profiles, "heap-"+s+".out"))
	}
	peak := watchLiveHeap(func() string { return stage.Load().(string) }, profiles)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	peaks := peak()
	var most uint64
	for s, n := range peaks {
		b.Logf("stage %-10s largest live heap %4d MiB", s, n>>20)
		most = max(most, n)
	}
	b.ReportMetric(float64(most)/(1<<20), "live-MiB")
}

// watchLiveHeap samples the live heap every 20 ms until the returned
// function is called, which returns the largest sample by the stage
// running when it was taken. With profiles not "", it writes there a heap
// profile, heap-peak.out, whenever the live heap has grown by a tenth
// since the last one was written.
func watchLiveHeap(stage func() string, profiles string) func() map[string]uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var mu sync.Mutex
	peak := map[string]uint64{}
	stop := make(chan struct{})
	done := make(chan struct{})
	var written uint64
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			mu.Lock()
			st := stage()
			live := s[0].Value.Uint64()
			peak[st] = max(peak[st], live)
			mu.Unlock()
			if profiles != "" && live > written+written/10 {
				written = live
				writeHeapProfile(filepath.Join(profiles, "heap-peak.out"))
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() map[string]uint64 {
		close(stop)
		<-done
		return peak
	}
}

// writeHeapProfile writes the heap profile of the last garbage collection
// to the file name, leaving it unwritten if it cannot be created.
func writeHeapProfile(name string) {
	f, err := os.Create(name)
	if err != nil {
		return
	}
	pprof.WriteHeapProfile(f)
	f.Close()
}
