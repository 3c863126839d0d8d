package firefox

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"tusach/generator/browsertest"
	"tusach/generator/internal/testsite"
)

// goodSite loads a script and a stylesheet, focuses its box on "/" the way
// the site's search box does, and counts trusted key presses and clicks.
var goodSite = map[string]string{
	"index.html": `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="css/style.css"><script src="js/app.js" defer></script></head>
<body><p id="p">xin chào</p><input id="box"><label><input type="checkbox" id="cb"> chọn</label></body></html>`,
	"css/style.css": `body { margin: 0 }`,
	"js/app.js": `window.keys = 0; window.clicks = 0;
var box = document.getElementById("box");
document.addEventListener("keydown", function (e) {
  if (e.isTrusted) window.keys++;
  if (e.key === "/" && document.activeElement !== box) { e.preventDefault(); box.focus(); }
});
document.getElementById("cb").addEventListener("click", function (e) { if (e.isTrusted) window.clicks++; });
setTimeout(function () { window.later = "đã xong"; }, 200);`,
}

// TestFirefoxGoodPage runs a page without problems: values come back as Go
// values, typing and clicking act like a user, every request is listed.
func TestFirefoxGoodPage(t *testing.T) {
	dir := testsite.Write(t, goodSite)
	root := browsertest.FileURL(dir) + "/"
	b := New(t)
	if err := b.Navigate(root + "index.html"); err != nil {
		t.Fatal(err)
	}

	t.Run("eval", func(t *testing.T) {
		type nested struct {
			A struct {
				B []int `json:"b"`
			} `json:"a"`
			S string `json:"s"`
		}
		for _, tc := range []struct {
			js   string
			out  any // a pointer to the zero value of the wanted type
			want any
		}{
			{`1 + 2`, new(int), 3},
			{`document.getElementById("p").textContent`, new(string), "xin chào"},
			{`Promise.resolve([1, "a", true, null])`, new([]any), []any{1.0, "a", true, nil}},
			{`new Promise(r => setTimeout(() => r("muộn"), 50))`, new(string), "muộn"},
			{`({a: {b: [1, 2]}, s: "Đảng"})`, new(nested), nested{A: struct {
				B []int `json:"b"`
			}{B: []int{1, 2}}, S: "Đảng"}},
			{`new Map([["k", 1]])`, new(map[string]int), map[string]int{"k": 1}},
			{`new Set(["x", "y"])`, new([]string), []string{"x", "y"}},
			{`undefined`, new(any), nil},
			{`-0`, new(float64), 0.0},
		} {
			if err := b.Eval(tc.js, tc.out); err != nil {
				t.Errorf("Eval(%s): %v", tc.js, err)
				continue
			}
			if got := reflect.ValueOf(tc.out).Elem().Interface(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Eval(%s) = %#v, want %#v", tc.js, got, tc.want)
			}
		}
		var id string
		if err := b.Eval(`document.body`, &id); err != nil || id == "" {
			t.Errorf("Eval(document.body) = %q, %v; want its sharedId", id, err)
		}
	})

	t.Run("errors", func(t *testing.T) {
		for _, js := range []string{`(() => { throw new Error("hỏng") })()`, `Promise.reject(new Error("hỏng"))`} {
			var se *ScriptError
			if err := b.Eval(js, nil); !errors.As(err, &se) || !strings.Contains(se.Text, "hỏng") {
				t.Errorf("Eval(%s) = %v, want a ScriptError naming the exception", js, err)
			}
		}
		var n float64
		if err := b.Eval(`NaN`, &n); err == nil {
			t.Error("Eval(NaN) gave no error")
		}
	})

	t.Run("poll", func(t *testing.T) {
		var s string
		if err := b.Poll(`window.later`, &s, testsite.Patience); err != nil || s != "đã xong" {
			t.Errorf("Poll(window.later) = %q, %v", s, err)
		}
		// a condition that never holds: Poll returns (it does not hang)
		// with a timeout naming the last value, when an evaluation ended
		// before the deadline (on a busy machine none may have)
		err := b.Poll(`document.title === "never"`, nil, time.Second)
		if err == nil || !strings.Contains(err.Error(), "timed out after 1s") {
			t.Errorf("Poll of a false condition = %v, want a timeout", err)
		} else if strings.Contains(err.Error(), "still") && !strings.Contains(err.Error(), "still false") {
			t.Errorf("Poll of a false condition = %v, want the timeout to name the value false", err)
		}
	})

	t.Run("type", func(t *testing.T) {
		// NFD input: typed as composed Vietnamese letters, one key each
		text := "chỉnh đốn Đảng"
		if err := b.Type("/" + "chi\u0309nh đốn Đảng"); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Value   string `json:"value"`
			Focused bool   `json:"focused"`
			Keys    int    `json:"keys"`
		}
		err := b.Eval(`({value: box.value, focused: document.activeElement === box, keys: window.keys})`, &got)
		if err != nil {
			t.Fatal(err)
		}
		if got.Value != text || !got.Focused {
			t.Errorf("after typing: box %q (focused %v), want %q focused by /", got.Value, got.Focused, text)
		}
		if want := len([]rune(text)) + 1; got.Keys != want {
			t.Errorf("%d trusted key presses, want %d", got.Keys, want)
		}
	})

	t.Run("click", func(t *testing.T) {
		if err := b.Click("#cb"); err != nil {
			t.Fatal(err)
		}
		var got []any
		if err := b.Eval(`[document.getElementById("cb").checked, window.clicks]`, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, []any{true, 1.0}) {
			t.Errorf("after a click: [checked, trusted clicks] = %v, want [true 1]", got)
		}
		if err := b.Click("#khong-co"); err == nil || !strings.Contains(err.Error(), "no element") {
			t.Errorf("Click(#khong-co) = %v", err)
		}
	})

	t.Run("requests", func(t *testing.T) {
		reqs := b.Requests()
		for _, want := range []string{"index.html", "css/style.css", "js/app.js"} {
			if !slices.Contains(reqs, root+want) {
				t.Errorf("request for %s not listed in %q", want, reqs)
			}
		}
	})
	b.NoProblems(t)
}

