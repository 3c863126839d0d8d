package serve

import (
	"net"
	"net/http"
	"sync"
	"time"

	"tusach/generator/serve/preview"
)

// limits bound what clients can hold of the preview server, so that no
// number of connections, idle or slow, makes it unreachable for the editor.
// Event streams (one per open tab) live longer than any of these timeouts:
// preview.Server lifts the read deadline for them and bounds each write.
type limits struct {
	MaxConns   int           // connections open at once; more wait to be accepted
	MaxStreams int           // live-reload event streams open at once; more get 503
	ReadHeader time.Duration // to send a request's headers
	Read       time.Duration // to send a whole request
	Write      time.Duration // to read a whole response (each event, for streams)
	Idle       time.Duration // a keep-alive connection waiting for its next request
}

// defaultLimits are far above what an editor's browser uses (a handful of
// connections per tab) and far below what exhausts the machine.
var defaultLimits = limits{
	MaxConns:   256,
	MaxStreams: preview.DefaultMaxStreams,
	ReadHeader: 10 * time.Second,
	Read:       30 * time.Second,
	Write:      60 * time.Second,
	Idle:       30 * time.Second,
}

// orDefaults fills the zero fields of l from defaultLimits.
func (l limits) orDefaults() limits {
	d := defaultLimits
	if l.MaxConns > 0 {
		d.MaxConns = l.MaxConns
	}
	if l.MaxStreams > 0 {
		d.MaxStreams = l.MaxStreams
	}
	for _, p := range []struct{ set, def *time.Duration }{
		{&l.ReadHeader, &d.ReadHeader}, {&l.Read, &d.Read}, {&l.Write, &d.Write}, {&l.Idle, &d.Idle},
	} {
		if *p.set > 0 {
			*p.def = *p.set
		}
	}
	return d
}

// httpServer returns the http.Server for h with these limits; serve it on
// l.listener's result.
func (l limits) httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeader,
		ReadTimeout:       l.Read,
		WriteTimeout:      l.Write,
		IdleTimeout:       l.Idle,
		MaxHeaderBytes:    64 << 10,
	}
}

// listener caps the connections accepted from ln at once.
func (l limits) listener(ln net.Listener) net.Listener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, l.MaxConns), done: make(chan struct{})}
}

// limitListener accepts a connection only while fewer than cap(slots) are
// open; further ones wait in the system's queue until one closes.
type limitListener struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

// Accept waits for a free slot, then for a connection.
func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, release: sync.OnceFunc(func() { <-l.slots })}, nil
}

// Close stops accepting, also while Accept waits for a slot.
func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// limitConn frees its slot when closed.
type limitConn struct {
	net.Conn
	release func()
}

// Close closes the connection and frees its slot (once).
func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.release()
	return err
}
