package serve

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tusach/generator/build"
	"tusach/generator/serve/watch"
)

// The generated corpus of the benchmarks: gencorpus from the shared bench
// harness, cached between runs.
const (
	benchSeed = "../../../shared/seed/000_0e71d6e54adbea60.txt"
	benchGen  = "../../../shared/bench/gencorpus"
)

// benchDocs returns the number of documents of the generated corpus:
// TUSACH_BENCH_DOCS (make bench-serve BENCH_N=100000), 10,000 by default.
func benchDocs(b *testing.B) int {
	n := 10000
	if s := os.Getenv("TUSACH_BENCH_DOCS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 100 {
			b.Fatalf("TUSACH_BENCH_DOCS=%q: want a number of documents, at least 100", s)
		}
	}
	return n
}

// benchCorpus returns a site folder holding the generated corpus of n
// documents, generating it into os.TempDir()/tusach-gencorpus-n the first
// time (gencorpus -n n -seed 1, about 20 s for 10,000).
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "tusach-gencorpus-"+strconv.Itoa(n))
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return dir
	}
	gen, seed := absOrSkip(b, benchGen), absOrSkip(b, benchSeed)
	src := b.TempDir()
	if err := os.CopyFS(src, os.DirFS(gen)); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(src, "gencorpus")
	run := func(cmd *exec.Cmd) {
		cmd.Dir, cmd.Stderr = src, os.Stderr
		cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false", "GOWORK=off")
		if err := cmd.Run(); err != nil {
			b.Fatalf("%v: %v", cmd.Args, err)
		}
	}
	run(exec.Command("go", "build", "-o", bin, "."))
	tmp := dir + ".tmp"
	os.RemoveAll(tmp)
	run(exec.Command(bin, "-n", strconv.Itoa(n), "-out", tmp, "-text", seed, "-seed", "1"))
	if err := os.Rename(tmp, dir); err != nil {
		b.Fatal(err)
	}
	return dir
}

func absOrSkip(b *testing.B, rel string) string {
	p, err := filepath.Abs(rel)
	if err == nil {
		_, err = os.Stat(p)
	}
	if err != nil {
		b.Skipf("bench harness not found: %v", err)
	}
	return p
}

var builtIn = regexp.MustCompile(`đã dựng \d+ tệp trong (\d+) ms`)

