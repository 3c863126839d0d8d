package content

import (
	"fmt"
	"net/url"
	"strings"

	"tusach/generator/diag"
)

// Default settings, used when content/_index.md does not set them.
const (
	DefaultTitle    = "Tủ sách" // site title
	DefaultLanguage = "vi"      // site language: "vi" or "en"
)

// Front-matter keys of content/_index.md that are site settings rather than
// parameters (matched ignoring case). Title and description are Meta fields.
const (
	keyLanguage   = "language"
	keyBaseURL    = "base_url"
	keyUnsafeHTML = "unsafe_html"
)

// ParseSettings extracts the site settings from the root section document,
// content/_index.md: title and description from its Meta, and language ("vi"
// or "en"), base_url (an absolute http or https URL, given a trailing slash)
// and unsafe_html (true or false) from its Params. Every other parameter is
// kept in Settings.Params. A nil d gives the defaults: Language "vi", Title
// "Tủ sách".
func ParseSettings(d *Document) (Settings, diag.List) {
	s := Settings{Title: DefaultTitle, Language: DefaultLanguage, Params: make(map[string]any)}
	if d == nil {
		return s, nil
	}
	if d.Meta.Title != "" {
		s.Title = d.Meta.Title
	}
	s.Description = d.Meta.Description
	var errs diag.List
	for key, value := range d.Meta.Params {
		var err error
		switch strings.ToLower(key) {
		case keyLanguage:
			s.Language, err = languageValue(value)
		case keyBaseURL:
			s.BaseURL, err = baseURLValue(value)
		case keyUnsafeHTML:
			s.UnsafeHTML, err = boolValue(value)
		default:
			s.Params[key] = value
		}
		if err != nil {
			errs.Add(diag.Field(d.File, d.Meta.Lines[key], key, "%s", err.Error()))
		}
	}
	errs.Sort()
	return s, errs
}

// languageValue reads the site language: "vi" or "en", any case.
func languageValue(v any) (string, error) {
	if s, ok := v.(string); ok {
		switch lang := strings.ToLower(s); lang {
		case "vi", "en":
			return lang, nil
		case "":
			return DefaultLanguage, nil
		}
	}
	return "", fmt.Errorf("want \"vi\" or \"en\", got %s", describe(v))
}

// baseURLValue reads the base_url setting: a string that ParseBaseURL accepts.
func baseURLValue(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s, got %s", wantBaseURL, describe(v))
	}
	return ParseBaseURL(s)
}

// wantBaseURL says what a base URL must be.
const wantBaseURL = `want an absolute URL such as "http://intranet/hoc-tap/"`

// ParseBaseURL checks a base URL, from base_url in content/_index.md or from
// `tusach build --base-url`: empty (no base URL), or an absolute http or
// https URL with a host and without user name, query or fragment. It returns
// the URL with a trailing slash.
func ParseBaseURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Opaque != "" {
		return "", fmt.Errorf("%s, got %s", wantBaseURL, describe(s))
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}
