package theme

import (
	"errors"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"tusach/generator/diag"
)

// templatePos finds the position text/template and html/template put in
// their messages: "template: partials/footer.html:3:5: executing ..." or
// "html/template:document.html:12:3: ...".
var templatePos = regexp.MustCompile(`template: ?([^:\s]+):(\d+)(?::\d+)?: ?`)

// templateError maps a parse or execution error of html/template to a
// diagnostic at "templates/<file>:<line>". fallback names the file when the
// message carries no position.
func templateError(err error, fallback string) *diag.Error {
	e := &diag.Error{Path: templatePath(fallback), Err: err}
	var he *template.Error
	if errors.As(err, &he) && he.Name != "" {
		e.Path, e.Line = templatePath(he.Name), he.Line
	}
	msg := err.Error()
	if m := templatePos.FindStringSubmatchIndex(msg); m != nil {
		name := msg[m[2]:m[3]]
		line, _ := strconv.Atoi(msg[m[4]:m[5]])
		if e.Line == 0 || he == nil {
			e.Path, e.Line = templatePath(name), line
		}
		msg = msg[m[1]:]
	}
	e.Msg = strings.TrimSpace(msg)
	e.Err = nil
	return e
}
