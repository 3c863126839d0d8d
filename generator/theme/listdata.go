package theme

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf16"

	"tusach/generator/site"
)

// ListDataCallback is the function a list's data file calls with its data
// (templates/assets/list-filter.js defines it before loading the file).
const ListDataCallback = "__tusachListData"

// listData is the content of a long list's data file (a page of kind
// site.KindListData), all its items in the list's order, what the list
// shows of each, made small for the reader's download:
//
//	f  the folders of the items' URLs, each with its final "/" ("" for the root)
//	x  the ending every URL has in common (".html"), left out of the items
//	h  the headlines of numbered documents: [type and "số", number]
//	i  the items: [folder, file name without x, title] and, for a
//	   numbered document or one whose title ends as the item's before,
//	   the index of its headline in h (-1 for none); and in the latter
//	   case the length of that shared ending, left out of title
//	   ("Điều 2. Đối tượng áp dụng — Luật Điện ảnh 2022" after "Điều 1.
//	   Phạm vi điều chỉnh — Luật Điện ảnh 2022" is "Điều 2. Đối tượng áp
//	   dụng", 21: lists of a law's articles are a third smaller)
type listData struct {
	Folders   []string    `json:"f"`
	Ext       string      `json:"x"`
	Headlines [][2]string `json:"h"`
	Items     [][]any     `json:"i"`
}

// renderListData writes the data file of a long list: a script that calls
// ListDataCallback with a listData, so that a page opened from disk
// (file://, where fetch is refused) loads it with a <script> tag. The JSON
// escapes "<", ">" and "&", and U+2028/U+2029, so no title can end the
// script or the call.
func (t *Theme) renderListData(w io.Writer, p *site.Page) error {
	type item struct{ url, title, head, number string }
	var items []item
	if p.Pages != nil {
		for _, q := range p.Pages {
			it := item{url: q.URL, title: q.Title}
			if q.Doc != nil && q.Doc.Meta.Number != "" {
				it.head, it.number = t.docType(q)+" "+t.T("doc.no"), q.Doc.Meta.Number
			}
			items = append(items, it)
		}
	} else if p.Taxonomy != nil {
		for _, term := range p.Taxonomy.Terms {
			items = append(items, item{url: term.URL, title: term.Name})
		}
	}
	d := listData{Folders: []string{}, Ext: ".html", Headlines: [][2]string{}, Items: make([][]any, 0, len(items))}
	for _, it := range items {
		if !strings.HasSuffix(it.url, d.Ext) {
			d.Ext = ""
		}
	}
	folders, heads := map[string]int{}, map[[2]string]int{}
	prev := ""
	for _, it := range items {
		dir, file := path.Split(it.url)
		f, ok := folders[dir]
		if !ok {
			f = len(d.Folders)
			folders[dir] = f
			d.Folders = append(d.Folders, dir)
		}
		tail := sharedTail(prev, it.title)
		prev = it.title
		row := []any{f, strings.TrimSuffix(file, d.Ext), it.title[:len(it.title)-len(tail)]}
		h := -1
		if it.number != "" {
			key := [2]string{it.head, it.number}
			var ok bool
			if h, ok = heads[key]; !ok {
				h = len(d.Headlines)
				heads[key] = h
				d.Headlines = append(d.Headlines, key)
			}
		}
		if h >= 0 || tail != "" {
			row = append(row, h)
		}
		if tail != "" {
			row = append(row, len(utf16.Encode([]rune(tail))))
		}
		d.Items = append(d.Items, row)
	}
	var buf bytes.Buffer
	buf.WriteString(ListDataCallback + "(")
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("theme: list data %s: %w", p.URL, err)
	}
	buf.Truncate(buf.Len() - 1) // the encoder's newline
	buf.WriteString(");\n")
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("theme: writing %s: %w", p.URL, err)
	}
	return nil
}

// minTail is the shortest shared ending worth leaving out of a title.
const minTail = 8

// sharedTail returns the ending title shares with prev from a space on
// (" — Luật Điện ảnh 2022"), when it is at least minTail bytes long and
// leaves some of title; else "".
func sharedTail(prev, title string) string {
	n := 0
	for n < len(prev) && n < len(title) && prev[len(prev)-1-n] == title[len(title)-1-n] {
		n++
	}
	tail := title[len(title)-n:]
	i := strings.IndexByte(tail, ' ')
	if i < 0 || n-i < minTail || n-i == len(title) {
		return ""
	}
	return tail[i:]
}

// listDataSum hashes everything renderListData reads of p: the URL and
// title of every item, and the type and number of each document; the
// theme's sum covers the strings it takes from the theme.
func listDataSum(p *site.Page, theme [32]byte) [32]byte {
	w := newPrinter()
	w.h.Write(theme[:])
	w.str(p.URL)
	w.bool(p.Pages != nil)
	w.int(len(p.Pages))
	for _, q := range p.Pages {
		w.str(q.URL)
		w.str(q.Title)
		w.bool(q.Doc != nil)
		if q.Doc != nil {
			w.str(q.Doc.Meta.Type)
			w.str(q.Doc.Meta.Number)
		}
	}
	w.bool(p.Taxonomy != nil)
	if p.Taxonomy != nil {
		w.int(len(p.Taxonomy.Terms))
		for _, term := range p.Taxonomy.Terms {
			w.str(term.URL)
			w.str(term.Name)
		}
	}
	return w.sum()
}
