package build

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"tusach/generator/browsertest"
)

var (
	pageKind  = regexp.MustCompile(`<body class="kind-([a-z0-9-]+)`)
	assetRefs = regexp.MustCompile(`<(?:link rel="stylesheet" href|script src)="([^"]+)"`)
)

// pageWeights returns, per page kind, what each HTML page of a built site
// costs beyond its own text: the gzip size of the page without its prose
// plus that of every stylesheet and script it links (the search index,
// loaded only when searching, is not counted).
func pageWeights(t testing.TB, files map[string][]byte) map[string][]int {
	t.Helper()
	assetSize := map[string]int{}
	weights := map[string][]int{}
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		kind := "other"
		if m := pageKind.FindSubmatch(data); m != nil {
			kind = string(m[1])
		}
		w := browsertest.GzipSize(browsertest.WithoutProse(data))
		for _, m := range assetRefs.FindAllSubmatch(data, -1) {
			rel := path.Join(path.Dir(name), string(m[1]))
			if strings.HasPrefix(rel, "search/") && rel != "search/index.html" {
				continue
			}
			n, ok := assetSize[rel]
			if !ok {
				a, found := files[rel]
				if !found {
					t.Errorf("%s links %s, which is not in the site", name, rel)
				}
				n = browsertest.GzipSize(a)
				assetSize[rel] = n
			}
			w += n
		}
		weights[kind] = append(weights[kind], w)
	}
	return weights
}

// weightReport formats median and maximum per kind, in KB.
func weightReport(weights map[string][]int) string {
	var kinds []string
	for k := range weights {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	for _, k := range kinds {
		ws := weights[k]
		sort.Ints(ws)
		fmt.Fprintf(&b, "  %-10s %5d pages: median %6.1f KB, max %7.1f KB\n",
			k, len(ws), float64(ws[len(ws)/2])/1024, float64(ws[len(ws)-1])/1024)
	}
	return b.String()
}

// TestSamplePageWeight checks the page weight budget on the test site: no
// page costs more than 31 KB (gzip) of HTML, CSS and JS beyond its text
// (30 KB before the searcher read packed index files: 0.64 KB more of
// search.js; the register page, the heaviest, was at 29.7 KB).
func TestSamplePageWeight(t *testing.T) {
	dest := t.TempDir() + "/public"
	if _, err := buildSite(t, "testdata/site", dest); err != nil {
		t.Fatal(err)
	}
	weights := pageWeights(t, readTree(t, dest))
	t.Logf("page weight beyond the text (gzip):\n%s", weightReport(weights))
	for kind, ws := range weights {
		for _, w := range ws {
			if w > 31*1024 {
				t.Errorf("a %s page costs %.1f KB beyond its text, over the 31 KB budget", kind, float64(w)/1024)
			}
		}
	}
}
