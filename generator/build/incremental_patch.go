package build

import (
	"context"
	"errors"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/site"
	"tusach/generator/viet"
)

// ownBodyKinds are the kinds of page whose default templates show, of other
// pages, only what the fast path never changes (URL, title, description,
// front matter, order, counts): never another page's body, headings or
// reading time. A page of any other kind (the printable study path, kinds
// added later) is rendered again on every fast path.
var ownBodyKinds = map[site.Kind]bool{
	site.KindHome: true, site.KindDocument: true, site.KindSection: true,
	site.KindTaxonomy: true, site.KindTerm: true, site.KindNotFound: true,
	site.KindSearch: true, site.KindRegister: true, site.KindBookmarks: true,
	site.KindListData: true, // a list's URLs, titles and numbers
}

// pagesShowingOthers returns the pages a fast path renders whatever
// changed: every page when the site has templates of its own, else those
// of kinds outside ownBodyKinds and those with a layout of their own.
func pagesShowingOthers(pages []*site.Page, overrides bool) []*site.Page {
	if overrides {
		return pages
	}
	var out []*site.Page
	for _, p := range pages {
		if !ownBodyKinds[p.Kind] || p.Layout != "" {
			out = append(out, p)
		}
	}
	return out
}

// patchPlan is a fast path ready to apply: the edited documents, read,
// parsed and rendered.
type patchPlan struct {
	docs []patchDoc
}

// patchDoc is one edited document.
type patchDoc struct {
	doc   *content.Document
	rd    *renderedDoc
	page  *site.Page
	stamp stamp
}

// planPatch decides whether the changed paths can take the fast path, and
// prepares it. fast is false when they cannot (a file that does not parse
// included: the whole pipeline reports what follows from it too); when
// they can but the Markdown has errors, err holds what a whole build would
// report.
func (s *Session) planPatch(changed []string) (plan *patchPlan, fast bool, err error) {
	st := s.st
	plan = &patchPlan{}
	for _, p := range changed {
		disk, ok := strings.CutPrefix(p, "content/")
		if !ok {
			return nil, false, nil // templates, or the content folder itself
		}
		rel := viet.NFC(disk) // documents go by their names in NFC
		old := st.rendered[rel]
		if old == nil {
			if !s.irrelevant(disk) {
				return nil, false, nil
			}
			continue
		}
		page := st.byURL[content.OutputPath(rel)]
		if page == nil || page.Doc == nil || page.Doc.Path != rel || page.Lesson > 0 {
			return nil, false, nil
		}
		full := filepath.Join(s.opts.Source, filepath.FromSlash(p))
		if info, err := os.Lstat(full); err != nil || !info.Mode().IsRegular() {
			return nil, false, nil // gone, or now a symlink or folder
		}
		stm := stampOf(s.opts.Source, p)
		data, err := fs.ReadFile(content.OpenSite(s.opts.Source), p) // never leaves the site folder
		if err != nil {
			return nil, false, nil
		}
		doc, errs := content.ParseDocument("content/"+rel, rel, data)
		if len(errs) > 0 {
			return nil, false, nil // every stage reports around it: see content.Load
		}
		if !reflect.DeepEqual(doc.Meta, page.Doc.Meta) {
			return nil, false, nil
		}
		plan.docs = append(plan.docs, patchDoc{doc: doc, page: page, stamp: stm})
	}
	var mdErrs diag.List
	for i := range plan.docs {
		pd := &plan.docs[i]
		old := st.rendered[pd.doc.Path]
		pd.rd = old
		if pd.doc.BodyLine == pd.page.Doc.BodyLine && string(pd.doc.Body) == string(pd.page.Doc.Body) {
			continue // saved unchanged
		}
		pd.rd = st.render(pd.doc)
		if !sameShape(old, pd.rd, pd.doc.Path) || scopesMoved(pd.page, old, pd.rd) {
			return nil, false, nil
		}
		mdErrs = append(mdErrs, pd.rd.res.Errors...)
	}
	if len(mdErrs) > 0 {
		return nil, true, fail(mdErrs)
	}
	return plan, true, nil
}

