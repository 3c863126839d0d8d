package site

import (
	"reflect"
	"slices"
	"strings"

	"tusach/generator/content"
	"tusach/generator/markdown"
)

// Patchable reports whether a new version d of the document of page p,
// rendered now (was: its rendering in the assembled site), changes nothing
// of the site but p's own body, so that [Patch] makes of p what Assemble
// would and no other page changes but those that show other pages'
// bodies. It holds when the front matter is the same, p is not a lesson
// of a study path, and the new rendering keeps the title taken from the
// first heading, the documents cited, every heading ID (it may add some:
// links to the others keep working), the headings that other documents'
// relations point into by scope ("khoản 2 Điều 8" → "#dieu-8"), and links
// only to headings already checked or its own.
func Patchable(p *Page, d *content.Document, was, now *markdown.Result) bool {
	if p.Doc == nil || p.Doc.Path != d.Path || p.Lesson > 0 || !reflect.DeepEqual(d.Meta, p.Doc.Meta) {
		return false
	}
	if was.Title != now.Title || !slices.Equal(was.Cites, now.Cites) {
		return false
	}
	ids := map[string]bool{}
	for _, h := range now.Headings {
		ids[h.ID] = true
	}
	for _, h := range was.Headings {
		if !ids[h.ID] {
			return false
		}
	}
	for _, r := range p.RelatedBy {
		if r.Scope != "" && !slices.Equal(was.Headings, now.Headings) {
			return false
		}
	}
	type anchor struct{ target, fragment string }
	checked := map[anchor]bool{}
	for _, l := range was.Links {
		checked[anchor{l.Target, l.Fragment}] = true
	}
	for _, l := range now.Links {
		if l.Fragment == "" || strings.HasPrefix(l.Fragment, "fn") || checked[anchor{l.Target, l.Fragment}] {
			continue
		}
		if (l.Target == "" || l.Target == d.Path) && ids[l.Fragment] {
			continue
		}
		return false
	}
	return true
}
