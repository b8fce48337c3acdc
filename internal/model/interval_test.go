package model

import (
	"math"
	"testing"
	"time"
)

func f(x float64) *float64 { return &x }

var inf = math.Inf(1)

// val makes a value of an interval, as Build would.
func val(value, lo, hi *float64, approx bool) *Value {
	v := &Value{Value: value, Min: lo, Max: hi, Approx: approx}
	v.Lo, v.Hi = interval(value, lo, hi, approx, 0.10)
	return v
}

func TestInterval(t *testing.T) {
	for _, c := range []struct {
		name           string
		value, lo, hi  *float64
		approx         bool
		wantLo, wantHi float64
	}{
		{"exact", f(300000), nil, nil, false, 300000, 300000},
		{"zero", f(0), nil, nil, false, 0, 0},
		{"approximate", f(100000), nil, nil, true, 90000, 110000},
		{"approximate without noise", f(100), nil, nil, true, 90, 110},
		{"approximate negative", f(-50), nil, nil, true, -55, -45},
		{"approximate zero", f(0), nil, nil, true, 0, 0},
		{"range", nil, f(6), f(8), false, 6, 8},
		{"at least", nil, f(500), nil, false, 500, inf},
		{"at most", nil, nil, f(200), false, -inf, 200},
		{"huge", f(1e15), nil, nil, false, 1e15, 1e15},
		{"tiny approximate", f(1e-9), nil, nil, true, 9e-10, 1.1e-9},
	} {
		lo, hi := interval(c.value, c.lo, c.hi, c.approx, 0.10)
		if lo != c.wantLo || hi != c.wantHi {
			t.Errorf("%s: [%v, %v], want [%v, %v]", c.name, lo, hi, c.wantLo, c.wantHi)
		}
	}
}

func TestOverlaps(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b *Value
		want bool
	}{
		{"equal", val(f(8), nil, nil, false), val(f(8), nil, nil, false), true},
		{"apart", val(f(8), nil, nil, false), val(f(6), nil, nil, false), false},
		{"zero and zero", val(f(0), nil, nil, false), val(f(0), nil, nil, false), true},
		{"zero and a billionth", val(f(0), nil, nil, false), val(f(1e-9), nil, nil, false), true},
		{"zero and a millionth", val(f(0), nil, nil, false), val(f(1e-6), nil, nil, false), false},
		{"negative ranges apart", val(nil, f(-10), f(-5), false), val(nil, f(-4), f(0), false), false},
		{"negative ranges touching", val(nil, f(-10), f(-5), false), val(nil, f(-5), f(0), false), true},
		{"approximate touches exact", val(f(100), nil, nil, true), val(f(110), nil, nil, false), true},
		{"approximate misses range", val(f(100), nil, nil, true), val(nil, f(121), f(130), false), false},
		{"approximate ranges apart", val(f(300000), nil, nil, true), val(f(100000), nil, nil, true), false},
		{"at least and at most apart", val(nil, f(500), nil, false), val(nil, nil, f(200), false), false},
		{"at least and at most overlap", val(nil, f(500), nil, false), val(nil, nil, f(600), false), true},
		{"at least and at most touch", val(nil, f(500), nil, false), val(nil, nil, f(500), false), true},
		{"at least and a value below", val(nil, f(500), nil, false), val(f(499), nil, nil, false), false},
		{"at least and at least", val(nil, f(500), nil, false), val(nil, f(1e15), nil, false), true},
		{"at most and at most", val(nil, nil, f(-1e15), false), val(nil, nil, f(0), false), true},
		{"huge equal", val(f(1e15), nil, nil, false), val(f(1e15), nil, nil, false), true},
		{"huge a unit apart", val(f(1e15), nil, nil, false), val(f(1e15-1), nil, nil, false), true}, // within a billionth
		{"huge apart", val(f(1e15), nil, nil, false), val(f(9e14), nil, nil, false), false},
		{"tiny equal", val(f(1e-12), nil, nil, false), val(f(1e-12), nil, nil, false), true},
	} {
		if got := c.a.Overlaps(c.b); got != c.want {
			t.Errorf("%s: %v overlaps %v = %v, want %v", c.name, c.a.Interval(), c.b.Interval(), got, c.want)
		}
		if got := c.b.Overlaps(c.a); got != c.want {
			t.Errorf("%s, the other way: %v", c.name, got)
		}
	}
}

