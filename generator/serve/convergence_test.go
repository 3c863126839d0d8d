package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tusach/generator/build"
	"tusach/generator/internal/testsite"
	"tusach/generator/output"
	"tusach/generator/serve/preview"
)

// defaultTheme is the repository's templates/ folder, the embedded theme.
func defaultTheme(t testing.TB) fs.FS {
	t.Helper()
	return testsite.DefaultTheme(t)
}

// copySite copies build's test site into a new temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../build/testdata/site")); err != nil {
		t.Fatal(err)
	}
	return root
}

// cleanBuild builds root with `tusach build`'s pipeline into a folder and
// returns its files.
func cleanBuild(t *testing.T, root string) map[string][]byte {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{Source: root, Dest: dest, Theme: defaultTheme(t)}); err != nil {
		t.Fatalf("tusach build: %v", err)
	}
	return readTree(t, dest)
}

// TestMemoryBuildEqualsBuild checks that the default builder produces
// exactly the files of `tusach build`, byte for byte.
func TestMemoryBuildEqualsBuild(t *testing.T) {
	root := copySite(t)
	want := cleanBuild(t, root)
	live := newLiveSite(build.Options{Source: root, Theme: defaultTheme(t)})
	defer live.close()
	files, err := live.build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tree := files.(*output.Tree)
	got := map[string][]byte{}
	for _, name := range tree.Names() {
		if got[name], err = tree.ReadFile(name); err != nil {
			t.Fatal(err)
		}
	}
	if diff := compare(got, want); diff != "" {
		t.Fatal(diff)
	}
}

// compare describes how got differs from want, or returns "".
func compare(got, want map[string][]byte) string {
	var diffs []string
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			diffs = append(diffs, name+": missing")
		case !bytes.Equal(g, w):
			diffs = append(diffs, name+": differs")
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, name+": not in tusach build")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 8 {
		diffs = append(diffs[:8], fmt.Sprintf("… %d more", len(diffs)-8))
	}
	return strings.Join(diffs, "\n")
}

var injected = regexp.MustCompile(`<script src="[^"]*__tusach/livereload\.js" data-build="[^"]*" defer></script>`)

// served fetches every file of want, and every path of gone, from the
// server; HTML has the live-reload script taken out again.
func served(t *testing.T, url string, want map[string][]byte, gone []string) (map[string][]byte, string) {
	t.Helper()
	got := map[string][]byte{}
	for name := range want {
		resp, err := http.Get(url + name)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode == 200 {
			if strings.HasSuffix(name, ".html") {
				body = injected.ReplaceAll(body, nil)
			}
			got[name] = body
		}
	}
	for _, name := range gone {
		if _, ok := want[name]; ok {
			continue
		}
		resp, err := http.Get(url + name)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 404 {
			return got, name + ": deleted page still served"
		}
	}
	return got, ""
}

// errorLine is an error as the terminal shows it.
var errorLine = regexp.MustCompile(`^(content|templates)/[^:]*:\d+: `)

// waitWritten waits for an update that wrote page, and fails after a
// minute (a hang guard).
func waitWritten(t *testing.T, updates <-chan build.Update, page string) {
	t.Helper()
	guard := time.After(time.Minute)
	for {
		select {
		case up := <-updates:
			if up.Full || slices.Contains(up.Written, page) {
				return
			}
		case <-guard:
			t.Fatalf("no update wrote %s within a minute", page)
		}
	}
}

