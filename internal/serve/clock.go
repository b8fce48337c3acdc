package serve

import "time"

// clock is where the server takes the time and its timers from: the real
// time when serving, a clock the test moves by hand in tests, so that
// debouncing, settling and polling are tested without waiting.
type clock interface {
	Now() time.Time
	// NewTimer returns a timer that fires once d from now.
	NewTimer(d time.Duration) timer
}

// timer is a time.Timer, with Go 1.23's guarantees: after Reset or Stop,
// C yields nothing that was due before.
type timer interface {
	C() <-chan time.Time
	Reset(d time.Duration)
	Stop()
}

// realClock is the time of day.
type realClock struct{}

func (realClock) Now() time.Time                 { return time.Now() }
func (realClock) NewTimer(d time.Duration) timer { return realTimer{time.NewTimer(d)} }

type realTimer struct{ t *time.Timer }

func (r realTimer) C() <-chan time.Time   { return r.t.C }
func (r realTimer) Reset(d time.Duration) { r.t.Reset(d) }
func (r realTimer) Stop()                 { r.t.Stop() }
