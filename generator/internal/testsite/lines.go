package testsite

import "strings"

// Lines returns n lines made by line(i), each ended by "\n": the large
// generated inputs of limit and fuzz tests.
func Lines(n int, line func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(line(i))
		b.WriteByte('\n')
	}
	return b.String()
}
