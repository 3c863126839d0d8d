// Package markdown is the render stage: it turns the Markdown body of one
// document into HTML, and reads from the same syntax tree everything later
// stages need — the title, the headings with unique IDs, the links to other
// documents and files of the site, and the plain text for search.
//
// # Syntax
//
// CommonMark with the GitHub extensions (tables, strikethrough, autolinks of
// bare URLs, task lists), footnotes, definition lists and typographic
// punctuation as Vietnamese is printed: "..." → “...”, '...' → ‘...’,
// -- → –, --- → —, ... → …. Guillemets (<< >>) are not substituted.
//
// A heading may set its ID explicitly with a trailing attribute,
// "## Phạm vi {#pham-vi}"; other heading attributes are dropped unless
// [Options.UnsafeHTML] is set.
//
// A block quote whose first line is one of [!NOTE], [!TIP], [!IMPORTANT],
// [!WARNING] or [!CAUTION] (any case) is a GitHub-style alert. It renders as
//
//	<div class="alert alert-note" role="note"><p class="alert-title">Ghi chú</p>
//	…
//	</div>
//
// with the title in the language of [Options.Lang]: Ghi chú, Mẹo, Quan
// trọng, Cảnh báo, Thận trọng (vi) or Note, Tip, Important, Warning,
// Caution (en).
//
// Every table is wrapped in <div class="table-wrap"> so that long tables
// scroll sideways on a phone instead of widening the page.
//
// # Heading IDs
//
// IDs come from the heading text through [viet.Slug] ("Đảng" → "dang"). A
// heading whose text has no letter or digit gets "muc". IDs are unique within
// a page: repeats get "-1", "-2", ... appended ("dang", "dang-1", "dang-2").
// Explicit IDs are reserved first, so an automatic ID never takes one.
//
// # Links
//
// Each link and image destination is classified:
//
//   - "#id" stays as written and is recorded in [Result.Links] with an empty
//     Target.
//   - A relative path ("a.md", "../van-ban/b.md#dieu-1", "anh/x.png") is
//     percent-decoded and cleaned against the folder of [Input.Path]; a path
//     starting with "/" is taken from the content root. A query ("?x") is
//     dropped. The cleaned path is passed to [Input.Resolve]; the link is
//     rewritten to the returned href (plus "#fragment") and recorded. When
//     the path climbs out of the content folder or Resolve does not know it,
//     a "broken link" error names the file line, and only the link text (or
//     the image's alt text) is rendered.
//   - http:, https: and protocol-relative ("//host") URLs are external: kept
//     as written with rel="noopener" added.
//   - javascript:, vbscript:, data: and file: URLs are dangerous: unless
//     [Options.UnsafeHTML] is set, the link is dropped and only its text (or
//     an image's alt text) is rendered.
//   - Any other scheme (mailto:, tel:, ftp:, ...) is kept as written.
//
// # Raw HTML
//
// Raw HTML blocks and inline tags are dropped without a trace (no "raw HTML
// omitted" comment) unless [Options.UnsafeHTML] is set, in which case they
// pass through unchanged.
//
// # Text for search
//
// [Result.Sections] holds the plain text of the document split where a
// heading of level 1 to 4 starts; paragraphs, list items, table cells, code
// blocks and level 5–6 headings become lines separated by "\n", with runs of
// white space collapsed to one space. Text before the first heading forms a
// section with an empty ID when there is any. [Result.Words] counts the
// white-space-separated words of all text, headings included. Alert titles,
// footnote markers and raw HTML are not text.
//
// # Cross-references
//
// When [Input.Cite] is set, document numbers in text ("Kết luận số
// 21-KL/TƯ", "68/2020/QH14", recognized by package xref) are looked up by
// their normalized form; each one Cite knows becomes
// <a href="..." class="xref">, and its normalized number is recorded once
// in [Result.Cites]. Numbers in headings, code, links, images and the
// choices of review questions are left alone, as is every number Cite does
// not know.
//
// # Review questions
//
// A fenced code block with the info string "cau-hoi" is a list of review
// questions, one item per line:
//
//	? question text          a new question
//	- [x] right choice       a choice marked right ("*" or "+" also start a choice)
//	- [ ] wrong choice
//	> answer text            the answer or explanation; several ">" lines join
//	  more text              an indented line continues the item above
//
// Blank lines separate questions. Each line is inline Markdown (emphasis,
// code, links); a line that would be a block ("1. ...", "# ...") stays
// plain text. It renders as <ol class="questions"> of <li class="question">
// holding <p class="question-text">, the choices as <ol class="choices"
// type="A"> with data-correct="true" on the right ones, and the answer in
// <details class="answer"> (hidden until opened, no script needed) that
// starts with "Đáp án: B" naming the right choices. A choice or answer
// before the first question, a question without text, a multiple-choice
// question with no right choice and any other line are errors with their
// file line.
//
// # Concurrency and cost
//
// [New] builds the goldmark instance once; a [Renderer] is safe for
// concurrent use. Render keeps its scratch buffers in pools and makes one
// walk over the syntax tree (plus a cheap block-level walk for alerts).
package markdown
