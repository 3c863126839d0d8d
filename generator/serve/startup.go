package serve

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// maxShownAddrs is how many of the machine's network addresses the startup
// line offers when bound to all of them.
const maxShownAddrs = 3

// startup is what Run prints once it listens on addr, and the URL it opens
// (--open) and reports to Options.Ready.
type startup struct {
	warning string // "" when bound to loopback; printed as soon as it listens
	line    string // printed once it serves
	url     string // a URL that works on this machine
}

// startupText describes serving at addr under base: the real address bound;
// for an unspecified address (0.0.0.0, ::), that it is every address of the
// machine, with a URL for this machine and for others (from machineIPs, the
// machine's addresses); and, whenever the address is not loopback, a
// warning that the network can read the preview — drafts too, with drafts.
func startupText(text messages, addr net.Addr, base string, drafts bool, machineIPs []net.IP) startup {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		u := "http://" + addr.String() + base
		return startup{line: fmt.Sprintf(text.serving, u), url: u}
	}
	ip := net.ParseIP(host)
	var s startup
	if ip != nil && !ip.IsLoopback() {
		warning := fmt.Sprintf(text.network, host)
		if drafts {
			warning += text.networkDrafts
		}
		s.warning = warning + text.networkEnd
	}
	if ip == nil || !ip.IsUnspecified() {
		s.url = "http://" + net.JoinHostPort(host, port) + base
		s.line = fmt.Sprintf(text.serving, s.url)
		return s
	}
	s.url = "http://" + net.JoinHostPort("127.0.0.1", port) + base
	var others []string
	for _, m := range machineIPs {
		if m.IsLoopback() || m.IsLinkLocalUnicast() || m.IsUnspecified() || (m.To4() == nil && ip.To4() != nil) {
			continue
		}
		if len(others) == maxShownAddrs {
			break
		}
		others = append(others, "http://"+net.JoinHostPort(m.String(), port)+base)
	}
	line := fmt.Sprintf(text.servingAll, host, port, s.url)
	if len(others) > 0 {
		line += fmt.Sprintf(text.servingOthers, strings.Join(others, ", "))
	}
	s.line = line + text.stop
	return s
}

// machineIPs returns the addresses of the machine's network interfaces;
// none when they cannot be listed (the startup line then offers only
// 127.0.0.1).
func machineIPs() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			ips = append(ips, n.IP)
		}
	}
	return ips
}

// listen listens where Run serves: an IPv4 address (0.0.0.0 included)
// over IPv4 only, as asked, anything else as net.Listen does.
func listen(bind string, port int) (net.Listener, error) {
	bind = strings.Trim(bind, "[]")
	network := "tcp"
	if ip := net.ParseIP(bind); ip != nil && ip.To4() != nil {
		network = "tcp4"
	}
	return net.Listen(network, net.JoinHostPort(bind, strconv.Itoa(port)))
}