// BenchmarkEditToReload serves the generated 10,000-document corpus with
// `tusach serve`'s machinery in-process, then, b.N times, appends a line to
// one document and measures the time from the write to the "reload" event
// on a browser's event stream (with the watcher's default debounce), then
// waits for the search index to catch up before the next edit, as an
// editor's next save would. It reports the median and 95th percentile of
// write→reload, the median build time inside it, the search catch-up, the
// first (cold, full) build, and a full `tusach build` of the same corpus
// in the same run:
//
//	make bench-serve
//	go test ./generator/serve -run '^$' -bench EditToReload -benchtime 15x -timeout 30m
func BenchmarkEditToReload(b *testing.B) {
	n := benchDocs(b)
	corpus := benchCorpus(b, n)
	root := b.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS(filepath.Join(corpus, "content"))); err != nil {
		b.Fatal(err)
	}
	docs, _ := filepath.Glob(filepath.Join(root, "content", "*", "*.md"))
	if len(docs) < n/2 {
		b.Fatalf("corpus has %d documents", len(docs))
	}
	theme := defaultTheme(b)

	catchUpLimit := time.Duration(max(1, n/10000)) * 5 * time.Minute // a hung catch-up fails, a slow one does not
	followed := make(chan struct{}, 64)
	var compacted atomic.Int64
	start := time.Now()
	r := runSite(b, Options{Source: root, Theme: theme, Quiet: watch.DefaultQuiet, // runSite's own is longer
		onFollowUp: func() { followed <- struct{}{} }, onCompact: func() { compacted.Add(1) }})
	cold := time.Since(start)
	waitFollow := func() time.Duration {
		t0 := time.Now()
		select {
		case <-followed:
		case <-time.After(catchUpLimit):
			b.Fatalf("search index not caught up within %v", catchUpLimit)
		}
		return time.Since(t0)
	}
	waitFollow()
	writeHeapProfile(b)
	_, body := fetch(b, r.url)
	ev := events(b, r.url, buildAttr.FindStringSubmatch(body)[1])

	var reload, built, catchUp []float64
	storeStart, storeMost := storeMiB(), 0.0
	b.ResetTimer()
	for i := range b.N {
		doc := docs[(i*7919)%len(docs)]
		logBefore := len(r.log.String())
		t0 := time.Now()
		f, err := os.OpenFile(doc, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(f, "\nDòng sửa thứ %d để đo thời gian tải lại.\n", i)
		f.Close()
		want(b, ev, "reload")
		reload = append(reload, ms(time.Since(t0)))
		b.StopTimer()
		if m := builtIn.FindAllStringSubmatch(r.log.String()[logBefore:], -1); len(m) > 0 {
			n, _ := strconv.Atoi(m[len(m)-1][1])
			built = append(built, float64(n))
		}
		catchUp = append(catchUp, ms(waitFollow()))
		storeMost = max(storeMost, storeMiB())
		// Each edit is a single save: one that comes sooner than the
		// watcher's minimum interval after the last rebuild would wait
		// for it, which is not what this measures.
		time.Sleep(watch.DefaultMinInterval - time.Since(t0))
		b.StartTimer()
	}
	b.StopTimer()
	runtime.GC() // a store let go of is closed once unreachable
	storeEnd := storeMiB()
	r.stop()

	t0 := time.Now()
	if _, err := build.Build(context.Background(), build.Options{Source: root, Dest: filepath.Join(b.TempDir(), "public"), Theme: theme}); err != nil {
		b.Fatal(err)
	}
	full := time.Since(t0)

	b.ReportMetric(percentile(reload, 50), "ms-reload-p50")
	b.ReportMetric(percentile(reload, 95), "ms-reload-p95")
	b.ReportMetric(percentile(built, 50), "ms-build-p50")
	b.ReportMetric(percentile(catchUp, 50), "ms-search-p50")
	b.ReportMetric(cold.Seconds(), "s-first-build")
	b.ReportMetric(full.Seconds(), "s-tusach-build")
	if rss := peakRSS(); rss > 0 {
		b.ReportMetric(rss, "MiB-peak-rss")
	}
	if storeStart > 0 {
		b.ReportMetric(storeStart, "MiB-temp-start")
		b.ReportMetric(storeMost, "MiB-temp-most")
		b.ReportMetric(storeEnd, "MiB-temp-end")
	}
	b.ReportMetric(float64(compacted.Load()), "compactions")
	b.ReportMetric(0, "ns/op") // the loop also waits for the search index: not a figure
	b.Logf("%d documents: write→reload ms %v; build ms %v; search catch-up ms %v; first serve build %v; tusach build %v",
		len(docs), reload, built, catchUp, cold.Round(time.Millisecond), full.Round(time.Millisecond))
}

// writeHeapProfile writes, when TUSACH_HEAP_PROFILE names a file, a heap
// profile of the serving process after a garbage collection: what it holds
// between edits, once the first build and its search index are done.
func writeHeapProfile(b *testing.B) {
	name := os.Getenv("TUSACH_HEAP_PROFILE")
	if name == "" {
		return
	}
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Fatal(err)
	}
}

// peakRSS returns the peak resident memory of this process in MiB (the
// serve machinery with its tree, then the build), 0 where the system does
// not tell (Linux's /proc/self/status VmHWM).
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kb), "kB")))
			return float64(n) / 1024
		}
	}
	return 0
}

// storeMiB returns the size of the temporary files of the serving
// process's stores (output.Store: tusach-serve-*.tree, unlinked but open),
// read through /proc/self/fd; 0 where there is none.
func storeMiB() float64 {
	fds, _ := os.ReadDir("/proc/self/fd")
	var n int64
	for _, fd := range fds {
		p := filepath.Join("/proc/self/fd", fd.Name())
		if target, err := os.Readlink(p); err == nil && strings.Contains(target, "tusach-serve-") {
			if st, err := os.Stat(p); err == nil {
				n += st.Size()
			}
		}
	}
	return float64(n) / (1 << 20)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// percentile returns the p-th percentile of xs (nearest rank).
func percentile(xs []float64, p int) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := (p*len(s) + 99) / 100
	return s[max(i, 1)-1]
}
