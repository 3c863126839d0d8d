package preview

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Hosts decides which names a browser may use to reach the server: the
// Host header of every request, and the Origin of the event stream when a
// browser sends one. It is the defence against DNS rebinding, where a page
// of evil.example re-points its own name at 127.0.0.1 and reads the
// preview (drafts included) as same-origin: such a request carries
// "Host: evil.example" and is refused.
//
// Always accepted: "localhost" and any "*.localhost" name (browsers send
// them to the loopback address themselves), every loopback address
// (127.0.0.0/8, ::1), and the name or address the server is bound to; with
// or without a port. When the server is bound to a non-loopback address
// (the local network may reach it), any IP address is accepted too — an
// address typed in the address bar cannot be re-pointed by DNS, which is
// what the attack needs — and so are the machine's own names (its host
// name, with or without ".local"). Every other name is refused.
type Hosts struct {
	anyIP bool            // bound to a non-loopback address
	names map[string]bool // lowercased, without a trailing dot
}

// NewHosts returns the policy for a server listening on the address bound
// (unspecified, such as 0.0.0.0, for every address of the machine), as
// asked for by bind (the --bind value: an address or a name, which is then
// accepted too), on a machine called hostname ("" when unknown).
func NewHosts(bound net.IP, bind, hostname string) *Hosts {
	h := &Hosts{names: map[string]bool{}, anyIP: !bound.IsLoopback()}
	if bind != "" && net.ParseIP(strings.Trim(bind, "[]")) == nil {
		h.names[normalName(bind)] = true
	}
	if h.anyIP && hostname != "" {
		name := normalName(hostname)
		short, _, _ := strings.Cut(name, ".")
		for _, n := range []string{name, short, short + ".local"} {
			h.names[n] = true
		}
	}
	return h
}

// loopbackHosts is the policy when none is given: loopback names only.
var loopbackHosts = NewHosts(net.IPv4(127, 0, 0, 1), "", "")

// normalName lowercases a host name and drops the trailing dot of a fully
// qualified one.
func normalName(name string) string {
	return strings.TrimSuffix(strings.ToLower(name), ".")
}

// splitHost returns the host of a Host header value ("name", "name:port",
// "1.2.3.4:80", "[::1]:80", "[::1]"), or false when it is malformed.
func splitHost(hostport string) (string, bool) {
	if hostport == "" {
		return "", false
	}
	if strings.HasPrefix(hostport, "[") {
		end := strings.IndexByte(hostport, ']')
		if end < 0 {
			return "", false
		}
		rest := hostport[end+1:]
		if rest != "" && !validPort(strings.TrimPrefix(rest, ":"), strings.HasPrefix(rest, ":")) {
			return "", false
		}
		return hostport[1:end], net.ParseIP(hostport[1:end]) != nil
	}
	host, port, found := strings.Cut(hostport, ":")
	if found && !validPort(port, true) {
		return "", false
	}
	return host, host != ""
}

// validPort reports whether port (after a colon, when colon) is empty or a
// number that can be a port.
func validPort(port string, colon bool) bool {
	if !colon {
		return false
	}
	if port == "" {
		return true
	}
	n, err := strconv.Atoi(port)
	return err == nil && n >= 0 && n <= 65535 && !strings.HasPrefix(port, "+")
}

// Allowed reports whether a request with this Host header value may be
// answered.
func (h *Hosts) Allowed(hostport string) bool {
	host, ok := splitHost(hostport)
	if !ok {
		return false
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || h.anyIP
	}
	name := normalName(host)
	return name == "localhost" || strings.HasSuffix(name, ".localhost") || h.names[name]
}

// OriginAllowed reports whether an Origin header value is acceptable for the
// event stream: absent (same-origin requests need not send one), or an
// http(s) origin whose host is allowed.
func (h *Hosts) OriginAllowed(origin string) bool {
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Path != "" || u.User != nil {
		return false
	}
	return h.Allowed(u.Host)
}

// refuseHost answers a request whose Host or Origin is not allowed.
func (s *Server) refuseHost(w http.ResponseWriter, what, value string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusForbidden)
	// %q escapes control characters: the value comes from the request.
	_, _ = io.WriteString(w, fmt.Sprintf(s.text.badHost, what, value)+"\n")
}
