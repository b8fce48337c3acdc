package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// boundWriteMemory sets a soft limit on the memory the Go runtime holds
// while a built site is written, and returns a function that takes it off.
//
// Writing renders every page and throws it away once written: a gigabyte
// of garbage for a thousand sources, over a live heap of the model and
// the pages in flight. Left to the default pacing (a collection each time
// the heap doubles), the heap peaks at twice the live heap and more, when
// the large data files are made; the limit makes the collector run a
// little earlier at those peaks only, as the steady state between them
// stays under it. It is the live heap after the model is built, twice,
// plus room for the pages in flight and the runtime's own memory: a
// limit that grows with the dossier, never one it cannot fit in (the
// runtime lets a heap exceed a soft limit rather than collect without
// end). A GOMEMLIMIT or GOGC the user sets is left alone.
func boundWriteMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return func() {}
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return func() {}
	}
	live := sample[0].Value.Uint64()
	limit := 2*live + writeRoom
	if limit > math.MaxInt64 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(int64(limit))
	return func() { debug.SetMemoryLimit(prev) }
}

// writeRoom is the limit's allowance, over twice the live heap, for what
// a build holds besides the model: the pages being rendered, the largest
// data file being encoded, goroutine stacks and the runtime's metadata.
const writeRoom = 40 << 20
