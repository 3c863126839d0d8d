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
	e := &diag.Error{Path: templatePath(fallback)}
	msg := err.Error()
	// The position in the message names the file that holds the failing
	// node; html/template's Error.Name is the template being executed
	// (base.html), so it is only a fallback.
	if m := templatePos.FindStringSubmatchIndex(msg); m != nil {
		e.Path = templatePath(msg[m[2]:m[3]])
		e.Line, _ = strconv.Atoi(msg[m[4]:m[5]])
		msg = msg[m[1]:]
	} else if he := (*template.Error)(nil); errors.As(err, &he) && he.Name != "" {
		e.Path, e.Line = templatePath(he.Name), he.Line
	}
	e.Msg = strings.TrimSpace(msg)
	return e
}
