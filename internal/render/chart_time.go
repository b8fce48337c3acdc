package render

// The chart of a figure's values over time.

import (
	"math"
	"time"
	"unicode/utf8"

	"dossier/internal/model"
)

// TimeChart is the geometry of a figure's chart over time: when each
// value holds across, the value up. A value holds over the day, month or
// year its asOf names: its mark stands in the middle of that period, a
// thin line under it spanning the period when it is wide enough to see.
type TimeChart struct {
	Width, Height float64
	Text          ChartText // what its title and description say: the "chart-title" and "chart-desc" partials
	X0, X1        float64   // the plot's left and right ends
	Y0, Y1        float64   // its top and bottom (the time axis)
	YTicks        []ChartTick
	XTicks        []ChartTick
	TickY         float64 // the baseline of the time axis's labels
	YLabelX       float64 // the right end of the value axis's labels
	Unit          string
	Points        []TimePoint
	// Undated are the values without asOf, listed apart: they hold at any
	// time. At most maxUndated; UndatedMore are the others.
	Undated     []CardValue
	UndatedMore int
	// What the legend needs to explain.
	Exact, Approx, MinMax, Open, Conflict, Periods bool
	Tolerance                                      string
}

// TimePoint is one dated value.
type TimePoint struct {
	value    *model.Value
	Tooltip  Tooltip
	X        float64 // the middle of its period
	Dot      bool    // an exact value at (X, Y)
	Y        float64
	BarX     float64 // else a vertical bar from BarY down BarH
	BarY     float64
	BarH     float64
	Center   bool // an approximate value: its stated value (Y) marked on the bar
	Open     string
	Arrow    string
	Period   bool // the period is drawn, from PX0 to PX1 at PY
	PX0, PX1 float64
	PY       float64
	Conflict bool
	RingX    float64 // the ring around a conflicting value: a circle (Dot) of radius RingR, else a rect
	RingY    float64
	RingW    float64
	RingH    float64
	RingR    float64
	Label    string  // the source's words, in English to measure; "" when the chart has too many values to label
	Says     Reading // the same, for the "words" partial
	Who      string  // who gives it, under the words: the speaker, else the source's short citation; "" unlabelled
	LabelX   float64
	LabelY   float64
	Anchor   string
}

const (
	timeHeight  = 240.0 // the plot's height
	timeTop     = 30.0  // room above for the unit
	maxLabelled = 12    // dated values labelled with their words
	maxUndated  = 6
	yTickChar   = tickChar // a character of a value-axis label, in user units, on narrow screens
	labelH      = 20.0     // the height of a value's label, for keeping labels apart
	whoH        = 18.0     // the height of the line under it that says who gives the value
)

