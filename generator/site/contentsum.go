package site

import (
	"crypto/sha256"
	"html/template"
	"unsafe"
)

// bodySum is the SHA-256 of one page's Content, with the string it is the
// sum of: it stands for the Content while that is the very same string
// (same bytes in memory, same length; strings never change), so that a
// Content set anew, by whatever means, is hashed anew.
type bodySum struct {
	of  *byte
	n   int
	sum [32]byte
}

// sumOf records sum as the SHA-256 of content.
func sumOf(content template.HTML, sum [32]byte) bodySum {
	return bodySum{of: unsafe.StringData(string(content)), n: len(content), sum: sum}
}

// ContentSum returns the SHA-256 of p.Content: the sum the Markdown stage
// took of it (markdown.Result.Sum, handed over by Patch) while Content is
// the string Patch set, else one computed now.
func (p *Page) ContentSum() [32]byte {
	s := string(p.Content)
	if len(s) > 0 && p.contentSum.n == len(s) && p.contentSum.of == unsafe.StringData(s) {
		return p.contentSum.sum
	}
	// Not []byte(s), which would copy the body: Sum256 only reads it.
	return sha256.Sum256(unsafe.Slice(unsafe.StringData(s), len(s)))
}