// irrelevant reports whether a changed content path that the last good
// build did not have as a document can be passed over: a hidden file or
// folder (content skips them), or a path that is gone and held nothing the
// build had (a temporary file of an editor).
func (s *Session) irrelevant(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	if _, err := os.Lstat(filepath.Join(s.opts.Source, "content", filepath.FromSlash(rel))); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	prefix := rel + "/"
	for p := range s.st.rendered {
		if p == rel || strings.HasPrefix(p, prefix) {
			return false
		}
	}
	for _, f := range s.st.src.Files {
		if f == rel || strings.HasPrefix(f, prefix) {
			return false
		}
	}
	return true
}

// sameShape reports whether a new render of a document changes nothing that
// other pages or the site's checks depend on: its title from the first
// heading, the documents it cites, its heading IDs (it may gain some, not
// lose any: links to it keep working) and its links to headings (each
// already checked, or to one of its own headings).
func sameShape(old, now *renderedDoc, self string) bool {
	if old.res.Title != now.res.Title || !slices.Equal(old.res.Cites, now.res.Cites) {
		return false
	}
	ids := map[string]bool{}
	for _, h := range now.res.Headings {
		ids[h.ID] = true
	}
	for _, h := range old.res.Headings {
		if !ids[h.ID] {
			return false
		}
	}
	type anchor struct{ target, fragment string }
	checked := map[anchor]bool{}
	for _, l := range old.res.Links {
		checked[anchor{l.Target, l.Fragment}] = true
	}
	for _, l := range now.res.Links {
		if l.Fragment == "" || strings.HasPrefix(l.Fragment, "fn") || checked[anchor{l.Target, l.Fragment}] {
			continue
		}
		if (l.Target == "" || l.Target == self) && ids[l.Fragment] {
			continue
		}
		return false
	}
	return true
}

// applyPatch patches the edited documents into the site and renders their
// pages and the pages that show other pages' bodies.
func (s *Session) applyPatch(ctx context.Context, sink Sink, plan *patchPlan) (Update, error) {
	st := s.st
	var pages []*site.Page
	seen := map[*site.Page]bool{}
	for _, pd := range plan.docs {
		st.stamps["content/"+pd.doc.Path] = pd.stamp
		if pd.rd == st.rendered[pd.doc.Path] {
			continue // saved unchanged
		}
		replaceDoc(st.src, pd.doc)
		st.rendered[pd.doc.Path] = pd.rd
		patchPage(pd.page, pd.doc, pd.rd)
		if i, ok := st.searchIndex[pd.page.URL]; ok && pd.page.Kind == site.KindDocument {
			st.searchDocs[i] = SearchDocs(&site.Site{Documents: []*site.Page{pd.page}})[0]
		}
		pages = append(pages, pd.page)
		seen[pd.page] = true
	}
	var up Update
	if len(pages) == 0 {
		return up, nil // nothing changed: no new build
	}
	for _, p := range st.always {
		if !seen[p] {
			pages = append(pages, p)
		}
	}
	sums := make(map[string][32]byte, len(pages))
	if err := st.renderPages(ctx, sink, pages, st.sums, sums, &up); err != nil {
		s.st = nil // patched but not written: start again
		return Update{}, err
	}
	for url, sum := range sums {
		st.sums[url] = sum
		delete(st.prints, url) // rendered from patched values: print again next time
	}
	if err := st.writeOffline(sink, &up); err != nil {
		s.st = nil
		return Update{}, err
	}
	st.gen++
	up.SearchStale = st.searchGen != st.gen
	return up, nil
}

// replaceDoc puts d in place of the document or section of the same path.
func replaceDoc(src *content.Source, d *content.Document) {
	for _, list := range [][]*content.Document{src.Documents, src.Sections} {
		i := sort.Search(len(list), func(i int) bool { return list[i].Path >= d.Path })
		if i < len(list) && list[i].Path == d.Path {
			list[i] = d
			return
		}
	}
}

// patchPage sets the fields of p that come from its document's body, as
// site.Assemble fills them; TestPatchEqualsAssemble keeps the two in step.
func patchPage(p *site.Page, d *content.Document, rd *renderedDoc) {
	r := rd.res
	p.Doc = d
	p.Content = template.HTML(r.HTML)
	p.Headings = r.Headings
	p.TOC = site.NestTOC(r.Headings, 2, 4)
	p.Sections = r.Sections
	p.Words = r.Words
	p.Minutes = viet.ReadingMinutes(r.Words)
}
