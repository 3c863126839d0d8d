package firefox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/coder/websocket"
)

// conn is a WebDriver BiDi connection: commands go out as JSON with an id,
// their answers come back with the same id, and events arrive in between.
type conn struct {
	ws      *websocket.Conn
	onEvent func(method string, params json.RawMessage)
	done    chan struct{} // closed when the read loop ends

	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan reply
	err     error // why the read loop ended
}

// reply is the answer to one command.
type reply struct {
	result json.RawMessage
	err    error
}

// message is any message from the browser: a command's success or error,
// or an event.
type message struct {
	Type    string          `json:"type"` // "success", "error" or "event"
	ID      *int64          `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

// CommandError is an error answer of the browser to a command.
type CommandError struct {
	Method  string // the command: "script.evaluate"
	Code    string // the BiDi error code: "invalid argument", "no such element"
	Message string // the browser's explanation
}

// Error implements error.
func (e *CommandError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Method, e.Code, e.Message)
}

// errClosed is returned for commands sent after the connection closed.
var errClosed = errors.New("connection to firefox closed")

// dial connects to the BiDi endpoint at url and starts reading; onEvent
// is called, from the read loop, for every event.
func dial(ctx context.Context, url string, onEvent func(string, json.RawMessage)) (*conn, error) {
	ws, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", url, err)
	}
	ws.SetReadLimit(-1) // results (the DOM tree, a long list) can be large
	c := &conn{ws: ws, onEvent: onEvent, done: make(chan struct{}), pending: map[int64]chan reply{}}
	go c.readLoop()
	return c, nil
}

// readLoop delivers answers to the waiting commands and events to onEvent
// until the connection fails or closes.
func (c *conn) readLoop() {
	defer close(c.done)
	for {
		_, data, err := c.ws.Read(context.Background())
		if err != nil {
			c.fail(err)
			return
		}
		var m message
		if err := json.Unmarshal(data, &m); err != nil {
			c.fail(fmt.Errorf("decode a message from firefox: %w", err))
			return
		}
		if m.Type == "event" {
			c.onEvent(m.Method, m.Params)
			continue
		}
		if m.ID == nil {
			continue // an error about a message we could not have sent
		}
		c.mu.Lock()
		ch := c.pending[*m.ID]
		delete(c.pending, *m.ID)
		c.mu.Unlock()
		if ch == nil {
			continue
		}
		if m.Type == "error" {
			ch <- reply{err: &CommandError{Code: m.Error, Message: m.Message}}
		} else {
			ch <- reply{result: m.Result}
		}
	}
}

// fail ends every waiting command with err.
func (c *conn) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = fmt.Errorf("%w: %w", errClosed, err)
	}
	for id, ch := range c.pending {
		ch <- reply{err: c.err}
		delete(c.pending, id)
	}
}

// call sends the command method with params and waits for its answer,
// which it decodes into result unless result is nil.
func (c *conn) call(ctx context.Context, method string, params any, result any) error {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return fmt.Errorf("%s: %w", method, c.err)
	}
	c.nextID++
	id := c.nextID
	ch := make(chan reply, 1)
	c.pending[id] = ch
	c.mu.Unlock()

	data, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		c.forget(id)
		return fmt.Errorf("%s: encode: %w", method, err)
	}
	if err := c.ws.Write(ctx, websocket.MessageText, data); err != nil {
		c.forget(id)
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.err != nil {
			var ce *CommandError
			if errors.As(r.err, &ce) {
				ce.Method = method
				return ce
			}
			return fmt.Errorf("%s: %w", method, r.err)
		}
		if result == nil {
			return nil
		}
		if err := json.Unmarshal(r.result, result); err != nil {
			return fmt.Errorf("%s: decode the answer: %w", method, err)
		}
		return nil
	case <-ctx.Done():
		c.forget(id)
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// forget drops a command nobody waits for any more.
func (c *conn) forget(id int64) {
	c.mu.Lock()
	delete(c.pending, id)
	c.mu.Unlock()
}

// close closes the WebSocket and waits for the read loop to end.
func (c *conn) close() {
	_ = c.ws.CloseNow()
	<-c.done
}
