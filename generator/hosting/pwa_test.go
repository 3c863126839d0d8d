package hosting

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tusach/generator/browsertest"
	"tusach/generator/build"
	"tusach/generator/internal/testsite"
	"tusach/generator/offline"
)

// copyContent copies the sample site's content/ into a new site folder.
func copyContent(t *testing.T) string {
	t.Helper()
	return testsite.Sample(t)
}

// pwaSite serves the built site dir under /hoc-tap/ and opens a browser.
func pwaSite(t *testing.T, dir string) (h *siteHandler, srv *httptest.Server, root string, ctx context.Context) {
	h = &siteHandler{}
	h.dir.Store(&dir)
	srv = httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return h, srv, srv.URL + "/hoc-tap/", browsertest.New(t)
}

// openControlled opens root+rel and waits until the service worker
// controls the page and has told it how things stand (the footer's save
// box shows then).
func openControlled(t *testing.T, ctx context.Context, root, rel string) {
	t.Helper()
	if err := browsertest.Navigate(ctx, root+rel); err != nil {
		t.Fatal(err)
	}
	waitFor[bool](t, ctx, rel+": the service worker never controlled the page",
		`navigator.serviceWorker.controller !== null && !document.querySelector(".offline-save").hidden`)
}

// pageAsked returns the site files the page in the tab asked for: itself and
// every resource it loaded, as slash paths from root.
func pageAsked(t *testing.T, ctx context.Context, root string) []string {
	t.Helper()
	urls := evalJS[[]string](t, ctx, `[location.href].concat(performance.getEntriesByType("resource").map(e => e.name))`)
	var out []string
	for _, u := range urls {
		if rel, ok := strings.CutPrefix(u, root); ok {
			rel, _, _ = strings.Cut(rel, "?")
			out = append(out, rel)
		}
	}
	return out
}

func storeName(root string) string { return "tusach " + root + " files" }

