package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConvertWritesSectionTitles checks that a law's folder gets an
// _index.md titled with the law's real name, and the corpus's own folders
// theirs.
func TestConvertWritesSectionTitles(t *testing.T) {
	in := `{"id":"alqac/luat-x-2020/dieu-1","title":"Điều 1. Phạm vi","law":"Luật Xây dựng 2020","category":"legal-article","body":"a"}
{"id":"alqac/luat-x-2020/dieu-2","title":"Điều 2. Đối tượng","law":"Luật Xây dựng 2020","category":"legal-article","body":"b"}
{"id":"vntc/train/XH_1","title":"Tin","category":"news-society","body":"c"}
`
	dir := t.TempDir()
	if _, err := Convert(strings.NewReader(in), dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"content/alqac/luat-x-2020/_index.md": "title: Luật Xây dựng 2020",
		"content/alqac/_index.md":             "title: Điều luật (ALQAC)",
		"content/vntc/train/_index.md":        "title: 'Tin tức: tập huấn luyện'",
	} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s = %q, want it to hold %q", file, b, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/vntc/train/xh-1.md")); err != nil {
		t.Errorf("document not written: %v", err)
	}
}
