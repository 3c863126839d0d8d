package watch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// t0 is the start of every simulated schedule.
var t0 = time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)

// ms is a number of milliseconds, possibly fractional, as a Duration.
func ms(x float64) time.Duration { return time.Duration(math.Round(x * float64(time.Millisecond))) }

// taken is one batch taken by the simulated receiver.
type taken struct {
	at      time.Duration // after t0
	changes int
}

// simulate runs p as the watcher's loop does, over changes at the given
// offsets from t0 (sorted), with a receiver that takes each batch as soon
// as it is ready and then rebuilds for busy. A change and a check at the
// same instant: the change comes first.
func simulate(p pacer, changes []time.Duration, busy time.Duration) []taken {
	var out []taken
	free := t0 // when the receiver reads again
	var readyAt time.Time
	n, i := 0, 0 // changes in the batch; next change
	next := func() time.Time { return t0.Add(changes[i]) }
	for {
		if at, ok := p.wake(); ok {
			if i < len(changes) && !next().After(at) {
				p.add(next())
				i, n = i+1, n+1
				continue
			}
			if p.check(at) {
				readyAt = at
			}
			continue
		}
		if p.ready {
			at := readyAt
			if free.After(at) {
				at = free
			}
			for i < len(changes) && !next().After(at) { // they join the batch while it waits
				p.add(next())
				i, n = i+1, n+1
			}
			p.take(at)
			out = append(out, taken{at.Sub(t0), n})
			n, free = 0, at.Add(busy)
			continue
		}
		if i == len(changes) {
			return out
		}
		p.add(next())
		i, n = i+1, n+1
	}
}

// every returns count offsets, step apart, from start.
func every(start, step time.Duration, count int) []time.Duration {
	out := make([]time.Duration, count)
	for k := range out {
		out[k] = start + time.Duration(k)*step
	}
	return out
}

// bursts returns a sync tool's writes: count bursts, one every period, of
// perBurst writes step apart.
func bursts(count int, period time.Duration, perBurst int, step time.Duration) []time.Duration {
	var out []time.Duration
	for b := range count {
		out = append(out, every(time.Duration(b)*period, step, perBurst)...)
	}
	return out
}

func defaultPacer(interval time.Duration) pacer {
	return pacer{quiet: DefaultQuiet, maxDelay: DefaultMaxDelay, interval: interval}
}

// TestPacerSchedule checks the exact schedule of batches the debounce
// promises, for the saves of editors and for streams of writes.
func TestPacerSchedule(t *testing.T) {
	tests := []struct {
		name     string
		changes  []time.Duration
		busy     time.Duration
		interval time.Duration
		want     []taken
	}{
		{"one save: delivered quiet after it", []time.Duration{0}, ms(30), DefaultMinInterval,
			[]taken{{ms(20), 1}}},
		{"an atomic save by rename: one batch", []time.Duration{0, ms(0.2), ms(0.5)}, ms(30), DefaultMinInterval,
			[]taken{{ms(20.5), 3}}},
		{"two saves far apart: each quiet after it", []time.Duration{0, ms(2000)}, ms(30), DefaultMinInterval,
			[]taken{{ms(20), 1}, {ms(2020), 1}}},
		{"two saves 300 ms apart: the second waits for the interval", []time.Duration{0, ms(300)}, ms(30), DefaultMinInterval,
			[]taken{{ms(20), 1}, {ms(520), 1}}},
		{"a save during a quick rebuild: one more after the interval", []time.Duration{0, ms(30)}, ms(50), DefaultMinInterval,
			[]taken{{ms(20), 1}, {ms(520), 1}}},
		{"saves during a slow rebuild: exactly one more, when it ends", []time.Duration{0, ms(100), ms(300), ms(600)}, ms(800), DefaultMinInterval,
			[]taken{{ms(20), 1}, {ms(820), 3}}},
		// 1,000 writes over 1.4 s, 1.4 ms apart: never quiet, so MaxDelay
		// cuts batches at 500 ms, then the interval after each take.
		{"a steady stream", every(0, ms(1.4), 1000), ms(30), DefaultMinInterval,
			[]taken{{ms(500), 358}, {ms(1001.2), 358}, {ms(1501.2), 284}}},
		// 1,000 writes in 20 bursts of 50 (0.4 ms apart), one burst every
		// 70 ms: the 50 ms gaps are longer than Quiet.
		{"a sync tool writing in bursts", bursts(20, ms(70), 50, ms(0.4)), ms(30), DefaultMinInterval,
			[]taken{{ms(39.6), 50}, {ms(539.6), 350}, {ms(1039.6), 350}, {ms(1539.6), 250}}},
	}
	for _, tt := range tests {
		got := simulate(defaultPacer(tt.interval), tt.changes, tt.busy)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %v\nwant %v", tt.name, got, tt.want)
		}
	}
	// Without the interval, the bursts give one rebuild each: the problem
	// the interval solves.
	if got := simulate(defaultPacer(0), bursts(20, ms(70), 50, ms(0.4)), ms(30)); len(got) != 20 {
		t.Errorf("without an interval: %d batches, want 20 (one per burst)", len(got))
	}
}

