package serve

import (
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestStartupText(t *testing.T) {
	lan := []net.IP{net.IPv4(127, 0, 0, 1), net.ParseIP("::1"), net.IPv4(192, 168, 1, 5),
		net.ParseIP("fe80::1"), net.IPv4(169, 254, 0, 9), net.IPv4(10, 8, 0, 2), net.ParseIP("2001:db8::5")}
	tcp := func(ip string, port int) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: port} }
	tests := []struct {
		name   string
		addr   net.Addr
		drafts bool
		ips    []net.IP
		lang   string
		lines  []string
		url    string
	}{
		{"loopback", tcp("127.0.0.1", 1313), true, lan, "en",
			[]string{"tusach: serving at http://127.0.0.1:1313/hoc-tap/ (Ctrl-C to stop)"},
			"http://127.0.0.1:1313/hoc-tap/"},
		{"ipv6 loopback", tcp("::1", 1313), false, lan, "vi",
			[]string{"tusach: đang phục vụ tại http://[::1]:1313/hoc-tap/ (Ctrl-C để dừng)"},
			"http://[::1]:1313/hoc-tap/"},
		{"every address, drafts", tcp("0.0.0.0", 1313), true, lan, "en", []string{
			"tusach: WARNING: --bind 0.0.0.0: the preview is open to every machine on the network that can reach this one, " +
				"drafts included (--drafts); use it only on a trusted network (the default, 127.0.0.1, is this machine only)",
			"tusach: serving on every address of this machine (0.0.0.0, port 1313): open http://127.0.0.1:1313/hoc-tap/ here, " +
				"or http://192.168.1.5:1313/hoc-tap/, http://10.8.0.2:1313/hoc-tap/ from other machines (Ctrl-C to stop)",
		}, "http://127.0.0.1:1313/hoc-tap/"},
		{"every address, no network address known", tcp("0.0.0.0", 8080), false, nil, "vi", []string{
			"tusach: CẢNH BÁO: --bind 0.0.0.0: bản xem trước mở cho mọi máy trong mạng tới được máy này; " +
				"chỉ dùng trên mạng tin cậy (mặc định 127.0.0.1 chỉ cho máy này xem)",
			"tusach: đang phục vụ tại mọi địa chỉ của máy này (0.0.0.0, cổng 8080): trên máy này mở http://127.0.0.1:8080/hoc-tap/ (Ctrl-C để dừng)",
		}, "http://127.0.0.1:8080/hoc-tap/"},
		{"every IPv6 address", tcp("::", 1313), false, lan[:4], "en", []string{
			"tusach: WARNING: --bind ::: the preview is open to every machine on the network that can reach this one; " +
				"use it only on a trusted network (the default, 127.0.0.1, is this machine only)",
			"tusach: serving on every address of this machine (::, port 1313): open http://127.0.0.1:1313/hoc-tap/ here, " +
				"or http://192.168.1.5:1313/hoc-tap/ from other machines (Ctrl-C to stop)",
		}, "http://127.0.0.1:1313/hoc-tap/"},
		{"one network address", tcp("192.168.1.5", 1313), false, lan, "en", []string{
			"tusach: WARNING: --bind 192.168.1.5: the preview is open to every machine on the network that can reach this one; " +
				"use it only on a trusted network (the default, 127.0.0.1, is this machine only)",
			"tusach: serving at http://192.168.1.5:1313/hoc-tap/ (Ctrl-C to stop)",
		}, "http://192.168.1.5:1313/hoc-tap/"},
	}
	for _, tt := range tests {
		got := startupText(messagesFor(tt.lang), tt.addr, "/hoc-tap/", tt.drafts, tt.ips)
		lines := []string{got.line}
		if got.warning != "" {
			lines = []string{got.warning, got.line}
		}
		if !slices.Equal(lines, tt.lines) || got.url != tt.url {
			t.Errorf("%s:\n got %q\n     %s\nwant %q\n     %s", tt.name, lines, got.url, tt.lines, tt.url)
		}
	}
}

// TestBindEveryAddress serves on 0.0.0.0 and checks the warning, the
// startup line, that the page answers by loopback address and that a
// foreign Host name is refused.
func TestBindEveryAddress(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "x")
	r := runSite(t, Options{Source: root, Bind: "0.0.0.0", Drafts: true, Lang: "en", Builder: markdownEcho(root)})
	log := r.log.String()
	for _, want := range []string{"WARNING: --bind 0.0.0.0:", "drafts included", "serving on every address of this machine (0.0.0.0, port ",
		"open http://127.0.0.1:"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if !strings.HasPrefix(r.url, "http://127.0.0.1:") {
		t.Errorf("Ready got %s, want a URL on 127.0.0.1", r.url)
	}
	if code, _ := fetch(t, r.url); code != 200 {
		t.Errorf("page: %d", code)
	}
	req, _ := http.NewRequest(http.MethodGet, r.url, nil)
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("Host evil.example: %d, want 403", resp.StatusCode)
	}
}
