package site

import (
	"path"
	"strings"

	"tusach/generator/content"
	"tusach/generator/diag"
)

// Attachment is a file listed in a document's front-matter attachments (the
// signed original, an annex): it lies beside the document and is copied
// into the site like any other file.
type Attachment struct {
	Name string // as written in the front matter: "ban-ky.pdf"
	URL  string // root-relative output path: "van-ban/ban-ky.pdf"
	Size int64  // bytes
	Type string // the extension in capitals, "PDF", "DOCX"; "" when there is none
}

// addAttachments resolves every document's attachments against the files
// of the site, reporting one that is not there.
func (a *assembler) addAttachments() {
	files := make(map[string]bool, len(a.src.Files))
	folded := make(map[string]string, len(a.src.Files))
	for _, f := range a.src.Files {
		files[f] = true
		folded[strings.ToLower(f)] = f
	}
	for _, p := range a.site.Documents {
		m := p.Doc.Meta
		dir := path.Dir(p.Doc.Path)
		for _, name := range m.Attachments {
			rel := path.Join(dir, strings.ReplaceAll(name, `\`, "/"))
			if !files[rel] {
				hint := ""
				if near, ok := folded[strings.ToLower(rel)]; ok {
					hint = "; did you mean " + path.Base(near) + " (letter case differs)?"
				}
				a.errs.Add(diag.Field(p.Doc.File, m.Lines["attachments"], "attachments",
					"%q: no such file beside the document (content/%s)%s", name, rel, hint))
				continue
			}
			ext := strings.TrimPrefix(path.Ext(rel), ".")
			p.Attachments = append(p.Attachments, &Attachment{
				Name: name, URL: content.OutputPath(rel), Size: a.src.FileSizes[rel], Type: strings.ToUpper(ext),
			})
		}
	}
}
