package build

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// pdfPage is what the print tests read of one page of a PDF that Chromium
// wrote: its size in points and how many text-showing operators (Tj, TJ)
// its content stream holds.
type pdfPage struct {
	Width, Height float64
	TextOps       int
}

var (
	pdfPageObj = regexp.MustCompile(`(?s)/Type /Page\s.*?/MediaBox \[([-0-9. ]+)\].*?/Contents (\d+) 0 R`)
	pdfTextOp  = regexp.MustCompile(`(?:>|\]|\)) ?T[jJ]\b`)
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
		pages = append(pages, pdfPage{Width: box[2] - box[0], Height: box[3] - box[1],
			TextOps: len(pdfTextOp.FindAll(content, -1))})
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
