package markdown

import (
	"crypto/sha256"
	"html/template"
	"unsafe"

	"tusach/generator/diag"
)

// Input is one document to render.
type Input struct {
	// File names the source for messages, relative to the site folder:
	// "content/huong-dan/a.md".
	File string
	// Path is the document's path relative to content/ ("huong-dan/a.md");
	// relative link destinations are resolved against its folder.
	Path string
	// Source is the Markdown body (NFC, LF line endings, no front matter).
	Source []byte
	// FirstLine is the line of the file on which Source starts (1-based), so
	// messages give file lines, not body lines.
	FirstLine int
	// Resolve maps a content-relative target path (cleaned, no fragment, e.g.
	// "van-ban/ke-hoach-205.md" or "anh/so-do.png") to the href to emit in
	// this document's page (relative to the page, e.g.
	// "../van-ban/ke-hoach-205.html"). ok is false when there is no such
	// document or file; the link is then reported as broken.
	Resolve func(target string) (href string, ok bool)
	// Cite maps a document number cited in the text, normalized by
	// [tusach/generator/xref.Normalize] ("21-KL/TW"), to the href of that document's page
	// relative to this one. ok is false when the site has no such document;
	// the text is then left as it is. Nil turns cross-references off.
	Cite func(number string) (href string, ok bool)
}

// Result is a rendered document.
type Result struct {
	HTML     []byte    // the body as HTML
	Title    string    // plain text of the first level-1 heading, "" if none
	Headings []Heading // every heading in document order, with unique IDs
	Links    []Link    // every link to another document or file of the site
	Sections []Section // plain text split at headings, for search; code blocks left out
	Words    int       // number of words (syllables) of text
	Errors   diag.List // broken links and other problems, with file lines
	// Cites holds the normalized numbers of the documents the text cites
	// and that [Input.Cite] linked, each once, in order of first mention.
	Cites []string
	// body holds the bytes of HTML as a string (see [Result.Body]).
	body string
	// Sum is the SHA-256 of HTML once [Result.TakeSum] took it (zero
	// before): what a page's fingerprint hashes of its body, taken once
	// per render instead of on every build that fingerprints the page.
	Sum [32]byte
}

// TakeSum sets r.Sum to the SHA-256 of r.HTML. HTML must not be changed
// in place after.
func (r *Result) TakeSum() { r.Sum = sha256.Sum256(r.HTML) }

// Heading is one heading of a document.
type Heading struct {
	Level int    // 1..6
	ID    string // unique within the page, from the Vietnamese text: "Đảng" → "dang"
	Text  string // plain text
	Line  int    // line in the file
}

// Link is a link from a document to a document or file of the site.
type Link struct {
	Target   string // content-relative path, "" for a link within the same page ("#id")
	Fragment string // without "#", may be ""
	Line     int    // line in the file
}

// Section is the plain text of a document between two headings.
type Section struct {
	ID      string // ID of the heading that starts it; "" before the first heading
	Heading string // text of that heading
	Text    string // plain text, paragraphs separated by "\n"
}

// setHTML sets r.HTML to a copy of html, made as a string that HTML
// shares, so that [Result.Body] need not copy it again.
func (r *Result) setHTML(html []byte) {
	if len(html) == 0 {
		r.HTML, r.body = []byte{}, ""
		return
	}
	r.body = string(html)
	r.HTML = unsafe.Slice(unsafe.StringData(r.body), len(r.body))
}

// DropHTML lets go of the HTML, both r.HTML and the string [Result.Body]
// returns without a copy, for a caller that set it aside elsewhere: setting
// r.HTML to nil alone keeps the bytes alive in that string.
func (r *Result) DropHTML() { r.HTML, r.body = nil, "" }

// Body returns HTML as a page's content, without copying it when it is
// what Render made (a full build sets every page's content from the
// memo's results again: a copy each time was one of the whole site's
// bodies). HTML must not be changed in place.
func (r *Result) Body() template.HTML {
	if len(r.HTML) > 0 && len(r.body) == len(r.HTML) && unsafe.StringData(r.body) == &r.HTML[0] {
		return template.HTML(r.body)
	}
	return template.HTML(r.HTML)
}
