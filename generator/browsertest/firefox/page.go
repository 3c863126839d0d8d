package firefox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode"

	"tusach/generator/viet"
)

// Navigate loads url in the tab and waits until the page and its
// resources have loaded (the load event). Scripts the page defers have run
// by then; what they start later (fetches, timers) may still be going on,
// which [Browser.Poll] waits for.
func (b *Browser) Navigate(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	err := b.conn.call(ctx, "browsingContext.navigate", map[string]any{
		"context": b.context, "url": url, "wait": "complete",
	}, nil)
	if err != nil {
		return fmt.Errorf("navigate to %s: %w", url, err)
	}
	return nil
}

// ScriptError is a JavaScript exception thrown (or a promise rejected) by
// a script run with [Browser.Eval].
type ScriptError struct {
	Expression string // the script
	Text       string // the exception, as Firefox words it: "ReferenceError: x is not defined"
	Line       int    // 1-based line in the script
}

// Error implements error.
func (e *ScriptError) Error() string {
	return fmt.Sprintf("script threw at line %d: %s", e.Line, e.Text)
}

// evaluate runs js in the page, awaiting a promise it returns.
func (b *Browser) evaluate(ctx context.Context, js string) (remoteValue, error) {
	var res struct {
		Type             string      `json:"type"` // "success" or "exception"
		Result           remoteValue `json:"result"`
		ExceptionDetails struct {
			Text       string `json:"text"`
			LineNumber int    `json:"lineNumber"`
		} `json:"exceptionDetails"`
	}
	err := b.conn.call(ctx, "script.evaluate", map[string]any{
		"expression":      js,
		"target":          map[string]any{"context": b.context},
		"awaitPromise":    true,
		"resultOwnership": "none",
	}, &res)
	if err != nil {
		return remoteValue{}, err
	}
	if res.Type == "exception" {
		return remoteValue{}, &ScriptError{Expression: js, Text: res.ExceptionDetails.Text, Line: res.ExceptionDetails.LineNumber + 1}
	}
	return res.Result, nil
}

// Eval runs the JavaScript js in the page and stores its value in out, a
// pointer (or nil to drop the value). A promise is awaited and its value
// stored. Values arrive as encoding/json would decode their JSON: numbers
// into any numeric type or float64, arrays into slices, objects into
// structs (by json tag) or maps; a DOM node gives its BiDi sharedId.
// An exception in js is a [*ScriptError].
func (b *Browser) Eval(js string, out any) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	v, err := b.evaluate(ctx, js)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	return v.decodeInto(out)
}

// pollInterval is the pause between two evaluations in [Browser.Poll].
const pollInterval = 50 * time.Millisecond

// Poll evaluates js again and again until its value is truthy in the
// JavaScript sense, then stores it in out as [Browser.Eval] does. After
// timeout it returns an error that names the last value or exception;
// exceptions before that (a page still loading) only mean "not yet".
func (b *Browser) Poll(js string, out any, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var last error
	for {
		v, err := b.evaluate(ctx, js)
		switch {
		case err == nil && v.truthy():
			if out == nil {
				return nil
			}
			return v.decodeInto(out)
		case err == nil:
			x, _ := v.goValue()
			last = fmt.Errorf("still %v (%s)", x, v.Type)
		case errors.Is(err, context.DeadlineExceeded):
			// the deadline hit during the evaluation: keep the last answer
		default:
			last = err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("poll %.60q: timed out after %v: %w", js, timeout, last)
		case <-time.After(pollInterval):
		}
	}
}

// Type presses and releases, for each character of text, the key that
// types it, as a user would: key events go to the focused element of the
// page (or the page itself), so "/" reaches a page's shortcut handler and
// letters land in a focused input. The text is made NFC first and every
// character with its combining marks is one key, so Vietnamese letters
// ("ỉ", "Đ") are single key presses. WebDriver's special keys are code
// points of the private use area: "\uE007" is Enter, "\uE00C" Escape,
// "\uE004" Tab.
func (b *Browser) Type(text string) error {
	var actions []map[string]any
	for _, key := range graphemes(viet.NFC(text)) {
		actions = append(actions,
			map[string]any{"type": "keyDown", "value": key},
			map[string]any{"type": "keyUp", "value": key})
	}
	if len(actions) == 0 {
		return nil
	}
	err := b.perform([]map[string]any{{"type": "key", "id": "keyboard", "actions": actions}})
	if err != nil {
		return fmt.Errorf("type %q: %w", text, err)
	}
	return nil
}

// Click scrolls the first element matching the CSS selector into view and
// clicks its centre with the mouse, as a user would: the element receives
// pointer, mouse and click events, a checkbox toggles, a link is followed.
func (b *Browser) Click(selector string) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	sel, _ := json.Marshal(selector)
	// "instant": a page's scroll-behavior: smooth would otherwise still be
	// scrolling when the pointer goes down (on a busy machine, for long),
	// and the click would land on whatever has moved under the pointer
	v, err := b.evaluate(ctx, `(() => { const e = document.querySelector(`+string(sel)+`);
		if (e) e.scrollIntoView({block: "center", inline: "center", behavior: "instant"}); return e; })()`)
	if err != nil {
		return fmt.Errorf("click %s: %w", selector, err)
	}
	if v.Type != "node" || v.SharedID == "" {
		return fmt.Errorf("click %s: no element matches", selector)
	}
	err = b.perform([]map[string]any{{
		"type": "pointer", "id": "mouse", "parameters": map[string]any{"pointerType": "mouse"},
		"actions": []map[string]any{
			{"type": "pointerMove", "x": 0, "y": 0, "origin": map[string]any{
				"type": "element", "element": map[string]any{"sharedId": v.SharedID},
			}},
			{"type": "pointerDown", "button": 0},
			{"type": "pointerUp", "button": 0},
		},
	}})
	if err != nil {
		return fmt.Errorf("click %s: %w", selector, err)
	}
	return nil
}

// perform runs input actions in the tab, then releases every key and
// button they left pressed.
func (b *Browser) perform(actions []map[string]any) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	err := b.conn.call(ctx, "input.performActions", map[string]any{"context": b.context, "actions": actions}, nil)
	if rerr := b.conn.call(ctx, "input.releaseActions", map[string]any{"context": b.context}, nil); err == nil {
		err = rerr
	}
	return err
}

// graphemes splits s into characters, each a base rune with the combining
// marks after it.
func graphemes(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if i > start && !unicode.Is(unicode.M, r) {
			out = append(out, s[start:i])
			start = i
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
