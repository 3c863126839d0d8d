package watch

import "time"

// pacer decides when the batch being gathered is delivered. A batch is due
// once the folders have been quiet for quiet after its last change, or
// maxDelay after its first change when they never are — and never sooner
// than interval after the receiver took the previous batch. A due batch
// waits for the receiver (busy rebuilding) and keeps gathering changes
// meanwhile, so that changes during a rebuild make exactly one more.
//
// So a single save is delivered quiet after it, as without a pacer; a
// steady stream of changes (an autosaving editor, a sync tool writing in
// bursts) starts at most one rebuild per interval, whatever the gaps
// between its bursts; and no change waits longer than max(maxDelay,
// interval) for a receiver that is free.
//
// It holds no clock: the watcher's loop passes the time of each change
// and of each check, and tests pass the times they choose.
type pacer struct {
	quiet, maxDelay, interval time.Duration

	pending     bool      // the batch holds changes
	first, last time.Time // of the batch's changes, when pending
	ready       bool      // the batch is due and waits for the receiver
	tookBefore  bool      // a batch was taken before
	took        time.Time // when the receiver took the last batch, when tookBefore
}

// add records a change at now.
func (p *pacer) add(now time.Time) {
	if !p.pending {
		p.pending, p.first = true, now
	}
	p.last = now
}

// due returns when the pending batch may be delivered, as things stand.
func (p *pacer) due() time.Time {
	d := minTime(p.last.Add(p.quiet), p.first.Add(p.maxDelay))
	if p.tookBefore {
		if next := p.took.Add(p.interval); next.After(d) {
			d = next
		}
	}
	return d
}

// wake returns when the loop should next call check, and false when no
// check is needed (nothing pending, or a batch is ready already).
func (p *pacer) wake() (time.Time, bool) {
	if !p.pending || p.ready {
		return time.Time{}, false
	}
	return p.due(), true
}

// check makes the pending batch ready when it is due at now, and reports
// whether a batch is ready for the receiver.
func (p *pacer) check(now time.Time) bool {
	if p.pending && !p.ready && !now.Before(p.due()) {
		p.ready = true
	}
	return p.ready
}

// take records that the receiver took the ready batch at now.
func (p *pacer) take(now time.Time) {
	p.pending, p.ready = false, false
	p.tookBefore, p.took = true, now
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
