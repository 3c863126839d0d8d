package build

import (
	"testing"

	"tusach/generator/browsertest"
	"tusach/generator/browsertest/firefox"
)

// TestPrintA4Firefox prints the pages of TestPrintA4 with Firefox's PDF
// output (WebDriver BiDi print, which asks for US Letter: the page's CSS
// makes it A4): A4 pages, a short document on one page with its number, a
// long lesson with its answer key and without the reader's controls and no
// blank page, the study path with a cover and each lesson on its
// own pages.
func TestPrintA4Firefox(t *testing.T) {
	root := browsertest.FileURL(studySite(t)) + "/"
	b := firefox.New(t)
	print := func(url string) []pdfPage {
		t.Helper()
		if err := b.Navigate(root + url); err != nil {
			t.Fatal(err)
		}
		data, err := b.Print()
		if err != nil {
			t.Fatal(err)
		}
		pages, err := pdfPages(data)
		if err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		return pages
	}
	checkShortDocPaper(t, print("vb/ke-hoach.html"))
	lesson := print("cd/bai-1.html")
	checkLessonPaper(t, lesson)
	checkStudyPathPaper(t, print("cd/in.html"), len(lesson))
	t.Logf("Firefox: the lesson on %d A4 pages, the last with %d text operators", len(lesson), lesson[len(lesson)-1].TextOps)
	b.NoProblems(t)
}
