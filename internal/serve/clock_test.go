package serve

import (
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when the test advances it. Its
// timers fire during Advance, in the goroutine of the test.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
	armed  chan struct{} // closed, and replaced, whenever a timer is armed
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC), armed: make(chan struct{})}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer(d time.Duration) timer {
	t := &fakeTimer{clk: c, c: make(chan time.Time, 1)}
	c.mu.Lock()
	c.timers = append(c.timers, t)
	c.mu.Unlock()
	t.Reset(d)
	return t
}

// Advance moves the clock on by d, firing the timers that fall due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for _, t := range c.timers {
		if t.armed && !t.when.After(c.now) {
			t.fire()
		}
	}
}

// waitTimer waits until a timer is armed to fire d from now: until the
// goroutine that owns it has come to the point where it arms it.
func (c *fakeClock) waitTimer(t *testing.T, d time.Duration, what string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		set, armed := c.timerSet(d)
		if set {
			return
		}
		select {
		case <-armed:
		case <-timeout:
			t.Fatalf("no timer set for %s (in %s) within 10s", what, d)
		}
	}
}

// timerSet reports whether a timer is armed to fire d from now, and
// returns a channel closed when the next timer is armed.
func (c *fakeClock) timerSet(d time.Duration) (bool, <-chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	when := c.now.Add(d)
	for _, tm := range c.timers {
		if tm.armed && tm.when.Equal(when) {
			return true, c.armed
		}
	}
	return false, c.armed
}

type fakeTimer struct {
	clk   *fakeClock
	c     chan time.Time
	when  time.Time
	armed bool
}

func (t *fakeTimer) C() <-chan time.Time { return t.c }

func (t *fakeTimer) Reset(d time.Duration) {
	c := t.clk
	c.mu.Lock()
	defer c.mu.Unlock()
	t.drain()
	t.when, t.armed = c.now.Add(d), true
	if d <= 0 {
		t.fire()
		return
	}
	close(c.armed)
	c.armed = make(chan struct{})
}

func (t *fakeTimer) Stop() {
	t.clk.mu.Lock()
	defer t.clk.mu.Unlock()
	t.armed = false
	t.drain()
}

// fire and drain are called with the clock locked.
func (t *fakeTimer) fire() {
	t.armed = false
	select {
	case t.c <- t.when:
	default:
	}
}

func (t *fakeTimer) drain() {
	select {
	case <-t.c:
	default:
	}
}
