// Package content is the load stage: it reads a site folder and returns its
// documents, section index files, other files and settings, checked and
// normalized, or every problem found at once.
//
// # What is read
//
// A site folder holds a content/ folder. Under it:
//
//   - every file ending in .md is a Markdown document; a file named
//     _index.md is the index of its folder (a section), and content/_index.md
//     is the root section and carries the site settings (see [ParseSettings]);
//   - every other file (images, PDFs) is copied as it is, through
//     [Source.FS], unless it could run a program (see "Active files");
//   - hidden files and folders (names starting with ".") and editor or system
//     leftovers (*.swp, *.swx, *~, *.tmp, .#*, #*#, ~$*, 4913, Thumbs.db,
//     desktop.ini) are skipped;
//   - documents with draft: true are left out unless [Options.Drafts]; the root
//     content/_index.md is never left out, since it carries the settings.
//
// Results are sorted by path, whatever order files were read in. Paths are
// in Unicode NFC whatever form the disk holds (macOS may write names
// decomposed), so that links typed normally find them; files are read by
// their names on disk ([Source.DiskPath]).
//
// # Names
//
// A file or folder name must be publishable everywhere: no "\", no
// control or bidirectional formatting character, none of < > : " | ? *,
// no "#" or "%" (a link could not name it), no trailing dot or space, not a
// Windows device name (con, prn, aux, nul, com0–9, lpt0–9, with any
// extension). Any other name is an error "content/a/con.md: file name: …".
//
// # Active files
//
// Unless the site sets unsafe_html: true, a file that would run a program
// when a reader opens it is an error: web pages, XML, scripts (see
// activeExtensions), an SVG with scripts, event attributes, script
// addresses, foreign objects or embedded documents (see svgProblem), and a
// file of an unknown kind whose first bytes read as HTML or XML. The check
// is made again on the bytes [Source.FS] gives for copying.
//
// # Documents
//
// A document is optional front matter followed by a Markdown body. Front
// matter is YAML between lines "---", TOML between lines "+++", or a JSON
// object starting at the first byte of the file. A UTF-8 byte order mark is
// dropped, CRLF and CR line endings become LF, and all text (the body, the
// front-matter strings and keys) is put in Unicode NFC. Strings are trimmed.
// Bytes that are not UTF-8 are an error (text is never guessed in another
// encoding).
//
// Known front-matter keys (matched ignoring case) fill [Meta]: title,
// description, date, lastmod, issued, number, type, issuer, tags, topics,
// references, weight, draft, layout, study, and the lifecycle fields
// effective, expires, status, signer, field, attachments and relations (see
// [Relation], [Statuses], [RelationTypes]). Every other key is kept in
// Meta.Params as written. Text fields accept text or numbers; tags, topics
// and references accept a list of text or a single text; weight a whole
// number; draft and study true or false; dates 2022-07-28, RFC 3339
// (2022-07-28T09:00:00+07:00), YAML and TOML timestamps, and the Vietnamese
// day-first 28/7/2022. Dates without a zone are taken as UTC so that builds
// repeat on any machine.
//
// # Errors
//
// Every problem is a [diag.Error] naming the file relative to the site
// folder ("content/huong-dan/a.md"), the 1-based line of the file (front
// matter starts on line 2) and, for front matter, the field:
//
//	content/huong-dan/a.md:4: weight: want a whole number, got "abc"
//
// Problems with a whole file rather than its text (an unreadable file, a
// symlink leaving the site folder, two files writing the same output) carry
// line 0, which prints no line. Control characters in a file name are
// printed escaped ("\x1b").
//
// # Output paths
//
// [OutputPath] maps a content path to the file the site writes: "a/b.md" to
// "a/b.html", "a/_index.md" to "a/index.html", any other file to itself. Two
// sources whose output paths are equal ignoring letter case (FAT-formatted
// USB sticks do not tell "A.html" from "a.html") or Unicode normalization are
// an error naming both files.
//
// # Symlinks
//
// When [Options.Root] gives the real folder behind the fs.FS, a symlink under
// content/ is followed only when its target resolves inside that folder;
// otherwise it is an error, so that a site cannot publish files from
// elsewhere on the machine. Symlinks that loop are an error too, as are
// FIFOs, devices and sockets, and links to them.
//
// That check is made while walking; a file swapped for a symlink after it
// must not be read either. So a site on disk is read through [OpenSite],
// an os.Root: every open resolves the name inside the site folder in the
// same system call, never blocks on a FIFO and refuses anything but a
// regular file or a folder on the opened handle.
package content
