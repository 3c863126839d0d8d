package spill

import (
	"encoding/binary"
	"fmt"

	"tusach/generator/markdown"
)

// PutOutline spills the outline of one rendered document: its headings
// (every field) and its sections' IDs and headings. The sections' text is
// not written: PutTexts spills it apart, for the one stage that reads it.
func (s *File) PutOutline(headings []markdown.Heading, sections []markdown.Section) Span {
	return s.putEncoded(func(buf []byte) []byte {
		buf = binary.AppendUvarint(buf, uint64(len(headings)))
		for _, h := range headings {
			buf = binary.AppendVarint(buf, int64(h.Level))
			buf = binary.AppendVarint(buf, int64(h.Line))
			buf = appendString(buf, h.ID)
			buf = appendString(buf, h.Text)
		}
		buf = binary.AppendUvarint(buf, uint64(len(sections)))
		for _, sec := range sections {
			buf = appendString(buf, sec.ID)
			buf = appendString(buf, sec.Heading)
		}
		return buf
	})
}

// GetOutline reads back what PutOutline spilled at sp: the headings, and
// the sections with their IDs and headings but no text. A document with
// none gives nil slices.
func (s *File) GetOutline(sp Span) ([]markdown.Heading, []markdown.Section, error) {
	data, err := s.Get(sp)
	if err != nil {
		return nil, nil, err
	}
	r := reader{data: data}
	var headings []markdown.Heading
	if n := r.count(); n > 0 {
		headings = make([]markdown.Heading, n)
		for i := range headings {
			headings[i] = markdown.Heading{Level: r.int(), Line: r.int()}
			headings[i].ID, headings[i].Text = r.string(), r.string()
		}
	}
	var sections []markdown.Section
	if n := r.count(); n > 0 {
		sections = make([]markdown.Section, n)
		for i := range sections {
			sections[i].ID, sections[i].Heading = r.string(), r.string()
		}
	}
	if r.bad || len(r.data) > 0 {
		return nil, nil, fmt.Errorf("spill: temporary file %s: outline corrupt at %d", s.st.Name(), sp.Offset())
	}
	return headings, sections, nil
}

// appendString appends t to buf, length first.
func appendString(buf []byte, t string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(t)))
	return append(buf, t...)
}

// reader decodes a spilled outline; bad records the first malformed
// field, after which every field reads as zero.
type reader struct {
	data []byte
	bad  bool
}

// uvarint reads an unsigned number.
func (r *reader) uvarint() uint64 {
	n, k := binary.Uvarint(r.data)
	if k <= 0 {
		r.bad, r.data = true, nil
		return 0
	}
	r.data = r.data[k:]
	return n
}

// count reads a number of items, each of which takes a byte at least.
func (r *reader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.data)) {
		r.bad, r.data = true, nil
		return 0
	}
	return int(n)
}

// int reads a signed number.
func (r *reader) int() int {
	n, k := binary.Varint(r.data)
	if k <= 0 {
		r.bad, r.data = true, nil
		return 0
	}
	r.data = r.data[k:]
	return int(n)
}

// string reads a string, length first.
func (r *reader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.data)) {
		r.bad, r.data = true, nil
		return ""
	}
	t := string(r.data[:n])
	r.data = r.data[n:]
	return t
}
