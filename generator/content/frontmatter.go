package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"tusach/generator/diag"
)

// frontMatter is a file split into its decoded front matter and its body.
type frontMatter struct {
	fields   []field // top-level keys in the order written
	body     []byte
	bodyLine int // file line on which body starts
}

// field is one top-level front-matter key and its decoded value.
type field struct {
	key  string // as written
	line int    // file line of the key
	// value is what the format decoded: nil, string, bool, int, int64,
	// uint64, float64, json.Number, time.Time, []any or a map.
	value any
	// text is the source text of a YAML scalar value ("01" for the int 1),
	// "" for other formats and for lists and maps.
	text string
}

// yamlErrorLine matches the line number in the YAML parser's messages.
var yamlErrorLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the messages of errors from the YAML parser (as
// opposed to its scanner). The YAML library reports their line counting
// from 0 (the line where the unfinished list or mapping starts), and the
// scanner's counting from 1.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// readFrontMatter splits text (UTF-8, LF line endings) into front matter and
// body and decodes the front matter. A file without front matter is all
// body.
func readFrontMatter(file string, text []byte) (frontMatter, *diag.Error) {
	var (
		front frontMatter
		err   *diag.Error
	)
	firstLine, _, _ := bytes.Cut(text, []byte("\n"))
	switch {
	case string(bytes.TrimRight(firstLine, " \t")) == "---":
		front, err = readDelimited(file, text, "---", decodeYAML)
	case string(bytes.TrimRight(firstLine, " \t")) == "+++":
		front, err = readDelimited(file, text, "+++", decodeTOML)
	case text[0] == '{':
		front, err = readJSON(file, text)
	default:
		return frontMatter{body: text, bodyLine: 1}, nil
	}
	if err == nil {
		err = checkFields(file, front.fields)
	}
	return front, err
}

// fieldDecoder decodes front-matter text that starts on file line firstLine.
type fieldDecoder func(file string, src []byte, firstLine int) ([]field, *diag.Error)

// readDelimited reads front matter between a first line delim and the next
// line that is delim alone; [frontmatter] finds the delimiters and decode
// reads what is between them, starting on file line 2.
func readDelimited(file string, text []byte, delim string, decode fieldDecoder) (frontMatter, *diag.Error) {
	var (
		fields  []field
		failed  *diag.Error
		decoded bool
	)
	in := &frontReader{text: text}
	format := frontmatter.NewFormat(delim, delim, func(src []byte, _ any) error {
		decoded, in.done = true, true
		if failed = checkFrontMatterSize(file, src, 2); failed == nil {
			fields, failed = decodeSafely(file, src, 2, decode)
		}
		return nil
	})
	rest, err := frontmatter.Parse(in, nil, format)
	switch {
	case err != nil: // a frontReader cannot fail; kept for safety
		return frontMatter{}, &diag.Error{Path: file, Line: 1, Msg: "cannot read front matter", Err: err}
	case !decoded:
		return frontMatter{}, diag.New(file, 1, "front matter opened with %q is never closed", delim)
	case failed != nil:
		return frontMatter{}, failed
	}
	// rest is what the parser had read of text past the front matter when
	// it was decoded; the body shares text's memory.
	consumed := text[:in.at-len(rest)]
	bodyLine := 1 + bytes.Count(consumed, []byte("\n"))
	if !bytes.HasSuffix(consumed, []byte("\n")) {
		bodyLine++ // the closing delimiter ends the file
	}
	return frontMatter{fields: fields, body: text[len(consumed):], bodyLine: bodyLine}, nil
}

// frontReader hands text to frontmatter.Parse, and nothing more once done
// is set, when the front matter is decoded: the parser would otherwise
// copy the whole body, which readDelimited does not use, into a buffer
// (on the generated 10,000 documents, 336 MB of allocation for 111 MB of
// Markdown). at is how much of text it has handed out.
type frontReader struct {
	text []byte
	at   int
	done bool
}

func (r *frontReader) Read(p []byte) (int, error) {
	if r.done || r.at == len(r.text) {
		return 0, io.EOF
	}
	n := copy(p, r.text[r.at:])
	r.at += n
	return n, nil
}

// decodeSafely runs decode, turning a panic inside a third-party parser into
// an error rather than a crashed build.
func decodeSafely(file string, src []byte, firstLine int, decode fieldDecoder) (fields []field, err *diag.Error) {
	defer func() {
		if r := recover(); r != nil {
			fields = nil
			err = diag.New(file, firstLine, "cannot parse front matter: %v", r)
		}
	}()
	return decode(file, src, firstLine)
}

// decodeYAML decodes YAML front matter into fields, keeping each key's line.
func decodeYAML(file string, src []byte, firstLine int) ([]field, *diag.Error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		if m := yamlErrorLine.FindStringSubmatch(err.Error()); m != nil && yamlParserProblems[m[2]] {
			firstLine++ // the parser's line counts from 0
		}
		return nil, yamlError(file, firstLine, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil // empty or only comments
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, diag.New(file, firstLine+root.Line-1, "front matter must be a list of key: value lines")
	}
	fields := make([]field, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		line := firstLine + k.Line - 1
		if k.Kind != yaml.ScalarNode {
			return nil, diag.New(file, line, "front-matter key must be text")
		}
		var value any
		if err := v.Decode(&value); err != nil {
			return nil, &diag.Error{Path: file, Line: line, Field: k.Value, Msg: "cannot read value", Err: err}
		}
		f := field{key: k.Value, line: line, value: value}
		if v.Kind == yaml.ScalarNode {
			f.text = v.Value
		}
		fields = append(fields, f)
	}
	return fields, nil
}

// decodeTOML decodes TOML front matter into fields. The TOML parser does not
// give the lines of keys, so they are found by [tomlKeyLines].
func decodeTOML(file string, src []byte, firstLine int) ([]field, *diag.Error) {
	// The TOML parser recurses once per nested bracket: a million of them
	// overflow the stack, which no recover can catch.
	if _, line, deep := (bracketScanner{toml: true}).scan(src); deep {
		return nil, diag.New(file, firstLine+line-1, "front-matter values nested more than %d deep", MaxValueDepth)
	}
	var values map[string]any
	md, err := toml.Decode(string(src), &values)
	var syntax toml.ParseError
	if errors.As(err, &syntax) {
		return nil, diag.New(file, firstLine+max(syntax.Position.Line, 1)-1, "invalid TOML front matter: %s", syntax.Message)
	}
	if err != nil {
		return nil, &diag.Error{Path: file, Line: firstLine, Msg: "invalid TOML front matter", Err: err}
	}
	lines := tomlKeyLines(src)
	var fields []field
	seen := make(map[string]bool)
	for _, key := range md.Keys() {
		// "a.b = 1" and "[a.b]" list only the full key: its first part is
		// the top-level one. A second [[name]] of an array of tables lists
		// the name again.
		name := key[0]
		if seen[name] {
			continue
		}
		seen[name] = true
		line := firstLine
		if l, ok := lines[name]; ok {
			line = firstLine + l - 1
		}
		fields = append(fields, field{key: name, line: line, value: values[name]})
	}
	return fields, nil
}

// tomlKeyLines returns the 1-based line in src of each top-level TOML key:
// the first line that starts with the key (bare or quoted) and then "=", or
// the first table header "[key]", "[key.x]" or "[[key]]".
func tomlKeyLines(src []byte) map[string]int {
	lines := make(map[string]int)
	inTable := false
	for i, raw := range bytes.Split(src, []byte("\n")) {
		line := bytes.TrimSpace(raw)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			inTable = true
			name := bytes.Trim(line, "[] \t")
			if end := bytes.IndexAny(name, ".]"); end >= 0 {
				name = name[:end]
			}
			if _, seen := lines[tomlUnquote(name)]; !seen {
				lines[tomlUnquote(name)] = i + 1
			}
			continue
		}
		if inTable {
			continue
		}
		key, _, ok := bytes.Cut(line, []byte("="))
		if !ok {
			continue
		}
		name := tomlUnquote(bytes.TrimSpace(key))
		if dot := bytes.IndexByte(key, '.'); dot >= 0 && key[0] != '"' && key[0] != '\'' {
			name = string(bytes.TrimSpace(key[:dot])) // dotted key a.b = 1 sets a
		}
		if _, seen := lines[name]; !seen {
			lines[name] = i + 1
		}
	}
	return lines
}

