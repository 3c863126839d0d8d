package search

import "strconv"

// writeDocs adds one file per document with what a result shows.
func writeDocs(docs []Doc, files map[string][]byte) error {
	for i, d := range docs {
		name := "d/" + strconv.Itoa(i)
		parts := make([][3]string, 0, len(d.Parts))
		budget := MaxStoredText
		for _, p := range d.Parts {
			text := p.Text
			if len(text) > budget {
				text = cutBytes(text, budget)
			}
			budget -= len(text)
			parts = append(parts, [3]string{p.Anchor, p.Heading, text})
		}
		b, err := script(name, storedDoc{
			URL: d.URL, Title: d.Title, Section: d.Section,
			Number: d.Number, Date: d.Date, Parts: parts,
		})
		if err != nil {
			return err
		}
		files["search/"+name+".js"] = b
	}
	return nil
}

// storedDoc is the content of a document file.
type storedDoc struct {
	URL     string      `json:"u"`
	Title   string      `json:"t"`
	Section string      `json:"s,omitempty"`
	Number  string      `json:"n,omitempty"`
	Date    string      `json:"d,omitempty"`
	Parts   [][3]string `json:"p"`
}

// cutBytes cuts s to at most n bytes without splitting a character.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
