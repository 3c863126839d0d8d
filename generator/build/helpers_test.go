package build

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
	"tusach/generator/output"
	"tusach/generator/site"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// defaultTheme is the repository's templates/ folder, the theme that main.go embeds.
func defaultTheme(t testing.TB) fs.FS {
	t.Helper()
	return testsite.DefaultTheme(t)
}

// writeSite writes files (slash paths → contents) into a new temporary site folder.
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	return testsite.Write(t, files)
}

// oldBuild writes files (slash paths → contents) into the folder dest as an
// earlier build would have: with the marker that lets the next build
// replace it.
func oldBuild(t testing.TB, dest string, files map[string]string) {
	t.Helper()
	testsite.WriteInto(t, dest, map[string]string{output.MarkerName: "tusach"})
	testsite.WriteInto(t, dest, files)
}

func buildSite(t testing.TB, source, dest string) (Stats, error) {
	t.Helper()
	return Build(context.Background(), Options{Source: source, Dest: dest, Theme: defaultTheme(t)})
}

// assembled runs a cold pipeline on the site folder root and returns its
// assembled site.
func assembled(t testing.TB, root string) (*site.Site, error) {
	t.Helper()
	p := NewPipeline(Options{Source: root, Theme: defaultTheme(t)})
	p.NoMemo = true
	if _, _, err := p.Run(context.Background(), nil); err != nil {
		return nil, err
	}
	return p.last.site, nil
}

// readTree returns every file of the site under dir, by slash path: every
// file but the output folder's marker (output.MarkerName), which is no part
// of the site (TestMarker checks it).
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	return testsite.Read(t, dir, output.MarkerName)
}

var refAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// brokenRefs checks every href and src of every HTML page under dir and
// returns the relative ones that do not name a file of the site, and the
// ones that leave the site (absolute URLs to other hosts are allowed in
// content, so only scheme-less and file references are checked). Links to
// folders count as broken: from disk they show a directory listing.
func brokenRefs(t testing.TB, dir string, files map[string][]byte) []string {
	t.Helper()
	var broken []string
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range refAttr.FindAllSubmatch(data, -1) {
			ref := string(m[1])
			if ref == "" || strings.HasPrefix(ref, "#") || strings.Contains(ref, "://") ||
				strings.HasPrefix(ref, "mailto:") || strings.HasPrefix(ref, "tel:") {
				continue
			}
			if strings.HasPrefix(ref, "/") {
				broken = append(broken, name+": absolute path "+ref)
				continue
			}
			target := ref
			if i := strings.IndexAny(target, "?#"); i >= 0 {
				target = target[:i]
			}
			target = unescape(target)
			p := filepath.Join(dir, filepath.Dir(filepath.FromSlash(name)), filepath.FromSlash(target))
			if !strings.HasPrefix(p, dir) {
				broken = append(broken, name+": leaves the site: "+ref)
				continue
			}
			st, err := os.Stat(p)
			if err != nil || st.IsDir() {
				broken = append(broken, name+": "+ref)
			}
		}
	}
	return broken
}

func unescape(s string) string {
	s = strings.ReplaceAll(s, "&amp;", "&")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			var v byte
			ok := true
			for _, c := range []byte(s[i+1 : i+3]) {
				v <<= 4
				switch {
				case '0' <= c && c <= '9':
					v |= c - '0'
				case 'a' <= c && c <= 'f':
					v |= c - 'a' + 10
				case 'A' <= c && c <= 'F':
					v |= c - 'A' + 10
				default:
					ok = false
				}
			}
			if ok {
				b.WriteByte(v)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