// TestFirefoxProblems runs broken pages from file:// and over HTTP and expects
// each kind of problem to be reported.
func TestFirefoxProblems(t *testing.T) {
	dir := testsite.Write(t, map[string]string{
		"index.html": `<!doctype html><meta charset="utf-8"><title>t</title>
<script src="missing.js"></script><img src="img/missing.png">
<script>console.error("hỏng", 1); setTimeout(() => { throw new Error("vỡ") }, 0)</script>`,
		"web.html": `<!doctype html><meta charset="utf-8"><title>w</title>
<img src="missing.png"><img src="http://example.invalid/ra-ngoai.png">
<script>fetch("http://127.0.0.1:CLOSED/dong-cua").catch(() => {})</script>`,
	})
	closed := closedPort(t)
	web := filepath.Join(dir, "web.html")
	data, _ := os.ReadFile(web)
	if err := os.WriteFile(web, []byte(strings.Replace(string(data), "CLOSED", closed, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	b := New(t)
	root := browsertest.FileURL(dir) + "/"
	if err := b.Navigate(root + "index.html"); err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate(srv.URL + "/web.html"); err != nil {
		t.Fatal(err)
	}
	wants := []string{
		"console.error: hỏng 1",
		"uncaught javascript error: Error: vỡ",
		"request " + root + "missing.js failed",
		"request " + root + "img/missing.png failed",
		"request " + srv.URL + "/missing.png: HTTP 404",
		"network trap: GET http://example.invalid/ra-ngoai.png",
		"request http://127.0.0.1:" + closed + "/dong-cua failed",
	}
	// the fetch and the uncaught error come after the load event: wait
	// until every problem is recorded (or testsite.Patience has passed)
	var all string
	for deadline := time.Now().Add(testsite.Patience); ; time.Sleep(50 * time.Millisecond) {
		all = strings.Join(b.Problems(), "\n")
		if containsAll(all, wants) || time.Now().After(deadline) {
			break
		}
	}
	for _, want := range wants {
		if !strings.Contains(all, want) {
			t.Errorf("missing problem %q in:\n%s", want, all)
		}
	}
	reqs := b.Requests()
	for _, want := range []string{root + "index.html", root + "missing.js", srv.URL + "/web.html",
		srv.URL + "/missing.png", "http://example.invalid/ra-ngoai.png"} {
		if !slices.Contains(reqs, want) {
			t.Errorf("request for %s not listed in %q", want, reqs)
		}
	}
}

// containsAll reports whether s contains every one of subs.
func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// closedPort returns a loopback port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	return port
}
