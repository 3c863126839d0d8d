package content

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tusach/generator/diag"
	"tusach/generator/viet"
)

// byteOrderMark is the UTF-8 encoding of U+FEFF, which some Windows editors
// put at the start of a file.
var byteOrderMark = []byte{0xEF, 0xBB, 0xBF}

// ParseDocument parses one Markdown file: front matter and body. file names
// the file in messages, relative to the site folder ("content/a.md"); path is
// its path relative to content/ ("a.md").
//
// When the text itself cannot be read (not UTF-8, empty, front matter not
// closed or not parseable) it returns a nil Document. When only some fields
// are wrong it returns the Document with those fields left zero, together
// with the errors; the Document is fit for use only when the list is empty.
// The Body may share memory with data, which must not change afterwards.
func ParseDocument(file, path string, data []byte) (*Document, diag.List) {
	if err := checkFileSize(file, data); err != nil {
		return nil, diag.List{err}
	}
	text, err := normalizeText(file, data)
	if err != nil {
		return nil, diag.List{err}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, diag.List{diag.New(file, 1, "empty file")}
	}
	front, err := readFrontMatter(file, text)
	if err != nil {
		return nil, diag.List{err}
	}
	meta, errs := buildMeta(file, front.fields)
	errs = append(errs, checkLifecycle(file, text, front.fields, &meta)...)
	doc := &Document{
		Path:     path,
		File:     file,
		Meta:     meta,
		Body:     nfcBytes(front.body),
		BodyLine: front.bodyLine,
	}
	return doc, errs
}

// normalizeText drops a byte order mark, turns CRLF and lone CR line endings
// into LF and checks that the text is UTF-8. The result may share memory
// with data.
func normalizeText(file string, data []byte) ([]byte, *diag.Error) {
	data = bytes.TrimPrefix(data, byteOrderMark)
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if utf8.Valid(data) {
		return data, nil
	}
	bad := firstInvalidByte(data)
	lineStart := bytes.LastIndexByte(data[:bad], '\n') + 1
	return nil, diag.New(file, lineAt(data, bad),
		"not UTF-8 text: byte 0x%02X at character %d of the line; save the file as UTF-8",
		data[bad], utf8.RuneCount(data[lineStart:bad])+1)
}

// firstInvalidByte returns the offset of the first byte of data that does
// not start a valid UTF-8 sequence, or len(data) when there is none.
func firstInvalidByte(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// lineAt returns the 1-based line of the byte at offset off of text.
func lineAt(text []byte, off int) int {
	off = min(max(off, 0), len(text))
	return 1 + bytes.Count(text[:off], []byte("\n"))
}

// nfcBytes returns b in Unicode NFC, without copying when it already is
// (the common case). It is the []byte form of viet.NFC, kept here so that
// large bodies are not copied to strings and back.
func nfcBytes(b []byte) []byte {
	if viet.IsNFC(b) {
		return b
	}
	return norm.NFC.Bytes(b)
}
