package site

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/viet"
	"tusach/generator/xref"
)

// Relation is one typed relation shown on a document page: an outgoing one
// (Page.Relations, "Thay thế 21-KL/TW") or an incoming one, seen from its
// target (Page.RelatedBy, "Bị thay thế bởi 22-KL/TW").
type Relation struct {
	Type   string // canonical type, one of [content.RelationTypes]
	Label  string // what the reader sees, in the site language: "Thay thế" or, incoming, "Bị thay thế bởi"
	Number string // the other document's number as written ("" when an incoming relation's source has none)
	// Page is the other document; nil when its number is not in the site
	// (the relation is then listed without a link).
	Page  *Page
	Scope string // the part of the target concerned, as written ("khoản 2 Điều 8")
	// ScopeURL is "#id" of the target's heading the scope names ("#dieu-8"),
	// "" when there is none. It belongs to the target: the outgoing
	// relation's Page, or for an incoming one the page that shows it.
	ScopeURL string
	Date     time.Time // the relation's date; zero when not given
}

// Event is one row of a document's history: its own dates (issued,
// effective, expires) and what other documents of the site did to it.
type Event struct {
	Date     time.Time // zero when unknown (listed last)
	Label    string    // "Ban hành", "Có hiệu lực", "Được sửa đổi bởi", ...
	Number   string    // number of the document that caused the event; "" for the page's own dates
	Page     *Page     // that document; nil for the page's own dates
	Scope    string    // part of the page concerned
	ScopeURL string    // "#id" of that part in the page, or ""
}

// relationLabels gives, per relation type and language, the outgoing and
// the incoming label.
var relationLabels = map[string]map[string][2]string{
	"vi": {
		content.RelAmends:        {"Sửa đổi", "Được sửa đổi bởi"},
		content.RelSupplements:   {"Bổ sung", "Được bổ sung bởi"},
		content.RelAmendsAndSupp: {"Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"},
		content.RelReplaces:      {"Thay thế", "Bị thay thế bởi"},
		content.RelRepeals:       {"Bãi bỏ", "Bị bãi bỏ bởi"},
		content.RelGuides:        {"Hướng dẫn", "Được hướng dẫn bởi"},
		content.RelDetails:       {"Quy định chi tiết", "Được quy định chi tiết bởi"},
		content.RelImplements:    {"Thực hiện", "Được thực hiện bởi"},
		content.RelBasedOn:       {"Căn cứ", "Là căn cứ của"},
		content.RelConsolidates:  {"Hợp nhất", "Được hợp nhất bởi"},
		content.RelCorrects:      {"Đính chính", "Được đính chính bởi"},
	},
	"en": {
		content.RelAmends:        {"Amends", "Amended by"},
		content.RelSupplements:   {"Supplements", "Supplemented by"},
		content.RelAmendsAndSupp: {"Amends and supplements", "Amended and supplemented by"},
		content.RelReplaces:      {"Replaces", "Replaced by"},
		content.RelRepeals:       {"Repeals", "Repealed by"},
		content.RelGuides:        {"Guides", "Guided by"},
		content.RelDetails:       {"Details", "Detailed by"},
		content.RelImplements:    {"Implements", "Implemented by"},
		content.RelBasedOn:       {"Based on", "Basis of"},
		content.RelConsolidates:  {"Consolidates", "Consolidated by"},
		content.RelCorrects:      {"Corrects", "Corrected by"},
	},
}

// eventLabels gives the labels of a document's own events, per language:
// issued, effective, expires.
var eventLabels = map[string][3]string{
	"vi": {"Ban hành", "Có hiệu lực", "Hết hiệu lực"},
	"en": {"Issued", "Takes effect", "Expires"},
}

// ends reports whether a relation of type typ without a scope ends its
// target: replacement or repeal.
func ends(typ string) bool { return typ == content.RelReplaces || typ == content.RelRepeals }

// pagesByNumber maps the normalized number of every document to its page:
// the first by content path when several share a number, as [NewNumbers].
func (a *assembler) pagesByNumber() map[string]*Page {
	byNumber := map[string]*Page{}
	for _, d := range a.src.Documents {
		key := xref.Normalize(d.Meta.Number)
		if _, taken := byNumber[key]; key != "" && !taken {
			byNumber[key] = a.byURL[strings.ToLower(content.OutputPath(d.Path))]
		}
	}
	return byNumber
}

