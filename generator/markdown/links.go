package markdown

import (
	"errors"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"

	"tusach/generator/diag"
	"tusach/generator/viet"
)

// destKind says what a link or image destination points at.
type destKind uint8

const (
	destEmpty     destKind = iota // ""
	destFragment                  // "#id": a place in the same page
	destSite                      // a path: a document or file of the site
	destExternal                  // http:, https: or "//host"
	destOther                     // another harmless scheme: mailto:, tel:, ...
	destDangerous                 // javascript:, vbscript:, data:, file:
)

// maxSchemeLen bounds the schemes compared by name; longer ones are
// harmless ("other").
const maxSchemeLen = 16

// classifyDest classifies a destination as a browser would read it: leading
// spaces and control characters are ignored and tabs and line breaks inside
// the scheme do not count, so "java\tscript:" is still dangerous.
func classifyDest(dest []byte) destKind {
	dest = trimLeadingControl(dest)
	switch {
	case len(dest) == 0:
		return destEmpty
	case dest[0] == '#':
		return destFragment
	case len(dest) > 1 && dest[0] == '/' && dest[1] == '/':
		return destExternal
	}
	var scheme [maxSchemeLen]byte
	n := 0
	for _, c := range dest {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			c |= 0x20
		case n > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && n > 0:
			return schemeKind(scheme[:min(n, maxSchemeLen)], n)
		default:
			return destSite
		}
		if n < maxSchemeLen {
			scheme[n] = c
		}
		n++
	}
	return destSite
}

// trimLeadingControl drops the leading spaces and control characters that
// browsers ignore in a URL.
func trimLeadingControl(dest []byte) []byte {
	i := 0
	for i < len(dest) && dest[i] <= ' ' {
		i++
	}
	return dest[i:]
}

// schemeKind classifies a lower-case scheme of full length n.
func schemeKind(scheme []byte, n int) destKind {
	if n > maxSchemeLen {
		return destOther
	}
	switch string(scheme) {
	case "http", "https":
		return destExternal
	case "javascript", "vbscript", "data", "file":
		return destDangerous
	}
	return destOther
}

// relNoopener is the rel attribute of external links; read-only.
var relNoopener = []byte("noopener")

// errOutsideContent is the cause of a broken link that climbs out of the
// content folder.
var errOutsideContent = errors.New("outside the content folder")

// link handles a link on the page walk.
func (st *pageState) link(n *ast.Link) {
	switch classifyDest(n.Destination) {
	case destDangerous:
		if !st.unsafe {
			st.unwrap = append(st.unwrap, n)
		}
	case destExternal:
		n.SetAttributeString("rel", relNoopener)
	case destFragment:
		st.res.Links = append(st.res.Links, Link{
			Fragment: decodeFragment(string(trimLeadingControl(n.Destination)[1:])),
			Line:     st.line(nodeOffset(n)),
		})
	case destSite:
		if dest, ok := st.resolve(n, n.Destination); ok {
			n.Destination = dest
		} else {
			st.unwrap = append(st.unwrap, n)
		}
	}
}

// image handles an image on the page walk; a dropped image leaves its alt
// text.
func (st *pageState) image(n *ast.Image) {
	switch classifyDest(n.Destination) {
	case destDangerous:
		if !st.unsafe {
			st.unwrap = append(st.unwrap, n)
		}
	case destSite:
		if dest, ok := st.resolve(n, n.Destination); ok {
			n.Destination = dest
		} else {
			st.unwrap = append(st.unwrap, n)
		}
	}
}

// autoLink handles an autolink (<scheme:...> or a bare URL) on the page walk.
func (st *pageState) autoLink(n *ast.AutoLink) {
	if n.AutoLinkType == ast.AutoLinkEmail {
		return
	}
	switch classifyDest(n.URL(st.src)) {
	case destExternal:
		n.SetAttributeString("rel", relNoopener)
	case destDangerous:
		if !st.unsafe {
			st.replace = append(st.replace, n)
		}
	}
}

// resolve maps a site destination to the href to emit and records the
// link. ok is false when the link is broken; the error is then recorded.
func (st *pageState) resolve(n ast.Node, dest []byte) (href []byte, ok bool) {
	raw := string(dest)
	p, frag, _ := strings.Cut(raw, "#")
	p, _, _ = strings.Cut(p, "?")
	line := st.line(nodeOffset(n))
	if p == "" { // "?x#y": this page
		st.res.Links = append(st.res.Links, Link{Fragment: decodeFragment(frag), Line: line})
		return dest, true
	}
	target, err := siteTarget(st.in.Path, p)
	if err != nil {
		st.res.Errors.Add(&diag.Error{Path: st.in.File, Line: line, Msg: "broken link: " + raw, Err: err})
		return nil, false
	}
	out := raw
	if st.in.Resolve != nil {
		h, found := st.in.Resolve(target)
		if !found {
			st.res.Errors.Add(&diag.Error{Path: st.in.File, Line: line, Msg: "broken link: " + raw})
			return nil, false
		}
		out = h
		if frag != "" {
			out += "#" + frag
		}
	}
	st.res.Links = append(st.res.Links, Link{Target: target, Fragment: decodeFragment(frag), Line: line})
	return []byte(out), true
}

// siteTarget returns the content-relative path a link path p in the
// document at docPath points to: percent-decoded, NFC, cleaned; a leading
// "/" means the content root. It fails for bad escapes and for paths that
// climb out of the content folder.
func siteTarget(docPath, p string) (string, error) {
	dec, err := url.PathUnescape(p)
	if err != nil {
		return "", err
	}
	dec = viet.NFC(dec)
	var t string
	if strings.HasPrefix(dec, "/") {
		t = path.Clean(dec)[1:]
		if t == "" {
			t = "."
		}
	} else {
		t = path.Join(path.Dir(docPath), dec)
	}
	if t == ".." || strings.HasPrefix(t, "../") {
		return "", errOutsideContent
	}
	return t, nil
}

// decodeFragment percent-decodes a fragment, keeping it as written when it
// is not valid.
func decodeFragment(f string) string {
	if !strings.Contains(f, "%") {
		return f
	}
	d, err := url.PathUnescape(f)
	if err != nil {
		return f
	}
	return d
}

// applyEdits replaces the links and images marked on the walk by their
// content, and dangerous autolinks by their text. It runs after the walk,
// which must not see the tree change under it.
func (st *pageState) applyEdits() {
	for _, n := range st.unwrap {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	for _, n := range st.replace {
		label := ast.NewString(n.(*ast.AutoLink).Label(st.src))
		label.SetRaw(true)
		n.Parent().ReplaceChild(n.Parent(), n, label)
	}
}
