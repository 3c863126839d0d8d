package theme

import (
	"html/template"
	"strings"
	"text/template/parse"
)

// Constant folding of escaped page templates.
//
// A page's template runs a few hundred actions, and text/template calls
// every function of an action through reflection: {{t "skip"}} in an
// attribute is two such calls (t, then html/template's attribute escaper)
// whose result is the same on every page. Once a page template has run
// (html/template escapes it, adding its escapers to each action, on its
// first run), fold replaces such actions with their text, so that every
// later page writes it as it writes the template's own text.
//
// What is folded gives the same bytes by construction:
//
//   - an action whose first command is one of the theme's constant
//     functions (t, asset, lang) with literal arguments, followed only by
//     escapers that leave the value as it is: the HTML ones when it holds
//     none of the characters they replace, the URL ones when it holds only
//     characters they keep (see unchanged);
//   - {{if hasAsset "name"}}: the branch it takes;
//   - {{template "name"}} of a template that is only text (after folding).
//
// Anything else, an escaper that would change the value or any other
// function, is left to run.

// folder folds the templates of one escaped page template.
type folder struct {
	t    *Theme
	tmpl *template.Template
	done map[string]bool // templates folded or being folded (recursion)
}

// fold folds the template named name of tmpl and every template it calls,
// once tmpl has run (so that they are escaped).
func (t *Theme) fold(tmpl *template.Template, name string) {
	f := folder{t: t, tmpl: tmpl, done: map[string]bool{}}
	f.template(name)
}

// template folds the template named name and returns its text when it is
// only text; ok is false when it is not, or cannot be found (a copy that
// html/template made for another context, which it keeps to itself).
func (f *folder) template(name string) (text string, ok bool) {
	if f.done[name] {
		return "", false // being folded: a recursive call
	}
	f.done[name] = true
	tt := f.tmpl.Lookup(name)
	if tt == nil || tt.Tree == nil || tt.Tree.Root == nil {
		return "", false
	}
	root := tt.Tree.Root
	f.list(root)
	var b strings.Builder
	for _, n := range root.Nodes {
		tn, isText := n.(*parse.TextNode)
		if !isText {
			return "", false
		}
		b.Write(tn.Text)
	}
	return b.String(), true
}

// list folds the nodes of l in place and joins the texts that meet.
func (f *folder) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	out := make([]parse.Node, 0, len(l.Nodes))
	add := func(n parse.Node) {
		if tn, ok := n.(*parse.TextNode); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*parse.TextNode); ok {
				joined := append(append([]byte(nil), prev.Text...), tn.Text...)
				out[len(out)-1] = &parse.TextNode{NodeType: parse.NodeText, Pos: prev.Pos, Text: joined}
				return
			}
		}
		out = append(out, n)
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if s, ok := f.action(n.Pipe); ok {
				add(&parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(s)})
				continue
			}
		case *parse.IfNode:
			if taken, ok := f.condition(n.Pipe); ok {
				branch := n.ElseList
				if taken {
					branch = n.List
				}
				if branch != nil {
					f.list(branch)
					for _, m := range branch.Nodes {
						add(m)
					}
				}
				continue
			}
			f.list(n.List)
			f.list(n.ElseList)
		case *parse.RangeNode:
			f.list(n.List)
			f.list(n.ElseList)
		case *parse.WithNode:
			f.list(n.List)
			f.list(n.ElseList)
		case *parse.TemplateNode:
			if !plainArg(n.Pipe) {
				break
			}
			if s, ok := f.template(n.Name); ok {
				add(&parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(s)})
				continue
			}
		}
		add(n)
	}
	l.Nodes = out
}

// plainArg reports whether a template call's argument is none, "." or a
// variable: one whose evaluation cannot fail, so that the call of a
// template that is only text may be replaced with its text.
func plainArg(pipe *parse.PipeNode) bool {
	if pipe == nil {
		return true
	}
	if len(pipe.Decl) > 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return false
	}
	switch a := pipe.Cmds[0].Args[0].(type) {
	case *parse.DotNode:
		return true
	case *parse.VariableNode:
		return len(a.Ident) == 1
	}
	return false
}

// action returns what pipe prints when it is constant (see the top of
// this file).
func (f *folder) action(pipe *parse.PipeNode) (string, bool) {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) < 2 {
		return "", false // no escaper: not escaped, or not to be printed
	}
	s, ok := f.constant(pipe.Cmds[0])
	if !ok {
		return "", false
	}
	for _, c := range pipe.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !unchanged(id.Ident, s) {
			return "", false
		}
	}
	return s, true
}

// constant returns the value of a call of t, asset or lang with literal
// arguments.
func (f *folder) constant(c *parse.CommandNode) (string, bool) {
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok {
		return "", false
	}
	args := make([]string, 0, len(c.Args)-1)
	for _, a := range c.Args[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return "", false
		}
		args = append(args, s.Text)
	}
	switch {
	case id.Ident == "t" && len(args) == 1:
		return f.t.T(args[0]), true
	case id.Ident == "lang" && len(args) == 0:
		return f.t.lang, true
	case id.Ident == "asset" && len(args) == 1:
		s, err := f.t.assetPath(args[0])
		return s, err == nil // a missing asset fails the page when it runs
	}
	return "", false
}

// condition returns the value of {{if hasAsset "name"}}.
func (f *folder) condition(pipe *parse.PipeNode) (taken, ok bool) {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 2 {
		return false, false
	}
	id, ok := pipe.Cmds[0].Args[0].(*parse.IdentifierNode)
	name, isString := pipe.Cmds[0].Args[1].(*parse.StringNode)
	if !ok || !isString || id.Ident != "hasAsset" {
		return false, false
	}
	_, has := f.t.assets[name.Text]
	return has, true
}

// unchanged reports whether html/template's escaper named esc returns s
// as it is: the HTML escapers replace only NUL, '"', '&', the single quote, '+', '<'
// and '>' (html/template's htmlReplacementTable); the URL ones keep
// letters, digits and "-._~", the filter and the normalizer "/" too (with
// no ":", the filter sees no scheme).
func unchanged(esc, s string) bool {
	switch esc {
	case "_html_template_htmlescaper", "_html_template_attrescaper", "_html_template_rcdataescaper":
		return !strings.ContainsAny(s, "\x00\"&'+<>")
	case "_html_template_urlfilter", "_html_template_urlnormalizer":
		return urlPlain(s, true)
	case "_html_template_urlescaper":
		return urlPlain(s, false)
	}
	return false
}

// urlPlain reports whether s holds only letters, digits and "-._~", and
// "/" when slash.
func urlPlain(s string, slash bool) bool {
	for i := range len(s) {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-', c == '.', c == '_', c == '~':
		case c == '/' && slash:
		default:
			return false
		}
	}
	return true
}
