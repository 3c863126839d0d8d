package build

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// pdfPage is what the print tests read of one page of a PDF that Chromium
// or Firefox wrote: its size in points, how many text-showing operators (Tj, TJ) its
// content stream holds and the text they show, read through the fonts'
// ToUnicode maps (spaces as the PDF has them, often none between words).
type pdfPage struct {
	Width, Height float64
	TextOps       int
	Text          string
}

var (
	pdfPageObj = regexp.MustCompile(`(?s)/Type /Page\s.*?/MediaBox \[([-0-9. ]+)\].*?/Contents (\d+) 0 R`)
	pdfTextOp  = regexp.MustCompile(`(?:>|\]|\)) ?T[jJ]\b`)
	pdfFonts   = regexp.MustCompile(`/(F\d+|f-\d+-\d+) (\d+) 0 R`)
	pdfShow    = regexp.MustCompile(`(?s)/(F\d+|f-\d+-\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)> ?Tj|\[((?:<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\)|[-\d.\s])*)\] ?TJ|\(((?:\\.|[^\\)])*)\) ?Tj`)
	pdfHex     = regexp.MustCompile(`<([0-9A-Fa-f]*)>|\(((?:\\.|[^\\)])*)\)`)
	pdfRes     = regexp.MustCompile(`/Resources (\d+) 0 R`)
	pdfObjStm  = regexp.MustCompile(`\n(\d+) 0 obj\s*<<[^>]*/Type /ObjStm`)
	pdfBFChar  = regexp.MustCompile(`(?m)^<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>$`)
	pdfBFRange = regexp.MustCompile(`(?m)^<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>$`)
	pdfSpace   = regexp.MustCompile(`(?m)^<([0-9A-Fa-f]+)> <[0-9A-Fa-f]+>\s*endcodespacerange`)
)

// pdfPages reads the pages of a PDF written by Chromium (Skia) or Firefox
// (cairo, its dictionaries in object streams): page dictionaries, each
// with a MediaBox and one Flate-compressed content stream. It is no
// general PDF reader.
func pdfPages(data []byte) ([]pdfPage, error) {
	data, err := pdfExpand(data)
	if err != nil {
		return nil, err
	}
	var pages []pdfPage
	for _, at := range pdfPageObj.FindAllSubmatchIndex(data, -1) {
		m := [][]byte{data[at[0]:at[1]], data[at[2]:at[3]], data[at[4]:at[5]]}
		var box [4]float64
		f := bytes.Fields(m[1])
		if len(f) != 4 {
			return nil, fmt.Errorf("pdf: MediaBox %q", m[1])
		}
		for i := range box {
			v, err := strconv.ParseFloat(string(f[i]), 64)
			if err != nil {
				return nil, fmt.Errorf("pdf: MediaBox %q: %w", m[1], err)
			}
			box[i] = v
		}
		content, err := pdfStream(data, string(m[2]))
		page := m[0]
		if !pdfFonts.Match(page) { // fonts in a resource dictionary of its own (cairo)
			whole := data[at[0]:]
			if end := bytes.Index(whole, []byte("endobj")); end >= 0 {
				whole = whole[:end]
			}
			if r := pdfRes.FindSubmatch(whole); r != nil {
				page = pdfObject(data, string(r[1]))
			}
		}
		if err != nil {
			return nil, err
		}
		text, err := pdfText(data, page, content)
		if err != nil {
			return nil, err
		}
		pages = append(pages, pdfPage{Width: box[2] - box[0], Height: box[3] - box[1],
			TextOps: len(pdfTextOp.FindAll(content, -1)), Text: text})
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("pdf: no page in %d bytes", len(data))
	}
	return pages, nil
}

// pdfStream returns the inflated stream of object number obj.
func pdfStream(data []byte, obj string) ([]byte, error) {
	head := regexp.MustCompile(`(?s)\n` + obj + ` 0 obj\s*<<(.*?)>>\s*stream\r?\n`).FindSubmatchIndex(data)
	if head == nil {
		return nil, fmt.Errorf("pdf: no stream object %s", obj)
	}
	end := bytes.Index(data[head[1]:], []byte("endstream"))
	if end < 0 {
		return nil, fmt.Errorf("pdf: object %s: no endstream", obj)
	}
	raw := data[head[1] : head[1]+end]
	if !bytes.Contains(data[head[2]:head[3]], []byte("/FlateDecode")) {
		return raw, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("pdf: object %s: %w", obj, err)
	}
	out, err := io.ReadAll(r)
	if err != nil && len(out) == 0 {
		return nil, fmt.Errorf("pdf: object %s: %w", obj, err)
	}
	return out, nil
}

// pdfCMap is a font's ToUnicode map: the width of its codes in bytes and
// the text of each code.
type pdfCMap struct {
	width int
	text  map[uint64]string
}

