package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"sync"

	"tusach/generator/site"
)

// Shared holds, for one render of a site, the fragments that many of its
// pages show alike (the links of the <head>, the top navigation, the
// items of lists: see the "shared" template function), each rendered once. Give every page of one render the same
// Shared, and a new one to the next render: the fragments are only valid
// while the site does not change. A nil Shared renders every fragment
// anew.
type Shared struct {
	mu    sync.Mutex
	frags map[sharedKey]template.HTML
}

// NewShared returns an empty Shared, for one render of a site.
func NewShared() *Shared { return &Shared{frags: map[sharedKey]template.HTML{}} }

// sharedKey names a fragment: the template set of the page, the partial,
// and the whole of the partial's data.
type sharedKey struct {
	set  *template.Template
	name string
	data any
}

// shared renders the partial name of the page's template set with data, a
// comparable value that holds everything the partial reads; within one
// Shared the same name and data render once.
func (t *Theme) shared(v View, name string, data any) (template.HTML, error) {
	if v.set == nil {
		return "", fmt.Errorf("shared %q: view without a template set", name)
	}
	if !reflect.TypeOf(data).Comparable() {
		return "", fmt.Errorf("shared %q: data of type %T cannot name a fragment", name, data)
	}
	key := sharedKey{v.set, name, data}
	if s := v.Shared; s != nil {
		s.mu.Lock()
		frag, ok := s.frags[key]
		s.mu.Unlock()
		if ok {
			return frag, nil
		}
	}
	var b bytes.Buffer
	if err := v.set.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	frag := template.HTML(b.String())
	if s := v.Shared; s != nil {
		s.mu.Lock()
		s.frags[key] = frag
		s.mu.Unlock()
	}
	return frag, nil
}

// SiteView is the data of a shared partial: the page's prefix to the
// site root, the site, and what the partial shows of the page's place
// (see siteOf and navOf): the same on many pages.
type SiteView struct {
	Root string
	Site *site.Site
	// Marks has one byte per item of the partial's list (the home page's
	// subsections): 'p' for the page itself, 'w' for a
	// section the page lies within, '-' otherwise.
	Marks string
	// Register reports whether the page is a page of the register.
	Register bool
}

// siteOf returns the SiteView of v without the page's place: for partials
// that show nothing of the page (the links of the <head>).
func siteOf(v View) SiteView { return SiteView{Root: v.Root, Site: v.Site} }

// navOf returns the SiteView of v for the top navigation: the page's
// place among the home page's subsections, and the register.
func navOf(v View) SiteView {
	n := SiteView{Root: v.Root, Site: v.Site, Register: v.Page != nil && v.Page.Kind == site.KindRegister}
	if v.Site == nil || v.Site.Home == nil {
		return n
	}
	marks := make([]byte, len(v.Site.Home.Subsections))
	for i, s := range v.Site.Home.Subsections {
		switch {
		case v.Page == s:
			marks[i] = 'p'
		case within(v.Page, s):
			marks[i] = 'w'
		default:
			marks[i] = '-'
		}
	}
	n.Marks = string(marks)
	return n
}

// ItemView is the data of the "doc-item" partial: one page of a list and
// the prefix to the site root of the page listing it.
type ItemView struct {
	Root string
	Page *site.Page
}

// itemOf returns the ItemView of page p listed on a page with prefix root.
func itemOf(root string, p *site.Page) ItemView { return ItemView{Root: root, Page: p} }

// mark returns what marks says of subsection i: "page" ('p'), "within"
// ('w') or "".
func mark(marks string, i int) string {
	if i < 0 || i >= len(marks) {
		return ""
	}
	switch marks[i] {
	case 'p':
		return "page"
	case 'w':
		return "within"
	}
	return ""
}
