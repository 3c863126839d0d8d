package build

import (
	"context"
	"fmt"

	"tusach/generator/output"
)

// A warm pipeline's store (output.Store) is appended to and never
// rewritten: each rebuild puts the files it changed, and each search
// catch-up (Index) the packs it made again, leaving behind the bytes they
// replace. At 10,000 documents the site's files are about 600 MB and a
// catch-up puts 2–32 MB, so a long editing session would fill the
// temporary folder. Compact copies what is still read to a new store and
// lets the old one go.

// compactSlack is the least number of bytes no tree reads that a store
// holds before Compact copies the rest to a new one (see needsCompact).
const compactSlack = 256 << 20

// needsCompact is the default rule of Compact: the store holds more bytes
// no tree reads than bytes it reads, and at least compactSlack of them,
// so that the disk it takes stays under twice the site's, and a copy,
// which reads and writes the whole site, comes at most once per site's
// worth of edits.
func needsCompact(size, live int64) bool {
	return size-live > max(live, compactSlack)
}

// compactRetry is what the pipeline's store must hold before Compact
// tries again after a copy failed (the temporary folder full, say): each
// try reads and writes up to the whole site, so a failing one is not
// made again after every edit, only once the store has grown by
// compactSlack (more bytes than a copy would give back).
type compactRetry struct {
	store *output.Store // the store whose copy failed
	size  int64         // Compact does nothing until store holds this many bytes
}

// Compact copies the files of the last good run's tree, and the bodies set
// aside, to a new store when the pipeline's store holds many more bytes
// than those (see Compaction), without holding the pipeline while it
// copies; the old store is let go of once nothing reads its trees. It
// returns the new tree, which has the same files as the last (Update
// would be empty): serve it instead, so that the old store can go. ok is
// false, with nothing done, when there was nothing to let go of, the
// pipeline ran meanwhile, or a copy failed and the store has not grown
// by 256 MB since (see compactRetry). A failed copy is an error; the
// pipeline goes on with its store as it was.
func (p *Pipeline) Compact(ctx context.Context) (tree *output.Tree, ok bool, err error) {
	p.mu.Lock()
	r, store := p.last, p.store
	if r == nil || store == nil || p.dest != nil {
		p.mu.Unlock()
		return nil, false, nil
	}
	size := store.Size()
	if p.retry.store == store && size < p.retry.size {
		p.mu.Unlock()
		return nil, false, nil
	}
	aside, asideBytes := p.aside.snapshot()
	p.mu.Unlock()
	rule := p.Compaction
	if rule == nil {
		rule = needsCompact
	}
	if !rule(size, r.tree.StoredBytes()+asideBytes) {
		return nil, false, nil
	}
	next, tree, err := copyToNewStore(ctx, r.tree, aside, store)
	if err != nil {
		if ctx.Err() == nil {
			p.mu.Lock()
			p.retry = compactRetry{store, size + p.retrySlack()}
			p.mu.Unlock()
		}
		return nil, false, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last != r || p.store != store || store.Size() != size {
		next.Close() // a run put files or bodies meanwhile: the next try copies them
		return nil, false, nil
	}
	copied := *r
	copied.tree = tree
	p.last, p.store = &copied, next
	p.aside.replace(aside)
	return tree, true, nil
}

// copyToNewStore copies the files of tree and the bodies set aside in
// aside, all kept in store, to a new store, and returns it with the copy
// of the tree; on an error (or ctx done) the new store is closed.
func copyToNewStore(ctx context.Context, tree *output.Tree, aside map[string][]asideBody, store *output.Store) (*output.Store, *output.Tree, error) {
	next, err := output.NewStore("", "tusach-serve-*.tree")
	if err != nil {
		return nil, nil, fmt.Errorf("build: %w", err)
	}
	copied, err := tree.CopyTo(next)
	if err == nil {
		err = copyAside(aside, store, next)
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		next.Close()
		return nil, nil, err
	}
	return next, copied, nil
}

// retrySlack is how much the store must grow after a failed copy before
// Compact tries again: compactSlack, unless a test set it.
func (p *Pipeline) retrySlack() int64 {
	if p.compactRetrySlack > 0 {
		return p.compactRetrySlack
	}
	return compactSlack
}
