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

// WithoutProse cuts the inside of every <div class="prose"> (a document's
// own text) out of a page, leaving what the page costs beyond its text.
func WithoutProse(page []byte) []byte {
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