// tomlUnquote returns a TOML key without its quotes.
func tomlUnquote(key []byte) string {
	s := string(bytes.TrimSpace(key))
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		if s[0] == '"' {
			if u, err := strconv.Unquote(s); err == nil {
				return u
			}
		}
		return s[1 : len(s)-1]
	}
	return s
}

// readJSON reads a JSON object at the start of text as front matter; the
// body starts after the closing brace (on the next line when the rest of
// the brace's line is blank).
func readJSON(file string, text []byte) (frontMatter, *diag.Error) {
	end, line, deep := bracketScanner{}.scan(text)
	if deep {
		return frontMatter{}, diag.New(file, line, "front-matter values nested more than %d deep", MaxValueDepth)
	}
	if err := checkFrontMatterSize(file, text[:end], 1); err != nil {
		return frontMatter{}, err
	}
	lines := lineCounter{text: text, line: 1}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	fail := func(err error) (frontMatter, *diag.Error) {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return frontMatter{}, diag.New(file, 1, "front matter opened with \"{\" is never closed")
		}
		line := lineAt(text, int(dec.InputOffset()))
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			line = lineAt(text, int(syntax.Offset))
		}
		return frontMatter{}, &diag.Error{Path: file, Line: line, Msg: "invalid JSON front matter", Err: err}
	}
	if _, err := dec.Token(); err != nil { // the opening brace
		return fail(err)
	}
	var fields []field
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		key, _ := tok.(string) // the decoder only returns strings here
		// A key cannot span lines, so the line where it ends is its line.
		line := lines.at(int(dec.InputOffset()) - 1)
		var value any
		if err := dec.Decode(&value); err != nil {
			return fail(err)
		}
		fields = append(fields, field{key: key, line: line, value: value})
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return fail(err)
	}
	start := int(dec.InputOffset())
	rest := text[start:]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 && len(bytes.TrimSpace(rest[:nl])) == 0 {
		start += nl + 1
	} else if len(bytes.TrimSpace(rest)) == 0 {
		start = len(text)
	}
	return frontMatter{fields: fields, body: text[start:], bodyLine: lineAt(text, start)}, nil
}

// lineCounter gives the lines of offsets in text that only grow, counting
// each newline once (lineAt from the start for every key of a large JSON
// object took quadratic time).
type lineCounter struct {
	text []byte
	off  int // offset counted up to
	line int // line of off
}

// at returns the 1-based line of the byte at offset off, which must not be
// before the previous call's.
func (c *lineCounter) at(off int) int {
	off = min(max(off, c.off), len(c.text))
	c.line += bytes.Count(c.text[c.off:off], []byte("\n"))
	c.off = off
	return c.line
}

// yamlError turns a YAML parser error into a diagnostic at the file line
// the parser names (its lines count from the front matter's first line,
// which is file line firstLine).
func yamlError(file string, firstLine int, err error) *diag.Error {
	if m := yamlErrorLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return diag.New(file, firstLine+max(n, 1)-1, "invalid YAML front matter: %s", m[2])
	}
	return &diag.Error{Path: file, Line: firstLine, Msg: "invalid YAML front matter", Err: err}
}
