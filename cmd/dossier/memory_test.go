package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestBoundWriteMemory checks that writing a site runs under a soft
// memory limit above the live heap, taken off afterwards, and that a
// limit or GOGC the user set is left alone.
func TestBoundWriteMemory(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	before := debug.SetMemoryLimit(-1)
	restore := boundWriteMemory()
	limit := debug.SetMemoryLimit(-1)
	restore()
	if limit == before || limit < writeRoom || limit == math.MaxInt64 {
		t.Errorf("limit while writing = %d, want one at least %d (before: %d)", limit, writeRoom, before)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("limit after writing = %d, want %d as before", after, before)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	restore = boundWriteMemory()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("with GOMEMLIMIT set, limit = %d, want %d untouched", got, before)
	}
	restore()
}

// TestWriteLimit: twice the live heap and room for the pages in flight,
// the room growing with a large heap, so that in a large dossier the
// collector does not run ever more often.
func TestWriteLimit(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct{ live, want uint64 }{
		{0, writeRoom},
		{10 * mib, 20*mib + writeRoom},
		{2 * writeRoom, 5 * writeRoom},
		{2*writeRoom + mib, 5*writeRoom + 3*mib},
		{400 * mib, 1200*mib - writeRoom},
	} {
		if got := writeLimit(c.live); got != c.want {
			t.Errorf("writeLimit(%d MiB) = %d MiB, want %d MiB", c.live/mib, got/mib, c.want/mib)
		}
	}
}
