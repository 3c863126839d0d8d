package build

import (
	"context"
	"io/fs"
	"sync"
	"time"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/markdown"
	"tusach/generator/search"
	"tusach/generator/site"
	"tusach/generator/theme"
)

// RenderDeadline bounds the time a Session waits for one document's
// Markdown. A document that takes longer (the limits of the markdown stage
// keep the worst real one to seconds) is reported as an error, "took
// longer than 10s to render", and that result is kept like any other until
// the document or what it links to changes, so it costs the wait once, not
// on every later edit. Builds (Generate) have no deadline: their output
// never depends on the machine's speed.
const RenderDeadline = 10 * time.Second

// Session rebuilds one site again and again, as `tusach serve` does, redoing
// only what a change affects. Its output after any sequence of changes is,
// byte for byte, what Generate and Write produce for the files as they are
// then (TestSessionEqualsBuild and serve's convergence test check it).
//
// A Session keeps the stage results of its last good build: the parsed
// documents, the rendered Markdown with the links and citations each
// document looked up, the assembled site, and a SHA-256 of every file it
// gave the sink. Update takes the paths that changed (relative to the site
// folder, as the watcher reports them) and goes one of two ways:
//
//   - The fast path, when every change is an edit of a Markdown document
//     already in the site whose front matter stays the same, whose rendered
//     title, citations and links to headings stay the same, whose own
//     heading IDs are kept, and which is not a lesson of a study path: only
//     those documents are read, parsed and rendered; their pages are patched
//     in the assembled site in place, and only their pages are rendered
//     again, plus the pages whose template may show other pages' bodies
//     (kinds other than those of [ownBodyKinds], pages with a layout, and
//     every page when the site overrides templates). No other page can
//     change: everything else they show (titles, metadata, order,
//     prev/next, terms, counts, dates) is unchanged by such an edit.
//   - Otherwise the whole pipeline runs, but Markdown is rendered again only
//     for documents whose body, place or own number changed, or whose
//     recorded link and citation look-ups now get other answers; pages are
//     rendered again only when the fingerprint of what their template
//     reads changed (see pagePrints: a title edit renders the page, its
//     section, neighbours, terms and lists; a theme change renders all),
//     and only those whose bytes changed go to the sink.
//
// Either way the sitemap, feed and offline files follow, and only files
// whose content changed are written. The search index is the slow part
// (seconds on 10,000 documents), so Update leaves it as it was (except on
// the first build, which builds it) and reports SearchStale; NewSearchJob,
// Run and ApplySearch then bring it up to date outside the hot path.
//
// A failed build (content or template errors) changes nothing: the next
// Update starts again from the last good build, with the failed paths
// added to its changes. A Session is safe for concurrent use; its methods
// take turns.
type Session struct {
	opts Options

	mu    sync.Mutex
	st    *sessionState   // last good build; nil before the first and after a broken one
	dirty map[string]bool // changed paths not yet in a good build
	// md renders with mdOpts; cache holds its results by content path,
	// kept when st is dropped.
	md     *markdown.Renderer
	mdOpts markdown.Options
	cache  map[string]*renderedDoc
}

// Update says what one Session.Update or ApplySearch did.
type Update struct {
	// Written lists the files given to the sink, slash paths; a file not
	// listed is as in the previous build.
	Written []string
	// Removed lists the files of the previous build that the site no longer
	// has.
	Removed []string
	// Pages is the number of pages rendered.
	Pages int
	// Full is true when the whole pipeline ran, false for the fast path.
	Full bool
	// Complete is true when every file of the site went to the sink (the
	// first build, or one after a failure): the files of earlier builds
	// are to be forgotten, not merged with these.
	Complete bool
	// SearchStale is true when the search files are those of an earlier
	// build: run a search job to bring them up to date.
	SearchStale bool
}

// NewSession returns a Session for opts (Source, Theme, Drafts and BaseURL
// are used; Dest, Zip and Precompress are not). It has not built anything
// yet: the first Update builds the whole site.
func NewSession(opts Options) *Session {
	return &Session{opts: opts, dirty: map[string]bool{}}
}

// sessionState is one good build.
type sessionState struct {
	src      *content.Source
	urls     site.URLs
	numbers  site.Numbers
	md       *markdown.Renderer
	rendered map[string]*renderedDoc // by content path
	site     *site.Site
	byURL    map[string]*site.Page
	theme    *theme.Theme
	themeFS  fs.FS
	// overrides is true when the site has templates of its own, which may
	// show anything of any page.
	overrides bool
	// prints are the fingerprints of the pages (see pagePrints) whose
	// rendered bytes are recorded in sums, by URL; nil when not tracked.
	prints map[string][32]byte
	// sums holds the SHA-256 of every file given to the sink, as given
	// (before minifying), except offline.json and sw.js.
	sums map[string][32]byte
	// names are the keys of sums, sorted; nil when they changed since.
	names []string
	// offlineSums holds the sums of offline.json and sw.js.
	offlineSums map[string][32]byte
	// copied holds the stamp of each content file when it was copied.
	copied map[string]stamp
	// stamps are the content files as last read, for OutOfDate.
	stamps map[string]stamp
	// listing sums up the file names and errors of a listing load.
	listing string

	searchDocs  []search.Doc   // in site order
	searchIndex map[string]int // page URL → index in searchDocs
	searchNames map[string]bool
	searchGen   uint64 // generation the search files were built from
	gen         uint64 // bumped by every successful Update
	// always are the pages rendered on every fast path: those whose
	// template may show other pages' bodies.
	always []*site.Page
}

// Update brings the site up to date after the given paths changed
// (relative to the site folder, slash-separated, e.g.
// "content/van-ban/a.md"); nil means unknown changes and runs the whole
// pipeline. Files whose content changed go to sink; see [Update] for what
// is reported. On content or template errors it returns an error wrapping
// ErrContent from which diag.AsList recovers them, and nothing changes.
func (s *Session) Update(ctx context.Context, sink Sink, changed []string) (Update, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range changed {
		s.dirty[p] = true
	}
	var up Update
	var err error
	fast := false
	if s.st != nil && changed != nil {
		var plan *patchPlan
		plan, fast, err = s.planPatch(sortedSet(s.dirty))
		if fast {
			if err != nil {
				return Update{}, err
			}
			up, err = s.applyPatch(ctx, sink, plan)
		}
	}
	if !fast {
		up, err = s.rebuild(ctx, sink)
	}
	if err != nil {
		return Update{}, err
	}
	clear(s.dirty)
	return up, nil
}

// fail turns diagnostics into the error Update returns.
func fail(errs diag.List) error {
	return contentErr(errs)
}

// sortedSet returns the keys of set, sorted.
func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}
