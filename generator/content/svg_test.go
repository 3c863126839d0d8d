package content

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// svgHead opens an SVG document with the usual namespaces.
const svgHead = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`

// svgCases are SVG files and part of the problem found in each ("" for a
// passive picture); the fuzz target starts from them too.
var svgCases = []struct {
	name, svg, want string
}{
	{"plain picture", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + svgHead + `<rect width="5" height="5" fill="red"/></svg>`, ""},
	{"inkscape export", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" sodipodi:docname="a.svg" inkscape:version="1.2"><sodipodi:namedview inkscape:zoom="1"/><g inkscape:label="Layer 1" inkscape:groupmode="layer"><path d="M0 0L1 1" style="stroke:#000"/></g></svg>`, ""},
	{"doctype without entities", `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + svgHead + `</svg>`, ""},
	{"style and css", svgHead + `<style>rect{fill:blue}</style><rect width="1" height="1"/></svg>`, ""},
	{"links that stay passive", svgHead + `<a href="https://vi.wikipedia.org/"><text>w</text></a><a xlink:href="../van-ban/a.html">a</a><a href="mailto:a@b.vn">m</a><a href="#x">x</a><a href="?q=1">q</a><a href="//intranet/x">i</a></svg>`, ""},
	{"use of the same file", svgHead + `<defs><circle id="c" r="1"/></defs><use href="#c"/><use xlink:href=" #c"/></svg>`, ""},
	{"embedded bitmap", svgHead + `<image width="1" height="1" xlink:href="data:image/png;base64,iVBORw0KGgo="/><image href="data:image/jpeg;base64,/9j/"/></svg>`, ""},
	{"animation of a colour", svgHead + `<rect width="1" height="1"><animate attributeName="fill" values="red;blue" dur="1s"/><set attributeName="opacity" to="0"/></rect></svg>`, ""},
	{"data attributes", svgHead + `<g data-name="x" data="y"></g></svg>`, ""},

	{"script", svgHead + `<script>alert(1)</script></svg>`, "<script> runs a program"},
	{"script in caps", svgHead + `<SCRIPT>alert(1)</SCRIPT></svg>`, "<SCRIPT> runs a program"},
	{"script with a prefix", `<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>`, "<script> runs a program"},
	{"onload", svgHead + `<rect onload="alert(1)"/></svg>`, "event attribute onload"},
	{"onclick in caps", `<svg xmlns="http://www.w3.org/2000/svg" OnClick="alert(1)"></svg>`, "event attribute OnClick"},
	{"onbegin on an animation", svgHead + `<animate onbegin="alert(1)" attributeName="x"/></svg>`, "event attribute onbegin"},
	{"javascript href", svgHead + `<a href="javascript:alert(1)"><text>x</text></a></svg>`, `href="javascript:alert(1)"`},
	{"javascript xlink:href in caps", svgHead + `<a xlink:href="JaVaScRiPt:alert(1)">x</a></svg>`, `href="JaVaScRiPt:alert(1)"`},
	{"javascript entity-encoded", svgHead + `<a href="&#106;&#x61;vascript&#58;alert(1)">x</a></svg>`, `href="javascript:alert(1)"`},
	{"javascript with a tab and spaces", svgHead + "<a href=\"  java&#9;script:alert(1)\">x</a></svg>", "an address that can run a program"},
	{"javascript with a newline", svgHead + "<a href=\"java\nscript:alert(1)\">x</a></svg>", "an address that can run a program"},
	{"javascript after a control", svgHead + `<a href="&#1;javascript:alert(1)">x</a></svg>`, "cannot be read as SVG"}, // XML 1.0 forbids U+0001
	{"javascript after a space", svgHead + `<a href="&#32;javascript:alert(1)">x</a></svg>`, "an address that can run a program"},
	{"vbscript", svgHead + `<a href="vbscript:msgbox(1)">x</a></svg>`, "an address that can run a program"},
	{"data page link", svgHead + `<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a></svg>`, "an address that can run a program"},
	{"data svg picture", svgHead + `<image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`, "an address that can run a program"},
	{"xml:base", svgHead + `<a xml:base="javascript:alert(1)//" href="x">x</a></svg>`, `base="javascript:alert(1)//"`},
	{"foreignObject", svgHead + `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`, "<foreignObject> can hold a web page"},
	{"html element", svgHead + `<html:img xmlns:html="http://www.w3.org/1999/xhtml" src="x"/></svg>`, "<img> is an HTML element"},
	{"html script by default namespace", `<svg xmlns="http://www.w3.org/2000/svg"><g xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></g></svg>`, "is an HTML element"},
	{"mathml", svgHead + `<math xmlns="http://www.w3.org/1998/Math/MathML" href="javascript:alert(1)"/></svg>`, "is a MathML element"},
	{"iframe", svgHead + `<iframe src="x.html"/></svg>`, "<iframe> shows another page"},
	{"embed", svgHead + `<embed src="x.swf"/></svg>`, "<embed> runs or shows another document"},
	{"object", svgHead + `<object data="x.html"/></svg>`, "<object> runs or shows another document"},
	{"handler", svgHead + `<handler type="application/ecmascript">alert(1)</handler></svg>`, "<handler> runs a program"},
	{"use of another file", svgHead + `<use href="other.svg#x"/></svg>`, "<use> may only show a part of the same file"},
	{"use of a web address", svgHead + `<use xlink:href="https://example.com/a.svg#x"/></svg>`, "<use> may only show a part of the same file"},
	{"set href to javascript", svgHead + `<a href="#"><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>`, `<set> changes "href"`},
	{"animate xlink:href", svgHead + `<a><animate attributeName="xlink:href" values="#;javascript:alert(1)"/></a></svg>`, `<animate> changes "xlink:href"`},
	{"set an event attribute", svgHead + `<set attributeName="onclick" to="alert(1)"/></svg>`, `<set> changes "onclick"`},
	{"xslt stylesheet", `<?xml-stylesheet type="text/xsl" href="x.xsl"?>` + svgHead + `</svg>`, "<?xml-stylesheet?>"},
	{"entity declarations", `<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]>` + svgHead + `<a href="&x;">x</a></svg>`, "<!DOCTYPE> declares entities"},
	{"undeclared entity", svgHead + `<a href="&x;">x</a></svg>`, "cannot be read as SVG"},
	{"not closed", svgHead + `<rect>`, "cannot be read as SVG"},
	{"not XML", "\x89PNG\r\n\x1a\n", "cannot be read as SVG"},
	{"empty", "", "holds no SVG element"},
	{"only a comment", "<!-- x -->", "holds no SVG element"},
	{"other encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><svg/>`, "cannot be read as SVG"},
}

