package feed

import (
	"encoding/xml"
	"time"

	"tusach/generator/site"
	"tusach/generator/viet"
)

// Atom returns an Atom 1.0 feed (RFC 4287) of at most n of the site's listed
// newest documents, in the site's order (newest first); every document
// when n <= 0. An entry's updated time is the document's lastmod, date or
// date of issue, else Site.Built; the feed's is Site.Built.
func Atom(s *site.Site, n int) []byte {
	docs := s.InLists
	if n > 0 && n < len(docs) {
		docs = docs[:n]
	}
	title := nfc(s.Settings.Title)
	if title == "" {
		title = "tusach"
	}
	f := atomFeed{
		Lang:      s.Lang,
		Title:     title,
		Subtitle:  nfc(s.Settings.Description),
		ID:        feedID(s, ""),
		Updated:   stamp(s.Built),
		Author:    &atomPerson{Name: title},
		Generator: "tusach",
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: absURL(s, AtomFile)},
			{Rel: "alternate", Type: "text/html", Href: absURL(s, homeURL(s))},
		},
	}
	for _, p := range docs {
		updated := docUpdated(p)
		if updated.IsZero() {
			updated = s.Built
		}
		e := atomEntry{
			Title:   nfc(p.Title),
			ID:      feedID(s, p.URL),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: absURL(s, p.URL)}},
			Updated: stamp(updated),
		}
		if p.Doc != nil {
			m := p.Doc.Meta
			if published := firstDate(m.Issued, m.Date); !published.IsZero() {
				e.Published = stamp(published)
			}
			if m.Issuer != "" {
				e.Author = &atomPerson{Name: nfc(m.Issuer)}
			}
		}
		if d := nfc(p.Description); d != "" {
			e.Summary = &atomText{Type: "text", Text: d}
		}
		for _, t := range p.Terms {
			key := ""
			if t.Taxonomy != nil {
				key = t.Taxonomy.Key
			}
			if key == "topics" || key == "tags" || key == "type" {
				e.Categories = append(e.Categories, atomCategory{Term: t.Slug, Label: nfc(t.Name), Scheme: key})
			}
		}
		f.Entries = append(f.Entries, e)
	}
	return encode(f)
}

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    *atomPerson `xml:"author,omitempty"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Links      []atomLink     `xml:"link"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Label  string `xml:"label,attr,omitempty"`
	Scheme string `xml:"scheme,attr,omitempty"`
}

// feedID is the permanent id of the feed (url "") or of an entry: its
// absolute URL when the site has a base URL, else a URN built from the
// site title's slug and the page URL.
func feedID(s *site.Site, url string) string {
	if s.Settings.BaseURL != "" {
		return absURL(s, url)
	}
	name := viet.Slug(s.Settings.Title)
	if name == "" {
		name = "site"
	}
	if url == "" {
		return "urn:tusach:" + name
	}
	return "urn:tusach:" + name + ":" + url
}

// stamp formats t as an RFC 3339 date-time in UTC; a zero time (a site
// without any date) is written as the Unix epoch so the feed stays valid.
func stamp(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

func firstDate(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func homeURL(s *site.Site) string {
	if s.Home != nil {
		return s.Home.URL
	}
	return "index.html"
}
