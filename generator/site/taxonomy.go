package site

import (
	"sort"
	"strconv"
	"strings"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/viet"
)

// taxonomyDef describes one taxonomy: where its pages go and how to read
// its terms from a document.
type taxonomyDef struct {
	key, dir   string
	titleVI    string
	titleEN    string
	terms      func(m content.Meta) []string
	newestTerm bool // order terms newest first (years) instead of by collation
}

var taxonomyDefs = [...]taxonomyDef{
	{key: "type", dir: "loai-van-ban", titleVI: "Loại văn bản", titleEN: "Document types",
		terms: func(m content.Meta) []string { return one(m.Type) }},
	{key: "issuer", dir: "co-quan-ban-hanh", titleVI: "Cơ quan ban hành", titleEN: "Issuers",
		terms: func(m content.Meta) []string { return one(m.Issuer) }},
	{key: "year", dir: "nam-ban-hanh", titleVI: "Năm ban hành", titleEN: "Year of issue", newestTerm: true,
		terms: func(m content.Meta) []string {
			if m.Issued.IsZero() {
				return nil
			}
			return []string{strconv.Itoa(m.Issued.Year())}
		}},
	{key: "topics", dir: "chu-de", titleVI: "Chủ đề", titleEN: "Topics",
		terms: func(m content.Meta) []string { return m.Topics }},
	{key: "tags", dir: "the", titleVI: "Thẻ", titleEN: "Tags",
		terms: func(m content.Meta) []string { return m.Tags }},
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// addTaxonomies groups the documents by each taxonomy, makes an index page
// per taxonomy and a page per term. Terms whose slugs are equal ("Xây dựng
// Đảng", "xây dựng đảng") are one term, named as first met in site order.
func (a *assembler) addTaxonomies() {
	for _, def := range taxonomyDefs {
		tx := &Taxonomy{Key: def.key, URL: def.dir + "/index.html"}
		title := def.titleVI
		if a.site.Lang == "en" {
			title = def.titleEN
		}
		tx.Page = &Page{Kind: KindTaxonomy, URL: tx.URL, Title: title, Taxonomy: tx, Parent: a.site.Home}
		bySlug := map[string]*Term{}
		for _, p := range a.site.InLists { // newest first, so term pages list newest first
			for _, name := range def.terms(p.Doc.Meta) {
				slug := viet.Slug(name)
				if slug == "" {
					slug = "muc-" + strconv.Itoa(len(bySlug)+1)
				}
				t, ok := bySlug[slug]
				if !ok {
					t = &Term{Taxonomy: tx, Name: name, Slug: slug, URL: def.dir + "/" + slug + ".html"}
					t.Page = &Page{Kind: KindTerm, URL: t.URL, Title: name, Taxonomy: tx, Term: t, Parent: tx.Page}
					bySlug[slug] = t
					tx.Terms = append(tx.Terms, t)
				}
				if n := len(t.Pages); n == 0 || t.Pages[n-1] != p {
					t.Pages = append(t.Pages, p)
					t.Page.Pages = t.Pages
					p.Terms = append(p.Terms, t)
				}
			}
		}
		if len(tx.Terms) == 0 {
			continue
		}
		sort.SliceStable(tx.Terms, func(i, j int) bool {
			if def.newestTerm {
				return tx.Terms[i].Name > tx.Terms[j].Name
			}
			if c := a.coll.Compare(tx.Terms[i].Name, tx.Terms[j].Name); c != 0 {
				return c < 0
			}
			return tx.Terms[i].Slug < tx.Terms[j].Slug
		})
		a.site.Taxonomies = append(a.site.Taxonomies, tx)
		a.add(tx.Page)
		for _, t := range tx.Terms {
			a.add(t.Page)
			setAncestors(t.Page)
		}
		setAncestors(tx.Page)
	}
}

// addSpecial adds the pages that do not come from content: 404 and search.
func (a *assembler) addSpecial() {
	nf, search := "Không tìm thấy trang", "Tìm kiếm"
	if a.site.Lang == "en" {
		nf, search = "Page not found", "Search"
	}
	a.add(&Page{Kind: KindNotFound, URL: "404.html", Title: nf})
	p := &Page{Kind: KindSearch, URL: "search/index.html", Title: search, Parent: a.site.Home}
	setAncestors(p)
	a.add(p)
}

// checkLinks reports links to headings that the target page does not have.
func (a *assembler) checkLinks() {
	ids := map[string]map[string]bool{} // content path → heading ids
	pages := map[string]*Page{}
	for _, p := range a.byURL {
		if p.Doc == nil {
			continue
		}
		pages[p.Doc.Path] = p
		set := make(map[string]bool, len(p.Headings))
		for _, h := range p.Headings {
			set[h.ID] = true
		}
		ids[p.Doc.Path] = set
	}
	docs := append(append([]*content.Document(nil), a.src.Sections...), a.src.Documents...)
	for _, d := range docs {
		r := a.rendered[d.Path]
		if r == nil {
			continue
		}
		for _, l := range r.Links {
			if l.Fragment == "" || strings.HasPrefix(l.Fragment, "fn") {
				continue
			}
			target := l.Target
			if target == "" {
				target = d.Path
			}
			set, isPage := ids[target]
			if !isPage {
				if p := a.sections[strings.TrimSuffix(target, "/")]; p != nil && p.Doc != nil {
					set, isPage = ids[p.Doc.Path], true
				}
			}
			if isPage && !set[l.Fragment] {
				a.errs.Add(diag.New(d.File, l.Line, "broken link: %s#%s: no heading with id %q", l.Target, l.Fragment, l.Fragment))
			}
		}
	}
}
