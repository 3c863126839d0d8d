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
//   - every other file (images, PDFs) is copied as it is;
//   - hidden files and folders (names starting with ".") and editor or system
//     leftovers (*.swp, *.swx, *~, *.tmp, .#*, #*#, ~$*, 4913, Thumbs.db,
//     desktop.ini) are skipped;
//   - documents with draft: true are left out unless [Options.Drafts]; the root
//     content/_index.md is never left out, since it carries the settings.
//
// Results are sorted by path, whatever order files were read in.
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
// line 0, which prints no line.
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
// elsewhere on the machine. Symlinks that loop are an error too.
package content
