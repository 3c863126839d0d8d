package build

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLongPathsBuild builds a document whose path inside the site is over
// 260 characters (MAX_PATH, the old Windows limit), linked from the home
// page. The build does not limit path length: Go on Windows turns long
// paths into \\?\ paths itself. What is limited is the reader's side, which
// the README says: Explorer's "Extract all" and some programs stop at 260
// characters for the whole path.
func TestLongPathsBuild(t *testing.T) {
	folder := "van-ban-huong-dan-thi-hanh-nghi-dinh-ve-quan-ly-tai-lieu" // 56 characters
	dir := strings.Repeat(folder+"/", 4)
	doc := dir + "quyet-dinh-ban-hanh-quy-che-lam-viec-cua-ban-chi-dao-tinh.md"
	if len("content/"+doc) <= 260 {
		t.Fatalf("test path only %d characters", len("content/"+doc))
	}
	src := writeSite(t, map[string]string{
		"content/_index.md": goodIndex + "\nXem [quy chế](" + doc + ").\n",
		"content/" + doc:    "# Quy chế làm việc\n\nNội dung.\n",
	})
	dest := filepath.Join(src, "public")
	if _, err := buildSite(t, src, dest); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dest)
	page := strings.TrimSuffix(doc, ".md") + ".html"
	if !strings.Contains(string(files[page]), "Quy chế làm việc") {
		t.Errorf("%s (%d characters) missing or without its title", page, len(page))
	}
	if !strings.Contains(string(files["index.html"]), page) {
		t.Errorf("the home page does not link to %s", page)
	}
	if broken := brokenRefs(t, dest, files); len(broken) > 0 {
		t.Errorf("broken references: %v", broken)
	}
}