// TestConvergence applies a scripted random sequence of 240 creates, edits
// (of the front matter, and of the text only, which take the slow and the
// fast path), renames, deletes and atomic saves to a served site, in bursts
// as editors and git produce them, then checks that the served site equals
// a clean `tusach build` of the final state once the search index has
// caught up.
func TestConvergence(t *testing.T) {
	if testing.Short() {
		t.Skip("convergence test skipped in -short mode")
	}
	root := copySite(t)
	var fast, full, compacted atomic.Int64
	updates := make(chan build.Update, 1024)
	// No minimum interval between rebuilds, so that bursts separated by a
	// pause rebuild separately whenever the machine is quick enough. The
	// pipeline's store is copied to a new one after each build whose
	// follow-up finds any bytes in it that nothing reads (Compaction), so
	// that the served site goes from store to store throughout.
	r := runSite(t, Options{Source: root, Theme: defaultTheme(t), MaxDelay: 300 * time.Millisecond, MinInterval: -1,
		compaction: func(size, live int64) bool { return size > live },
		onCompact:  func() { compacted.Add(1) },
		onUpdate: func(up build.Update) {
			if up.Full {
				full.Add(1)
			} else {
				fast.Add(1)
			}
			select {
			case updates <- up:
			default: // only the last phase reads them
			}
		}})
	rng := rand.New(rand.NewPCG(4, 205))
	docs := map[string]int{} // file under content/thu-nghiem → edit count
	var gone []string
	// Every edit of a document's front matter changes its title, and may
	// change its description, tags, weight and date: its place in lists,
	// its terms, the newest date of the site.
	doc := func(name string, n int) string {
		return fmt.Sprintf("---\ntitle: Tài liệu %s lần %d\ndescription: Mô tả %d\ndate: 2021-%02d-%02d\ntags: [thử %d]\nweight: %d\n---\n\nNội dung **%s**, bản %d.\n",
			name, n, n%2, 1+len(name)%12, 1+n%28, n%3, n%5, name, n)
	}
	names := func() []string {
		var out []string
		for n := range docs {
			out = append(out, n)
		}
		sort.Strings(out)
		return out
	}
	page := func(name string) string { return "thu-nghiem/" + strings.TrimSuffix(name, ".md") + ".html" }
	dir := filepath.Join(root, "content", "thu-nghiem")
	writeFile(t, root, "content/thu-nghiem/_index.md", "---\ntitle: Thử nghiệm\n---\n")
	for op := range 240 {
		existing := names()
		kind := rng.IntN(6)
		if len(existing) < 3 {
			kind = 0
		}
		switch kind {
		case 0: // create
			name := fmt.Sprintf("tai-lieu-%03d.md", op)
			docs[name] = 0
			writeFile(t, root, "content/thu-nghiem/"+name, doc(name, 0))
		case 1: // edit in place
			name := existing[rng.IntN(len(existing))]
			docs[name]++
			writeFile(t, root, "content/thu-nghiem/"+name, doc(name, docs[name]))
		case 2: // rename
			old := existing[rng.IntN(len(existing))]
			name := fmt.Sprintf("doi-ten-%03d.md", op)
			if err := os.Rename(filepath.Join(dir, old), filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			docs[name] = docs[old]
			delete(docs, old)
			gone = append(gone, page(old))
		case 3: // delete
			name := existing[rng.IntN(len(existing))]
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			delete(docs, name)
			gone = append(gone, page(name))
		case 4: // atomic save, as vim or as VS Code
			name := existing[rng.IntN(len(existing))]
			docs[name]++
			if rng.IntN(2) == 0 {
				saveLikeVim(t, root, "content/thu-nghiem/"+name, doc(name, docs[name]))
			} else {
				writeFile(t, root, "content/thu-nghiem/."+name+".tmp", doc(name, docs[name]))
				if err := os.Rename(filepath.Join(dir, "."+name+".tmp"), filepath.Join(dir, name)); err != nil {
					t.Fatal(err)
				}
			}
		case 5: // add a line to the text only, which takes the fast path
			name := existing[rng.IntN(len(existing))]
			f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(f, "\nDòng thêm %d, [về mục](_index.md).\n", op)
			f.Close()
		}
		if op%10 == 9 {
			time.Sleep(time.Duration(rng.IntN(120)) * time.Millisecond) // let some bursts rebuild
		}
	}
	// Then one save at a time, as an editor works: mostly text edits, each
	// its own rebuild on the fast path, now and then a front-matter change.
	// Each save waits for an update that wrote its page, so that each is a
	// rebuild of its own however slow the machine.
	for len(updates) > 0 {
		<-updates
	}
	for i := range 30 {
		existing := names()
		name := existing[rng.IntN(len(existing))]
		if i%6 == 5 {
			docs[name]++
			writeFile(t, root, "content/thu-nghiem/"+name, doc(name, docs[name]))
		} else {
			f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(f, "\n## Mục %d\n\nDòng thêm %d.\n", i, i)
			f.Close()
		}
		waitWritten(t, updates, page(name))
	}
	want := cleanBuild(t, root)
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, missing := served(t, r.url, want, gone)
		diff := compare(got, want)
		if diff == "" && missing == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("served site does not converge to tusach build:\n%s\n%s\nlog:\n%s", diff, missing, r.log.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	// The follow-up of the last build, which no build follows, copies the
	// store (after the search index, which the site converged with).
	for guard := time.Now().Add(time.Minute); compacted.Load() == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(guard) {
			t.Fatal("the store was never copied (Compact) within a minute of converging")
		}
	}
	// And it stays there: nothing is rebuilt differently afterwards.
	time.Sleep(500 * time.Millisecond)
	got, missing := served(t, r.url, want, gone)
	if diff := compare(got, want); diff != "" || missing != "" {
		t.Fatalf("served site drifted after converging:\n%s\n%s", diff, missing)
	}
	t.Logf("%d documents at the end, %d rebuilds: %d fast, %d full; the store copied %d times", len(docs), strings.Count(r.log.String(), "đã dựng"), fast.Load(), full.Load(), compacted.Load())
	// Both paths ran (how many rebuilds each took depends on how the
	// machine batched the saves: not asserted).
	if fast.Load() == 0 || full.Load() == 0 {
		t.Errorf("the sequence should take both paths: %d fast, %d full rebuilds", fast.Load(), full.Load())
	}
	// A rebuild may read a file between its truncation and its write (the
	// writer descheduled on a loaded machine): "empty file" is then what
	// the disk held. Any other error is a bug.
	emptyOnly := false // the errors since the last rebuild line are all "empty file"
	for _, line := range strings.Split(r.log.String(), "\n") {
		switch {
		case rebuildLine.MatchString(line):
			if strings.Contains(line, "thất bại") && !emptyOnly {
				t.Errorf("a rebuild failed: %s\n%s", line, r.log.String())
			}
			emptyOnly = false
		case errorLine.MatchString(line):
			emptyOnly = strings.HasSuffix(line, ":1: empty file")
			if !emptyOnly {
				t.Errorf("a rebuild failed: %s\n%s", line, r.log.String())
			}
		}
	}
}

// TestFollowUpWarnsOfFailedCopy: when the copy of the temporary file fails
// (here its folder is missing), the follow-up says so, in the terminal's
// language, once: not again after the next follow-up while the store has
// not grown.
func TestFollowUpWarnsOfFailedCopy(t *testing.T) {
	root := copySite(t)
	live := newLiveSite(build.Options{Source: root, Theme: defaultTheme(t)})
	defer live.close()
	var log strings.Builder
	live.log, live.text = &log, messagesFor("en")
	live.pipe.Compaction = func(_, _ int64) bool { return true } // copy whatever is in vain
	srv, err := preview.New(preview.Config{Build: live.build})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	if err := srv.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	if missed := live.followUp(ctx, srv); len(missed) > 0 {
		t.Fatalf("follow-up found changes in an untouched site: %v", missed)
	}
	if !strings.Contains(log.String(), "tusach: the preview's temporary file could not be copied") || !strings.Contains(log.String(), "missing") {
		t.Errorf("log after a failed copy:\n%s", log.String())
	}
	before := log.String()
	live.followUp(ctx, srv)
	if log.String() != before {
		t.Errorf("the copy was tried again at once, with the store no bigger:\n%s", strings.TrimPrefix(log.String(), before))
	}
}
