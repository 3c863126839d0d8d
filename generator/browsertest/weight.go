package browsertest

import (
	"bytes"
	"compress/gzip"
)

// GzipSize returns the size of data compressed with gzip at its best level,
// as a web server with precompressed files would send it.
func GzipSize(data []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return buf.Len()
}

// WithoutProse cuts out of a page the inside of every <div class="prose">
// (a document's own text) and of its table of contents (<nav class="toc">,
// the document's own headings or "Điều" lines, which grow with its text),
// leaving what the page costs beyond its text.
func WithoutProse(page []byte) []byte {
	return withoutTOC(withoutDivProse(page))
}

// withoutTOC cuts the inside of every <nav class="toc" ...> out of page (a
// table of contents holds no other nav).
func withoutTOC(page []byte) []byte {
	const open, end = `<nav class="toc"`, `</nav>`
	var out []byte
	for {
		i := bytes.Index(page, []byte(open))
		if i < 0 {
			return append(out, page...)
		}
		gt := bytes.IndexByte(page[i:], '>')
		j := bytes.Index(page[i:], []byte(end))
		if gt < 0 || j < gt {
			return append(out, page...)
		}
		out = append(out, page[:i+gt+1]...)
		page = page[i+j:]
	}
}

// withoutDivProse cuts the inside of every <div class="prose"> out of page.
func withoutDivProse(page []byte) []byte {
	const open = `<div class="prose">`
	var out []byte
	for {
		i := bytes.Index(page, []byte(open))
		if i < 0 {
			return append(out, page...)
		}
		out = append(out, page[:i+len(open)]...)
		rest := page[i+len(open):]
		depth, j := 1, 0
		for depth > 0 && j < len(rest) {
			nextOpen := bytes.Index(rest[j:], []byte("<div"))
			nextClose := bytes.Index(rest[j:], []byte("</div>"))
			if nextClose < 0 {
				j = len(rest)
				break
			}
			if nextOpen >= 0 && nextOpen < nextClose {
				depth++
				j += nextOpen + 4
				continue
			}
			depth--
			j += nextClose
			if depth > 0 {
				j += len("</div>")
			}
		}
		page = rest[j:]
	}
}
