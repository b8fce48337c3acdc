package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// userPacesGC reports whether the user set the collector's pacing.
func userPacesGC() bool { return os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" }

// boundWriteMemory sets a soft limit on the memory the Go runtime holds
// while a built site is written, and returns a function that takes it off.
//
// Writing renders every page and throws it away once written: a gigabyte
// of garbage for a thousand sources, over a live heap of the model and
// the pages in flight. The limit makes the collector run earlier than the
// build's pacing would when the pages in flight add to the live heap. It
// is the live heap after the model is built, twice, plus room for the
// pages in flight and the runtime's own memory; in a large dossier, where
// that room is small beside the model, the room grows with the model
// (writeLimit): a limit of twice the model made the collector run ever
// more often, its share of the work growing with the dossier's size.
//
// Where the limit costs more than it saves, it is lifted: in a large
// dossier a collection takes long enough that what is allocated meanwhile
// (all kept until the next one) fills the room, and the collector would
// then run without end, taking half of the processor. A watcher looks at
// the share of processor time the collector takes and lifts the limit
// when it passes gcShareMax. A GOMEMLIMIT or GOGC the user sets is left
// alone.
func boundWriteMemory() (restore func()) {
	if userPacesGC() {
		return func() {}
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return func() {}
	}
	live := sample[0].Value.Uint64()
	limit := writeLimit(live)
	if limit > math.MaxInt64 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(int64(limit))
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		watchGC(stop, func() { debug.SetMemoryLimit(prev) })
	}()
	return func() {
		close(stop)
		<-done
		debug.SetMemoryLimit(prev)
	}
}

// writeLimit is the limit for a live heap of live bytes: twice the heap
// and writeRoom, and past a heap of twice writeRoom, where that room grows
// small beside the heap, three times the heap less writeRoom.
func writeLimit(live uint64) uint64 {
	if live > 2*writeRoom {
		return 3*live - writeRoom
	}
	return 2*live + writeRoom
}

// writeRoom is the limit's allowance, over twice the live heap, for what
// a build holds besides the model: the pages being rendered (the data
// files are written as they are made, not held), goroutine stacks and
// the runtime's metadata.
const writeRoom = 24 << 20

// gcShareMax is the share of processor time, over a gcWindow, past which
// the collector is taken to be working for the limit rather than for the
// build. Writing a site under the default pacing spends about a fifth of
// it collecting; one spending half of it is held by the limit.
const gcShareMax = 0.4

// gcWindow is how long the collector's share is measured over.
const gcWindow = 500 * time.Millisecond

// watchGC calls lift once, and returns, when the collector's share of
// processor time over a gcWindow passes gcShareMax; it returns when stop
// is closed.
func watchGC(stop <-chan struct{}, lift func()) {
	samples := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/total:cpu-seconds"}}
	read := func() (gc, total float64) {
		metrics.Read(samples)
		if samples[0].Value.Kind() != metrics.KindFloat64 || samples[1].Value.Kind() != metrics.KindFloat64 {
			return 0, 0
		}
		return samples[0].Value.Float64(), samples[1].Value.Float64()
	}
	gc0, total0 := read()
	tick := time.NewTicker(gcWindow)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		gc, total := read()
		if total > total0 && (gc-gc0)/(total-total0) > gcShareMax {
			lift()
			return
		}
		gc0, total0 = gc, total
	}
}
