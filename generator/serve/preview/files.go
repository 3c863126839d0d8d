package preview

import (
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// Files are the files of one build, by slash path; they never change.
// output.Tree is one; MapFiles holds them in a map.
type Files interface {
	Len() int                             // the number of files
	Has(name string) bool                 // whether name is one of them
	ReadFile(name string) ([]byte, error) // the bytes of name: do not change them
}

// MapFiles are Files held in a map.
type MapFiles map[string][]byte

// Len returns the number of files.
func (m MapFiles) Len() int { return len(m) }

// Has reports whether m holds name.
func (m MapFiles) Has(name string) bool {
	_, ok := m[name]
	return ok
}

// ReadFile returns the bytes of name.
func (m MapFiles) ReadFile(name string) ([]byte, error) {
	data, ok := m[name]
	if !ok {
		return nil, fmt.Errorf("preview: %s: %w", name, fs.ErrNotExist)
	}
	return data, nil
}

// contentTypes maps file extensions to the Content-Type they are served
// with; text types carry their charset. Unknown extensions are sniffed.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".webmanifest": "application/manifest+json; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".svg":         "image/svg+xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".zip":         "application/zip",
	".doc":         "application/msword",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":         "application/vnd.ms-excel",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".mp3":         "audio/mpeg",
	".mp4":         "video/mp4",
	".wasm":        "application/wasm",
}

// ContentType returns the Content-Type for a file of the site: from its
// extension, or sniffed from data when the extension is unknown.
func ContentType(name string, data []byte) string {
	if ct, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return ct
	}
	return http.DetectContentType(data)
}

// isHTML reports whether name is served as an HTML page (and so gets the
// live-reload script).
func isHTML(name string) bool {
	return strings.HasPrefix(ContentType(name, nil), "text/html")
}

// NormalizeBasePath turns a --base-path value into the form "/" or
// "/a/b/": leading and trailing slash, no empty, "." or ".." segments, and
// only the characters of an unreserved URL path.
func NormalizeBasePath(base string) (string, error) {
	trimmed := strings.Trim(base, "/")
	if trimmed == "" {
		return "/", nil
	}
	for _, seg := range strings.Split(trimmed, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("base path %q: empty, \".\" or \"..\" segment", base)
		}
		for _, r := range seg {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~", r)) {
				return "", fmt.Errorf("base path %q: character %q not allowed (use letters, digits, - . _ ~)", base, r)
			}
		}
	}
	return "/" + trimmed + "/", nil
}

// target is where a request path leads.
type target struct {
	rel      string // the file of the site, a valid fs path; "" when none
	redirect string // an absolute path to redirect to instead; "" when none
}

// resolve maps the decoded URL path of a request to a file of the site
// under base (a normalized base path). Paths are cleaned first, so "..",
// "%2e%2e" and encoded slashes cannot climb out of base; backslashes and
// NUL bytes never name a file. "dir/" stands for "dir/index.html". Outside
// base, "/" and base without its slash redirect to base; the rest has no
// target.
func resolve(base, urlPath string) target {
	if strings.ContainsAny(urlPath, "\\\x00") || !strings.HasPrefix(urlPath, "/") {
		return target{}
	}
	clean := path.Clean(urlPath)
	if strings.HasSuffix(urlPath, "/") && clean != "/" {
		clean += "/"
	}
	if base != "/" && (clean == "/" || clean == strings.TrimSuffix(base, "/")) {
		return target{redirect: base}
	}
	if !strings.HasPrefix(clean, base) {
		return target{}
	}
	rel := strings.TrimPrefix(clean, base)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if !fs.ValidPath(rel) {
		return target{}
	}
	return target{rel: rel}
}