// TimeChart computes the chart over time of the page's figure, or nil
// when its values do not hold at different times.
func (p *Page) TimeChart() *TimeChart {
	g := p.figure
	if g == nil || !g.OverTime() {
		return nil
	}
	ch := &TimeChart{Width: chartWidth, Unit: g.Unit, Tolerance: p.tolerance()}
	var dated []*model.Value
	for _, v := range byTime(g.Values) {
		if v.AsOf == "" {
			if len(ch.Undated) == maxUndated {
				ch.UndatedMore++
				continue
			}
			ch.Undated = append(ch.Undated, p.cardValue(v))
			continue
		}
		dated = append(dated, v)
	}

	// The value axis, on the left.
	lo, hi, integers, _, _ := domain(dated)
	ticks, dlo, dhi := niceTicks(lo, hi, integers, 0, 0)
	widest := 0
	for _, x := range ticks {
		widest = max(widest, utf8.RuneCountInString(number(x)))
	}
	ch.YLabelX = r1(4 + float64(widest)*yTickChar)
	ch.X0 = ch.YLabelX + 10
	ch.X1 = chartWidth - 24 // room for the last date's label
	ch.Y0, ch.Y1 = timeTop, timeTop+timeHeight
	yOf := func(x float64) float64 { return ch.Y1 - (x-dlo)/(dhi-dlo)*(ch.Y1-ch.Y0) }
	for _, x := range ticks {
		ch.YTicks = append(ch.YTicks, ChartTick{X: ch.YLabelX, Y: r1(yOf(x)), Label: number(x), Anchor: "end"})
	}

	// The time axis: from the first period's first day to the last one's
	// end, with a margin so that no mark sits on the plot's edge.
	t0, t1 := dated[0].Period.First, dated[0].Period.Last.AddDate(0, 0, 1)
	for _, v := range dated {
		if v.Period.First.Before(t0) {
			t0 = v.Period.First
		}
		if end := v.Period.Last.AddDate(0, 0, 1); end.After(t1) {
			t1 = end
		}
	}
	// In seconds, not time.Duration, which ends at 292 years: a
	// figure may have values from year 1 to year 9999.
	pad := int64(float64(t1.Unix()-t0.Unix()) * 0.08)
	t0, t1 = time.Unix(t0.Unix()-pad, 0).UTC(), time.Unix(t1.Unix()+pad, 0).UTC()
	span := float64(t1.Unix() - t0.Unix())
	xOf := func(t time.Time) float64 {
		return ch.X0 + float64(t.Unix()-t0.Unix())/span*(ch.X1-ch.X0)
	}
	for _, tk := range timeTicks(t0, t1, ch.X1-ch.X0) {
		ch.XTicks = append(ch.XTicks, ChartTick{X: r1(xOf(tk.at)), Y: ch.Y1 + 5, Label: tk.label, When: &tk.when, Anchor: "middle"})
	}
	ch.TickY = ch.Y1 + 24
	ch.Height = ch.TickY + 12

	labelled := len(dated) <= maxLabelled
	for _, v := range dated {
		rd := reading(v)
		pt := TimePoint{value: v, Tooltip: tooltip(v, rd), Conflict: v.Conflict}
		start, end := xOf(v.Period.First), xOf(v.Period.Last.AddDate(0, 0, 1))
		pt.X = r1((start + end) / 2)
		var top, bottom float64 // the mark's extent
		switch {
		case v.OpenHi() || v.OpenLo():
			ch.Open = true
			pt.BarX = r1(pt.X - barH/2)
			if v.OpenHi() {
				pt.Open = "hi"
				top, bottom = ch.Y0, yOf(v.Lo)
				pt.Arrow = arrowPath(pt.X, top, 0, -1)
				pt.BarY, pt.BarH = r1(top+arrowLen), r1(math.Max(bottom-top-arrowLen, 2))
			} else {
				pt.Open = "lo"
				top, bottom = yOf(v.Hi), ch.Y1
				pt.Arrow = arrowPath(pt.X, bottom, 0, 1)
				pt.BarY, pt.BarH = r1(top), r1(math.Max(bottom-top-arrowLen, 2))
			}
		case v.Lo == v.Hi:
			pt.Dot, pt.Y = true, r1(yOf(v.Lo))
			top, bottom = pt.Y-dotR, pt.Y+dotR
			ch.Exact = true
		default:
			top, bottom = yOf(v.Hi), yOf(v.Lo)
			pt.BarX, pt.BarY, pt.BarH = r1(pt.X-barH/2), r1(top), r1(math.Max(bottom-top, 2))
			if v.Value != nil {
				pt.Center, pt.Y = true, r1(yOf(*v.Value))
				ch.Approx = true
			} else {
				ch.MinMax = true
			}
		}
		// Where the period's line and the label go: through the mark's
		// middle, or, for an open bound, at the one bound it has.
		middle := (top + bottom) / 2
		switch pt.Open {
		case "hi":
			middle = bottom
		case "lo":
			middle = top
		}
		if pt.Dot {
			middle = pt.Y
		}
		if end-start >= 8 {
			pt.Period, pt.PX0, pt.PX1, pt.PY = true, r1(start), r1(end), r1(middle)
			ch.Periods = true
		}
		if v.Conflict {
			ch.Conflict = true
			pt.RingR = dotR + ringGap
			pt.RingX, pt.RingY = r1(pt.X-barH/2-ringGap), r1(top-ringGap)
			pt.RingW, pt.RingH = barH+2*ringGap, r1(bottom-top+2*ringGap)
		}
		if labelled {
			pt.Label, pt.Says, pt.Who = label(v), labelWords(v), who(v)
			w := labelWidth(&pt)
			pt.LabelY = r1(middle + 5)
			// Beside the mark, clear of its period's line: to the right,
			// or to the left where the right has no room.
			right, left := pt.X+barH, pt.X-barH
			if pt.Period {
				right, left = math.Max(right, pt.PX1+6), math.Min(left, pt.PX0-6)
			}
			pt.LabelX, pt.Anchor = r1(right), "start"
			if right+w > chartWidth {
				pt.LabelX, pt.Anchor = r1(left), "end"
			}
			if right+w > chartWidth && left-w < 0 {
				// A long period leaves room on neither side of its line:
				// the label goes over the line, from the mark towards the
				// roomier side, rather than off the drawing.
				pt.LabelY = r1(middle - 8)
				if pt.Who != "" {
					pt.LabelY = r1(middle - 8 - whoH)
				}
				pt.LabelY = math.Max(pt.LabelY, labelH)
				pt.LabelX, pt.Anchor = r1(pt.X+barH), "start"
				if pt.X+barH+w > chartWidth && pt.X > chartWidth-pt.X {
					pt.LabelX, pt.Anchor = r1(pt.X-barH), "end"
				}
			}
		}
		ch.Points = append(ch.Points, pt)
	}
	separate(ch.Points, ch.Y0, ch.Y1)
	ch.Text = chartText(g, true)
	return ch
}

