package hosting

import (
	"archive/zip"
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"

	"tusach/generator/browsertest"
	"tusach/generator/build"
	"tusach/generator/internal/testsite"
	"tusach/generator/output"
)

// repoRoot is the repository: its content/ is the sample site and its
// templates/ the default theme.
const repoRoot = "../.."

// buildSample builds the sample site with the default theme into a new
// folder and returns it; opts may set Zip and Precompress.
func buildSample(t testing.TB, source string, opts build.Options) string {
	t.Helper()
	opts.Source = source
	opts.Theme = testsite.DefaultTheme(t)
	if opts.Dest == "" {
		opts.Dest = filepath.Join(t.TempDir(), "public")
	}
	if _, err := build.Build(context.Background(), opts); err != nil {
		t.Fatalf("build %s: %v", source, err)
	}
	return opts.Dest
}

// unzip extracts the zip file into dir.
func unzip(t testing.TB, file, dir string) {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(p, filepath.Clean(dir)+string(filepath.Separator)) {
			t.Fatalf("zip entry %q leaves the folder", f.Name)
		}
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, f.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns every file under dir by slash path, but the output
// folder's marker (output.MarkerName), which is no part of the site.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	return testsite.Read(t, dir, output.MarkerName)
}

// pageWeight is what a page costs beyond its own text: the gzip size of its
// HTML without the document's text, and of every stylesheet and script it
// loaded, search index shards excluded. Files are read from dir.
func pageWeight(t testing.TB, root, dir string, p *browsertest.CrawledPage, sizes map[string]int) int {
	t.Helper()
	total := 0
	seen := map[string]bool{}
	for _, r := range p.Resources {
		if r.Type != network.ResourceTypeDocument && r.Type != network.ResourceTypeStylesheet &&
			r.Type != network.ResourceTypeScript {
			continue
		}
		u, err := url.Parse(r.URL)
		if err != nil || !strings.HasPrefix(r.URL, root) || seen[u.Path] {
			continue
		}
		seen[u.Path] = true
		ru, _ := url.Parse(root)
		rel := strings.TrimPrefix(u.Path, ru.Path)
		if strings.HasPrefix(rel, "search/") && strings.HasSuffix(rel, ".js") {
			continue // the search index is not part of the budget
		}
		if r.Type == network.ResourceTypeDocument {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				t.Errorf("%s: %v", p.Rel, err)
				continue
			}
			total += browsertest.GzipSize(browsertest.WithoutProse(data))
			continue
		}
		n, ok := sizes[rel]
		if !ok {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				t.Errorf("%s: %v", p.Rel, err)
				continue
			}
			n = browsertest.GzipSize(data)
			sizes[rel] = n
		}
		total += n
	}
	return total
}

// median returns the median of xs (sorted in place).
func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	sort.Ints(xs)
	return xs[len(xs)/2]
}
