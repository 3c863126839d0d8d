package content

import (
	"path"
	"sort"
	"strings"

	"tusach/generator/diag"
	"tusach/generator/viet"
)

// sectionIndexName is the file name of a folder's section index.
const sectionIndexName = "_index.md"

// OutputPath returns the output file, relative to the output root, of the
// file at contentPath (relative to content/, slash-separated): "a/b.md" →
// "a/b.html", "a/_index.md" → "a/index.html", "_index.md" → "index.html";
// any other file keeps its path.
func OutputPath(contentPath string) string {
	ext := path.Ext(contentPath)
	if !strings.EqualFold(ext, ".md") {
		return contentPath
	}
	dir, name := path.Split(strings.TrimSuffix(contentPath, ext))
	if strings.EqualFold(name, "_index") {
		name = "index"
	}
	return dir + name + ".html"
}

// isMarkdown reports whether a file name is a Markdown document's.
func isMarkdown(name string) bool {
	return strings.EqualFold(path.Ext(name), ".md")
}

// isSectionIndex reports whether a content path names a section index.
func isSectionIndex(contentPath string) bool {
	return strings.EqualFold(path.Base(contentPath), sectionIndexName)
}

// checkOutputPaths reports every source whose output path equals an earlier
// one's ignoring letter case and Unicode normalization: "A.md" and "a.md",
// "a/index.md" and "a/_index.md", "a.md" and a file "a.html".
func checkOutputPaths(src *Source) diag.List {
	paths := make([]string, 0, len(src.Documents)+len(src.Sections)+len(src.Files))
	for _, d := range src.Documents {
		paths = append(paths, d.Path)
	}
	for _, d := range src.Sections {
		paths = append(paths, d.Path)
	}
	paths = append(paths, src.Files...)
	sort.Strings(paths)

	var errs diag.List
	first := make(map[string]string, len(paths))
	for _, p := range paths {
		out := OutputPath(p)
		key := strings.ToLower(viet.NFC(out))
		if earlier, clash := first[key]; clash {
			errs.Add(diag.New(printable(contentDir+"/"+p), 0, "writes the same output file %q as %s%s",
				out, printable(contentDir+"/"+earlier), clashReason(OutputPath(earlier), out)))
			continue
		}
		first[key] = p
	}
	return errs
}

// clashReason explains why two different output paths are the same file.
func clashReason(a, b string) string {
	switch {
	case a == b:
		return ""
	case strings.EqualFold(a, b):
		return " (names differing only in letter case are one file on a USB stick)"
	}
	return " (the names are the same letters in different Unicode forms)"
}