// TestPacerBounds runs random streams of changes and checks what the
// design promises whatever the stream: every change is delivered once, in
// a batch taken at or after it; batches are taken at least the interval
// apart; and, with a receiver always free, no change waits longer than
// max(MaxDelay, interval).
func TestPacerBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 4))
	for round := range 300 {
		interval := []time.Duration{0, ms(100), DefaultMinInterval, ms(900)}[round%4]
		busy := []time.Duration{0, ms(40), ms(700)}[round%3]
		var changes []time.Duration
		at := time.Duration(0)
		for range 1 + rng.IntN(400) {
			at += time.Duration(rng.ExpFloat64() * float64([]time.Duration{ms(1), ms(15), ms(60), ms(400)}[rng.IntN(4)]))
			changes = append(changes, at)
		}
		got := simulate(defaultPacer(interval), changes, busy)
		total := 0
		for k, b := range got {
			total += b.changes
			if b.changes == 0 {
				t.Fatalf("round %d: empty batch %d", round, k)
			}
			if k > 0 && b.at-got[k-1].at < max(interval, busy) {
				t.Fatalf("round %d: batches %d and %d taken %v apart, interval %v, busy %v", round, k-1, k, b.at-got[k-1].at, interval, busy)
			}
		}
		if total != len(changes) {
			t.Fatalf("round %d: %d changes delivered, want %d", round, total, len(changes))
		}
		// Batches hold the changes in order: batch k the next got[k].changes.
		c := 0
		for _, b := range got {
			for _, change := range changes[c : c+b.changes] {
				if change > b.at {
					t.Fatalf("round %d: a change at %v in the batch taken at %v", round, change, b.at)
				}
				if busy == 0 && b.at-change > max(DefaultMaxDelay, interval) {
					t.Fatalf("round %d: a change at %v waited until %v", round, change, b.at)
				}
			}
			c += b.changes
		}
	}
}

// TestStreamOfWrites writes a file 1,000 times in 20 bursts, as a sync
// tool does, with the real watcher and a receiver always reading. Batches
// are delivered at least MinInterval apart, so between the first write and
// the last batch there is room for at most span/MinInterval + 1 of them,
// however slowly a loaded machine wrote (without the interval: one batch
// per burst); and the last batch comes after the last write.
func TestStreamOfWrites(t *testing.T) {
	root := site(t)
	w, err := New(Options{Root: root, Dirs: []string{"content"}, Quiet: DefaultQuiet, MaxDelay: DefaultMaxDelay})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	type arrival struct {
		at    time.Time
		paths []string
	}
	got := make(chan arrival, 1000)
	go func() {
		for b := range w.Changes() {
			got <- arrival{time.Now(), b.Paths}
		}
	}()
	first := time.Now()
	var wrote time.Time
	for b := range 20 {
		if b > 0 {
			time.Sleep(50 * time.Millisecond)
		}
		for k := range 50 {
			write(t, root, "content/a.md", fmt.Sprintf("# A %d %d\n", b, k))
		}
		wrote = time.Now()
	}
	var all []arrival
	guard := time.After(time.Minute)
collect:
	for {
		select {
		case a := <-got:
			all = append(all, a)
		case <-time.After(2 * DefaultMinInterval):
			if len(all) > 0 && all[len(all)-1].at.After(wrote) {
				break collect // nothing more after the batch that followed the last write
			}
		case <-guard:
			t.Fatalf("no batch after the last write: %d batches", len(all))
		}
	}
	for k, a := range all {
		if !slices.Equal(a.paths, []string{"content/a.md"}) {
			t.Errorf("batch %d: %v", k, a.paths)
		}
	}
	span := all[len(all)-1].at.Sub(first)
	if limit := int(span/DefaultMinInterval) + 1; len(all) > limit {
		t.Errorf("%d batches in %v: want at most %d, one per %v", len(all), span, limit, DefaultMinInterval)
	}
	t.Logf("%d batches for 1,000 writes in 20 bursts over %v", len(all), wrote.Sub(first))
}
