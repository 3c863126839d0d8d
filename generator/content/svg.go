package content

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Namespaces of the elements a browser gives a meaning to in an SVG file.
const (
	nsXHTML  = "http://www.w3.org/1999/xhtml"
	nsMathML = "http://www.w3.org/1998/Math/MathML"
)

// svgActiveElements are the SVG elements that run a program or show
// another document, by lowercase local name, with why.
var svgActiveElements = map[string]string{
	"script":        "runs a program",
	"handler":       "runs a program",
	"listener":      "runs a program on an event",
	"foreignobject": "can hold a web page, scripts included",
	"iframe":        "shows another page, which can run scripts",
	"frame":         "shows another page, which can run scripts",
	"embed":         "runs or shows another document",
	"object":        "runs or shows another document",
	"applet":        "runs a program",
}

// svgAnimations are the elements that change an attribute while the
// picture runs, by lowercase local name.
var svgAnimations = map[string]bool{
	"animate": true, "set": true, "animatetransform": true, "animatemotion": true, "animatecolor": true,
}

// svgURLAttributes are the attributes holding an address, by lowercase
// local name, whatever their namespace (href and xlink:href, xml:base).
var svgURLAttributes = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true, "base": true,
}

// svgProblem reads an SVG file with an XML tokenizer, as a browser opening
// the file would, and says what in it can run a program in the site's
// origin: the 1-based line and the reason, or line 0 and "" when it is a
// passive picture. It refuses <script> and the other active elements, any
// HTML or MathML element, on… event attributes, addresses other than
// relative ones, http(s):, mailto:, tel: and (on pictures) data:image/,
// <use> of anything but a place in the same file, animations of href or of
// an event attribute, <?xml-stylesheet?> (XSLT can turn the file into a page)
// and entity declarations in <!DOCTYPE> (which the browser would expand
// into markup). A file that is not well-formed XML, or has no element, is
// refused too, since what a browser makes of it cannot be checked.
func svgProblem(data []byte) (line int, problem string) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	elements := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ = d.InputPos()
			var syn *xml.SyntaxError
			if errors.As(err, &syn) {
				line = syn.Line
			}
			return line, fmt.Sprintf("cannot be read as SVG (%v), so it cannot be checked for scripts", err)
		}
		line, _ = d.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if p := svgElementProblem(t); p != "" {
				return line, p
			}
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml-stylesheet") {
				return line, "<?xml-stylesheet?> can turn the picture into a page that runs scripts"
			}
		case xml.Directive:
			if bytes.ContainsAny(t, "[") || bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return line, "<!DOCTYPE> declares entities, which can hide markup; remove the declarations"
			}
		}
	}
	if elements == 0 {
		return 1, "holds no SVG element"
	}
	return 0, ""
}

// svgElementProblem checks one start tag and its attributes.
func svgElementProblem(t xml.StartElement) string {
	local := strings.ToLower(t.Name.Local)
	tag := "<" + t.Name.Local + ">"
	switch t.Name.Space {
	case nsXHTML:
		return tag + " is an HTML element, which can run scripts in an SVG file"
	case nsMathML:
		return tag + " is a MathML element, which can carry links that run scripts"
	}
	if why, active := svgActiveElements[local]; active {
		return tag + " " + why
	}
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
			continue
		}
		name := strings.ToLower(a.Name.Local)
		switch {
		case strings.HasPrefix(name, "on"):
			return fmt.Sprintf("%s has the event attribute %s, which runs a program", tag, a.Name.Local)
		case !svgURLAttributes[name]:
			continue
		case local == "use" && !strings.HasPrefix(strings.TrimSpace(a.Value), "#"):
			return fmt.Sprintf("%s of %q: <use> may only show a part of the same file (href=\"#id\")", tag, shorten(a.Value))
		case !safeSVGAddress(local, a.Value):
			return fmt.Sprintf("%s has %s=%q, an address that can run a program or hide a page", tag, a.Name.Local, shorten(a.Value))
		}
	}
	if svgAnimations[local] {
		for _, a := range t.Attr {
			if strings.ToLower(a.Name.Local) != "attributename" {
				continue
			}
			_, target, _ := strings.Cut(strings.ToLower(strings.TrimSpace(a.Value)), ":")
			if target == "" {
				target = strings.ToLower(strings.TrimSpace(a.Value))
			}
			if svgURLAttributes[target] || strings.HasPrefix(target, "on") {
				return fmt.Sprintf("%s changes %q while the picture runs, which can turn a link into a program", tag, shorten(a.Value))
			}
		}
	}
	return ""
}

// safeSVGAddress reports whether the address v, on an element with the
// lowercase local name element, is harmless: relative, http:, https:,
// mailto:, tel:, or a data:image/ bitmap on a picture element. It reads v as
// a browser does: tabs and line breaks anywhere and spaces and controls
// around it do not count, and the scheme ignores case.
func safeSVGAddress(element, v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.ToLower(strings.TrimFunc(v, func(r rune) bool { return r <= ' ' }))
	scheme, _, found := strings.Cut(v, ":")
	if !found || !isScheme(scheme) {
		return true // relative: a path, "#id", "?q"
	}
	switch scheme {
	case "http", "https", "mailto", "tel":
		return true
	case "data":
		if element != "image" && element != "feimage" {
			return false
		}
		for _, kind := range []string{"png", "jpeg", "jpg", "gif", "webp", "avif", "bmp"} {
			if strings.HasPrefix(v, "data:image/"+kind+";") || strings.HasPrefix(v, "data:image/"+kind+",") {
				return true
			}
		}
	}
	return false
}

// shorten cuts a value quoted in a message to its first 60 bytes.
func shorten(v string) string {
	const max = 60
	if len(v) <= max {
		return v
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(v[cut]) {
		cut--
	}
	return v[:cut] + "…"
}

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, "+", "-" or ".".
func isScheme(s string) bool {
	for i, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}
