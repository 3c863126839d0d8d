// Package feed writes the machine-readable listings of a built site:
// sitemap.xml, for search engines of an intranet, and an Atom feed of the
// newest documents, for feed readers.
//
// Both are deterministic: they depend only on the site, never on the wall
// clock (the feed's updated time is Site.Built), so repeated builds write
// the same bytes. Text is escaped by encoding/xml.
//
// Links are absolute when the site sets a base URL ("http://intranet/hoc-tap/"
// + "van-ban/a.html"); otherwise they are the pages' root-relative URLs
// ("van-ban/a.html"), which a reader resolves against the feed's own
// address, so they stay right under any sub-path.
package feed

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"tusach/generator/site"
	"tusach/generator/viet"
)

// The file names the build writes the listings to, relative to the site root.
const (
	SitemapFile = "sitemap.xml"
	AtomFile    = "feed.xml"
)

// Sitemap returns sitemap.xml listing every page of the site except the
// 404 page and the lists' data files, in the site's page order. A page's lastmod is its document's
// lastmod, date or date of issue; for a list page, the newest of the
// documents it lists.
func Sitemap(s *site.Site) []byte {
	set := urlSet{}
	for _, p := range s.Pages {
		if p.Kind == site.KindNotFound || p.Kind == site.KindListData {
			continue
		}
		u := sitemapURL{Loc: absURL(s, p.URL)}
		if d := pageDate(s, p); !d.IsZero() {
			u.Lastmod = d.UTC().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	return encode(set)
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// pageDate is the last modification of a page: its document's for a
// document page, the newest of the documents a list page (or one page of
// a paginated list) shows, the build time for the home page; zero when
// unknown.
func pageDate(s *site.Site, p *site.Page) time.Time {
	if p.Kind == site.KindDocument {
		return docUpdated(p)
	}
	if p.Kind == site.KindHome {
		return s.Built
	}
	var newest time.Time
	for _, d := range p.Listed() {
		if u := docUpdated(d); u.After(newest) {
			newest = u
		}
	}
	return newest
}

// docUpdated is when a document last changed: lastmod, else date, else the
// date of issue; zero when it has none.
func docUpdated(p *site.Page) time.Time {
	if p == nil || p.Doc == nil {
		return time.Time{}
	}
	m := p.Doc.Meta
	for _, t := range []time.Time{m.Lastmod, m.Date, m.Issued} {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// absURL joins the site's base URL, when set, with a root-relative URL,
// percent-encoded (a sitemap allows only ASCII URLs).
func absURL(s *site.Site, url string) string {
	base := strings.TrimSpace(s.Settings.BaseURL)
	if base == "" {
		return site.EscapePath(url)
	}
	return strings.TrimSuffix(base, "/") + "/" + site.EscapePath(url)
}

// encode marshals v with an XML declaration. The types marshalled here
// cannot fail to encode.
func encode(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		panic("feed: encoding: " + err.Error())
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// nfc normalizes text for the listings.
func nfc(s string) string { return viet.NFC(strings.TrimSpace(s)) }
