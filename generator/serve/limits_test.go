package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// hostPort is the host:port of a served URL.
func hostPort(url string) string {
	rest := strings.TrimPrefix(url, "http://")
	return rest[:strings.IndexByte(rest, '/')]
}

// isTimeout reports whether err is a deadline passing.
func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// closedByServer waits until the server closes conn (a read gets EOF or a
// reset), and fails when it is still open after a minute — a hang guard,
// far beyond any timeout set by these tests.
func closedByServer(t *testing.T, conn net.Conn, r *bufio.Reader) {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(time.Minute))
	_, err := r.ReadByte()
	if err == nil {
		t.Fatal("the server sent data on an idle connection")
	}
	if isTimeout(err) {
		t.Fatal("the server never closed the idle connection")
	}
}

// TestIdleConnectionsClosed checks that the server closes a keep-alive
// connection that sends no further request, and one that never sends its
// headers.
func TestIdleConnectionsClosed(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "x")
	r := runSite(t, Options{Source: root, Builder: markdownEcho(root),
		limits: limits{Idle: 50 * time.Millisecond, ReadHeader: 50 * time.Millisecond}})
	addr := hostPort(r.url)

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Close {
		t.Fatalf("first request: %d, close %v", resp.StatusCode, resp.Close)
	}
	closedByServer(t, conn, br)

	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	fmt.Fprintf(silent, "GET / HTTP/1.1\r\nHost: %s\r\n", addr) // and never the end of the headers
	closedByServer(t, silent, bufio.NewReader(silent))
}

// keepAlive opens a connection, makes one request on it and leaves it open
// and idle, as a browser keeps a connection for later.
func keepAlive(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return conn, br
}

// getFresh gets url on a new connection and sends its status to answered
// (0 when it failed).
func getFresh(url string, answered chan<- int) {
	client := &http.Client{Transport: &http.Transport{}, Timeout: time.Minute}
	resp, err := client.Get(url)
	if err != nil {
		answered <- 0
		return
	}
	resp.Body.Close()
	answered <- resp.StatusCode
}

// TestConnectionCap fills the server's connections. Idle ones (however
// many a client opens) make way for a new request: the one idle longest
// is closed. Busy ones (live-reload streams) are never closed: a request
// beyond them waits until one ends.
func TestConnectionCap(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "x")
	r := runSite(t, Options{Source: root, Builder: markdownEcho(root), limits: limits{MaxConns: 3, MaxStreams: 3, Idle: time.Hour}})
	addr := hostPort(r.url)
	_, body := fetch(t, r.url)
	id := buildAttr.FindStringSubmatch(body)[1]
	idle := make(chan error, 2)
	for range 2 {
		conn, br := keepAlive(t, addr)
		go func() {
			conn.SetReadDeadline(time.Now().Add(time.Minute)) // a hang guard
			_, err := br.ReadByte()
			idle <- err
		}()
	}
	stream := events(t, r.url, id) // busy: never closed to make room
	answered := make(chan int, 1)
	getFresh(r.url, answered)
	if code := <-answered; code != 200 {
		t.Fatalf("a request with every connection held: status %d", code)
	}
	if err := <-idle; err == nil || isTimeout(err) {
		t.Fatalf("no idle connection was closed to make room: %v", err)
	}

	// Now every slot is busy: two more streams and the one above.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.url+"__tusach/events?since="+id, nil)
	resp, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events(t, r.url, id)
	go getFresh(r.url, answered)
	// Give a broken cap the chance to show: the request must still wait.
	time.Sleep(200 * time.Millisecond)
	select {
	case code := <-answered:
		t.Fatalf("a request was served (%d) while 3 streams held the cap of 3", code)
	default:
	}
	cancel() // one stream ends
	if code := <-answered; code != 200 {
		t.Fatalf("after a stream ended: status %d", code)
	}
	writeFile(t, root, "content/a.md", "y")
	want(t, stream, "reload") // the first stream was never closed
}

// TestStreamCap opens more live-reload streams than the cap: the extra one
// is refused with 503 while pages still answer, and the streams that were
// accepted outlive the server's read and write timeouts and still get the
// reload after an edit.
func TestStreamCap(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "bản một")
	r := runSite(t, Options{Source: root, Builder: markdownEcho(root),
		limits: limits{MaxStreams: 2, Read: 50 * time.Millisecond, Write: 50 * time.Millisecond}})
	_, body := fetch(t, r.url)
	id := buildAttr.FindStringSubmatch(body)[1]
	first, second := events(t, r.url, id), events(t, r.url, id)
	resp, err := http.Get(r.url + "__tusach/events?since=" + id)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("a stream beyond the cap: status %d, want 503", resp.StatusCode)
	}
	if code, body := fetch(t, r.url); code != 200 || !strings.Contains(body, "bản một") {
		t.Fatalf("a page while the streams are full: %d", code)
	}
	// Longer than the read and write timeouts: a stream must not be cut by them.
	time.Sleep(300 * time.Millisecond)
	writeFile(t, root, "content/a.md", "bản hai")
	want(t, first, "reload")
	want(t, second, "reload")
}
