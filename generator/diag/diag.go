// Package diag carries build diagnostics: errors that name the file, the line
// and, for front matter, the field that is wrong.
//
// Every stage of the pipeline reports problems in content or templates as a
// [*Error] and collects them in a [List], so that a build can report every
// error at once, one per line, in the form
//
//	content/huong-dan/a.md:7: weight: want a whole number, got "abc"
//
// Paths are slash-separated and relative to the site folder. Messages never
// carry raw control characters: [Escape] makes any text safe to print.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in one file.
type Error struct {
	Path  string // file, relative to the site folder, slash-separated
	Line  int    // 1-based line; 0 when unknown
	Field string // front-matter field or template name; may be empty
	Msg   string // what is wrong, lowercase
	Err   error  // underlying cause, if any
}

// Error formats the error as "path:line: field: msg: cause", with control
// and bidi-override characters escaped (see [Escape]): paths, fields and
// messages may quote untrusted file names and content.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return Escape(b.String())
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error at path:line.
func New(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Field returns an error about a front-matter field at path:line.
func Field(path string, line int, field, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// List is a collection of errors. The zero value is empty and ready to use.
type List []*Error

// Add appends errors to the list; nil errors are ignored.
func (l *List) Add(errs ...*Error) {
	for _, e := range errs {
		if e != nil {
			*l = append(*l, e)
		}
	}
}

// Sort orders the list by path, then line, then message, and drops exact
// duplicates, so that output is stable across parallel builds.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Path != s[j].Path {
			return s[i].Path < s[j].Path
		}
		if s[i].Line != s[j].Line {
			return s[i].Line < s[j].Line
		}
		return s[i].Error() < s[j].Error()
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Error() == s[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return listError(l)
}

// Error joins the errors one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

type listError List

func (l listError) Error() string { return List(l).Error() }

func (l listError) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// AsList extracts the diagnostics from err: a List returned by [List.Err], a
// single [*Error], or any other error as one diagnostic without a path.
func AsList(err error) List {
	if err == nil {
		return nil
	}
	var le listError
	if errors.As(err, &le) {
		return List(le)
	}
	var e *Error
	if errors.As(err, &e) {
		return List{e}
	}
	return List{{Msg: err.Error()}}
}