// storeWant is what the worker's store holds with the given saved list:
// the shell of shellOf and every file of saved, by hash, and the marks.
func storeWant(root string, shellOf offline.List, saved *offline.List) []string {
	keys := map[string]bool{}
	for _, f := range shellOf.Shell() {
		keys[root+f.Path+"?tusach="+f.Hash] = true
	}
	if saved != nil {
		for _, f := range saved.Files {
			keys[root+f.Path+"?tusach="+f.Hash] = true
		}
		keys[root+offline.ListName+"?saved"] = true
		keys[root+offline.ListName+"?want"] = true
	}
	var out []string
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestWorkerFetchesOnlyWhatIsOpened opens three pages of the sample site
// over http on localhost, then searches: the server sees the service
// worker's shell and what the pages asked for, never offline.json and no
// search file that no query asked for.
func TestWorkerFetchesOnlyWhatIsOpened(t *testing.T) {
	testsite.Requires(t, "Chromium") // before the setup, skipped in -short
	dir := buildSample(t, repoRoot, build.Options{})
	list := siteList(t, dir)
	h, _, root, ctx := pwaSite(t, dir)

	allowed := map[string]bool{offline.ServiceWorkerName: true}
	for _, f := range list.Shell() {
		allowed[f.Path] = true
	}
	for _, rel := range []string{"index.html", "van-ban/ke-hoach-205-kh-ubnd.html", "huong-dan/index.html"} {
		openControlled(t, ctx, root, rel)
		for _, p := range pageAsked(t, ctx, root) {
			allowed[p] = true
		}
	}
	if got, want := cacheKeys(t, ctx, storeName(root)), storeWant(root, list, nil); !reflect.DeepEqual(got, want) {
		t.Errorf("the worker's store holds\n%v\nwant the shell only:\n%v", got, want)
	}
	opened := h.takeLog()
	total := 0
	for _, s := range opened {
		total += s.Bytes
		if !allowed[s.Path] {
			t.Errorf("%s was downloaded: neither the shell nor asked for by an opened page", s.Path)
		}
	}
	t.Logf("three pages: %d requests, %d bytes", len(opened), total)

	// A search downloads the index files it needs, and only those.
	openControlled(t, ctx, root, "search/index.html?q=chinh+don+dang")
	waitFor[int](t, ctx, "search results", `document.querySelectorAll("[data-search-page] .search-hit-title").length`)
	asked := map[string]bool{}
	for _, p := range pageAsked(t, ctx, root) {
		asked[p] = true
	}
	searched := 0
	for _, s := range h.takeLog() {
		if strings.HasPrefix(s.Path, "search/") && strings.HasSuffix(s.Path, ".js") {
			searched++
			if !asked[s.Path] {
				t.Errorf("%s was downloaded: no query asked for it", s.Path)
			}
		}
		if s.Path == offline.ListName {
			t.Errorf("%s was downloaded though the reader saved nothing", offline.ListName)
		}
	}
	if searched == 0 {
		t.Error("the search downloaded no index file: the test saw nothing")
	}
	browsertest.NoProblems(t, ctx)
}

// TestOfflineWebApp serves the sample site over http under /hoc-tap/ and
// saves it with the footer button, which first shows the size; serves a new
// build with one document changed: the saved copy downloads exactly the
// files whose content changed and drops the old ones; then the server
// stops, and the site is read and searched from the saved copy.
func TestOfflineWebApp(t *testing.T) {
	testsite.Requires(t, "Chromium") // before the setup, skipped in -short
	first := buildSample(t, repoRoot, build.Options{})
	src := copyContent(t)
	doc := filepath.Join(src, "content", "van-ban", "ke-hoach-205-kh-ubnd.md")
	text, err := os.ReadFile(doc)
	if err != nil {
		t.Fatalf("the sample document changed name? %v", err)
	}
	const marker = "Đoạn này chỉ có ở bản dựng thứ hai."
	if err := os.WriteFile(doc, append(text, "\n\n"+marker+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	second := buildSample(t, src, build.Options{})
	l1, l2 := siteList(t, first), siteList(t, second)
	if l1.Version == l2.Version {
		t.Fatal("a changed document did not change the version")
	}

	h, srv, root, ctx := pwaSite(t, first)
	openControlled(t, ctx, root, "index.html")
	manifest := evalJS[string](t, ctx, `document.querySelector('link[rel=manifest]').href`)
	if manifest != root+offline.ManifestName {
		t.Errorf("manifest link %q", manifest)
	}
	const progress = `localStorage.setItem("tusach-progress-test", "đã đọc 3 bài"); true`
	evalJS[bool](t, ctx, progress)
	h.takeLog()

	// The button says how much the site weighs, from sw.js alone.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".offline-save > button"))); err != nil {
		t.Fatalf("the save button: %v", err)
	}
	ask := evalJS[string](t, ctx, `document.querySelector(".offline-save [role=status]").textContent`)
	want := fmt.Sprintf("Tải về khoảng %s (%d tệp) để đọc khi không có mạng?", viSize(l1.Bytes()), len(l1.Files))
	if ask != want {
		t.Errorf("before saving: %q\nwant %q", ask, want)
	}
	if log := h.takeLog(); len(log) > 0 {
		t.Errorf("the size was shown after downloading %v", paths(log))
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".offline-save .offline-yes"))); err != nil {
		t.Fatalf("the confirm button: %v", err)
	}
	status := waitFor[string](t, ctx, "saving", `(() => {
		const s = document.querySelector(".offline-save [role=status]").textContent;
		return s.startsWith("Đã lưu") || s.startsWith("Không") ? s : "";
	})()`)
	if !strings.HasPrefix(status, "Đã lưu toàn bộ") {
		t.Fatalf("saving the site: %q", status)
	}
	if got, want := cacheKeys(t, ctx, storeName(root)), storeWant(root, l1, &l1); !reflect.DeepEqual(got, want) {
		t.Errorf("after saving the store holds %d entries, want %d", len(got), len(want))
	}
	saved := h.takeLog()
	var wantSaved []string
	shell := map[string]bool{}
	for _, f := range l1.Shell() {
		shell[f.Path] = true
	}
	for _, f := range l1.Files {
		if !shell[f.Path] {
			wantSaved = append(wantSaved, f.Path)
		}
	}
	wantSaved = append(wantSaved, offline.ListName)
	sort.Strings(wantSaved)
	if got := paths(saved); !reflect.DeepEqual(got, wantSaved) || len(saved) != len(wantSaved) {
		t.Errorf("saving downloaded %d files (%d requests), want %d: every file but the shell, once, and the list",
			len(got), len(saved), len(wantSaved))
	}
	checkSavedBytes(t, l1, saved)

	// A new build. The worker learns of it at the browser's next update check
	// (any navigation; here asked for directly, so that no page is fetched).
	h.dir.Store(&second)
	evalJS[bool](t, ctx, `navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)`)
	waitFor[bool](t, ctx, "the new build's worker never took over with the saved copy updated", `(async () => {
		const r = await navigator.serviceWorker.getRegistration();
		if (r.installing || r.waiting || !r.active || r.active.state !== "activated") return false;
		if ((await caches.keys()).includes(`+jsString("tusach "+root+" "+l1.Version)+`)) return false;
		const saved = await (await caches.open(`+jsString(storeName(root))+`)).match(`+jsString(root+offline.ListName+"?saved")+`);
		return !!saved && (await saved.json()).version === `+jsString(l2.Version)+`;
	})()`)
	updated := h.takeLog()
	count := map[string]int{}
	for _, s := range updated {
		if s.Path != offline.ServiceWorkerName && s.Path != offline.ListName {
			count[s.Path]++
		}
	}
	changed := listed(l2, changedFiles(t, first, second))
	var fetched []string
	for p, n := range count {
		fetched = append(fetched, p)
		if n != 1 {
			t.Errorf("%s downloaded %d times", p, n)
		}
	}
	sort.Strings(fetched)
	if !reflect.DeepEqual(fetched, changed) {
		t.Errorf("after the rebuild the saved copy downloaded %d files:\n%v\nwant the %d whose content changed:\n%v",
			len(fetched), fetched, len(changed), changed)
	}
	t.Logf("update after one changed document: %d of %d files downloaded: %v", len(fetched), len(l2.Files), fetched)
	if diff := offline.Diff(l1, l2); !reflect.DeepEqual(entryPaths(diff.Fetch), changed) {
		t.Errorf("offline.Diff says %v, the files say %v", entryPaths(diff.Fetch), changed)
	}
	if got, want := cacheKeys(t, ctx, storeName(root)), storeWant(root, l2, &l2); !reflect.DeepEqual(got, want) {
		t.Errorf("after the update the store holds %d entries, want %d (the old versions removed)", len(got), len(want))
	}
	if got := evalJS[string](t, ctx, `localStorage.getItem("tusach-progress-test")`); got != "đã đọc 3 bài" {
		t.Errorf("the reader's progress after the update: %q", got)
	}

	// The server goes away: the saved copy of the second build reads and
	// searches.
	srv.Close()
	if _, err := http.Get(root + "index.html"); err == nil {
		t.Fatal("the server still answers")
	}
	if err := browsertest.Navigate(ctx, root+"van-ban/ke-hoach-205-kh-ubnd.html"); err != nil {
		t.Fatalf("offline page: %v", err)
	}
	body := evalJS[string](t, ctx, `document.querySelector(".prose").textContent`)
	if !strings.Contains(body, marker) {
		t.Errorf("offline: the document is not the second build's (no %q)", marker)
	}
	if err := browsertest.Navigate(ctx, root+"search/index.html?q=chinh+don+dang"); err != nil {
		t.Fatal(err)
	}
	waitFor[int](t, ctx, "offline search", `document.querySelectorAll("[data-search-page] .search-hit-title").length`)
	browsertest.NoProblems(t, ctx)
}

