package content

import (
	"io/fs"
	"time"
)

// Source is everything the load stage read from a site folder: the site
// settings, the documents and section index files, and the other files to
// copy as they are.
type Source struct {
	Settings  Settings
	Documents []*Document      // every .md but _index.md, sorted by Path
	Sections  []*Document      // every _index.md (including content/_index.md), sorted by Path
	Files     []string         // other files under content/ (images, PDFs), slash paths relative to content/, sorted
	FileSizes map[string]int64 // size in bytes of each of Files, by path
	// FS opens the Files by their paths in Files, and nothing else, for
	// copying: reads never leave the site folder (when loaded through
	// OpenSite), open only regular files, and refuse a file that would run
	// a program unless Settings.UnsafeHTML, checking the bytes they give.
	FS fs.FS

	onDisk map[string]string // content path on disk of each path not in NFC there
}

// DiskPath returns the path on disk, relative to content/, of the content
// path p of a document or file: p itself but for names not written in NFC
// on disk (as macOS may write them), whose paths here are in NFC.
func (s *Source) DiskPath(p string) string { return diskPath(s.onDisk, p) }

// Settings are the site settings, read from the front matter of
// content/_index.md.
type Settings struct {
	Title       string // site title
	Description string
	Language    string // "vi" (default) or "en"
	BaseURL     string // optional absolute URL for sitemap and feed, e.g. "http://intranet/hoc-tap/"
	UnsafeHTML  bool   // front matter "unsafe_html": emit raw HTML and any URL scheme
	Params      map[string]any
}

// Document is one Markdown file under content/.
type Document struct {
	// Path is the file's path relative to content/, slash-separated,
	// e.g. "huong-dan/viet-tai-lieu.md" or "huong-dan/_index.md".
	Path string
	// File is the path relative to the site folder, for messages:
	// "content/huong-dan/viet-tai-lieu.md".
	File string
	Meta Meta
	// Body is the Markdown after the front matter: valid UTF-8, NFC, LF line
	// endings, without BOM.
	Body []byte
	// BodyLine is the 1-based line of the source file on which Body starts,
	// so that line N of Body is line BodyLine+N-1 of the file.
	BodyLine int
}

// Meta is a document's front matter, checked and normalized (NFC, trimmed).
type Meta struct {
	Title       string
	Description string
	Date        time.Time // zero when absent
	Lastmod     time.Time
	Issued      time.Time // date of issue of the document
	Number      string    // document number, e.g. "205/KH-UBND"
	Type        string    // Nghị quyết, Kết luận, Kế hoạch, ...
	Issuer      string
	Tags        []string
	Topics      []string
	References  []string // document numbers this document cites
	Weight      int
	Draft       bool
	Layout      string
	Study       bool // _index.md only: the section is a study path
	// Search and List say whether the document (or, on an _index.md,
	// every page of the section not saying otherwise) is in the search
	// index and in the site's lists (home, term pages, register, feed,
	// "cited by"); nil when not set, so that it is inherited.
	Search *bool
	List   *bool
	// Lifecycle fields (see lifecycle.go).
	Effective   time.Time      // ngày có hiệu lực; zero when absent
	Expires     time.Time      // ngày hết hiệu lực; zero when absent, never before Effective
	Status      string         // one of Statuses, canonical; "" when absent (derived)
	Signer      string         // người ký: "Nguyễn Văn A, Chủ tịch"
	Field       string         // lĩnh vực
	Attachments []string       // files beside the document, relative to its folder, slash-separated
	Relations   []Relation     // typed links to other documents by number, in the order written
	Params      map[string]any // every other key, as decoded
	// Lines gives the 1-based source line of each front-matter key present:
	// known keys in lowercase ("weight"), others as written, like Params.
	Lines map[string]int
}
