package build

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWarmRandomEdits applies rounds of random edits to one to three
// documents of the sample site at once — text, headings, links to other
// documents and to their headings, citations by number, now and then a
// title; and whole documents added, rewritten with other front matter,
// deleted and renamed — and checks after each round that the files of a
// warm pipeline equal those of a cold run (memos off), whichever path it
// took, and every few rounds those of `tusach build` in a folder. Every
// eighth round the pipeline copies its files to a new store (compactNow),
// and goes on from there.
func TestWarmRandomEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("random edits skipped in -short mode")
	}
	root := sampleSite(t)
	docs, _ := filepath.Glob(filepath.Join(root, "content", "*", "*.md"))
	more, _ := filepath.Glob(filepath.Join(root, "content", "*", "*", "*.md"))
	docs = append(docs, more...)
	var targets []string // documents in the site: drafts are not
	for _, d := range docs {
		if data, _ := os.ReadFile(d); !strings.Contains(string(data), "\ndraft: true\n") {
			targets = append(targets, d)
		}
	}
	rng := rand.New(rand.NewPCG(4, 2026))
	sess := warm(t, root)
	var out served
	if _, err := out.apply(t, sess, nil); err != nil {
		t.Fatal(err)
	}
	fast, partial := 0, 0
	var added []string // documents this test made: safe to delete or rename
	serial := 0        // numbers stay unique
	newDoc := func(round int) string {
		serial++
		return fmt.Sprintf("---\ntitle: Tài liệu vòng %d\ndescription: Mô tả %d\nnumber: %d/TB-TN\ntype: Thông báo\nissued: 2022-%02d-%02d\ntags: [thử %d]\nweight: %d\n---\n\nNội dung vòng %d, xem [tài liệu](../huong-dan/lien-ket.md).\n",
			round, rng.IntN(5), serial, 1+rng.IntN(12), 1+rng.IntN(28), rng.IntN(3), rng.IntN(4), round)
	}
	for round := range 40 {
		var changed []string
		for range 1 + rng.IntN(3) {
			if op := rng.IntN(10); op >= 7 || (op >= 5 && len(added) > 0) {
				// Whole documents: add one, or of those added, rewrite the
				// front matter (title, description, date, number, tags,
				// weight), delete or rename one.
				switch {
				case op >= 7 || len(added) == 0:
					rel := fmt.Sprintf("content/van-ban/vong-%02d.md", round)
					if !slices.Contains(added, rel) {
						added = append(added, rel)
						changed = append(changed, put(t, root, rel, newDoc(round))...)
					}
				case op == 5:
					i := rng.IntN(len(added))
					changed = append(changed, put(t, root, added[i], newDoc(round))...)
				case rng.IntN(2) == 0:
					i := rng.IntN(len(added))
					if err := os.Remove(filepath.Join(root, added[i])); err != nil {
						t.Fatal(err)
					}
					changed = append(changed, added[i])
					added = slices.Delete(added, i, i+1)
				default:
					i := rng.IntN(len(added))
					rel := fmt.Sprintf("content/van-ban/doi-ten-%02d.md", round)
					if slices.Contains(added, rel) {
						continue
					}
					if err := os.Rename(filepath.Join(root, added[i]), filepath.Join(root, rel)); err != nil {
						t.Fatal(err)
					}
					changed = append(changed, added[i], rel)
					added[i] = rel
				}
				continue
			}
			doc := docs[rng.IntN(len(docs))]
			rel, _ := filepath.Rel(root, doc)
			rel = filepath.ToSlash(rel)
			other, _ := filepath.Rel(filepath.Dir(doc), targets[rng.IntN(len(targets))])
			other = filepath.ToSlash(other)
			var text string
			switch rng.IntN(6) {
			case 0:
				text = fmt.Sprintf("\nĐoạn thêm %d, có vài chữ mới.\n", round)
			case 1:
				text = fmt.Sprintf("\n## Mục thêm %d\n\nNội dung.\n", round)
			case 2:
				text = fmt.Sprintf("\nXem [tài liệu khác](%s).\n", other)
			case 3:
				text = fmt.Sprintf("\nXem [mục](%s#muc-thu-%d).\n", other, rng.IntN(3))
			case 4:
				text = "\nTheo Kế hoạch số 205/KH-UBND đã ban hành.\n"
			case 5:
				changed = append(changed, replaceIn(t, root, rel, "title: ", fmt.Sprintf("title: Vòng %d ", round))...)
				continue
			}
			changed = append(changed, appendTo(t, root, rel, text)...)
		}
		up, err := out.apply(t, sess, changed)
		want, berr := cold(t, root)
		switch {
		case err != nil && berr != nil:
			if err.Error() != berr.Error() {
				t.Fatalf("round %d: warm error\n%v\ncold error\n%v", round, err, berr)
			}
			// Undo the round's broken links to headings, as an editor would.
			for _, rel := range changed {
				data := readFile(t, root, rel)
				for i := range 3 {
					data = strings.ReplaceAll(data, fmt.Sprintf("#muc-thu-%d)", i), ")")
				}
				put(t, root, rel, data)
			}
			if _, err := out.apply(t, sess, changed); err != nil {
				t.Fatalf("round %d, after undoing: %v", round, err)
			}
			if want, berr = cold(t, root); berr != nil {
				t.Fatalf("round %d, after undoing: cold: %v", round, berr)
			}
		case err != nil || berr != nil:
			t.Fatalf("round %d: warm error %v, cold error %v", round, err, berr)
		case !up.Full:
			fast++
		case up.Pages < pages(sess):
			partial++
		}
		if d := diffTrees(out.files, want); d != "" {
			t.Fatalf("round %d (%v): warm output differs from a cold run:\n%s", round, changed, d)
		}
		if round%8 == 5 {
			compactNow(t, sess, &out)
		}
		if round%10 == 9 {
			if d := diffTrees(out.files, readTree(t, buildInto(t, root))); d != "" {
				t.Fatalf("round %d (%v): warm output differs from tusach build:\n%s", round, changed, d)
			}
		}
	}
	t.Logf("%d of 40 rounds on the fast path, %d on the whole pipeline rendering some pages only", fast, partial)
	if fast == 0 {
		t.Error("no round took the fast path")
	}
	if partial == 0 {
		t.Error("no round of the whole pipeline spared a page")
	}
}

func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// pages is the number of pages of the pipeline's last good run.
func pages(p *Pipeline) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last == nil {
		return 0
	}
	return len(p.last.site.Pages)
}
