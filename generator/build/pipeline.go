package build

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"

	"tusach/generator/content"
	"tusach/generator/feed"
	"tusach/generator/offline"
	"tusach/generator/output"
	"tusach/generator/site"
	"tusach/generator/spill"
	"tusach/generator/theme"
)

// RenderDeadline bounds the time a pipeline with a deadline (the one of
// `tusach serve`) waits for one document's Markdown. A document that takes
// longer is reported as an error, "took longer than 10s to render", and the
// markdown memo keeps that result like any other until the document or what
// it links to changes, so it costs the wait once. Builds have no deadline:
// their output never depends on the machine's speed.
const RenderDeadline = 10 * time.Second

// Pipeline builds one site, again and again: cold for `tusach build` (one
// Run, every memo off, files streamed to the output folder), warm for
// `tusach serve` (a Run per batch of changes, each stage reusing what its
// memo holds). Both ways run the same stages; with its memos on, a Run
// gives the files a run with them off gives, byte for byte.
//
// A failed run (content or template errors) changes nothing: the next Run
// starts from the last good one, with the failed paths added to its
// changes. A Pipeline is safe for concurrent use; its methods take turns.
type Pipeline struct {
	// NoMemo turns every memo off: each Run loads, renders and indexes
	// the whole site again (the reference the memos are checked against).
	NoMemo bool
	// DeferIndex leaves the search files of a warm Run as the last run
	// made them, and those of the offline list (offline.json, sw.js) too
	// after a body edit (the fast path, patch), reporting Stale; Index
	// brings them up to date. Both list or index every file or document
	// of the site: making them again costs a one-page edit of a 100,000
	// document site more than the rest of its rebuild.
	DeferIndex bool
	// Deadline bounds the rendering of one document's Markdown (see
	// RenderDeadline); zero waits as long as it takes.
	Deadline time.Duration
	// Compaction says, from the bytes of a warm pipeline's store and those
	// its last tree and bodies set aside still read, whether Compact copies
	// these to a new store; nil: once more than half of the store, and at
	// least 256 MB, is bytes nothing reads.
	Compaction func(size, live int64) bool

	opts  Options
	min   *minify.M
	dest  *output.Writer // cold builds: files go here as they are made
	store *output.Store  // warm runs: the trees' bytes go here (made by the first)
	aside asideBodies    // warm runs: the documents' bodies set aside in store
	retry compactRetry   // warm runs: after a failed Compact, when to try again
	spill *spill.File    // cold builds: what later stages read of each document (cold.go)
	mu    sync.Mutex
	last  *built          // the last good run; nil before one and after a broken one
	dirty map[string]bool // changed paths not yet in a good run
	gen   uint64          // bumped by every Run that changed the tree
	loads *content.Memo   // the load stage's memo
	md    mdMemo          // the markdown stage's memo

	// compactRetrySlack, when set by tests, replaces compactSlack as the
	// growth Compact waits for after a failed copy.
	compactRetrySlack int64
}

// built is what one good Run made, stage by stage.
type built struct {
	stamps   content.Stamps // files of the site folder when it was read
	src      *content.Source
	rendered map[string]*renderedDoc // by content path
	site     *site.Site
	byURL    map[string]*site.Page
	theme    *theme.Theme
	own      bool                // the site has templates of its own
	prints   map[string][32]byte // render memo: page fingerprints by URL
	index    searchState
	tree     *output.Tree
	offline  *offline.Listing // the offline files of tree, or of an earlier tree when behind is not nil
	// behind names the files changed since the tree offline lists, when
	// the fast path left the offline files for Index (DeferIndex).
	behind  []string
	showers []*site.Page // the pages a body edit renders again (patch.go); warm runs only
	rs      resolvers    // the markdown stage's look-ups, by the site's paths and numbers
}

