package firefox

import (
	"encoding/json"
	"strings"
)

// Firefox's BiDi network events leave out file: requests (Mozilla bug
// 1826210), so a page opened from disk would show no requests at all. For
// those, a script that Firefox runs in every new page, in a sandbox of its
// own before the page's scripts, watches the load and error events of the
// page's elements (script, link, img, iframe, media…) and sends their URLs
// back through a BiDi channel. It sees what elements load; what a
// stylesheet loads (url(), @import, fonts) and fetch() of a file: URL stay
// unseen. Requests over http and https come from the network events, which
// see everything.

// loadsChannel is the BiDi channel the page script sends on.
const loadsChannel = "tusach-element-loads"

// loadsScript is the preload script: a function of the channel.
const loadsScript = `(send) => {
	const urlOf = (el) => {
		for (const k of ["currentSrc", "src", "href", "data"]) {
			if (typeof el[k] === "string" && el[k]) return el[k];
		}
		return "";
	};
	const watch = (kind) => document.addEventListener(kind, (e) => {
		const el = e.target;
		if (!el || el.nodeType !== 1) return;
		const url = urlOf(el);
		if (url) send({kind, url, tag: el.localName});
	}, true);
	watch("load");
	watch("error");
	send({kind: "document", url: String(location.href), tag: ""});
}`

// preloadParams are the parameters of script.addPreloadScript.
func preloadParams() map[string]any {
	return map[string]any{
		"functionDeclaration": loadsScript,
		"arguments": []map[string]any{{
			"type": "channel", "value": map[string]any{"channel": loadsChannel},
		}},
		"sandbox": "tusach-recorder",
	}
}

// elementLoad is one message of the preload script.
type elementLoad struct {
	Kind string `json:"kind"` // "document", "load" or "error"
	URL  string `json:"url"`
	Tag  string `json:"tag"` // "script", "img"…
}

// scriptMessage records a message of the preload script: file: URLs only,
// since the network events report the rest.
func (r *recorder) scriptMessage(params json.RawMessage) {
	var m struct {
		Channel string      `json:"channel"`
		Data    remoteValue `json:"data"`
	}
	if json.Unmarshal(params, &m) != nil || m.Channel != loadsChannel {
		return
	}
	var ld elementLoad
	if m.Data.decodeInto(&ld) != nil || !strings.HasPrefix(ld.URL, "file:") {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests = append(r.requests, ld.URL)
	if ld.Kind == "error" {
		r.problems = append(r.problems, "request "+ld.URL+" failed: error event on <"+ld.Tag+">")
	}
}
