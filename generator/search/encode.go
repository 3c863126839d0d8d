package search

import (
	"encoding/json"
	"fmt"
	"strings"
)

// digits is the alphabet of the index's base-64 numbers; every digit is
// safe inside a JavaScript string literal.
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// digitValue maps a byte of digits back to its value, -1 for other bytes.
var digitValue = func() [256]int8 {
	var t [256]int8
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(digits); i++ {
		t[digits[i]] = int8(i)
	}
	return t
}()

// appendNumber appends n as a variable-length base-64 number: groups of 5
// bits, least significant first, each digit but the last carrying 32.
func appendNumber(b []byte, n uint32) []byte {
	for n >= 32 {
		b = append(b, digits[32|n&31])
		n >>= 5
	}
	return append(b, digits[n])
}

// numberLen returns the number of digits appendNumber writes for n.
func numberLen(n uint32) int {
	l := 1
	for ; n >= 32; n >>= 5 {
		l++
	}
	return l
}

// posting is one document of a term's posting list.
type posting struct {
	doc uint32 // document number
	tf  uint32 // weighted term frequency, or the quantized weight once encoded
}

// encodePostings writes a posting list: per posting the gap from the
// previous document, then, when withWeight, the weight as one digit (1–63).
// The postings must be in increasing document order.
func encodePostings(ps []posting, withWeight bool) string {
	b := make([]byte, 0, len(ps)*3)
	prev := uint32(0)
	for i, p := range ps {
		gap := p.doc - prev
		if i == 0 {
			gap = p.doc
		}
		b = appendNumber(b, gap)
		if withWeight {
			b = append(b, digits[p.tf&63])
		}
		prev = p.doc
	}
	return string(b)
}

// decodePostings reads a list written by encodePostings.
func decodePostings(s string, withWeight bool) ([]posting, error) {
	var out []posting
	doc := uint32(0)
	for i, first := 0, true; i < len(s); first = false {
		var n uint32
		shift := uint(0)
		for {
			if i >= len(s) {
				return nil, fmt.Errorf("search: truncated number at %d", i)
			}
			v := digitValue[s[i]]
			i++
			if v < 0 || shift > 30 {
				return nil, fmt.Errorf("search: bad digit at %d", i-1)
			}
			n |= uint32(v&31) << shift
			shift += 5
			if v < 32 {
				break
			}
		}
		if first {
			doc = n
		} else {
			doc += n
		}
		p := posting{doc: doc}
		if withWeight {
			if i >= len(s) || digitValue[s[i]] < 0 {
				return nil, fmt.Errorf("search: missing weight at %d", i)
			}
			p.tf = uint32(digitValue[s[i]])
			i++
		}
		out = append(out, p)
	}
	return out, nil
}

// hashTerm is 32-bit FNV-1a over the UTF-8 bytes of s; the searcher
// computes the same to find a term's shard.
func hashTerm(s string) uint32 { return hashMore(fnvOffset, s) }

// fnvOffset is the FNV-1a hash of nothing.
const fnvOffset = uint32(2166136261)

// hashMore goes on with the FNV-1a hash h over the bytes of s:
// hashMore(hashTerm(a), b) is hashTerm(a + b).
func hashMore(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// shardName returns the name of shard i of n (n a power of two), in
// fixed-width lowercase hexadecimal: shardName("t", 10, 256) = "t/0a".
// From four digits on, the last two name the file in a folder named by the
// others, so that no folder holds more than 4,096 entries:
// shardName("t", 0x3f1, 16384) = "t/03/f1".
func shardName(family string, i, n int) string {
	width := 1
	for m := 16; m < n; m *= 16 {
		width++
	}
	x := fmt.Sprintf("%0*x", width, i)
	if width > 3 {
		x = x[:width-2] + "/" + x[width-2:]
	}
	return family + "/" + x
}

// script wraps data as the index file called name: a call of the
// searcher's global registration function.
func script(name string, data any) ([]byte, error) {
	j, err := json.Marshal(data)
	if err != nil {
		return nil, fmt.Errorf("search: encode %s: %w", name, err)
	}
	var b strings.Builder
	b.Grow(len(j) + len(name) + 32)
	b.WriteString("__tusachSearch.add(\"")
	b.WriteString(name)
	b.WriteString("\",")
	b.Write(j)
	b.WriteString(");\n")
	return []byte(b.String()), nil
}
