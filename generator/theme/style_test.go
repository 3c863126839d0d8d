package theme

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var cssVar = regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;`)

// palette returns the colour custom properties of the first rule in css
// that starts with selector.
func palette(t *testing.T, css, selector string) map[string]string {
	t.Helper()
	i := strings.Index(css, selector)
	if i < 0 {
		t.Fatalf("style.css has no rule %q", selector)
	}
	body := css[i+len(selector):]
	body = body[:strings.Index(body, "}")]
	m := map[string]string{}
	for _, v := range cssVar.FindAllStringSubmatch(body, -1) {
		m[v[1]] = strings.ToLower(v[2])
	}
	return m
}

// luminance is the WCAG relative luminance of "#rrggbb".
func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.04045 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// TestContrast checks WCAG AA (4.5:1 for text) in the light and dark
// palettes of style.css, and that the two copies of the dark palette
// (prefers-color-scheme and the toggle's data-theme) agree.
func TestContrast(t *testing.T) {
	data, err := os.ReadFile("../../templates/assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(data)
	light := palette(t, css, ":root {")
	dark := palette(t, css, `:root[data-theme="dark"] {`)
	auto := palette(t, css, `:root:not([data-theme="light"]) {`)
	for k, v := range dark {
		if auto[k] != v {
			t.Errorf("dark palettes differ on --%s: %s vs %s", k, v, auto[k])
		}
	}
	if len(auto) != len(dark) {
		t.Errorf("dark palettes have %d and %d colours", len(dark), len(auto))
	}
	for k := range light {
		if dark[k] == "" {
			t.Errorf("--%s has a light colour and no dark one", k)
		}
	}
	text := []string{"fg", "muted", "link", "link-visited", "accent", "note", "tip", "important", "warning", "caution"}
	for name, pal := range map[string]map[string]string{"light": light, "dark": dark} {
		need := func(fg, bg string, min float64) {
			if pal[fg] == "" || pal[bg] == "" {
				t.Errorf("%s: --%s or --%s not set", name, fg, bg)
				return
			}
			if r := contrast(pal[fg], pal[bg]); r < min {
				t.Errorf("%s: --%s %s on --%s %s: contrast %.2f, want ≥ %g", name, fg, pal[fg], bg, pal[bg], r, min)
			}
		}
		for _, bg := range []string{"bg", "bg-soft"} {
			for _, fg := range text {
				need(fg, bg, 4.5)
			}
			// borders of inputs and buttons, and the focus ring (WCAG 1.4.11)
			need("control", bg, 3)
			need("focus", bg, 3)
		}
		// the highlighted words of a search result or snippet
		for _, fg := range []string{"fg", "link", "link-visited"} {
			need(fg, "mark", 4.5)
		}
	}
}

var (
	cssVarDef = regexp.MustCompile(`--([a-zA-Z0-9-]+)\s*:`)
	cssVarUse = regexp.MustCompile(`var\(\s*--([a-zA-Z0-9-]+)`)
)

// TestCSSVariablesDefined reads every stylesheet of the default theme and
// fails on a custom property used (var(--x), with or without a fallback)
// that the light tokens of style.css do not define, or whose colour the
// dark tokens leave out, so no rule falls back to a colour meant for one
// theme only.
func TestCSSVariablesDefined(t *testing.T) {
	dir := "../../templates/assets"
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	style, err := os.ReadFile(dir + "/style.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(style)
	root := css[strings.Index(css, ":root {"):]
	root = root[:strings.Index(root, "}")]
	defined := map[string]bool{}
	for _, m := range cssVarDef.FindAllStringSubmatch(root, -1) {
		defined[m[1]] = true
	}
	light := palette(t, css, ":root {")
	dark := palette(t, css, `:root[data-theme="dark"] {`)
	used := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".css") {
			continue
		}
		data, err := os.ReadFile(dir + "/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			for _, m := range cssVarUse.FindAllStringSubmatch(line, -1) {
				used++
				if !defined[m[1]] {
					t.Errorf("%s: var(--%s) is not defined in style.css's :root", e.Name(), m[1])
				} else if light[m[1]] != "" && dark[m[1]] == "" {
					t.Errorf("%s: var(--%s) has no dark colour", e.Name(), m[1])
				}
			}
		}
	}
	if used < 50 {
		t.Errorf("found %d uses of custom properties, want many: is the pattern right?", used)
	}
}
