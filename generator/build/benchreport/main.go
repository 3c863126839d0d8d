// Command benchreport prints the figures of `make bench` as a table with
// ratios against Hugo and the floor measured in the same run:
//
//	benchreport BENCH_ROOT
//
// It reads the results.tsv and corpus-stats.json that ../shared/bench/run-peers.sh
// writes for each corpus, the floor's log and GNU time report of each
// generated corpus's size (floor-N.log, floor-N.time), the GNU time report
// of tusach building that corpus without its search index (nosearch-N.time:
// the same content with `search: false` in content/_index.md),
// and walks each tool's output (out/TOOL/public) for its files, its fullest
// folder and its size on a FAT32 USB stick (32 KB clusters).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

type row struct {
	tool                string
	wall, rss, out, idx float64
	html                int
	pagefind            float64 // Hugo's rows: Pagefind's wall time on its output (s), 0 if not run
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: benchreport BENCH_ROOT")
		os.Exit(2)
	}
	root := os.Args[1]
	dirs, _ := filepath.Glob(filepath.Join(root, "bench-*"))
	real, _ := filepath.Glob(filepath.Join(root, "real", "bench-*"))
	for _, dir := range dirs {
		// the floor ran on the generated corpus of its size
		n := strings.TrimPrefix(filepath.Base(dir), "bench-")
		floor := readTime(filepath.Join(root, "floor-"+n+".time"))
		report(dir, floor)
		if b, err := os.ReadFile(filepath.Join(root, "floor-"+n+".log")); err == nil {
			fmt.Printf("floor (goldmark+minify+write, all cores): %s", b)
		}
		if floor.wall > 0 {
			fmt.Printf("floor: wall %.2f s, peak RSS %.0f MiB\n", floor.wall, floor.rss)
		}
		if ns := readTime(filepath.Join(root, "nosearch-"+n+".time")); ns.wall > 0 && floor.wall > 0 {
			fmt.Printf("tusach without its search index (search: false): wall %.2f s, peak RSS %.0f MiB; / floor: time %.2f×\n",
				ns.wall, ns.rss, ns.wall/floor.wall)
		}
	}
	for _, dir := range real {
		report(dir, row{}) // the floor ran on the generated corpus only
	}
}

// readTime reads the wall time (s) and peak RSS (MiB) of a GNU time -v
// report; zero when there is none.
func readTime(path string) row {
	b, err := os.ReadFile(path)
	if err != nil {
		return row{}
	}
	var r row
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
		if !ok {
			continue
		}
		switch k {
		case "Maximum resident set size (kbytes)":
			kb, _ := strconv.ParseFloat(v, 64)
			r.rss = kb / 1024
		case "Elapsed (wall clock) time (h:mm:ss or m:ss)":
			for _, part := range strings.Split(v, ":") {
				x, _ := strconv.ParseFloat(part, 64)
				r.wall = r.wall*60 + x
			}
		}
	}
	return r
}

func report(dir string, floor row) {
	var stats struct {
		Docs          int     `json:"docs"`
		MarkdownBytes float64 `json:"markdown_bytes"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "corpus-stats.json"))
	if err != nil || json.Unmarshal(b, &stats) != nil {
		return
	}
	results := filepath.Join(dir, "results.tsv")
	rows := readRows(results)
	when := "" // a block of an earlier run (another BENCH_N) says when it was measured
	if st, err := os.Stat(results); err == nil {
		when = ", measured " + st.ModTime().UTC().Format("2006-01-02 15:04 UTC")
	}
	fmt.Printf("\n%s: %d documents, %.1f MB of Markdown%s\n", dir, stats.Docs, stats.MarkdownBytes/1e6, when)
	fmt.Printf("%-14s %8s %8s %8s %9s %9s %8s\n", "tool", "wall s", "docs/s", "MB/s", "RSS MiB", "out MiB", "html")
	var hugo *row
	for i := range rows {
		r := &rows[i]
		if strings.HasPrefix(r.tool, "hugo") && (hugo == nil || r.wall < hugo.wall) {
			hugo = r
		}
		fmt.Printf("%-14s %8.2f %8.0f %8.1f %9.0f %9.1f %8d\n", r.tool, r.wall,
			float64(stats.Docs)/r.wall, stats.MarkdownBytes/1e6/r.wall, r.rss, r.out, r.html)
	}
	if hugo == nil {
		fmt.Println("no Hugo run on this corpus (make bench leaves Hugo out from 50,000 documents on, or with BENCH_HUGO=0)")
	}
	for _, r := range rows {
		if r.tool == "tusach" && hugo != nil {
			fmt.Printf("tusach / %s: time %.2f×, memory %.2f×, output %.2f× (search index %.1f MiB not counted)\n",
				hugo.tool, r.wall/hugo.wall, r.rss/hugo.rss, r.out/hugo.out, r.idx)
			if hugo.pagefind > 0 { // Hugo makes no search index; Pagefind makes one from its pages
				fmt.Printf("tusach / (%s + Pagefind %.2f s): time %.2f×, both with a search index\n",
					hugo.tool, hugo.pagefind, r.wall/(hugo.wall+hugo.pagefind))
			}
		}
		if r.tool == "tusach" && floor.wall > 0 {
			fmt.Printf("tusach / floor: time %.2f×, memory %.2f×\n", r.wall/floor.wall, r.rss/floor.rss)
		}
	}
	fmt.Printf("%-14s %8s %8s %10s %10s %11s %7s  %s\n", "output", "files", "per doc", "MiB", "FAT32 MiB", "FAT32/bytes", "fullest", "folder")
	for _, r := range rows {
		pub := filepath.Join(dir, "out", r.tool, "public")
		t, err := measureTree(os.DirFS(pub))
		if err != nil {
			continue
		}
		fmt.Printf("%-14s %8d %8.2f %10.1f %10.1f %10.2f× %7d  %s\n", r.tool, t.files, float64(t.files)/float64(stats.Docs),
			float64(t.bytes)/(1<<20), float64(t.fat32)/(1<<20), float64(t.fat32)/float64(max(t.bytes, 1)), t.largestEntries, t.largest)
	}
}

// readRows keeps the last row of each tool (the newest run).
func readRows(path string) []row {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	byTool := map[string]int{}
	var rows []row
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 11 || c[0] == "tool" {
			continue
		}
		num := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		html, _ := strconv.Atoi(c[7])
		r := row{tool: c[0], wall: num(c[2]), rss: num(c[4]), out: num(c[6]), html: html, idx: num(c[10]), pagefind: num(c[8])}
		if i, ok := byTool[r.tool]; ok {
			rows[i] = r
		} else {
			byTool[r.tool] = len(rows)
			rows = append(rows, r)
		}
	}
	return rows
}
