package content

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"tusach/generator/internal/testsite"
)

// TestSiteStamps checks that the stamps of a site folder cover content/
// and templates/ but no editor leftover, and that Changed reports the
// files changed, added and removed between two of them.
func TestSiteStamps(t *testing.T) {
	root := testsite.Write(t, map[string]string{
		"content/_index.md":       "---\ntitle: Tủ sách\n---\n",
		"content/a.md":            "Một.",
		"content/a.md~":           "backup",
		"content/.git/HEAD":       "ref",
		"content/muc/b.md":        "Hai.",
		"templates/page.html":     "{{.}}",
		"templates/page.html.bak": "old",
		"public/index.html":       "built",
	})
	before := SiteStamps(root)
	if got, want := slices.Sorted(func(yield func(string) bool) {
		for k := range before {
			if !yield(k) {
				return
			}
		}
	}), []string{"content/_index.md", "content/a.md", "content/muc/b.md", "templates/page.html"}; !slices.Equal(got, want) {
		t.Errorf("stamped %v, want %v", got, want)
	}
	if got := before.Changed(SiteStamps(root)); got != nil {
		t.Errorf("nothing changed, yet Changed = %v", got)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(root, "content", "a.md"), later, later); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, "content", "muc", "b.md"))
	testsite.WriteInto(t, root, map[string]string{"content/c.md": "Ba.", "content/c.md.swp": "swap"})
	want := []string{"content/a.md", "content/c.md", "content/muc/b.md"}
	if got := before.Changed(SiteStamps(root)); !slices.Equal(got, want) {
		t.Errorf("Changed = %v, want %v", got, want)
	}
	if !before["content/a.md"].Valid() || StampOf(root, "content/muc/b.md").Valid() {
		t.Error("Valid: want true for a file, false for one gone")
	}
}