// addRelations resolves every document's front-matter relations by number,
// both ways, and derives from them what replaced a document, its history
// and its build-time status. A relation to a number not in the site is kept
// without a page; one to the document's own number, and replacement
// cycles, are errors.
func (a *assembler) addRelations() {
	byNumber := a.pagesByNumber()
	labels := relationLabels[a.site.Lang]
	for _, p := range a.site.Documents {
		m := p.Doc.Meta
		own := xref.Normalize(m.Number)
		for _, r := range m.Relations {
			key := xref.Normalize(r.Number)
			q := byNumber[key]
			if key == own || q == p {
				a.errs.Add(diag.Field(p.Doc.File, r.Line, "relations",
					"%s %s: a document cannot relate to itself", r.Type, r.Number))
				continue
			}
			out := &Relation{Type: r.Type, Label: labels[r.Type][0], Number: r.Number, Page: q, Scope: r.Scope, Date: r.Date}
			if q != nil {
				out.ScopeURL = scopeAnchor(q, r.Scope)
				q.RelatedBy = append(q.RelatedBy, &Relation{
					Type: r.Type, Label: labels[r.Type][1], Number: m.Number, Page: p,
					Scope: r.Scope, ScopeURL: out.ScopeURL, Date: r.Date,
				})
			}
			p.Relations = append(p.Relations, out)
		}
	}
	a.checkReplacementCycles()
	for _, p := range a.site.Documents {
		a.settleLifecycle(p)
	}
}

// settleLifecycle orders a page's incoming relations and sets ReplacedBy,
// Expires, StatusCode and History from them and the page's own dates.
func (a *assembler) settleLifecycle(p *Page) {
	order := map[string]int{}
	for i, t := range content.RelationTypes {
		order[t] = i
	}
	sort.SliceStable(p.RelatedBy, func(i, j int) bool {
		x, y := p.RelatedBy[i], p.RelatedBy[j]
		if order[x.Type] != order[y.Type] {
			return order[x.Type] < order[y.Type]
		}
		return a.newerFirst(x.Page, y.Page)
	})
	m := p.Doc.Meta
	p.Expires = m.Expires
	p.StatusCode = content.StatusCode(m.Status)
	partly := false
	var end *Relation // the earliest whole replacement or repeal
	for _, r := range p.RelatedBy {
		switch {
		case !ends(r.Type):
		case r.Scope != "":
			partly = true
		case end == nil || happened(r).Before(happened(end)):
			end = r
		}
	}
	if end != nil {
		p.ReplacedBy = end.Page
		if p.Expires.IsZero() {
			p.Expires = happened(end)
		}
		if p.StatusCode == "" {
			p.StatusCode = content.StatusCode(content.StatusExpired)
		}
	} else if partly && p.StatusCode == "" {
		p.StatusCode = content.StatusCode(content.StatusPartlyExpired)
	}
	p.History = a.history(p)
}