func entryPaths(es []offline.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Path)
	}
	return out
}

// TestSaveResumes cuts a save short (one file fails), then opens another
// page: the save resumes and downloads the list and the missing file only.
func TestSaveResumes(t *testing.T) {
	testsite.Requires(t, "Chromium") // before the setup, skipped in -short
	dir := buildSample(t, repoRoot, build.Options{})
	list := siteList(t, dir)
	var flaky string
	for _, f := range list.Files {
		if strings.HasPrefix(f.Path, "search/d/") {
			flaky = f.Path
			break
		}
	}
	h, _, root, ctx := pwaSite(t, dir)
	h.fail.Store(&flaky)
	openControlled(t, ctx, root, "index.html")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".offline-save > button")),
		chromedp.Click(chromedp.CSS(".offline-save .offline-yes")),
	); err != nil {
		t.Fatalf("the save buttons: %v", err)
	}
	status := `(() => {
		const s = document.querySelector(".offline-save [role=status]").textContent;
		return s.startsWith("Đã lưu") || s.startsWith("Không") ? s : "";
	})()`
	got := waitFor[string](t, ctx, "saving", status)
	if want := fmt.Sprintf("Không lưu được 1/%d tệp: hãy thử lại khi có mạng.", len(list.Files)); got != want {
		t.Fatalf("a save with %s failing: %q, want %q", flaky, got, want)
	}
	h.fail.Store(nil)
	h.takeLog()

	openControlled(t, ctx, root, "huong-dan/index.html")
	if got := waitFor[string](t, ctx, "the save resumed", status); !strings.HasPrefix(got, "Đã lưu toàn bộ") {
		t.Fatalf("the save resumed: %q", got)
	}
	asked := map[string]bool{}
	for _, p := range pageAsked(t, ctx, root) {
		asked[p] = true
	}
	count := map[string]int{}
	for _, s := range h.takeLog() {
		if !asked[s.Path] {
			count[s.Path]++
		}
	}
	if want := map[string]int{offline.ListName: 1, flaky: 1}; !reflect.DeepEqual(count, want) {
		t.Errorf("the resumed save downloaded %v, want %v", count, want)
	}
	if got, want := cacheKeys(t, ctx, storeName(root)), storeWant(root, list, &list); !reflect.DeepEqual(got, want) {
		t.Errorf("after the resumed save the store holds %d entries, want %d", len(got), len(want))
	}
}

