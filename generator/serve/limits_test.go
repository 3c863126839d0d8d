package serve

import (
	"bufio"
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
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
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

// TestConnectionCap holds every connection the server accepts and checks
// that a further request waits for one of them to close, then answers.
func TestConnectionCap(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "x")
	r := runSite(t, Options{Source: root, Builder: markdownEcho(root), limits: limits{MaxConns: 2}})
	addr := hostPort(r.url)
	var held []net.Conn
	for range 2 {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		held = append(held, conn) // kept alive: the server keeps its slot
	}
	answered := make(chan int, 1)
	go func() {
		client := &http.Client{Transport: &http.Transport{}, Timeout: time.Minute}
		resp, err := client.Get(r.url)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	// Give a broken cap the chance to show: the request must still wait.
	time.Sleep(200 * time.Millisecond)
	select {
	case code := <-answered:
		t.Fatalf("a third connection was served (%d) while the cap of 2 was held", code)
	default:
	}
	held[0].Close()
	if code := <-answered; code != 200 {
		t.Fatalf("after a connection closed: status %d", code)
	}
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
