package serve

import (
	"context"
	"sync"

	"github.com/tdewolff/minify/v2"

	"tusach/generator/build"
	"tusach/generator/output"
	"tusach/generator/serve/preview"
)

// liveSite builds a site incrementally with a build.Session and keeps the
// files served, merging each update into a copy of the last ones: a
// snapshot, once handed out, never changes.
type liveSite struct {
	session    *build.Session
	min        *minify.M
	onUpdate   func(build.Update) // tests: told of each successful update
	onFollowUp func()             // tests: told when a follow-up is done

	mu    sync.Mutex
	files map[string][]byte // the last snapshot handed out
}

// newLiveSite returns a liveSite for opts; nothing is built yet.
func newLiveSite(opts build.Options) *liveSite {
	return &liveSite{session: build.NewSession(opts), min: output.NewMinifier()}
}

// build is the preview.Builder: it updates the site after changed (nil:
// everything) and returns the complete new snapshot.
func (l *liveSite) build(ctx context.Context, changed []string) (map[string][]byte, error) {
	sink := preview.NewMemorySink(l.min)
	up, err := l.session.Update(ctx, sink, changed)
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
	l.files = merged(l.files, sink.Files(), up)
	return l.files, nil
}

// merged returns a new snapshot: old with the update's removals and new
// files applied, or only the new files when the update wrote everything.
func merged(old, written map[string][]byte, up build.Update) map[string][]byte {
	if up.Complete || old == nil {
		return written
	}
	out := make(map[string][]byte, len(old)+len(written))
	for name, data := range old {
		out[name] = data
	}
	for _, name := range up.Removed {
		delete(out, name)
	}
	for name, data := range written {
		out[name] = data
	}
	return out
}

// followUp brings the search index up to date after a build, and checks the
// site folder for changes the watcher missed. It returns the paths of such
// changes, for a rebuild; the new search files are published through srv
// without a reload.
func (l *liveSite) followUp(ctx context.Context, srv *preview.Server) []string {
	if missed := l.session.OutOfDate(); len(missed) > 0 {
		return missed
	}
	job := l.session.NewSearchJob()
	if job == nil {
		return nil
	}
	if err := job.Run(); err != nil || ctx.Err() != nil {
		return nil // the index stays as it was; the next build tries again
	}
	srv.Refresh(ctx, func(context.Context, []string) (map[string][]byte, error) {
		sink := preview.NewMemorySink(l.min)
		up, ok, err := l.session.ApplySearch(sink, job)
		if err != nil || !ok {
			return nil, err // the site changed meanwhile: a newer job follows
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		l.files = merged(l.files, sink.Files(), up)
		return l.files, nil
	})
	return nil
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