// Update says what one Run or Index changed.
type Update struct {
	Written []string // files new or changed since the last tree, sorted
	Removed []string // files of the last tree that are gone, sorted
	Pages   int      // pages rendered
	// Full is true when the site was assembled again, false for a body
	// edit patched into the last site (site.Patch).
	Full bool
	// Stale is true when the search files, or the offline list, are
	// those of an earlier run (see DeferIndex): call Index.
	Stale bool
}

// NewPipeline returns a pipeline for opts (Source, Theme, Drafts, BaseURL
// and NoMinify are used; Dest, Zip and Precompress are Build's). It has
// not run yet: the first Run builds the whole site.
func NewPipeline(opts Options) *Pipeline {
	p := &Pipeline{opts: opts, dirty: map[string]bool{}, loads: &content.Memo{}}
	if !opts.NoMinify {
		p.min = output.NewMinifier()
	}
	return p
}

// Run brings the site up to date after the given paths changed (relative
// to the site folder, slash-separated, e.g. "content/van-ban/a.md"; nil:
// unknown changes) and returns the site's files as a tree, with what
// changed since the last tree. On content or template errors it returns
// an error wrapping ErrContent from which diag.AsList recovers them.
func (p *Pipeline) Run(ctx context.Context, changed []string) (*output.Tree, Update, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range changed {
		p.dirty[c] = true
	}
	old, prev := p.last, p.tree()
	if p.NoMemo {
		old, p.md = nil, mdMemo{}
	}
	r, up, err := p.patch(ctx, old, changed != nil)
	if r == nil && err == nil {
		r, up, err = p.full(ctx, old)
	}
	if err != nil {
		return nil, Update{}, err
	}
	up.Written, up.Removed = r.tree.Diff(prev)
	if len(up.Written)+len(up.Removed) > 0 || prev == nil {
		p.gen++
	}
	p.last = r
	clear(p.dirty)
	return r.tree, up, nil
}

// Tree returns the tree of the last good Run or Index; nil before one.
func (p *Pipeline) Tree() *output.Tree {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tree()
}

func (p *Pipeline) tree() *output.Tree {
	if p.last == nil {
		return nil
	}
	return p.last.tree
}

// full runs every stage: load, markdown, assemble, render, index, output.
func (p *Pipeline) full(ctx context.Context, old *built) (*built, Update, error) {
	root, prog := p.opts.Source, p.opts.Progress
	stampedAt := time.Now()
	r := &built{stamps: content.SiteStamps(root)} // before reading: a change after it is seen later
	progress(prog, "load", 0, 0)
	memo := p.loads
	if p.NoMemo {
		memo = nil
	}
	src, errs := content.Load(content.OpenSite(root), content.Options{Drafts: p.opts.Drafts, Root: root, Memo: memo, Keep: p.keepBody(),
		Stamps: r.stamps, StampedAt: stampedAt})
	if src == nil {
		return nil, Update{}, contentErr(errs)
	}
	if p.opts.BaseURL != "" {
		src.Settings.BaseURL = p.opts.BaseURL
	}
	r.src = src
	progress(prog, "markdown", 0, 0)
	if err := p.openStore(); err != nil {
		return nil, Update{}, err
	}
	results, mdErrs, err := p.markdown(ctx, r)
	if err != nil {
		return nil, Update{}, err
	}
	if err := ctx.Err(); err != nil {
		return nil, Update{}, err // documents left unrendered
	}
	if err := p.spillErr(); err != nil {
		return nil, Update{}, err
	}
	errs = append(errs, mdErrs...)
	progress(prog, "assemble", 0, 0)
	sit, siteErrs := site.Assemble(src, results)
	errs = append(errs, siteErrs...)
	themeFS, own := theme.ForSite(root, p.opts.Theme)
	th, themeErrs := theme.Load(themeFS, sit.Lang)
	errs = append(errs, themeErrs...)
	if len(errs) > 0 {
		return nil, Update{}, contentErr(errs)
	}
	r.site, r.theme, r.own = sit, th, own
	if !p.streams() { // for a body edit of a later run (patch)
		r.showers = showers(sit.Pages, own)
	}
	r.byURL = make(map[string]*site.Page, len(sit.Pages))
	for _, pg := range sit.Pages {
		r.byURL[pg.URL] = pg
	}
	m, err := p.maker(old)
	if err != nil {
		return nil, Update{}, err
	}
	up := Update{Full: true}
	pages := p.pagesToRender(ctx, r, old, m)
	if err := p.render(ctx, r, m, pages, &up); err != nil {
		return nil, Update{}, err
	}
	if err := p.writeRest(r, old, m); err != nil {
		return nil, Update{}, err
	}
	return p.finish(ctx, r, old, m, up)
}