func TestSVGProblem(t *testing.T) {
	for _, tt := range svgCases {
		t.Run(tt.name, func(t *testing.T) {
			line, got := svgProblem([]byte(tt.svg))
			switch {
			case tt.want == "" && got != "":
				t.Errorf("refused a passive picture: line %d: %s", line, got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("problem %q, want one with %q", got, tt.want)
			case tt.want != "" && line < 1:
				t.Errorf("problem without a line: %q", got)
			}
		})
	}
}

func TestSVGProblemLine(t *testing.T) {
	svg := svgHead + "\n<g>\n<rect/>\n<rect\n  onload=\"x()\"/>\n</g></svg>"
	if line, _ := svgProblem([]byte(svg)); line != 5 {
		t.Errorf("line %d, want 5 (the end of the tag)", line)
	}
}

// FuzzSVGProblem checks that svgProblem never panics, always gives a line
// with a problem, and never passes a file holding a script element or an
// event attribute that encoding/xml reads.
func FuzzSVGProblem(f *testing.F) {
	for _, tt := range svgCases {
		f.Add([]byte(tt.svg))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		line, problem := svgProblem(data)
		if problem != "" && line < 1 {
			t.Fatalf("problem without a line: %q", problem)
		}
		if problem == "" && containsScript(data) {
			t.Fatalf("passed a script: %q", data)
		}
	})
}

// containsScript reports whether data, tokenized as XML, has an element
// named script or an attribute named on…, any case, before any syntax
// error.
func containsScript(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if strings.EqualFold(start.Name.Local, "script") {
			return true
		}
		for _, a := range start.Attr {
			if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
				return true
			}
		}
	}
}
