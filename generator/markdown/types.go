package markdown

import "tusach/generator/diag"

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
}

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