// pdfText decodes the text shown by a page's content stream with the
// ToUnicode maps of the fonts its dictionary (page) names.
func pdfText(data, page, content []byte) (string, error) {
	maps := map[string]pdfCMap{}
	for _, f := range pdfFonts.FindAllSubmatch(page, -1) {
		obj := pdfObject(data, string(f[2]))
		tu := regexp.MustCompile(`/ToUnicode (\d+) 0 R`).FindSubmatch(obj)
		if tu == nil {
			continue
		}
		cm, err := pdfStream(data, string(tu[1]))
		if err != nil {
			return "", err
		}
		maps[string(f[1])] = parseCMap(cm)
	}
	var b strings.Builder
	var cur pdfCMap
	for _, m := range pdfShow.FindAllSubmatch(content, -1) {
		switch {
		case m[1] != nil:
			cur = maps[string(m[1])]
		case m[2] != nil:
			cur.decode(&b, m[2])
		case m[3] != nil:
			for _, h := range pdfHex.FindAllSubmatch(m[3], -1) {
				if h[1] != nil {
					cur.decode(&b, h[1])
				} else {
					pdfLiteral(&b, cur, h[2])
				}
			}
		default:
			pdfLiteral(&b, cur, m[4])
		}
	}
	return b.String(), nil
}

// pdfObject returns the text of object number obj, up to its endobj.
func pdfObject(data []byte, obj string) []byte {
	i := bytes.Index(data, []byte("\n"+obj+" 0 obj"))
	if i < 0 {
		return nil
	}
	j := bytes.Index(data[i:], []byte("endobj"))
	if j < 0 {
		return data[i:]
	}
	return data[i : i+j]
}

// parseCMap reads the bfchar and bfrange entries of a ToUnicode CMap
// (ranges to an array of strings are left out: Chromium writes none).
func parseCMap(cm []byte) pdfCMap {
	c := pdfCMap{width: 2, text: map[uint64]string{}}
	if sp := pdfSpace.FindSubmatch(cm); sp != nil {
		c.width = len(sp[1]) / 2
	}
	for _, m := range pdfBFChar.FindAllSubmatch(cm, -1) {
		c.text[hexNumber(m[1])] = utf16Text(m[2])
	}
	for _, m := range pdfBFRange.FindAllSubmatch(cm, -1) {
		lo, hi, dst := hexNumber(m[1]), hexNumber(m[2]), hexNumber(m[3])
		for code := lo; code <= hi && code-lo < 1<<16; code++ {
			c.text[code] = string(rune(dst + code - lo))
		}
	}
	return c
}

// decode appends the text of the codes in hex, width bytes each.
func (c pdfCMap) decode(b *strings.Builder, hex []byte) {
	if c.width == 0 {
		return
	}
	for i := 0; i+2*c.width <= len(hex); i += 2 * c.width {
		b.WriteString(c.text[hexNumber(hex[i:i+2*c.width])])
	}
}

func hexNumber(h []byte) uint64 {
	v, _ := strconv.ParseUint(string(h), 16, 64)
	return v
}

// utf16Text decodes UTF-16BE code units written in hex.
func utf16Text(h []byte) string {
	var units []uint16
	for i := 0; i+4 <= len(h); i += 4 {
		units = append(units, uint16(hexNumber(h[i:i+4])))
	}
	return string(utf16.Decode(units))
}

// pdfLiteral appends the text of a literal string shown in a simple font,
// its escapes undone, each byte read through the font's one-byte ToUnicode
// map when it has one, else as Latin-1.
func pdfLiteral(b *strings.Builder, font pdfCMap, lit []byte) {
	for i := 0; i < len(lit); i++ {
		c := lit[i]
		if c == '\\' && i+1 < len(lit) {
			i++
			switch c = lit[i]; {
			case c >= '0' && c <= '7':
				n := 0
				for j := 0; j < 3 && i < len(lit) && lit[i] >= '0' && lit[i] <= '7'; j++ {
					n = n*8 + int(lit[i]-'0')
					i++
				}
				i--
				c = byte(n)
			case c == 'n':
				c = '\n'
			}
		}
		if t, ok := font.text[uint64(c)]; ok && font.width == 1 {
			b.WriteString(t)
		} else {
			b.WriteRune(rune(c))
		}
	}
}

// pdfExpand returns data with the objects of its object streams (where
// cairo puts page and font dictionaries) appended as plain objects, so
// that they read as Chromium's do.
func pdfExpand(data []byte) ([]byte, error) {
	streams := pdfObjStm.FindAllSubmatch(data, -1)
	if len(streams) == 0 {
		return data, nil
	}
	out := bytes.Clone(data)
	for _, m := range streams {
		inner, err := pdfStream(data, string(m[1]))
		if err != nil {
			return nil, err
		}
		obj := pdfObject(data, string(m[1]))
		first := regexp.MustCompile(`/First (\d+)`).FindSubmatch(obj)
		if first == nil {
			return nil, fmt.Errorf("pdf: object stream %s without /First", m[1])
		}
		at, _ := strconv.Atoi(string(first[1]))
		if at > len(inner) {
			return nil, fmt.Errorf("pdf: object stream %s: /First %d beyond its %d bytes", m[1], at, len(inner))
		}
		head := bytes.Fields(inner[:at])
		for i := 0; i+1 < len(head); i += 2 {
			from, _ := strconv.Atoi(string(head[i+1]))
			to := len(inner) - at
			if i+3 < len(head) {
				to, _ = strconv.Atoi(string(head[i+3]))
			}
			if from < 0 || from > to || at+to > len(inner) {
				return nil, fmt.Errorf("pdf: object stream %s: bad offsets", m[1])
			}
			out = fmt.Appendf(out, "\n%s 0 obj\n%s\nendobj\n", head[i], inner[at+from:at+to])
		}
	}
	return out, nil
}