// happened returns when an incoming relation took effect: its own date,
// else the source document's effective date, date of issue or date.
func happened(r *Relation) time.Time {
	if r == nil {
		return time.Time{}
	}
	if !r.Date.IsZero() || r.Page == nil || r.Page.Doc == nil {
		return r.Date
	}
	m := r.Page.Doc.Meta
	for _, t := range []time.Time{m.Effective, m.Issued, m.Date} {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// history lists the events of page p by date (undated last): its issue,
// its effective and expiry dates, and every incoming relation but "căn
// cứ". It is nil when p has no event beyond its issue.
func (a *assembler) history(p *Page) []Event {
	m := p.Doc.Meta
	own := eventLabels[a.site.Lang]
	var events []Event
	for i, t := range []time.Time{m.Issued, m.Effective, m.Expires} {
		if !t.IsZero() {
			events = append(events, Event{Date: t, Label: own[i]})
		}
	}
	for _, r := range p.RelatedBy {
		if r.Type == content.RelBasedOn {
			continue
		}
		events = append(events, Event{Date: happened(r), Label: r.Label, Number: r.Number, Page: r.Page, Scope: r.Scope, ScopeURL: r.ScopeURL})
	}
	if len(events) == 0 || (len(events) == 1 && !m.Issued.IsZero()) {
		return nil
	}
	sort.SliceStable(events, func(i, j int) bool {
		x, y := events[i].Date, events[j].Date
		if x.IsZero() != y.IsZero() {
			return y.IsZero()
		}
		return x.Before(y)
	})
	return events
}

// checkReplacementCycles reports a chain of whole replacements or repeals
// that comes back to where it started (A replaces B, B replaces A): each
// cycle once, on the relation of its first page by URL.
func (a *assembler) checkReplacementCycles() {
	next := func(p *Page) []*Relation {
		var out []*Relation
		for _, r := range p.Relations {
			if ends(r.Type) && r.Scope == "" && r.Page != nil {
				out = append(out, r)
			}
		}
		return out
	}
	const (
		unseen = iota
		open
		done
	)
	state := map[*Page]int{}
	var stack []*Page
	var visit func(p *Page)
	visit = func(p *Page) {
		state[p] = open
		stack = append(stack, p)
		for _, r := range next(p) {
			switch state[r.Page] {
			case unseen:
				visit(r.Page)
			case open:
				a.reportCycle(stack, r.Page)
			}
		}
		stack = stack[:len(stack)-1]
		state[p] = done
	}
	docs := append([]*Page(nil), a.site.Documents...)
	sort.Slice(docs, func(i, j int) bool { return docs[i].URL < docs[j].URL })
	for _, p := range docs {
		if state[p] == unseen {
			visit(p)
		}
	}
}

// reportCycle reports the cycle at the end of stack that starts at page
// start.
func (a *assembler) reportCycle(stack []*Page, start *Page) {
	i := len(stack) - 1
	for i > 0 && stack[i] != start {
		i--
	}
	cycle := stack[i:]
	names := make([]string, 0, len(cycle)+1)
	for _, p := range cycle {
		names = append(names, p.Doc.Meta.Number)
	}
	names = append(names, start.Doc.Meta.Number)
	line := 0
	for _, r := range start.Doc.Meta.Relations {
		if ends(r.Type) && r.Scope == "" {
			line = r.Line
			break
		}
	}
	a.errs.Add(diag.Field(start.Doc.File, line, "relations",
		"replacement cycle: %s (a document cannot, through others, replace or repeal itself)", strings.Join(names, " → ")))
}

// scopeUnit finds the most precise part a scope names: "Điều 8", else
// "Mục 2", "Chương II" or "Phần 1", folded ("dieu 8").
var scopeUnit = regexp.MustCompile(`\b(dieu|muc|chuong|phan|article|section|chapter|part)\s+([0-9]+[a-z]?|[ivxlc]+)\b`)

// scopeAnchor returns "#id" of the heading of page q that the scope names:
// the most precise unit it names ("khoản 2 Điều 8" → the heading "Điều 8.
// ..."), else the heading whose text it is ("Nhiệm vụ trọng tâm"); "" when
// q has none.
func scopeAnchor(q *Page, scope string) string {
	if scope == "" {
		return ""
	}
	found := scopeUnit.FindAllStringSubmatch(viet.Fold(scope), -1)
	rank := map[string]int{"dieu": 0, "article": 0, "muc": 1, "section": 1, "chuong": 2, "chapter": 2, "phan": 3, "part": 3}
	sort.SliceStable(found, func(i, j int) bool { return rank[found[i][1]] < rank[found[j][1]] })
	for _, f := range found {
		want := f[1] + " " + f[2]
		for _, h := range q.Headings {
			text := viet.Fold(h.Text)
			if strings.HasPrefix(text, want) && (len(text) == len(want) || !isWordByte(text[len(want)])) {
				return "#" + h.ID
			}
		}
	}
	for _, h := range q.Headings { // a scope that is a heading's text
		if viet.Slug(h.Text) == viet.Slug(scope) {
			return "#" + h.ID
		}
	}
	return ""
}

// isWordByte reports whether b continues a word or number ("Điều 80" is
// not "Điều 8").
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}
