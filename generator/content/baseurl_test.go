package content

import (
	"net/url"
	"strings"
	"testing"
)

func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"http://intranet/hoc-tap/", "http://intranet/hoc-tap/", true},
		{"https://intranet.local/hoc-tap", "https://intranet.local/hoc-tap/", true},
		{"http://10.0.0.5:8080", "http://10.0.0.5:8080/", true},
		{"javascript:alert(1)", "", false},
		{"JavaScript://intranet/%0aalert(1)", "", false},
		{"foo", "", false},
		{"intranet/hoc-tap", "", false},
		{"//intranet/hoc-tap/", "", false},
		{"ftp://intranet/", "", false},
		{"file:///srv/site/", "", false},
		{"http:///no-host/", "", false},
		{"http://user:pass@intranet/", "", false},
		{"http://a/?x=1", "", false},
		{"http://a/?", "", false},
		{"http://a/#top", "", false},
		{"http://a/\x1b[2J", "", false},
		{"http://a b/", "", false},
	}
	for _, tt := range tests {
		got, err := ParseBaseURL(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseBaseURL(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), `want an absolute URL such as "http://intranet/hoc-tap/"`) {
			t.Errorf("ParseBaseURL(%q): message %q does not say what is wanted", tt.in, err)
		}
	}
}

// FuzzParseBaseURL checks that every accepted value is an absolute http or
// https URL ending in a slash.
func FuzzParseBaseURL(f *testing.F) {
	for _, s := range []string{"http://a/", "javascript:alert(1)", "foo", "https://x/y?z", "http://u@h/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseBaseURL(s)
		if err != nil || got == "" {
			return
		}
		u, perr := url.Parse(got)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !strings.HasSuffix(got, "/") {
			t.Fatalf("ParseBaseURL(%q) accepted %q", s, got)
		}
	})
}
