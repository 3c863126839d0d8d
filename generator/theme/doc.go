// Package theme is the render stage: it turns each page of the assembled
// site into HTML through Go html/template.
//
// A theme is a file system whose root holds
//
//	base.html                 the page skeleton; defines the blocks "title", "head" and "main"
//	home.html, document.html, section.html, taxonomy.html, term.html, 404.html, search.html
//	                          one per page kind; each defines "main" (and may redefine "title", "head")
//	<name>.html               any other top-level file is a layout a document may pick with
//	                          the front-matter key "layout: <name>"
//	partials/*.html           each defines named templates shared by all pages
//	assets/*                  CSS, JavaScript and icons, copied with a content hash in the name
//	i18n/vi.json, i18n/en.json
//	                          flat key → UI string tables
//
// [Load] parses every template once: base.html and the partials form one set,
// cloned for each page template. [Overlay] layers a site's own templates/
// folder over the default theme file by file, so a site can override a
// single partial. Every parse or execution error is a [diag.Error] naming
// "templates/<file>" and the line.
//
// Templates receive a [View]. Every link they write is {{$.Root}} followed by
// a root-relative URL, so the same output works opened from disk (file://)
// and served under any sub-path. Template functions:
//
//	t "key"            UI string in the site language (falls back to vi, then the key)
//	tn "key" n         the same with "{n}" replaced by n
//	asset "style.css"  the fingerprinted root-relative path of assets/style.css
//	hasAsset "x.js"    whether assets/x.js exists
//	lang               the site language ("vi" or "en")
//	shortDate t        "28/7/2022"
//	longDate t         "ngày 28 tháng 7 năm 2022" (or "28 July 2022")
//	isoDate t          "2022-07-28", for <time datetime>
//	minutes n          "Khoảng 5 phút đọc"
//	docDate page       the date to show for a document: issued, else date
//	termsIn page key   the document's terms of one taxonomy ("topics", "tags", ...)
//	within page sec    whether page is sec or lies under it
//	limit n pages      at most the first n pages
//	pageOfKind site k  the first page of kind k, or nil
//	dict k v ...       a map, to pass several values to a partial
//	docType page       the document's type, or "Văn bản" when it has none
//	headline page      "Kế hoạch số 205/KH-UBND" (no-break space before the number); "" without a number
//	fileSize n         "1,2 MB", for attachments
//
// No function marks a string as safe HTML: content reaches templates as
// plain strings, escaped by html/template, except Page.Content, which the
// Markdown stage has already made safe.
package theme
