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

// serve serves h on ln with these limits until the server is shut down.
func (l limits) serve(h http.Handler, ln net.Listener) (*http.Server, <-chan error) {
	ll := &limitListener{Listener: ln, slots: make(chan struct{}, l.MaxConns), done: make(chan struct{}),
		idle: map[net.Conn]uint64{}, idled: make(chan struct{}, 1)}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeader,
		ReadTimeout:       l.Read,
		WriteTimeout:      l.Write,
		IdleTimeout:       l.Idle,
		MaxHeaderBytes:    64 << 10,
		ConnState:         ll.track,
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ll) }()
	return hs, served
}

// limitListener accepts a connection only while fewer than cap(slots) are
// open. At the cap, it closes the connection that has been doing nothing
// the longest (a keep-alive connection between requests, or one that has
// not sent a request yet) to make room — clients open a new one when they
// need it — and when every connection is busy (requests being answered,
// live-reload streams), further ones wait in the system's queue until one
// closes. So idle connections, however many, never lock the editor out.
type limitListener struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{}
	closeOnce sync.Once

	mu    sync.Mutex
	idle  map[net.Conn]uint64 // connections doing nothing → when they began to (a count)
	clock uint64
	idled chan struct{} // told when a connection joins idle
}

// track is the http.Server's ConnState hook: it keeps the set of
// connections doing nothing.
func (l *limitListener) track(c net.Conn, st http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch st {
	case http.StateNew, http.StateIdle:
		l.clock++
		l.idle[c] = l.clock
		select {
		case l.idled <- struct{}{}:
		default: // Accept is told already
		}
	default:
		delete(l.idle, c)
	}
}

// evictIdle closes the connection that has been doing nothing the longest;
// it reports false when there is none.
func (l *limitListener) evictIdle() bool {
	l.mu.Lock()
	var oldest net.Conn
	var since uint64
	for c, t := range l.idle {
		if oldest == nil || t < since {
			oldest, since = c, t
		}
	}
	delete(l.idle, oldest)
	l.mu.Unlock()
	if oldest == nil {
		return false
	}
	oldest.Close()
	return true
}

// Accept waits for a connection, then for a free slot for it, making one
// from an idle connection if it must.
func (l *limitListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	for {
		select {
		case l.slots <- struct{}{}:
			return &limitConn{Conn: c, release: sync.OnceFunc(func() { <-l.slots })}, nil
		default:
		}
		if l.evictIdle() {
			continue // its slot is free, unless another took it
		}
		select {
		case l.slots <- struct{}{}:
			return &limitConn{Conn: c, release: sync.OnceFunc(func() { <-l.slots })}, nil
		case <-l.idled: // a connection just finished its request: it can make room
		case <-l.done:
			c.Close()
			return nil, net.ErrClosed
		}
	}
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