func TestPeriod(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	for _, c := range []struct {
		asOf        string
		first, last string
	}{
		{"2025", "2025-01-01", "2025-12-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2025-02", "2025-02-01", "2025-02-28"},
		{"2025-12", "2025-12-01", "2025-12-31"},
		{"2025-02-20", "2025-02-20", "2025-02-20"},
	} {
		p := periodOf(c.asOf)
		if !p.First.Equal(day(c.first)) || !p.Last.Equal(day(c.last)) {
			t.Errorf("%s: %v – %v, want %s – %s", c.asOf, p.First, p.Last, c.first, c.last)
		}
	}
	if !periodOf("").Always() || periodOf("2025").Always() {
		t.Error("only the period of no asOf is Always")
	}

	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"2025", "2025-02-20", true},
		{"2025", "2025-08", true},
		{"2025-02", "2025-02-20", true},
		{"2025-02-20", "2025-08", false},
		{"2025-02-20", "2025-02-21", false},
		{"2025-02-28", "2025-03", false},
		{"2024", "2025-01-01", false},
		{"2024-12", "2025", false},
		{"2025", "2025", true},
		{"", "2025-02-20", true},
		{"", "", true},
	} {
		pa, pb := periodOf(c.a), periodOf(c.b)
		if got := pa.Overlaps(pb); got != c.want {
			t.Errorf("%q overlaps %q = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := pb.Overlaps(pa); got != c.want {
			t.Errorf("%q overlaps %q = %v, want %v", c.b, c.a, got, c.want)
		}
		// The conflict computation relies on calendar periods nesting:
		// they overlap exactly when one asOf is a prefix of the other.
		nested := len(c.a) <= len(c.b) && c.b[:len(c.a)] == c.a || len(c.b) <= len(c.a) && c.a[:len(c.b)] == c.b
		if nested != c.want {
			t.Errorf("%q and %q: prefix %v, overlap %v", c.a, c.b, nested, c.want)
		}
	}
}

func TestFormat(t *testing.T) {
	for x, want := range map[float64]string{
		0: "0", 8: "8", 100000: "100,000", 1234567.5: "1,234,567.5", -1234.5: "-1,234.5",
		0.000001: "0.000001", 1e15: "1,000,000,000,000,000", inf: "∞", -inf: "-∞",
	} {
		if got := FormatNumber(x); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", x, got, want)
		}
	}
	for _, c := range []struct {
		v                *Value
		number, interval string
		openLo, openHi   bool
	}{
		{val(f(300000), nil, nil, true), "about 300,000", "270,000–330,000", false, false},
		{val(f(8), nil, nil, false), "8", "8", false, false},
		{val(nil, f(6), f(8), false), "6–8", "6–8", false, false},
		{val(nil, f(500), nil, false), "at least 500", "at least 500", false, true},
		{val(nil, nil, f(-2), false), "at most -2", "at most -2", true, false},
	} {
		if got := c.v.Number(); got != c.number {
			t.Errorf("Number = %q, want %q", got, c.number)
		}
		if got := c.v.Interval(); got != c.interval {
			t.Errorf("Interval = %q, want %q", got, c.interval)
		}
		if c.v.OpenLo() != c.openLo || c.v.OpenHi() != c.openHi {
			t.Errorf("%s: open %v %v, want %v %v", c.number, c.v.OpenLo(), c.v.OpenHi(), c.openLo, c.openHi)
		}
	}
	v := val(f(300000), nil, nil, true)
	v.Unit = "deaths"
	if got := v.Text(); got != "about 300,000 deaths" {
		t.Errorf("Text without words = %q", got)
	}
	v.Words = "roughly 300,000"
	if got := v.Text(); got != "roughly 300,000" {
		t.Errorf("Text with words = %q", got)
	}
}
