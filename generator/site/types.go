package site

import (
	"html/template"
	"time"

	"tusach/generator/content"
	"tusach/generator/diag"
	"tusach/generator/markdown"
)

// Kind says what a page is, and so which template renders it.
type Kind string

// The kinds of page.
const (
	KindHome     Kind = "home"     // index.html
	KindDocument Kind = "document" // one per document
	KindSection  Kind = "section"  // one per folder, "dir/index.html"
	KindTaxonomy Kind = "taxonomy" // list of the terms of one taxonomy, "chu-de/index.html"
	KindTerm     Kind = "term"     // documents with one term, "chu-de/xay-dung-dang.html"
	KindNotFound Kind = "404"      // 404.html
	KindSearch   Kind = "search"   // search/index.html

	KindRegister   Kind = "register"    // so-van-ban/index.html: every document with a number
	KindStudyPrint Kind = "study-print" // "<section>/in.html": a whole study path on one printable page
	KindBookmarks  Kind = "bookmarks"   // da-luu/index.html: the reader's saved pages, filled by JavaScript
	// KindListData is no HTML page but the data of a paginated list's
	// quick filter, "luat/index/list.js" (see ListDataURL): what the list
	// shows of each of its items, on all its pages, for the reader's
	// browser to filter.
	KindListData Kind = "list-data"
)

// Site is the assembled site: every page with its links to the others.
type Site struct {
	Settings   content.Settings
	Lang       string      // "vi" or "en"
	Home       *Page       // the home page
	Pages      []*Page     // every page to render, in URL order
	Documents  []*Page     // every document page, newest first (issued, then date), then by title
	Sections   []*Page     // every section page, in URL order
	Taxonomies []*Taxonomy // in a fixed order: type, issuer, year, topics, tags
	Built      time.Time   // the newest date or lastmod of any document (not the wall clock, so builds repeat)
	Register   *Page       // the document register's first page; nil when no document has a number
	// RegisterDocs are the documents of the register, every page's, in
	// its order (newest first).
	RegisterDocs   []*Page
	RegisterValues *RegisterValues // what the register's filter offers; nil without a register
	Bookmarks      *Page           // the page of saved pages
	// InLists are the documents the site's lists show (home, term pages,
	// the register, the feed), newest first: Documents without those
	// set "list: false" (see visibility.go).
	InLists    []*Page
	StudyPaths []*Page // the sections that are study paths, in URL order
	// Warnings are problems the build reports without failing, such as a
	// section titled from an ASCII folder name; sorted.
	Warnings diag.List
}

// Page is one HTML page of the site (or, of kind KindListData, the data
// file of a long list's filter). URLs are output paths relative to the
// site root, slash-separated, always naming a file ("huong-dan/index.html",
// never "huong-dan/"), so that links work from disk and under any sub-path.
type Page struct {
	Kind  Kind
	URL   string // "huong-dan/viet-tai-lieu.html"
	Title string
	// TitleInContent is true when the title was taken from the body's
	// first level-1 heading, so templates should not repeat it.
	TitleInContent bool
	Description    string
	Layout         string            // template to use instead of the kind's, from front matter
	Doc            *content.Document // the source of a document or section page; nil otherwise
	Content        template.HTML     // the rendered Markdown body (its SHA-256: ContentSum)
	contentSum     bodySum           // the sum of Content that Patch was given
	Headings       []markdown.Heading
	TOC            []*TOCEntry // h2–h4, nested
	Sections       []markdown.Section
	Words          int
	Minutes        int // estimated reading time

	Parent      *Page   // the section that holds this page; nil for the home page
	Ancestors   []*Page // breadcrumbs, home first, excluding the page itself
	Prev        *Page   // previous document in the section's order
	Next        *Page
	Subsections []*Page // section and home pages: child sections, in order
	Pages       []*Page // section, home and term pages: the documents listed, in order
	// Count is, for a section or the home page, the number of documents
	// in it and in all its subsections.
	Count int

	Taxonomy *Taxonomy // taxonomy and term pages
	Term     *Term     // term pages
	Terms    []*Term   // document pages: every term the document has, by taxonomy order

	// Cites are the documents this document cites by number, in its text
	// or its front-matter references, in order of first mention.
	Cites []*Page
	// CitedBy are the documents that cite this one, newest first.
	CitedBy []*Page
	// Attachments are the files the document's front matter lists, in the
	// order written.
	Attachments []*Attachment
	// Relations are the document's typed relations from its front matter,
	// in the order written; RelatedBy the relations of other documents to
	// this one, with the inverse label ("Bị thay thế bởi"), by type then
	// newest first. See relations.go.
	Relations []*Relation
	RelatedBy []*Relation
	// ReplacedBy is the document of the site that replaces or repeals this
	// one as a whole (the earliest, when several do); nil otherwise.
	ReplacedBy *Page
	// Expires is the date the document stops being in force: its expires
	// field, else the date of the replacement or repeal; zero when unknown.
	Expires time.Time
	// StatusCode is the status known without the clock: the stated status
	// ("in-force", "partly-expired", "expired", "not-yet"), else "expired"
	// when replaced or repealed as a whole by a document of the site, else
	// "partly-expired" when a part is, else "". The reader's browser
	// settles it from the dates (templates/assets/status.js).
	StatusCode string
	// History is the document's events (issue, effective, expiry, and what
	// other documents did to it) by date; nil when it has none beyond its
	// issue.
	History []Event
	// Lesson is the 1-based place of a document in its section's study
	// path; 0 when the section is not a study path.
	Lesson int
	// Print is, for a study-path section, its printable page; for that
	// page, the section. Nil otherwise.
	Print *Page
	// NoSearch and NoList keep a document out of the search index and
	// out of the site's lists and "cited by" lists: its own front matter's
	// search or list field when set, else the nearest section's that sets
	// it. A section page carries the value its documents inherit.
	NoSearch, NoList bool
	// Paging places a page of a paginated list (the register, a section,
	// the home page, a term, a taxonomy) among the others; nil on other
	// pages. Pages after the first are copies of the first without its
	// content, at ListPageURL.
	Paging *Paging
}

// TOCEntry is one heading in a table of contents.
type TOCEntry struct {
	markdown.Heading
	Children []*TOCEntry
}

// Taxonomy groups documents by one metadata field.
type Taxonomy struct {
	Key   string  // "type", "issuer", "year", "topics", "tags"
	URL   string  // "chu-de/index.html"
	Page  *Page   // the taxonomy's index page
	Terms []*Term // in Vietnamese collation order (years newest first)
}

// Term is one value of a taxonomy.
type Term struct {
	Taxonomy *Taxonomy
	Name     string // as written: "Xây dựng Đảng"
	Slug     string // "xay-dung-dang"
	URL      string // "chu-de/xay-dung-dang.html"
	Page     *Page
	Pages    []*Page // documents with this term, in site order (newest first)
}
