package content

import (
	"strings"

	"tusach/generator/diag"
	"tusach/generator/viet"
)

// metaSetter stores a field's value in its place in Meta.
type metaSetter func(m *Meta, v any, text string) error

// metaFields maps each known front-matter key (lowercase) to its setter. It
// is built once and only read.
var metaFields = map[string]metaSetter{
	"title":       textSetter(func(m *Meta) *string { return &m.Title }),
	"description": textSetter(func(m *Meta) *string { return &m.Description }),
	"number":      textSetter(func(m *Meta) *string { return &m.Number }),
	"type":        textSetter(func(m *Meta) *string { return &m.Type }),
	"issuer":      textSetter(func(m *Meta) *string { return &m.Issuer }),
	"layout":      textSetter(func(m *Meta) *string { return &m.Layout }),
	"tags":        listSetter(func(m *Meta) *[]string { return &m.Tags }),
	"topics":      listSetter(func(m *Meta) *[]string { return &m.Topics }),
	"references":  listSetter(func(m *Meta) *[]string { return &m.References }),
	"date": func(m *Meta, v any, text string) (err error) {
		m.Date, err = dateValue(v)
		return err
	},
	"lastmod": func(m *Meta, v any, text string) (err error) {
		m.Lastmod, err = dateValue(v)
		return err
	},
	"issued": func(m *Meta, v any, text string) (err error) {
		m.Issued, err = dateValue(v)
		return err
	},
	"weight": func(m *Meta, v any, text string) (err error) {
		m.Weight, err = wholeNumberValue(v)
		return err
	},
	"draft": func(m *Meta, v any, text string) (err error) {
		m.Draft, err = boolValue(v)
		return err
	},
	"study": func(m *Meta, v any, text string) (err error) {
		m.Study, err = boolValue(v)
		return err
	},
	"search": optionalBoolSetter(func(m *Meta) **bool { return &m.Search }),
	"list":   optionalBoolSetter(func(m *Meta) **bool { return &m.List }),
	"effective": func(m *Meta, v any, text string) (err error) {
		m.Effective, err = dateValue(v)
		return err
	},
	"expires": func(m *Meta, v any, text string) (err error) {
		m.Expires, err = dateValue(v)
		return err
	},
	"status": func(m *Meta, v any, text string) (err error) {
		m.Status, err = statusValue(v, text)
		return err
	},
	"signer": func(m *Meta, v any, text string) (err error) {
		m.Signer, err = signerValue(v, text)
		return err
	},
	"field": textSetter(func(m *Meta) *string { return &m.Field }),
	"attachments": func(m *Meta, v any, text string) (err error) {
		m.Attachments, err = attachmentsValue(v)
		return err
	},
	"relations": func(m *Meta, v any, text string) (err error) {
		m.Relations, err = relationsValue(v, m.Lines["relations"])
		return err
	},
}

// textSetter returns a setter for a text field.
func textSetter(place func(*Meta) *string) metaSetter {
	return func(m *Meta, v any, text string) (err error) {
		*place(m), err = textValue(v, text)
		return err
	}
}

// listSetter returns a setter for a list-of-text field.
func listSetter(place func(*Meta) *[]string) metaSetter {
	return func(m *Meta, v any, text string) (err error) {
		*place(m), err = listValue(v)
		return err
	}
}

// optionalBoolSetter returns a setter for a true-or-false field whose
// absence matters (it is inherited): an empty value leaves it unset.
func optionalBoolSetter(place func(*Meta) **bool) metaSetter {
	return func(m *Meta, v any, text string) error {
		if v == nil {
			return nil
		}
		b, err := boolValue(v)
		if err != nil {
			return err
		}
		*place(m) = &b
		return nil
	}
}

// buildMeta checks the decoded front-matter fields and fills a Meta. Known
// keys are matched ignoring case and recorded in Lines in lowercase; other
// keys go to Params and Lines as written. A key given twice (ignoring case)
// is an error.
func buildMeta(file string, fields []field) (Meta, diag.List) {
	m := Meta{
		Params: make(map[string]any),
		Lines:  make(map[string]int, len(fields)),
	}
	var errs diag.List
	firstSeen := make(map[string]int, len(fields))
	for _, f := range fields {
		key := viet.NFC(strings.TrimSpace(f.key))
		lower := strings.ToLower(key)
		if prev, dup := firstSeen[lower]; dup {
			errs.Add(diag.Field(file, f.line, key, "set twice (first on line %d)", prev))
			continue
		}
		firstSeen[lower] = f.line
		value := normalizeValue(f.value)
		set, known := metaFields[lower]
		if !known {
			m.Params[key] = value
			m.Lines[key] = f.line
			continue
		}
		m.Lines[lower] = f.line
		if err := set(&m, value, viet.NFC(strings.TrimSpace(f.text))); err != nil {
			errs.Add(diag.Field(file, f.line, key, "%s", err.Error()))
		}
	}
	return m, errs
}
