// Command corpus2site writes a JSON Lines corpus as a tusach site folder:
//
//	corpus2site [-limit N] -out DIR corpus.jsonl
package main

import (
	"flag"
	"fmt"
	"os"

	"tusach/generator/corpus"
)

func main() {
	out := flag.String("out", "", "site `folder` to write")
	limit := flag.Int("limit", 0, "convert at most `N` documents (0: all)")
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: corpus2site [-limit N] -out DIR corpus.jsonl")
		os.Exit(2)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	recs, err := corpus.Convert(f, *out, corpus.Options{Limit: *limit})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("corpus2site: %d documents → %s\n", len(recs), *out)
}
