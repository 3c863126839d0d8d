package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/output"
	"tusach/generator/site"
	"tusach/generator/theme"
	"tusach/generator/viet"
)

// patchDoc is one edited document of a body edit.
type patchDoc struct {
	disk string // as the watcher names it: "content/a.md"
	doc  *content.Document
	rd   *renderedDoc
	page *site.Page
}

// patch is the assemble stage's fast path, for a batch of changes that are
// all edits of documents of old's site that change nothing but their own
// bodies (site.Patchable): only those documents are read, parsed and
// rendered; their pages are patched into the site (site.Patch) and
// rendered, with the pages whose templates may show other pages' bodies
// (theme.ShowsOtherBodies; every page when the site has templates of its
// own). Nothing else of the site can change. It returns a nil run when the
// changes do not qualify.
func (p *Pipeline) patch(ctx context.Context, old *built, known bool) (*built, Update, error) {
	if old == nil || !known {
		return nil, Update{}, nil
	}
	edits, ok, err := p.planPatch(old)
	if !ok || err != nil {
		return nil, Update{}, err
	}
	var pages []*site.Page
	seen := map[*site.Page]bool{}
	for _, e := range edits {
		old.stamps[e.disk] = content.StampOf(p.opts.Source, e.disk) // OutOfDate reads them locked
		if e.rd == old.rendered[e.doc.Path] {
			continue // saved unchanged
		}
		old.rendered[e.doc.Path] = e.rd
		if err := p.aside.setAside(p.store, e.doc); err != nil {
			return nil, Update{}, err
		}
		site.Patch(e.page, e.doc, e.rd.res)
		if old.index.Patch(e.page) {
			old.index.current = false
		}
		pages = append(pages, e.page)
		seen[e.page] = true
	}
	if len(pages) == 0 {
		return old, Update{}, nil // nothing changed
	}
	for _, pg := range old.showers {
		if !seen[pg] {
			pages = append(pages, pg)
		}
	}
	p.last = nil // patched in place: until it is written, no good run
	r := *old
	m := output.Overlay(old.tree, p.min)
	var up Update
	if err := p.render(ctx, &r, m, pages, &up); err != nil {
		return nil, Update{}, err
	}
	for _, pg := range pages {
		delete(r.prints, pg.URL) // rendered from patched values: print again next time
	}
	return p.finish(ctx, &r, old, m, up)
}

// showers returns the pages of a site that a body edit renders again
// besides the edited ones: those whose templates may show other pages'
// bodies (theme.ShowsOtherBodies), or every page when the site has
// templates of its own (own), which may read anything.
func showers(pages []*site.Page, own bool) []*site.Page {
	if own {
		return pages
	}
	first, _ := theme.ShowersFirst(pages)
	return first
}

// planPatch reads and renders the changed documents and reports whether
// they qualify for the fast path. ok is false when they do not (a file that
// does not parse included: a full run reports what follows from it too);
// when they do but the Markdown has errors, err holds what a full run
// would report.
func (p *Pipeline) planPatch(old *built) (edits []patchDoc, ok bool, err error) {
	changed := make([]string, 0, len(p.dirty))
	for c := range p.dirty {
		changed = append(changed, c)
	}
	sort.Strings(changed)
	rs := old.rs // a body edit changes no path and no number
	var mdErrs diag.List
	for _, c := range changed {
		disk, ok := strings.CutPrefix(c, "content/")
		if !ok {
			return nil, false, nil // templates, or the content folder itself
		}
		rel := viet.NFC(disk) // documents go by their names in NFC
		prev := old.rendered[rel]
		if prev == nil {
			if !p.irrelevant(old, disk) {
				return nil, false, nil
			}
			continue
		}
		page := old.byURL[content.OutputPath(rel)]
		if page == nil {
			return nil, false, nil
		}
		if info, err := os.Lstat(filepath.Join(p.opts.Source, filepath.FromSlash(c))); err != nil || !info.Mode().IsRegular() {
			return nil, false, nil // gone, or now a symlink or folder
		}
		data, err := fs.ReadFile(content.OpenSite(p.opts.Source), c) // never leaves the site folder
		if err != nil {
			return nil, false, nil
		}
		doc, errs := content.ParseDocument("content/"+rel, rel, data)
		if len(errs) > 0 || !site.Patchable(page, doc, prev.res, prev.res) { // front matter and place
			return nil, false, nil
		}
		e := patchDoc{disk: c, doc: doc, page: page, rd: prev}
		if keyOf(doc, doc.Body) != prev.key { // the body (or its first line) changed
			e.rd = rs.renderDoc(p.md.r, doc, doc.Body)
			if !site.Patchable(page, doc, prev.res, e.rd.res) {
				return nil, false, nil
			}
			mdErrs = append(mdErrs, e.rd.res.Errors...)
		}
		edits = append(edits, e)
	}
	if len(mdErrs) > 0 {
		return nil, true, contentErr(mdErrs)
	}
	return edits, true, nil
}

// irrelevant reports whether a changed content path that old did not have
// as a document can be passed over: a leftover of an editor (content skips
// them), or a path that is gone and held nothing old had.
func (p *Pipeline) irrelevant(old *built, rel string) bool {
	if slices.ContainsFunc(strings.Split(rel, "/"), content.Leftover) {
		return true
	}
	if _, err := os.Lstat(filepath.Join(p.opts.Source, "content", filepath.FromSlash(rel))); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	prefix := rel + "/"
	for q := range old.rendered {
		if q == rel || strings.HasPrefix(q, prefix) {
			return false
		}
	}
	for _, f := range old.src.Files {
		if f == rel || strings.HasPrefix(f, prefix) {
			return false
		}
	}
	return true
}
