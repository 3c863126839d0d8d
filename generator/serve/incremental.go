package serve

import (
	"context"
	"fmt"
	"io"
	"sync"

	"tusach/generator/build"
	"tusach/generator/diag"
	"tusach/generator/output"
	"tusach/generator/serve/preview"
)

// liveSite runs a warm build.Pipeline and serves the files of its latest
// tree: a tree, once made, never changes, so a snapshot handed out stays
// as it was. The trees keep their bytes in the pipeline's store, on disk;
// close lets go of it.
type liveSite struct {
	pipe       *build.Pipeline
	onUpdate   func(build.Update) // tests: told of each successful update
	onFollowUp func()             // tests: told when a follow-up is done
	onCompact  func()             // tests: told when the store was let go of
	log        io.Writer          // where the follow-ups' errors are printed
	text       messages           // in the language of the messages

	mu    sync.Mutex
	files *output.Tree // the last snapshot handed out
}

// newLiveSite returns a liveSite for opts; nothing is built yet. The
// search index of a rebuild follows in the background (DeferIndex), and a
// document whose Markdown takes longer than build.RenderDeadline is an
// error rather than a stalled preview.
func newLiveSite(opts build.Options) *liveSite {
	p := build.NewPipeline(opts)
	p.DeferIndex, p.Deadline = true, build.RenderDeadline
	return &liveSite{pipe: p}
}

// build is the preview.Builder: it updates the site after changed (nil:
// everything) and returns the complete new snapshot.
func (l *liveSite) build(ctx context.Context, changed []string) (preview.Files, error) {
	tree, up, err := l.pipe.Run(ctx, changed)
	if err != nil {
		return nil, err
	}
	if l.onUpdate != nil {
		l.onUpdate(up)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.files != nil && len(up.Written) == 0 && len(up.Removed) == 0 {
		return nil, nil // nothing changed (a save without a change)
	}
	l.files = tree
	return tree, nil
}

// close lets go of the pipeline's store, once nothing is served.
func (l *liveSite) close() { l.pipe.Close() }

// followUp brings the search index up to date after a build, and checks the
// site folder for changes the watcher missed. It returns the paths of such
// changes, for a rebuild; the new search files are published through srv
// without a reload. Then, when the pipeline's store holds mostly bytes no
// tree reads, it copies the rest to a new one (build.Pipeline.Compact)
// and serves the copy, so that the old store's disk is given back.
func (l *liveSite) followUp(ctx context.Context, srv *preview.Server) []string {
	if missed := l.pipe.OutOfDate(); len(missed) > 0 {
		return missed
	}
	if tree, _, ok, err := l.pipe.Index(ctx); err == nil && ok {
		l.refresh(ctx, srv, tree)
	} else if err != nil {
		l.warn(ctx, l.text.indexFailed, err) // the index stays as it was; the next build tries again
	}
	if tree, ok, err := l.pipe.Compact(ctx); err == nil && ok {
		l.refresh(ctx, srv, tree)
		if l.onCompact != nil {
			l.onCompact()
		}
	} else if err != nil {
		l.warn(ctx, l.text.compactFailed, err) // the site served is untouched
	}
	return nil
}

// warn prints err, in format, to the log, unless ctx is done (the work
// was stopped, not failed).
func (l *liveSite) warn(ctx context.Context, format string, err error) {
	if ctx.Err() != nil || l.log == nil {
		return
	}
	fmt.Fprintf(l.log, format+"\n", diag.Escape(err.Error()))
}

// refresh serves tree, the pipeline's latest, without a reload, unless the
// site was rebuilt meanwhile.
func (l *liveSite) refresh(ctx context.Context, srv *preview.Server, tree *output.Tree) {
	srv.Refresh(ctx, func(context.Context, []string) (preview.Files, error) {
		if l.pipe.Tree() != tree {
			return nil, nil // rebuilt meanwhile: the next follow-up starts from that
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		l.files = tree
		return tree, nil
	})
}

// runFollowUps runs l.followUp each time kick receives, until ctx is done;
// the paths it finds go to missed (the watcher's Add, so that they are
// debounced with the changes it sees). Kicks that arrive while it runs make
// one more run.
func (l *liveSite) runFollowUps(ctx context.Context, srv *preview.Server, kick <-chan struct{}, missed func([]string)) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-kick:
		}
		paths := l.followUp(ctx, srv)
		if l.onFollowUp != nil {
			l.onFollowUp()
		}
		if len(paths) > 0 {
			missed(paths)
		}
	}
}
