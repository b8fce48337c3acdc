package model

// The arithmetic of figures: the interval a value stands for, the period
// it holds over, whether two of them meet, and how to write their numbers.

import (
	"math"
	"strconv"
	"strings"
	"time"

	"dossier/internal/valid"
)

// interval returns the interval a value stands for: [v, v] for an exact
// value; [v·(1−t), v·(1+t)] for an approximate one, t being the tolerance;
// [min, max] for a range; a missing bound is -Inf or +Inf.
func interval(value, lo, hi *float64, approx bool, t float64) (float64, float64) {
	switch {
	case value != nil && approx:
		a, b := clean(*value-*value*t), clean(*value+*value*t)
		return min(a, b), max(a, b)
	case value != nil:
		return *value, *value
	}
	a, b := math.Inf(-1), math.Inf(1)
	if lo != nil {
		a = *lo
	}
	if hi != nil {
		b = *hi
	}
	return a, b
}

// clean rounds away floating-point noise (110000.00000000001) so that
// intervals print as the editor would write them.
func clean(x float64) float64 {
	y, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil {
		return x
	}
	return y
}

// touches reports whether lo ≤ hi, with a slack of a billionth of the
// larger of the two (at least 1e-9) that absorbs floating-point error in
// v·(1±t), so that 100 ± 10% touches 110. An open bound always touches.
//
// The slack scales with the two numbers compared, so that "lo lies above
// hi" is monotonic in lo and in hi: sorted bounds can be searched.
func touches(lo, hi float64) bool {
	if math.IsInf(lo, -1) || math.IsInf(hi, 1) {
		return true
	}
	return lo <= hi+1e-9*math.Max(1, math.Max(math.Abs(lo), math.Abs(hi)))
}

// Overlaps reports whether two values' intervals share a point. Touching
// intervals overlap; an open bound reaches as far as it goes.
func (v *Value) Overlaps(w *Value) bool { return touches(v.Lo, w.Hi) && touches(w.Lo, v.Hi) }

// OpenLo reports whether the value has no lower bound ("at most").
func (v *Value) OpenLo() bool { return math.IsInf(v.Lo, -1) }

// OpenHi reports whether the value has no upper bound ("at least").
func (v *Value) OpenHi() bool { return math.IsInf(v.Hi, 1) }

// Number writes the value as the source gives it, without its unit:
// "about 300,000", "6–8", "at least 500", "at most 10", "100,000".
func (v *Value) Number() string {
	switch {
	case v.Value != nil && v.Approx:
		return "about " + FormatNumber(*v.Value)
	case v.Value != nil:
		return FormatNumber(*v.Value)
	case v.Min != nil && v.Max != nil:
		return FormatNumber(*v.Min) + "–" + FormatNumber(*v.Max)
	case v.Min != nil:
		return "at least " + FormatNumber(*v.Min)
	}
	return "at most " + FormatNumber(*v.Max)
}

// Interval writes the interval the value stands for: "270,000–330,000",
// "at least 500", "at most 10", "100,000".
func (v *Value) Interval() string {
	switch {
	case v.OpenLo() && v.OpenHi():
		return "any value"
	case v.OpenHi():
		return "at least " + FormatNumber(v.Lo)
	case v.OpenLo():
		return "at most " + FormatNumber(v.Hi)
	case v.Lo == v.Hi:
		return FormatNumber(v.Lo)
	}
	return FormatNumber(v.Lo) + "–" + FormatNumber(v.Hi)
}

// Text is the value as readers should read it: the source's own words
// when the quote gives them, else the number with its unit ("about
// 300,000 deaths").
func (v *Value) Text() string {
	if v.Words != "" {
		return v.Words
	}
	if v.Unit == "" {
		return v.Number()
	}
	return v.Number() + " " + v.Unit
}

// Mid is the middle of the value's interval; an open bound has no
// middle, so it is then the finite bound (0 when both are open).
func (v *Value) Mid() float64 {
	switch {
	case v.OpenLo() && v.OpenHi():
		return 0
	case v.OpenLo():
		return v.Hi
	case v.OpenHi():
		return v.Lo
	}
	return (v.Lo + v.Hi) / 2
}

// Gap is the distance between the intervals of v and w, 0 when they
// overlap (and never NaN, whatever their open bounds).
func (v *Value) Gap(w *Value) float64 {
	if d := math.Max(v.Lo-w.Hi, w.Lo-v.Hi); d > 0 {
		return d
	}
	return 0
}

// FormatNumber writes x with thousands separated by commas and no
// exponent, as readers write numbers: 300000 → "300,000", -1234.5 →
// "-1,234.5", 0.000001 → "0.000001". An open bound is "∞" or "-∞".
func FormatNumber(x float64) string {
	switch {
	case math.IsInf(x, 1):
		return "∞"
	case math.IsInf(x, -1):
		return "-∞"
	case math.IsNaN(x):
		return "NaN"
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// OverTime reports whether the figure's values hold at two or more
// different times (their asOf), so that they are compared time by time
// and drawn over a time axis.
func (g *Figure) OverTime() bool {
	first := ""
	for _, v := range g.Values {
		switch {
		case v.AsOf == "":
		case first == "":
			first = v.AsOf
		case v.AsOf != first:
			return true
		}
	}
	return false
}

// Period is the span of days a value holds over: the whole year, month or
// day its asOf names, First and Last included (midnight UTC). The zero
// Period, of a value without asOf, is always: it overlaps every period.
type Period struct{ First, Last time.Time }

// Always reports whether the period is the zero Period, which overlaps
// every period.
func (p Period) Always() bool { return p.First.IsZero() }

// Overlaps reports whether two periods share a day: 2025 overlaps
// 2025-02-20; 2025-02-20 does not overlap 2025-08.
func (p Period) Overlaps(q Period) bool {
	if p.Always() || q.Always() {
		return true
	}
	return !p.Last.Before(q.First) && !q.Last.Before(p.First)
}

// periodOf returns the period of an asOf written YYYY, YYYY-MM or
// YYYY-MM-DD (checked by package content), and the zero Period for "".
func periodOf(asOf string) Period {
	first, last, ok := valid.Days(asOf)
	if !ok {
		return Period{}
	}
	return Period{first, last}
}

// Two calendar periods overlap exactly when one holds the other, that is
// when one asOf is a prefix of the other ("2025" of "2025-02-20"): the
// figure conflicts are computed on that tree (see conflict.go) rather than
// by comparing days. enclosing lists the asOfs of the periods that hold
// one, itself excluded, outermost first: "" (no asOf), the year, the month.
func enclosing(asOf string) []string {
	out := make([]string, 0, 3)
	for _, n := range []int{0, 4, 7} {
		if n < len(asOf) {
			out = append(out, asOf[:n])
		}
	}
	return out
}
