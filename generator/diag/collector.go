package diag

import (
	"fmt"
	"sync"
)

// Collector is a List safe for concurrent use by parallel stages. Besides
// diagnostics it keeps the first failure that is not one ([Collector.AddErr]).
type Collector struct {
	mu      sync.Mutex
	list    List
	failure error
}

// Add records errors; nil errors are ignored.
func (c *Collector) Add(errs ...*Error) {
	c.mu.Lock()
	c.list.Add(errs...)
	c.mu.Unlock()
}

// AddErr records err, from the work on what (a page, a file): the
// diagnostics it carries when they name a file (a problem in content or
// templates), else, if it is the first such, err itself as a failure
// ("what: err"). A nil err is ignored.
func (c *Collector) AddErr(what string, err error) {
	if err == nil {
		return
	}
	l := AsList(err)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(l) > 0 && l[0].Path != "" {
		c.list.Add(l...)
	} else if c.failure == nil {
		c.failure = fmt.Errorf("%s: %w", what, err)
	}
}

// List returns the sorted errors recorded so far.
func (c *Collector) List() List {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := append(List(nil), c.list...)
	l.Sort()
	return l
}

// Failure returns the first error given to AddErr that carried no
// diagnostics; nil when there was none.
func (c *Collector) Failure() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failure
}
