package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// activeExtensions are the kinds of file that run a program when a reader
// opens them, from disk or from the web server, by lowercase extension, with
// what they are. A browser runs the scripts of a web page or an XML file
// (through XHTML elements or an XSLT stylesheet) in the site's origin, which
// on an intranet host is shared with every other application there; Windows
// runs a script file opened from a USB stick. SVG (.svg) is checked instead
// (svgProblem); compressed SVG (.svgz) cannot be checked and is refused.
var activeExtensions = map[string]string{
	".html": "a web page", ".htm": "a web page", ".shtml": "a web page", ".shtm": "a web page",
	".xhtml": "a web page", ".xht": "a web page", ".mht": "a saved web page", ".mhtml": "a saved web page",
	".xml": "an XML file", ".xsl": "an XSLT stylesheet", ".xslt": "an XSLT stylesheet",
	".svgz": "a compressed SVG picture",
	".js":   "a script", ".mjs": "a script", ".jse": "a script", ".vbs": "a script", ".vbe": "a script",
	".wsf": "a script", ".wsh": "a script", ".hta": "a Windows HTML application",
}

// passiveExtensions are the common kinds of file that no browser shows as a
// page whatever their bytes: pictures, documents, media, archives, fonts.
// A file of any other kind, or without an extension, is sniffed as a
// browser would (http.DetectContentType) and refused when it reads as HTML
// or XML.
var passiveExtensions = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".bmp": true, ".ico": true, ".tif": true, ".tiff": true,
	".pdf": true, ".txt": true, ".csv": true, ".tsv": true, ".json": true, ".css": true, ".rtf": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".ods": true, ".odp": true, ".epub": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".m4v": true, ".ogg": true, ".oga": true, ".ogv": true,
	".opus": true, ".wav": true, ".webm": true, ".flac": true, ".aac": true,
	".zip": true, ".7z": true, ".rar": true, ".gz": true, ".tgz": true, ".tar": true, ".bz2": true, ".xz": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true,
}

// sniffLen is how much of a file browsers look at to guess its kind.
const sniffLen = 512

// activeFileError says why a file would run a program once published; Line
// is 1-based, 0 when the problem is the whole file.
type activeFileError struct {
	Line int
	Msg  string
}

func (e *activeFileError) Error() string { return e.Msg }

// errUnsafeHint ends every activeFileError's message.
const unsafeHint = "; publish it only with unsafe_html: true in content/_index.md"

// checkPassive reads as much of the open file f (named name, relative to
// content/) as needed to tell whether it can run a program when published,
// and returns a file that reads the same bytes from the start, or an
// *activeFileError. It closes f when it fails.
func checkPassive(name string, f fs.File) (fs.File, error) {
	ext := strings.ToLower(path.Ext(name))
	if what, active := activeExtensions[ext]; active {
		f.Close()
		return nil, &activeFileError{Msg: fmt.Sprintf("%s (%s), which can run a program when a reader opens it%s", what, ext, unsafeHint)}
	}
	if passiveExtensions[ext] {
		return f, nil
	}
	if ext == ".svg" {
		data, err := io.ReadAll(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		if line, problem := svgProblem(data); problem != "" {
			f.Close()
			return nil, &activeFileError{Line: line, Msg: "SVG picture: " + problem + unsafeHint}
		}
		return &replayFile{File: f, r: bytes.NewReader(data)}, nil
	}
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		f.Close()
		return nil, err
	}
	head = head[:n]
	kind := http.DetectContentType(head)
	if strings.HasPrefix(kind, "text/html") || strings.HasPrefix(kind, "text/xml") {
		f.Close()
		return nil, &activeFileError{Msg: fmt.Sprintf("reads as %s, which a browser may run as a page; "+
			"give it the extension of what it is%s", strings.TrimSuffix(kind, "; charset=utf-8"), unsafeHint)}
	}
	return &replayFile{File: f, r: io.MultiReader(bytes.NewReader(head), f)}, nil
}

// replayFile is an open file whose first bytes were read for a check: it
// reads them again, then the rest.
type replayFile struct {
	fs.File
	r io.Reader
}

// Read reads the checked bytes, then the rest of the file.
func (f *replayFile) Read(p []byte) (int, error) { return f.r.Read(p) }
