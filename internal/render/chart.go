package render

// The figure's charts, drawn by templates from the geometry computed here:
// the values side by side on one axis of the figure's unit (Chart), or,
// when they hold at different times, over a time axis (TimeChart). Labels
// are the sources' words; an open bound ("at least 500") runs on to the
// edge of the plot and fades there, with an arrow, never to a made-up end.

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/model"
)

// Series reports whether the page's figure is drawn over time.
func (p *Page) Series() bool { return p.figure != nil && p.figure.OverTime() }

// domain returns the span of the values' finite bounds, with 0 and room
// for the open bounds to run on beyond the others, and whether every
// bound is an integer.
func domain(vs []*model.Value) (lo, hi float64, integers, openLo, openHi bool) {
	integers = true
	for _, v := range vs {
		for _, x := range []float64{v.Lo, v.Hi} {
			if math.IsInf(x, 0) {
				continue
			}
			lo, hi = math.Min(lo, x), math.Max(hi, x)
			if x != math.Trunc(x) {
				integers = false
			}
		}
		openLo = openLo || v.OpenLo()
		openHi = openHi || v.OpenHi()
	}
	span := hi - lo
	if span == 0 {
		span = math.Max(math.Abs(hi), 1)
	}
	if openHi {
		hi += openRoom * span
	}
	if openLo && lo < 0 {
		lo -= openRoom * span
	}
	return lo, hi, integers, openLo, openHi
}

// arrowPath is an arrowhead with its tip at (x, y), pointing along (dx, dy).
func arrowPath(x, y, dx, dy float64) string {
	// The base of the head lies arrowLen back from the tip, 6 wide either side.
	bx, by := x-dx*arrowLen, y-dy*arrowLen
	px, py := -dy*6, dx*6
	return "M" + f1(x) + " " + f1(y) + "L" + f1(bx+px) + " " + f1(by+py) + "L" + f1(bx-px) + " " + f1(by-py) + "Z"
}

func f1(x float64) string { return strconv.FormatFloat(r1(x), 'f', -1, 64) }

func r1(x float64) float64 { return math.Round(x*10) / 10 }

// niceTicks returns round tick values covering [lo, hi] (and 0), and
// the domain they span: the most ticks, at most six, whose labels do not
// crowd each other on a narrow screen across a plot of length w, each
// character of a label taking char (0: labels never crowd, as on a
// vertical axis).
//
// Whatever it is given (equal bounds, bounds beyond the largest figure,
// infinities, NaN) it returns two to maxTicks finite ticks, increasing,
// and a domain of positive, finite width: a chart's coordinates are then
// finite too.
func niceTicks(lo, hi float64, integers bool, w, char float64) ([]float64, float64, float64) {
	lo, hi = math.Min(finiteAxis(lo), 0), math.Max(finiteAxis(hi), 0)
	// 0 is on the axis, so the span is at least the largest magnitude;
	// below minSpan, the steps would be too small for float64 to tell
	// apart.
	if hi-lo < minSpan {
		hi = lo + minSpan
		if integers {
			hi = lo + 1
		}
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	var ticks []float64
	for _, m := range []float64{1, 2, 2.5, 5, 10, 20, 25, 50, 100} {
		step := m * mag
		if step < raw || integers && step < 1 {
			continue
		}
		first := math.Floor(lo/step) * step
		last := math.Ceil(hi/step) * step
		ticks = ticks[:0]
		widest := 0
		for i := 0; i < maxTicks; i++ {
			x := first + float64(i)*step
			if x > last+step/2 {
				break
			}
			ticks = append(ticks, roundTick(x))
			widest = max(widest, utf8.RuneCountInString(number(roundTick(x))))
		}
		// The last label ends at the plot's end: it and its neighbour,
		// centred on its tick, need one and a half labels' room.
		if char == 0 || len(ticks) <= 2 || w/float64(len(ticks)-1) >= 1.5*float64(widest)*char+16 {
			return ticks, first, last
		}
	}
	if len(ticks) < 2 { // never, with finite bounds: the axis as it is
		return []float64{lo, hi}, lo, hi
	}
	return ticks, ticks[0], ticks[len(ticks)-1]
}

// The bounds of a value axis: its widest span, beyond the largest figure
// (content.MaxFigure, 1e15) with the room given to open bounds and to
// approximate values; its narrowest; and the most ticks it has.
const (
	maxAxis  = 1e16
	minSpan  = 1e-300
	maxTicks = 12
)

// finiteAxis brings a bound of a value axis within ±maxAxis; NaN is 0.
func finiteAxis(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return 0
	case x > maxAxis:
		return maxAxis
	case x < -maxAxis:
		return -maxAxis
	}
	return x
}

// roundTick rounds away floating-point noise in tick values, to 10
// significant digits (fewer than the model's values keep: a tick need only
// read well).
func roundTick(x float64) float64 {
	y, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 10, 64), 64)
	if err != nil {
		return x
	}
	return y
}

// shorten cuts a label to n code points at a word boundary, with an
// ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRightFunc(cut, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// ChartText is what a chart's title and its description for screen
// readers say, for the "chart-title" and "chart-desc" partials: every
// value in the source's words, with the tool's reading and its date;
// then whether and where they disagree.
type ChartText struct {
	Label, Unit string // the figure's
	OverTime    bool   // drawn over time: Values are by date, the undated last
	Values      []ChartValue
	Conflict    bool                // the figure's values are in conflict
	Disagree    []ChartDisagreement // the values in conflict, each with whom it disagrees
}

// ChartValue is a value as a chart's description gives it.
type ChartValue struct {
	Reading  Reading
	Citation string
}

// ChartDisagreement is a value in a figure's conflict, with whom it
// disagrees (nil when none).
type ChartDisagreement struct {
	Value   Cited
	Summary *Disagreement
}

func chartText(g *model.Figure, overTime bool) ChartText {
	vs := g.Values
	if overTime {
		vs = byTime(vs)
	}
	t := ChartText{Label: g.Label, Unit: g.Unit, OverTime: overTime, Conflict: g.Conflict != nil}
	for _, v := range vs {
		t.Values = append(t.Values, ChartValue{Reading: reading(v), Citation: cite(v.Quote.Source)})
	}
	if g.Conflict != nil {
		for _, d := range g.Conflict.Values {
			t.Disagree = append(t.Disagree, ChartDisagreement{Value: Cited{Reading: reading(d.Value), Citation: cite(d.Value.Quote.Source)}, Summary: disagreement(d)})
		}
	}
	return t
}

// byTime returns values sorted by when they hold, the undated last.
func byTime(vs []*model.Value) []*model.Value {
	out := slices.Clone(vs)
	slices.SortStableFunc(out, func(a, b *model.Value) int {
		switch {
		case a.AsOf == "" || b.AsOf == "":
			return boolCmp(a.AsOf == "", b.AsOf == "")
		case !a.Period.First.Equal(b.Period.First):
			return a.Period.First.Compare(b.Period.First)
		}
		return a.Period.Last.Compare(b.Period.Last)
	})
	return out
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
