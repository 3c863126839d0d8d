package site

import (
	"net/url"
	"path"
	"strings"

	"tusach/generator/content"
)

// URLs maps content-relative paths to the output URLs of the pages and files
// they become: "a/b.md" → "a/b.html", "a/_index.md" → "a/index.html", the
// folder "a" → "a/index.html", and every other file to itself. It is known
// before any Markdown is rendered, so the Markdown stage can rewrite links.
type URLs map[string]string

// NewURLs computes the URL map of a loaded source.
func NewURLs(src *content.Source) URLs {
	u := make(URLs, len(src.Documents)+len(src.Sections)+len(src.Files))
	for _, d := range src.Documents {
		u[d.Path] = content.OutputPath(d.Path)
		for dir := path.Dir(d.Path); dir != "."; dir = path.Dir(dir) {
			u[dir] = dir + "/index.html"
		}
	}
	for _, d := range src.Sections {
		out := content.OutputPath(d.Path)
		u[d.Path] = out
		if dir := path.Dir(d.Path); dir != "." {
			u[dir] = out
		}
	}
	for _, f := range src.Files {
		u[f] = f
	}
	u["."] = "index.html"
	u[""] = "index.html"
	return u
}

// Resolver returns the function the Markdown stage uses to turn a link target
// into an href relative to the page at fromURL.
func (u URLs) Resolver(fromURL string) func(target string) (string, bool) {
	return func(target string) (string, bool) {
		to, ok := u[strings.TrimSuffix(target, "/")]
		if !ok {
			return "", false
		}
		return Rel(fromURL, to), true
	}
}

// Rel returns the relative reference from the page at URL from to the file at
// URL to, both root-relative output paths: Rel("a/b.html", "c/d.html") is
// "../c/d.html", Rel("a/b.html", "a/c.html") is "c.html".
func Rel(from, to string) string {
	fromDir := path.Dir(from)
	if fromDir == "." {
		return to
	}
	fromParts := strings.Split(fromDir, "/")
	toParts := strings.Split(to, "/")
	i := 0
	for i < len(fromParts) && i < len(toParts)-1 && fromParts[i] == toParts[i] {
		i++
	}
	var b strings.Builder
	for range fromParts[i:] {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(toParts[i:], "/"))
	return b.String()
}

// RootFor returns the relative prefix from the page at url to the site root:
// "" for "index.html", "../" for "a/b.html".
func RootFor(url string) string {
	return strings.Repeat("../", strings.Count(url, "/"))
}

// EscapePath percent-encodes each segment of a root-relative output path
// for places that need a URL in ASCII, such as the sitemap and the feed:
// "tài liệu/a b.html" → "t%C3%A0i%20li%E1%BB%87u/a%20b.html". Pages need
// no call: templates and Markdown links escape their hrefs themselves.
// Names never hold "#", "?", "%" or a backslash (content refuses them), so
// the path reads back as the file's name.
func EscapePath(p string) string {
	segments := strings.Split(p, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return strings.Join(segments, "/")
}
