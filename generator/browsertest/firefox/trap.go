package firefox

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// trap is the proxy Firefox is told to use: anything that reaches it was
// about to leave the machine. It records the request line as a problem and
// answers 403.
type trap struct {
	ln   net.Listener
	rec  *recorder
	wg   sync.WaitGroup
	once sync.Once
}

// startTrap listens on a free loopback port.
func startTrap(rec *recorder) (*trap, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("network trap: %w", err)
	}
	tr := &trap{ln: ln, rec: rec}
	tr.wg.Add(1)
	go tr.serve()
	return tr, nil
}

// port returns the port the trap listens on.
func (tr *trap) port() int { return tr.ln.Addr().(*net.TCPAddr).Port }

// serve accepts connections until the listener closes.
func (tr *trap) serve() {
	defer tr.wg.Done()
	for {
		c, err := tr.ln.Accept()
		if err != nil {
			return
		}
		tr.wg.Add(1)
		go func() {
			defer tr.wg.Done()
			tr.refuse(c)
		}()
	}
}

// refuse records the first line of the request on c and answers 403.
func (tr *trap) refuse(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	line = strings.TrimSpace(line)
	if line == "" && err != nil {
		line = "(a connection that sent no request: " + err.Error() + ")"
	}
	tr.rec.problem("request outside the machine reached the network trap: %s", line)
	_, _ = c.Write([]byte("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
}

// close stops listening and waits for the connections being answered.
func (tr *trap) close() {
	tr.once.Do(func() {
		tr.ln.Close()
		tr.wg.Wait()
	})
}