// TestLegacySavedCopyIsKept: a reader who saved the site with the worker of
// an older tusach (the copy in the cache of its version, marked by
// offline.json) keeps a saved copy: the new worker saves the site by hash
// before it takes over and deletes the old cache.
func TestLegacySavedCopyIsKept(t *testing.T) {
	testsite.Requires(t, "Chromium") // before the setup, skipped in -short
	dir := buildSample(t, repoRoot, build.Options{})
	list := siteList(t, dir)
	h, srv, root, ctx := pwaSite(t, dir)
	legacy := "tusach " + root + " 0123456789abcdef"
	if err := browsertest.Navigate(ctx, srv.URL+"/elsewhere"); err != nil { // same origin, no worker
		t.Fatal(err)
	}
	evalJS[bool](t, ctx, `caches.open(`+jsString(legacy)+`).then(c => c.put(`+jsString(root+offline.ListName)+`, new Response("{}"))).then(() => true)`)
	h.takeLog()
	openControlled(t, ctx, root, "index.html")
	if keys := evalJS[[]string](t, ctx, `caches.keys()`); strings.Contains(strings.Join(keys, "\n"), legacy) {
		t.Errorf("the old copy's cache is still there: %v", keys)
	}
	if got, want := cacheKeys(t, ctx, storeName(root)), storeWant(root, list, &list); !reflect.DeepEqual(got, want) {
		t.Errorf("the store holds %d entries, want the whole site saved: %d", len(got), len(want))
	}
	fetched := map[string]bool{}
	for _, s := range h.takeLog() {
		fetched[s.Path] = true
	}
	for _, f := range list.Files {
		if !fetched[f.Path] {
			t.Errorf("%s not downloaded: the old copy had no hashes to trust", f.Path)
		}
	}
}
