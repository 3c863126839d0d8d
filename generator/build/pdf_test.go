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
// wrote: its size in points, how many text-showing operators (Tj, TJ) its
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
	pdfFonts   = regexp.MustCompile(`/(F\d+) (\d+) 0 R`)
	pdfShow    = regexp.MustCompile(`(?s)/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)> ?Tj|\[(.*?)\] ?TJ`)
	pdfHex     = regexp.MustCompile(`<([0-9A-Fa-f]*)>`)
	pdfBFChar  = regexp.MustCompile(`(?m)^<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>$`)
	pdfBFRange = regexp.MustCompile(`(?m)^<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>$`)
	pdfSpace   = regexp.MustCompile(`(?m)^<([0-9A-Fa-f]+)> <[0-9A-Fa-f]+>\s*endcodespacerange`)
)

// pdfPages reads the pages of a PDF written by Chromium (Skia): page
// dictionaries in plain text, each with a MediaBox and one Flate-compressed
// content stream. It is no general PDF reader.
func pdfPages(data []byte) ([]pdfPage, error) {
	var pages []pdfPage
	for _, m := range pdfPageObj.FindAllSubmatch(data, -1) {
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
		if err != nil {
			return nil, err
		}
		text, err := pdfText(data, m[0], content)
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
		default:
			for _, h := range pdfHex.FindAllSubmatch(m[3], -1) {
				cur.decode(&b, h[1])
			}
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
