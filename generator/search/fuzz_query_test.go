package search

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/internal/testsite"
)

// Limits of the searcher's query parser (MAX_QUERY, MAX_TERMS in search.js).
const (
	jsMaxQueryUnits = 1000 // UTF-16 code units of a query read
	jsMaxTerms      = 64   // tokens of a query used
)

// FuzzQueryParser runs the searcher's query parser, which lives in
// JavaScript, in headless Chromium on arbitrary queries, and then the whole
// search on the sample index. The parser must never throw, must tokenize
// exactly as the Go indexer does (so a query finds what the index holds),
// must keep its phrases and prefix consistent with its tokens, and the
// search must answer without an error. `go test` runs the seeds; `make
// fuzz` explores (each fuzz worker starts its own browser).
func FuzzQueryParser(f *testing.F) {
	for _, q := range []string{
		"chinh don dang", "chỉnh đốn Đảng", "Chi\u0309nh đô\u0301n Đa\u0309ng", "205/KH-UBND", "21-KL/TW",
		`"hệ thống chính trị"`, `"chỉnh đốn`, `"""`, "((.*+?[\\", "\x00\uFFFF", "\xff\xfe", "😀 chỉnh",
		"<script>alert(1)</script>", "ΟΔΟΣ ΣΟΦΟΣ", "İstanbul", "ß ẞ", "ǅ", strings.Repeat("Đảng ", 300),
		strings.Repeat("a", 1100), strings.Repeat("😀", 600) + "x", "hoà hòa", "“chỉnh đốn”", "-", "   ",
	} {
		f.Add(q)
	}
	files, err := Build(sampleDocs, Options{Lang: "vi"})
	if err != nil {
		f.Fatal(err)
	}
	page := writeSite(f, f.TempDir(), files, harnessPage)
	ctx := browsertest.New(f)
	if err := browsertest.Navigate(ctx, browsertest.FileURL(page)); err != nil {
		f.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](searcherReady)); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		// What the page receives: JSON turns invalid UTF-8 into U+FFFD.
		jq, _ := json.Marshal(q)
		json.Unmarshal(jq, &q)
		js := fmt.Sprintf(`(async (q) => {
			const p = tusachSearch.parse(q);
			const r = await tusachSearch.search(q, {});
			return {
				tokens: p.tokens.map(t => [t.exact, t.fold]),
				phrases: p.phrases.map(ph => ph.map(t => t.fold)),
				prefix: p.prefix, marked: p.marked, total: r.total, hits: r.hits.length,
			};
		})(%s)`, jq)
		type plan struct {
			Tokens  [][2]string `json:"tokens"`
			Phrases [][]string  `json:"phrases"`
			Prefix  string      `json:"prefix"`
			Marked  bool        `json:"marked"`
			Total   int         `json:"total"`
			Hits    int         `json:"hits"`
		}
		// a guard against a query that never ends; how fast queries run is
		// for benchmarks, not for a test on a busy machine
		start := time.Now()
		qctx, cancel := context.WithTimeout(ctx, testsite.Patience)
		defer cancel()
		got, err := chromedp.Run(qctx, chromedp.Evaluate[plan](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("query %q: %v", q, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Logf("query %q took %v", q, d)
		}
		want := goQueryTokens(q)
		if fmt.Sprint(got.Tokens) != fmt.Sprint(want) {
			t.Errorf("query %q: searcher tokens %v, indexer tokens %v", q, got.Tokens, want)
		}
		folds := make(map[string]bool)
		for _, tk := range want {
			folds[tk[1]] = true
		}
		for _, ph := range got.Phrases {
			if len(ph) == 0 || len(ph) > jsMaxTerms {
				t.Errorf("query %q: phrase of %d tokens", q, len(ph))
			}
		}
		if got.Prefix != "" && (len(want) == 0 || got.Prefix != want[len(want)-1][1]) {
			t.Errorf("query %q: prefix %q is not the last token's folded form", q, got.Prefix)
		}
		if got.Total < 0 || got.Total > len(sampleDocs) || got.Hits > got.Total {
			t.Errorf("query %q: %d hits of %d total, with %d documents", q, got.Hits, got.Total, len(sampleDocs))
		}
		if len(want) == 0 && got.Total != len(sampleDocs) && got.Total != 0 {
			t.Errorf("query %q without terms: %d results", q, got.Total)
		}
		if p := browsertest.Problems(ctx); len(p) > 0 {
			t.Fatalf("query %q: %s", q, strings.Join(p, "\n"))
		}
	})
}

// goQueryTokens is what the Go tokenizer makes of a query as the searcher
// reads it: its first jsMaxQueryUnits UTF-16 code units, at most
// jsMaxTerms tokens, as [exact, fold] pairs.
func goQueryTokens(q string) [][2]string {
	units := 0
	for i, r := range q {
		units += utf16.RuneLen(r)
		if units > jsMaxQueryUnits {
			q = q[:i]
			break
		}
	}
	toks := Tokenize(q)
	if len(toks) > jsMaxTerms {
		toks = toks[:jsMaxTerms]
	}
	out := make([][2]string, len(toks))
	for i, tk := range toks {
		out[i] = [2]string{tk.Exact, tk.Fold}
	}
	return out
}