// finish runs the index stage, then the offline files, and makes the tree.
// A body edit of a pipeline that defers its index (patch) leaves the
// offline files as they were and notes in r what they are behind.
func (p *Pipeline) finish(ctx context.Context, r, old *built, m *output.Maker, up Update) (*built, Update, error) {
	progress(p.opts.Progress, "search", 0, 0)
	stale, err := p.indexStage(ctx, r, old, m)
	if err != nil {
		return nil, Update{}, err
	}
	if p.DeferIndex && !up.Full && old != nil && old.offline != nil {
		r.behind = slices.Concat(old.behind, m.Changed())
		stale = true
	} else if err := writeOffline(r, m); err != nil {
		return nil, Update{}, err
	}
	r.tree = m.Tree()
	up.Stale = stale
	return r, up, nil
}

// maker returns the output stage's maker of a new tree after old's: to
// the folder of a cold build, else to the pipeline's store, made on first
// use, which keeps the bytes of a warm run's trees on disk.
func (p *Pipeline) maker(old *built) (*output.Maker, error) {
	var prev *output.Tree
	if old != nil {
		prev = old.tree
	}
	if p.dest != nil {
		return output.NewMaker(prev, p.min, p.dest), nil
	}
	if err := p.openStore(); err != nil {
		return nil, err
	}
	return output.NewStoreMaker(prev, p.min, p.store), nil
}

// openStore makes the store of a warm pipeline, on its first run.
func (p *Pipeline) openStore() error {
	if p.dest != nil || p.store != nil {
		return nil
	}
	s, err := output.NewStore("", "tusach-serve-*.tree")
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	p.store = s
	return nil
}

// Close lets go of the store of a warm pipeline: its trees can no longer
// be read. The pipeline must not be used after.
func (p *Pipeline) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last = nil
	if p.store == nil {
		return nil
	}
	return p.store.Close()
}

// writeRest writes the theme's assets, the content's other files, the
// sitemap and the feed. A content file whose stamp is the one it had when
// old read it keeps old's copy.
func (p *Pipeline) writeRest(r, old *built, m *output.Maker) error {
	if err := r.theme.PutAssets(m.Put); err != nil {
		return err
	}
	for _, f := range r.src.Files {
		disk := path.Join("content", r.src.DiskPath(f))
		if old != nil && r.stamps[disk].Valid() && old.stamps[disk] == r.stamps[disk] && m.Keep(f) {
			continue
		}
		data, err := fs.ReadFile(r.src.FS, f)
		if err != nil {
			return fmt.Errorf("build: %s: %w", disk, err)
		}
		if err := m.PutRaw(f, data); err != nil {
			return err
		}
	}
	if err := m.Put(feed.SitemapFile, feed.Sitemap(r.site)); err != nil {
		return err
	}
	return m.Put(feed.AtomFile, feed.Atom(r.site, 20))
}

// writeOffline writes the web app manifest, then the list of files and
// the service worker, from the sums of every other file of the tree
// (output.Maker.PutOffline), and keeps their listing in r, now current.
func writeOffline(r *built, m *output.Maker) (err error) {
	s := r.site
	r.offline, err = m.PutOffline(r.offline, r.behind, offline.Site{Title: s.Settings.Title, Description: s.Settings.Description,
		Lang: s.Lang, Icon: r.theme.Icon()})
	r.behind = nil
	return err
}