// separate moves labels that would overlap an earlier one apart: down
// below it, or, when that leaves the plot, up above it. Few values are
// labelled (maxLabelled), so comparing each with the others is cheap.
func separate(pts []TimePoint, top, bottom float64) {
	box := func(p *TimePoint) (float64, float64) {
		w := labelWidth(p)
		if p.Anchor == "end" {
			return p.LabelX - w, p.LabelX
		}
		return p.LabelX, p.LabelX + w
	}
	// A label's lines run from a line's height above its baseline to
	// below it by the lines under the first (its Who).
	lines := func(p *TimePoint) (float64, float64) {
		if p.Who != "" {
			return p.LabelY - labelH, p.LabelY + whoH
		}
		return p.LabelY - labelH, p.LabelY
	}
	var placed []*TimePoint
	for i := range pts {
		p := &pts[i]
		if p.Label == "" {
			continue
		}
		a0, a1 := box(p)
		for range len(placed) + 1 {
			var hit *TimePoint
			for _, q := range placed {
				b0, b1 := box(q)
				p0, p1 := lines(p)
				q0, q1 := lines(q)
				if a0 < b1 && b0 < a1 && p0 < q1 && q0 < p1 {
					hit = q
					break
				}
			}
			if hit == nil {
				break
			}
			_, q1 := lines(hit)
			_, p1 := lines(p)
			if y := q1 + labelH; y+(p1-p.LabelY) <= bottom-4 {
				p.LabelY = r1(y)
			} else {
				q0, _ := lines(hit)
				p.LabelY = r1(math.Max(q0-(p1-p.LabelY), top+labelH))
			}
		}
		placed = append(placed, p)
	}
}

// timeTick is a labelled moment of the time axis.
type timeTick struct {
	at    time.Time
	label string // in English, to measure
	when  TickDate
}

