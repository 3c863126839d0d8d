package build

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"tusach/generator/output"
	"tusach/generator/search"
)

// searchState is the index stage's input and output in one run: the
// search documents, in site order, and the names of the search files in
// the tree, with whether they were built from these documents.
type searchState struct {
	search.SiteDocs
	names   map[string]bool
	current bool
}

// indexStage builds the search index of r into m, or, when the pipeline
// defers it and old has search files, keeps those and reports them stale.
func (p *Pipeline) indexStage(ctx context.Context, r, old *built, m *output.Maker) (stale bool, err error) {
	fresh := r.index.Docs == nil // a full run; the fast path patched old's
	if fresh {
		r.index = searchState{SiteDocs: search.NewSiteDocs(r.site)}
	}
	if p.DeferIndex && old != nil && old.index.names != nil {
		r.index.names = old.index.names
		if fresh { // a full run's new tree; the fast path's overlay has them
			for name := range r.index.names {
				m.Keep(name)
			}
		}
		r.index.current = r.index.current && !fresh
		return !r.index.current, nil
	}
	write, streamed := packWriter(m)
	opts := search.Options{Lang: r.site.Lang, Write: write}
	if p.streams() {
		opts.Parts = p.partsOf(r)
		p.lean(r)
	}
	files, err := search.Build(r.index.Docs, opts)
	if err != nil {
		return false, fmt.Errorf("build: search index: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	return false, putIndex(r, old, m, files, streamed)
}

// packWriter returns a search.Options.Write that puts the packs, most of
// the index's bytes, into m as they are made, and the names it put.
func packWriter(m *output.Maker) (func(name string, data []byte) error, map[string]bool) {
	streamed := map[string]bool{}
	return func(name string, data []byte) error {
		streamed[name] = true
		return m.PutRaw(name, data)
	}, streamed
}

// putIndex puts the search files into m (compact already: not minified),
// drops those of old that are gone (m may be an overlay of old's tree),
// and notes them in r, with those already put (streamed).
func putIndex(r, old *built, m *output.Maker, files map[string][]byte, streamed map[string]bool) error {
	names := make(map[string]bool, len(files)+len(streamed))
	maps.Copy(names, streamed)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := m.PutRaw(name, files[name]); err != nil {
			return fmt.Errorf("build: search index: %w", err)
		}
		names[name] = true
	}
	if old != nil {
		for name := range old.index.names {
			if !names[name] {
				m.Drop(name)
			}
		}
	}
	r.index.names, r.index.current = names, true
	return nil
}

// Index brings the search files and the offline list of the last good run
// up to date when a deferred index left them stale (see DeferIndex),
// without holding the pipeline while it builds the index (seconds on a
// large site): the packs go into an overlay of the run's tree (which never
// changes) as they are made, not into memory. It returns the new tree and
// what changed; ok is false, with nothing done, when they were up to date
// or the site changed meanwhile.
func (p *Pipeline) Index(ctx context.Context) (tree *output.Tree, up Update, ok bool, err error) {
	p.mu.Lock()
	r, gen := p.last, p.gen
	if r == nil || (r.index.current && r.behind == nil) {
		p.mu.Unlock()
		return nil, Update{}, false, nil
	}
	docs, lang, indexed := slices.Clone(r.index.Docs), r.site.Lang, r.index.current
	p.mu.Unlock()
	m := output.Overlay(r.tree, p.min)
	write, streamed := packWriter(m)
	var files map[string][]byte
	if !indexed {
		files, err = search.Build(docs, search.Options{Lang: lang, Write: write})
	}
	if err != nil || ctx.Err() != nil {
		return nil, Update{}, false, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last != r || p.gen != gen {
		return nil, Update{}, false, nil
	}
	next := *r
	if !indexed {
		if err := putIndex(&next, r, m, files, streamed); err != nil {
			return nil, Update{}, false, err
		}
	}
	if err := writeOffline(&next, m); err != nil {
		return nil, Update{}, false, err
	}
	next.tree = m.Tree()
	up.Written, up.Removed = next.tree.Diff(r.tree)
	p.last = &next
	p.gen++
	return next.tree, up, true, nil
}
