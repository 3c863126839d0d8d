package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestFailedZipKeepsOldSite checks that the zip is written before the
// swap: when it cannot be written (its folder is a regular file, which
// stops root too), the build fails naming the zip, the old site stays as it
// was, and nothing is left beside it.
func TestFailedZipKeepsOldSite(t *testing.T) {
	src := writeSite(t, safetySite)
	dest := filepath.Join(src, "public")
	if _, err := buildSite(t, src, dest); err != nil {
		t.Fatal(err)
	}
	oldSite := treeSums(t, dest)
	before := treeSums(t, src, "public")
	notAFolder := filepath.Join(t.TempDir(), "khong-phai-thu-muc")
	os.WriteFile(notAFolder, []byte("x"), 0o644)
	os.WriteFile(filepath.Join(src, "content", "van-ban", "moi.md"), []byte("# Mới\n"), 0o644)
	before["content/van-ban/moi.md"] = treeSums(t, src, "public")["content/van-ban/moi.md"]

	zipFile := filepath.Join(notAFolder, "hoc-tap.zip")
	_, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: defaultTheme(t), Zip: zipFile})
	if err == nil || !strings.Contains(err.Error(), filepath.ToSlash(zipFile)) ||
		!strings.Contains(err.Error(), "left as it was") {
		t.Fatalf("err = %v, want a failure naming the zip and saying the site was kept", err)
	}
	sameSums(t, "old site", oldSite, treeSums(t, dest))
	sameSums(t, "source", before, treeSums(t, src, "public"))
	noLeftovers(t, src)
}

// TestZipRefused checks the zip paths refused before any work: inside
// content/ (the next build would read it) and over a file that is not a
// zip, which stays as it was.
func TestZipRefused(t *testing.T) {
	src := writeSite(t, safetySite)
	before := treeSums(t, src)
	for _, tt := range []struct{ zip, want string }{
		{filepath.Join(src, "content", "site.zip"), "content/ folder"},
		{filepath.Join(src, "templates", "site.zip"), "templates/ folder"},
		{filepath.Join(src, "ghi-chu.txt"), "not a zip file"},
		{t.TempDir(), "not a zip file"},
	} {
		_, err := Build(context.Background(), Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"),
			Theme: defaultTheme(t), Zip: tt.zip})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("--zip %s: err = %v, want %q", tt.zip, err, tt.want)
		}
	}
	sameSums(t, "source", before, treeSums(t, src))
}

// TestBadBaseURLRefused checks that Build applies the same check to
// Options.BaseURL as to base_url in content/_index.md.
func TestBadBaseURLRefused(t *testing.T) {
	src := writeSite(t, safetySite)
	dest := filepath.Join(t.TempDir(), "public")
	for _, bad := range []string{"javascript:alert(1)", "foo", "http://a/?x"} {
		_, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: defaultTheme(t), BaseURL: bad})
		if err == nil || !strings.Contains(err.Error(), "--base-url") {
			t.Errorf("BaseURL %q: err = %v", bad, err)
		}
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a refused base URL still wrote the site")
	}
	if _, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: defaultTheme(t),
		BaseURL: "http://intranet/hoc-tap"}); err != nil {
		t.Fatal(err)
	}
	if sm, _ := os.ReadFile(filepath.Join(dest, "sitemap.xml")); !bytes.Contains(sm, []byte("http://intranet/hoc-tap/")) {
		t.Errorf("sitemap does not use the base URL: %.200s", sm)
	}
}

// TestConcurrentBuilds runs builds of one site into one destination at the
// same time: every one succeeds, the destination ends as one complete site
// (equal to a build alone) and no private folder is left.
func TestConcurrentBuilds(t *testing.T) {
	src := writeSite(t, safetySite)
	want := readTree(t, func() string {
		d := filepath.Join(t.TempDir(), "public")
		if _, err := buildSite(t, src, d); err != nil {
			t.Fatal(err)
		}
		return d
	}())
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	before := treeSums(t, src)
	for round := 0; round < 3; round++ {
		var wg sync.WaitGroup
		errs := make([]error, 3)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = buildSite(t, src, dest)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, build %d: %v", round, i, err)
			}
		}
		got := readTree(t, dest)
		if len(got) != len(want) {
			t.Errorf("round %d: %d files, want %d", round, len(got), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("round %d: %s differs from a build alone", round, name)
			}
		}
		entries, _ := os.ReadDir(parent)
		if len(entries) != 1 {
			t.Errorf("round %d: beside the destination: %v", round, entries)
		}
	}
	sameSums(t, "source", before, treeSums(t, src))
}

// TestStaleBuildFolderRemoved checks that a private folder left by a killed
// build (no process holds its lock) is removed by the next build.
func TestStaleBuildFolderRemoved(t *testing.T) {
	src := writeSite(t, safetySite)
	stale := filepath.Join(src, ".public.building-123456")
	os.MkdirAll(filepath.Join(stale, "van-ban"), 0o755)
	os.WriteFile(filepath.Join(stale, "van-ban", "a.html"), []byte("half written"), 0o644)
	before := treeSums(t, src, "public", ".public.building-123456")
	if _, err := buildSite(t, src, filepath.Join(src, "public")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale build folder is still there")
	}
	noLeftovers(t, src)
	sameSums(t, "source", before, treeSums(t, src, "public"))
}
