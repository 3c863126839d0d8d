package preview

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"io"
	"net/http"
	"time"
)

// Paths, under the base path, of the live-reload script and its events.
const (
	scriptPath = "__tusach/livereload.js"
	eventsPath = "__tusach/events"
)

// liveReloadJS is the script injected into served pages.
//
//go:embed livereload.js
var liveReloadJS []byte

// pingEvery is how often an idle event stream sends a comment, so that
// proxies keep it open and gone clients are noticed.
const pingEvery = 20 * time.Second

// scriptTag is the tag injected into pages of build id.
func (s *Server) scriptTag(id string) string {
	return `<script src="` + html.EscapeString(s.base+scriptPath) + `" data-build="` +
		html.EscapeString(id) + `" defer></script>`
}

// splitForScript splits an HTML page where the script goes: before the last
// </body>, or at the end when there is none.
func splitForScript(page []byte) (head, tail []byte) {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = bytes.LastIndex(page, []byte("</BODY>"))
	}
	if i < 0 {
		return page, nil
	}
	return page[:i], page[i:]
}

// serveEvents streams build events to one browser tab. The query parameter
// since is the id of the build the page came from. A request from a page
// of another site (its Origin is not allowed) is refused, and so is one
// beyond the cap of open streams. The stream lives longer than the
// http.Server's WriteTimeout: each write gets its own deadline, so that
// only a client that stops reading is dropped. (The server lifts the read
// deadline itself once a request without a body is read.)
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); !s.hosts.OriginAllowed(origin) {
		s.refuseHost(w, "Origin", origin)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	select {
	case s.streams <- struct{}{}:
		defer func() { <-s.streams }()
	default:
		w.Header().Set("Retry-After", "60")
		http.Error(w, s.text.tooManyStreams, http.StatusServiceUnavailable)
		return
	}
	rc := http.NewResponseController(w)
	// write runs f, which writes to w, with a fresh deadline, and flushes.
	write := func(f func() error) error {
		_ = rc.SetWriteDeadline(time.Now().Add(s.streamWrites))
		if err := f(); err != nil {
			return err
		}
		flusher.Flush()
		return nil
	}
	st, _ := s.current()
	since := st.id
	if q := r.URL.Query(); q.Has("since") {
		since = q.Get("since")
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	err := write(func() error {
		w.WriteHeader(http.StatusOK)
		_, err := io.WriteString(w, "retry: 1000\n: tusach\n\n")
		return err
	})
	if err != nil {
		return
	}
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	var told *status
	for {
		st, changed := s.current()
		if st != told {
			told = st
			var err error
			switch {
			case st.problems != nil:
				err = write(func() error { return writeEvent(w, "errors", st.problems) })
			case st.id != since:
				since = st.id
				err = write(func() error { return writeEvent(w, "reload", st.id) })
			}
			if err != nil {
				return
			}
		}
		select {
		case <-changed:
		case <-ping.C:
			err := write(func() error {
				_, err := io.WriteString(w, ": ping\n\n")
				return err
			})
			if err != nil {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// writeEvent writes one server-sent event whose data is v as JSON (one
// line: JSON strings escape newlines).
func writeEvent(w io.Writer, name string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("preview: event %s: %w", name, err)
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, data)
	return err
}

// errorPage is shown for pages until a first build succeeds.
var errorPage = template.Must(template.New("errors").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · tusach</title></head>
<body style="font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem">
<h1>{{.Title}}</h1>
<p>{{.Hint}}</p>
<ul style="font-family:ui-monospace,monospace;white-space:pre-wrap">{{range .Problems}}
<li>{{.Text}}</li>{{end}}
</ul>
</body></html>
`))

// serveErrorPage answers while no build has succeeded yet: pages get the
// list of errors (with the live-reload script, which shows the same in its
// overlay and reloads after the first good build), other files a 503.
func (s *Server) serveErrorPage(w http.ResponseWriter, r *http.Request) {
	st, _ := s.current()
	w.Header().Set("Retry-After", "1")
	tg := resolve(s.base, r.URL.Path)
	if !isHTML(tg.rel) {
		http.Error(w, s.text.noBuild, http.StatusServiceUnavailable)
		return
	}
	var buf bytes.Buffer
	err := errorPage.Execute(&buf, struct {
		Lang, Title, Hint string
		Problems          []Problem
	}{s.text.lang, s.text.noBuild, s.text.hint, st.problems})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	head, tail := splitForScript(buf.Bytes())
	w.Header().Set("Content-Type", contentTypes[".html"])
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method == http.MethodHead {
		return
	}
	w.Write(head)
	io.WriteString(w, s.scriptTag(st.id))
	w.Write(tail)
}

// messages are the terminal and page texts in one language.
type messages struct {
	lang  string
	built string // time, files, milliseconds; the changed files follow
	// unchanged: time; a build that changed nothing, the changed files follow
	unchanged string
	failed    string // time, number of errors
	// failedFirst: time, number of errors; a failure with no good build yet
	failedFirst string
	// badHost: "Host" or "Origin", its value; the answer to a refused name
	badHost string
	// tooManyStreams: the answer to an event stream beyond the cap
	tooManyStreams string
	// superseded: time; a failed build followed by newer changes
	superseded string
	noBuild    string
	hint       string
}

var messageSets = map[string]messages{
	"vi": {
		lang:      "vi",
		built:     "%s đã dựng %d tệp trong %d ms",
		unchanged: "%s không có gì thay đổi",
		failed:    "%s dựng thất bại: %d lỗi; vẫn phục vụ bản dựng tốt gần nhất",
		failedFirst: "%s dựng thất bại: %d lỗi; chưa có bản dựng nào để phục vụ: trình duyệt hiện các lỗi, " +
			"sửa tệp là trang tự dựng lại",
		badHost: "tusach serve: từ chối %s %q (chống DNS rebinding): hãy mở bằng localhost, 127.0.0.1, " +
			"địa chỉ IP của máy, hoặc tên đã cho --bind",
		tooManyStreams: "tusach serve: quá nhiều thẻ đang mở tự tải lại; thẻ này không tự tải lại",
		superseded:     "%s tệp vẫn đang thay đổi trong lúc dựng; dựng lại",
		noBuild:        "Chưa dựng được trang",
		hint:           "Hãy sửa các lỗi dưới đây; trang sẽ tự tải lại khi dựng xong.",
	},
	"en": {
		lang:      "en",
		built:     "%s built %d files in %d ms",
		unchanged: "%s nothing changed",
		failed:    "%s build failed: %d errors; still serving the last good build",
		failedFirst: "%s build failed: %d errors; nothing to serve yet: the browser shows the errors, " +
			"and the site builds as soon as the file is fixed",
		badHost: "tusach serve: %s %q refused (DNS rebinding protection): open the preview with localhost, " +
			"127.0.0.1, an IP address of this machine, or the name given to --bind",
		tooManyStreams: "tusach serve: too many tabs with live reload open; this one will not reload by itself",
		superseded:     "%s files changed during the build; building again",
		noBuild:        "The site could not be built",
		hint:           "Fix the errors below; the page reloads by itself once the site builds.",
	},
}

// messagesFor returns the texts for lang, Vietnamese by default.
func messagesFor(lang string) messages {
	if m, ok := messageSets[lang]; ok {
		return m
	}
	return messageSets["vi"]
}
