package content

import (
	"strings"

	"tusach/generator/diag"
)

// CleanText returns s without control and bidirectional formatting
// characters (see diag.Hidden), so that titles and front-matter values
// never carry them into pages, the search index or a terminal. Text without
// any is returned as it is.
func CleanText(s string) string {
	if strings.IndexFunc(s, diag.Hidden) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if diag.Hidden(r) {
			return -1
		}
		return r
	}, s)
}
