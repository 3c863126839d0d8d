package diag

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestCollector(t *testing.T) {
	disk := errors.New("no space left on device")
	for _, tc := range []struct {
		name    string
		errs    map[string]error // what → err, added at once
		list    string           // the sorted diagnostics, one per line
		failure string           // "" for none
	}{
		{name: "nothing", errs: map[string]error{"a.html": nil}},
		{name: "diagnostics", errs: map[string]error{
			"b.html": New("content/b.md", 3, "broken link"),
			"a.html": List{New("templates/page.html", 9, "bad field"), New("content/a.md", 1, "no title")}.Err(),
		}, list: "content/a.md:1: no title\ncontent/b.md:3: broken link\ntemplates/page.html:9: bad field"},
		{name: "a failure", errs: map[string]error{"a.html": fmt.Errorf("write: %w", disk), "b.html": New("content/b.md", 3, "broken link")},
			list: "content/b.md:3: broken link", failure: "a.html: write: no space left on device"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Collector
			var wg sync.WaitGroup
			for what, err := range tc.errs {
				wg.Go(func() { c.AddErr(what, err) })
			}
			wg.Wait()
			if got := c.List().Error(); got != tc.list {
				t.Errorf("List:\n%s\nwant:\n%s", got, tc.list)
			}
			f := c.Failure()
			if got := fmt.Sprint(f); (f == nil) != (tc.failure == "") || (f != nil && got != tc.failure) {
				t.Errorf("Failure = %v, want %q", f, tc.failure)
			}
			if f != nil && !errors.Is(f, disk) {
				t.Errorf("Failure %v does not wrap the cause", f)
			}
		})
	}
}

func TestCollectorFirstFailure(t *testing.T) {
	var c Collector
	c.AddErr("a.html", errors.New("first"))
	c.AddErr("b.html", errors.New("second"))
	c.Add(New("content/c.md", 2, "no title"), nil)
	if f := c.Failure(); f == nil || !strings.Contains(f.Error(), "first") {
		t.Errorf("Failure = %v, want the first", f)
	}
	if l := c.List(); len(l) != 1 {
		t.Errorf("List = %v, want the one diagnostic", l)
	}
}