// timeTicks returns the ticks of a time axis from t0 to t1 across a plot
// of width w: the first of each year, half year, quarter, month or week,
// or of every few years up to millennia, whichever gives the most ticks,
// at most eight, that do not crowd a narrow screen. Every tick has its
// label, whatever the span (a figure may have values from year 1 to 9999).
func timeTicks(t0, t1 time.Time, w float64) []timeTick {
	type step struct {
		months, days int
	}
	steps := []step{{0, 1}, {0, 2}, {0, 7}, {0, 14}, {1, 0}, {2, 0}, {3, 0}, {6, 0}, {12, 0}, {24, 0}, {60, 0}, {120, 0}, {600, 0},
		{1200, 0}, {2400, 0}, {6000, 0}, {12000, 0}, {24000, 0}, {60000, 0}}
	var out []timeTick
	for _, s := range steps {
		out = out[:0]
		var t time.Time
		switch {
		case s.days > 0:
			t = time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, time.UTC)
			if t.Before(t0) {
				t = t.AddDate(0, 0, 1)
			}
			if s.days == 7 || s.days == 14 { // Mondays
				for t.Weekday() != time.Monday {
					t = t.AddDate(0, 0, 1)
				}
			}
		case s.months < 12:
			t = time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, time.UTC)
			if t.Before(t0) {
				t = t.AddDate(0, 1, 0)
			}
			for (int(t.Month())-1)%s.months != 0 {
				t = t.AddDate(0, 1, 0)
			}
		default: // the first of January of years that are multiples of the step
			years := s.months / 12
			y := t0.Year() - mod(t0.Year(), years)
			t = time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
			if t.Before(t0) {
				t = time.Date(y+years, time.January, 1, 0, 0, 0, 0, time.UTC)
			}
		}
		for ; !t.After(t1); t = t.AddDate(0, s.months, s.days) {
			out = append(out, timeTick{at: t})
			if len(out) > 8 {
				break
			}
		}
		if len(out) > 8 {
			continue
		}
		widest := 0
		for i := range out {
			out[i].label, out[i].when = timeLabel(out[i].at, s.months, s.days, i == 0)
			widest = max(widest, utf8.RuneCountInString(out[i].label))
		}
		if len(out) <= 1 || w/float64(len(out)-1) >= 1.2*float64(widest)*tickChar+12 {
			return out
		}
	}
	return out
}

// mod is x modulo m, from 0 to m-1 also for a negative x.
func mod(x, m int) int { return ((x % m) + m) % m }

// timeLabel writes a tick's moment as briefly as its step allows: "2025",
// "Jan 2025" and "Apr", "3 Mar 2025" and "10 Mar"; the year written on
// the first tick and at each new year.
//
// The label is English, to measure; the "tick-date" partial writes the
// TickDate returned with it.
func timeLabel(t time.Time, months, days int, first bool) (string, TickDate) {
	year, month, day := t.Format("2006"), int(t.Month()), t.Day()
	switch {
	case months >= 12:
		return t.Format("2006"), TickDate{Year: year}
	case months > 0 && (first || t.Month() == time.January):
		return t.Format("Jan 2006"), TickDate{Year: year, Month: month}
	case months > 0:
		return t.Format("Jan"), TickDate{Month: month}
	case first || t.YearDay() <= days:
		return t.Format("2 Jan 2006"), TickDate{Year: year, Month: month, Day: day}
	}
	return t.Format("2 Jan"), TickDate{Month: month, Day: day}
}

// TickDate is the moment of a time axis's tick, as briefly as its step
// allows, for the "tick-date" partial: "2025", "Jan 2025", "Apr", "3 Mar
// 2025", "10 Mar".
type TickDate struct {
	Year       string // four digits, "" when not written
	Month, Day int    // 0 when not written
}

// who is who gives a value, for the line under its label: the claim's
// speaker, else the source's short citation.
func who(v *model.Value) string {
	if sp := v.Quote.Claim.Speaker; sp != nil {
		return sp.Name
	}
	return cite(v.Quote.Source)
}

// labelWidth is the room a point's label takes across: its words, or the
// line under them if longer (set smaller).
func labelWidth(p *TimePoint) float64 {
	w := float64(utf8.RuneCountInString(p.Label)) * charNarrow * 0.75
	return math.Max(w, float64(utf8.RuneCountInString(p.Who))*charNarrow*0.62)
}
