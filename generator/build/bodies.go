package build

import (
	"fmt"
	"slices"
	"sync"

	"tusach/generator/content"
	"tusach/generator/output"
)

// asideBodies are the Markdown bodies a warm pipeline set aside in its
// store once their documents were rendered: the load memo keeps every
// document of the site from run to run, and their bodies were, at 10,000
// documents, about 120 MB of the serving process's heap, read again only
// when a document must be rendered again without its file changing (a
// link's target renamed, the Markdown options changed). A document whose
// body is set aside has a nil Body; its body is found here by path, for
// that same document only. A path may have several: the load memo's
// document and those a body edit parsed (patch), any of which a later run
// may have again (the memo's, when an edit is undone), until a full run
// shows which one the site has (keepOnly). Safe for concurrent use.
type asideBodies struct {
	mu    sync.Mutex
	paths map[string][]asideBody
}

// asideBody is where the body of one document is in the store.
type asideBody struct {
	doc *content.Document
	at  output.Span
}

// of returns the Markdown body of d: its own, or the one set aside.
func (b *asideBodies) of(store *output.Store, d *content.Document) ([]byte, error) {
	if d.Body != nil {
		return d.Body, nil
	}
	b.mu.Lock()
	i := slices.IndexFunc(b.paths[d.Path], func(a asideBody) bool { return a.doc == d })
	var at output.Span
	if i >= 0 {
		at = b.paths[d.Path][i].at
	}
	b.mu.Unlock()
	if i < 0 {
		return nil, nil // never set aside: an empty body
	}
	body, err := store.Get(at)
	if err != nil {
		return nil, fmt.Errorf("build: %s: %w", d.File, err)
	}
	return body, nil
}

// setAside puts the body of d in store and lets d go of it; a document
// whose body is set aside already, or empty, is left as it is.
func (b *asideBodies) setAside(store *output.Store, d *content.Document) error {
	if len(d.Body) == 0 {
		return nil
	}
	at, err := store.Put(d.Body)
	if err != nil {
		return fmt.Errorf("build: %s: %w", d.File, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.paths == nil {
		b.paths = map[string][]asideBody{}
	}
	b.paths[d.Path] = append(b.paths[d.Path], asideBody{doc: d, at: at})
	d.Body = nil
	return nil
}

// keepOnly forgets, for the path of each of docs (the documents of a full
// run, each set aside), every other document set aside.
func (b *asideBodies) keepOnly(docs []*content.Document) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, d := range docs {
		b.paths[d.Path] = slices.DeleteFunc(b.paths[d.Path], func(a asideBody) bool { return a.doc != d })
	}
}

// snapshot returns a copy of the bodies set aside, by path, and the
// number of their bytes.
func (b *asideBodies) snapshot() (map[string][]asideBody, int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	paths := make(map[string][]asideBody, len(b.paths))
	var n int64
	for p, bodies := range b.paths {
		paths[p] = slices.Clone(bodies)
		for _, a := range bodies {
			n += int64(a.at.Len())
		}
	}
	return paths, n
}

// copyAside copies the bodies of paths, a snapshot, from one store to
// another, and notes in paths where each is now.
func copyAside(paths map[string][]asideBody, from, to *output.Store) error {
	var buf []byte
	for _, bodies := range paths {
		for i := range bodies {
			at, err := from.Copy(to, bodies[i].at, &buf)
			if err != nil {
				return fmt.Errorf("build: %s: %w", bodies[i].doc.File, err)
			}
			bodies[i].at = at
		}
	}
	return nil
}

// replace makes paths, a snapshot copied to another store, the bodies set
// aside.
func (b *asideBodies) replace(paths map[string][]asideBody) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.paths = paths
}
