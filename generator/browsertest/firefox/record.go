package firefox

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// recorder keeps what the browser reported: problems and requests.
type recorder struct {
	mu       sync.Mutex
	problems []string
	requests []string
	urls     map[string]string // request id → URL, for fetch errors
}

// problem records one problem.
func (r *recorder) problem(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r.mu.Lock()
	r.problems = append(r.problems, msg)
	r.mu.Unlock()
}

// problemList returns a copy of the problems.
func (r *recorder) problemList() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.problems...)
}

// requestList returns a copy of the requested URLs.
func (r *recorder) requestList() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requests...)
}

// logEntry is the part of a log.entryAdded event the recorder reads.
type logEntry struct {
	Type       string `json:"type"`  // "console" or "javascript"
	Level      string `json:"level"` // "debug", "info", "warn", "error"
	Method     string `json:"method"`
	Text       string `json:"text"`
	StackTrace struct {
		CallFrames []struct {
			URL        string `json:"url"`
			LineNumber int    `json:"lineNumber"` // 0-based
		} `json:"callFrames"`
	} `json:"stackTrace"`
}

// networkEvent is the part of the network events the recorder reads.
type networkEvent struct {
	Request struct {
		Request string `json:"request"` // the id
		URL     string `json:"url"`
	} `json:"request"`
	Response struct {
		URL        string `json:"url"`
		Status     int    `json:"status"`
		StatusText string `json:"statusText"`
	} `json:"response"`
	ErrorText string `json:"errorText"`
}

// event records one BiDi event.
func (r *recorder) event(method string, params json.RawMessage) {
	switch method {
	case "log.entryAdded":
		var e logEntry
		if json.Unmarshal(params, &e) != nil || e.Level != "error" {
			return
		}
		where := ""
		if f := e.StackTrace.CallFrames; len(f) > 0 {
			where = fmt.Sprintf(" at %s:%d", f[0].URL, f[0].LineNumber+1)
		}
		if e.Type == "console" {
			r.problem("console.%s: %s%s", e.Method, e.Text, where)
		} else {
			r.problem("uncaught %s error: %s%s", e.Type, e.Text, where)
		}
	case "script.message":
		r.scriptMessage(params)
	case "network.beforeRequestSent", "network.fetchError", "network.responseCompleted":
		var e networkEvent
		if json.Unmarshal(params, &e) != nil {
			return
		}
		r.network(method, e)
	}
}

// network records one network event.
func (r *recorder) network(method string, e networkEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.urls == nil {
		r.urls = map[string]string{}
	}
	switch method {
	case "network.beforeRequestSent":
		// a redirect sends the event again with the same id: one request
		if prev, ok := r.urls[e.Request.Request]; !ok || prev != e.Request.URL {
			r.requests = append(r.requests, e.Request.URL)
		}
		r.urls[e.Request.Request] = e.Request.URL
	case "network.fetchError":
		if strings.Contains(e.ErrorText, "NS_BINDING_ABORTED") {
			return // cancelled by the page or a navigation, not a failure
		}
		r.problems = append(r.problems, fmt.Sprintf("request %s failed: %s", e.Request.URL, e.ErrorText))
	case "network.responseCompleted":
		if e.Response.Status >= 400 {
			r.problems = append(r.problems, fmt.Sprintf("request %s: HTTP %d %s", e.Request.URL, e.Response.Status, e.Response.StatusText))
		}
	}
}
