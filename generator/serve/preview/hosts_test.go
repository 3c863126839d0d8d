package preview

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

func TestHostsAllowed(t *testing.T) {
	loopback := NewHosts(net.IPv4(127, 0, 0, 1), "127.0.0.1", "may-bien-tap")
	named := NewHosts(net.IPv4(127, 0, 0, 1), "localhost", "may-bien-tap")
	network := NewHosts(net.IPv4zero, "0.0.0.0", "may-bien-tap.coquan.vn")
	lan := NewHosts(net.IPv4(192, 168, 1, 5), "xem-truoc.lan", "may-bien-tap")
	tests := []struct {
		host                        string
		loopback, named, net, onLAN bool
	}{
		{"127.0.0.1:1313", true, true, true, true},
		{"127.0.0.1", true, true, true, true},
		{"127.5.6.7:80", true, true, true, true},
		{"[::1]:1313", true, true, true, true},
		{"[::1]", true, true, true, true},
		{"localhost:1313", true, true, true, true},
		{"LOCALHOST", true, true, true, true},
		{"localhost.", true, true, true, true},
		{"tusach.localhost:1313", true, true, true, true},
		{"evil.example", false, false, false, false},
		{"evil.example:1313", false, false, false, false},
		{"localhost.evil.example", false, false, false, false},
		{"evillocalhost", false, false, false, false},
		{"127.0.0.1.evil.example", false, false, false, false},
		{"192.168.1.5:1313", false, false, true, true},
		{"[fe80::1]:1313", false, false, true, true},
		{"may-bien-tap:1313", false, false, true, true},
		{"may-bien-tap.local", false, false, true, true},
		{"MAY-BIEN-TAP.coquan.vn", false, false, true, false},
		{"xem-truoc.lan:1313", false, false, false, true},
		{"", false, false, false, false},
		{":1313", false, false, false, false},
		{"localhost:http", false, false, false, false},
		{"localhost:99999", false, false, false, false},
		{"localhost:1:2", false, false, false, false},
		{"[::1", false, false, false, false},
		{"[::1]x", false, false, false, false},
		{"[evil.example]:80", false, false, false, false},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			name string
			h    *Hosts
			want bool
		}{{"loopback", loopback, tt.loopback}, {"localhost", named, tt.named}, {"0.0.0.0", network, tt.net}, {"lan", lan, tt.onLAN}} {
			if got := c.h.Allowed(tt.host); got != c.want {
				t.Errorf("%s: Allowed(%q) = %v, want %v", c.name, tt.host, got, c.want)
			}
		}
	}
}

func TestOriginAllowed(t *testing.T) {
	h := NewHosts(net.IPv4(127, 0, 0, 1), "", "")
	for origin, want := range map[string]bool{
		"":                         true,
		"http://127.0.0.1:1313":    true,
		"http://localhost:1313":    true,
		"https://localhost":        true,
		"http://evil.example":      false,
		"http://evil.example:1313": false,
		"null":                     false,
		"file://":                  false,
		"http://localhost:1313/x":  false,
		"javascript:alert(1)":      false,
	} {
		if got := h.OriginAllowed(origin); got != want {
			t.Errorf("OriginAllowed(%q) = %v, want %v", origin, got, want)
		}
	}
}

// rawRequest sends a GET for target exactly as given, with the given header
// lines, on a new connection, and returns the status code and the body.
func rawRequest(t *testing.T, addr, target string, headers ...string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\n%s\r\nConnection: close\r\n\r\n", target, strings.Join(headers, "\r\n"))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestHostCheck sends requests with the Host header of a DNS-rebinding
// page, and an event stream request from another site's page, and checks
// that both are refused while the same requests by loopback name answer.
func TestHostCheck(t *testing.T) {
	_, _, hs, _ := start(t, "/")
	addr := hs.Listener.Addr().String()
	tests := []struct {
		target  string
		headers []string
		code    int
	}{
		{"/a.html", []string{"Host: evil.example:1313"}, http.StatusForbidden},
		{"/a.html", []string{"Host: evil.example"}, http.StatusForbidden},
		{"/__tusach/events", []string{"Host: evil.example"}, http.StatusForbidden},
		{"/__tusach/livereload.js", []string{"Host: evil.example"}, http.StatusForbidden},
		{"/khong-co", []string{"Host: evil.example"}, http.StatusForbidden},
		{"/__tusach/events", []string{"Host: " + addr, "Origin: http://evil.example"}, http.StatusForbidden},
		{"/__tusach/events", []string{"Host: localhost", "Origin: null"}, http.StatusForbidden},
		{"/a.html", []string{"Host: " + addr}, http.StatusOK},
		{"/a.html", []string{"Host: localhost"}, http.StatusOK},
		{"/a.html", []string{"Host: [::1]:8080"}, http.StatusOK},
		// Pages may be fetched by other sites' pages (they cannot read
		// them); only the event stream checks the Origin.
		{"/a.html", []string{"Host: localhost", "Origin: http://evil.example"}, http.StatusOK},
	}
	for _, tt := range tests {
		code, line := rawRequest(t, addr, tt.target, tt.headers...)
		if code != tt.code {
			t.Errorf("%s %v: status %d, want %d", tt.target, tt.headers, code, tt.code)
		}
		if code == http.StatusForbidden && !strings.Contains(line, "DNS rebinding") {
			t.Errorf("%s %v: refusal does not say why: %q", tt.target, tt.headers, line)
		}
	}
	// A refused name is quoted, with its control characters escaped.
	if _, line := rawRequest(t, addr, "/", "Host: evil\x1b[31m.example"); strings.ContainsRune(line, 0x1b) {
		t.Errorf("refusal echoes a control character: %q", line)
	}
}

// FuzzHostsAllowed checks that no Host value crashes the check, and that
// the loopback policy accepts only loopback names and addresses.
func FuzzHostsAllowed(f *testing.F) {
	for _, s := range []string{"127.0.0.1:1313", "[::1]:80", "localhost", "a.localhost.", "evil.example",
		"[::1", "[]:80", "::1", "127.0.0.1:", "xn--localhost", "[::ffff:127.0.0.1]:1"} {
		f.Add(s)
	}
	h := NewHosts(net.IPv4(127, 0, 0, 1), "", "")
	f.Fuzz(func(t *testing.T, host string) {
		if !h.Allowed(host) {
			return
		}
		name, ok := splitHost(host)
		if !ok {
			t.Fatalf("Allowed(%q) but it does not split", host)
		}
		if ip := net.ParseIP(name); ip != nil {
			if !ip.IsLoopback() {
				t.Fatalf("Allowed(%q): %v is not loopback", host, ip)
			}
			return
		}
		name = normalName(name)
		if name != "localhost" && !strings.HasSuffix(name, ".localhost") {
			t.Fatalf("Allowed(%q): %q is not a loopback name", host, name)
		}
	})
}
