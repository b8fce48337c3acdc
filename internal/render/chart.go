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
	"time"
	"unicode"
	"unicode/utf8"

	"dossier/internal/model"
)

// Chart is the geometry of a figure's chart of values side by side, in
// the SVG's user units.
type Chart struct {
	Width, Height float64
	Title, Desc   string
	X0, X1        float64 // the plot's left and right ends
	AxisY, TickY  float64 // the axis line; the baseline of tick labels
	Ticks         []ChartTick
	Rows          []ChartRow
	Unit          string
	UnitY         float64
	// What the legend needs to explain (Periods: never here; see
	// TimeChart).
	Exact, Approx, MinMax, Open, Conflict, Periods bool
	Tolerance                                      string // "10%"
}

// ChartTick is a labelled tick of an axis.
type ChartTick struct {
	X, Y   float64
	Label  string
	Anchor string // text-anchor: start, middle or end
}

// ChartRow is one value: its labels above, its mark on the track.
type ChartRow struct {
	Value           *model.Value
	SourceY, ClaimY float64 // baselines of the labels
	TrackY          float64
	Source, Claim   string // the labels, shortened to fit narrow screens
	SourceWide      string // the labels, shortened to fit wide screens
	ClaimWide       string
	Tooltip         string // the full labels, and the tool's reading
	Dot             bool   // an exact value at X; else a bar
	X               float64
	BarX, BarY      float64
	BarW            float64
	Center          bool // an approximate value: its stated value (X) marked on the bar
	// Open is "hi" for a value with no upper bound ("at least"), whose
	// bar runs on to the plot's right end, fading, with an arrow (Arrow,
	// a path); "lo" for one with no lower bound, to the left end.
	Open           string
	Arrow          string
	Conflict       bool // ringed: RingX, RingY, RingW (a circle's radius is RingW)
	RingX, RingY   float64
	RingW          float64
	Label          string // the value in the source's words: “roughly 300,000”
	LabelX, LabelY float64
	LabelAnchor    string
}

// The chart's layout. Labels are sized for narrow screens, where the
// stylesheet enlarges them (the SVG scales down with the page); on wide
// screens they are smaller and the rows airier.
const (
	chartWidth  = 560.0
	chartPadX   = 12.0
	chartRowH   = 92.0
	chartTop    = 4.0
	barH        = 12.0
	dotR        = 7.0
	ringGap     = 4.0
	arrowLen    = 9.0
	charNarrow  = 12.5 // estimated width of a character of a value label on narrow screens
	tickChar    = 10.5 // of a tick label there
	sourceChars = 38   // on narrow screens
	claimChars  = 48
	sourceWide  = 62 // on wide ones
	claimWide   = 76
	openRoom    = 0.35 // how much of the data's span an open bound adds beyond it
)

// series reports whether a figure's values hold at two or more different
// times, so that its chart has a time axis.
func series(g *model.Figure) bool {
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

// Series reports whether the page's figure is drawn over time.
func (p *Page) Series() bool { return p.Figure != nil && series(p.Figure) }

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

// Chart computes the chart of the page's figure, or nil when it has no
// values or is drawn over time (TimeChart).
func (p *Page) Chart() *Chart {
	g := p.Figure
	if g == nil || len(g.Values) == 0 || series(g) {
		return nil
	}
	ch := &Chart{Width: chartWidth, X0: chartPadX, X1: chartWidth - chartPadX, Unit: g.Unit, Tolerance: p.tolerance()}
	lo, hi, integers, _, _ := domain(g.Values)
	ticks, dlo, dhi := niceTicks(lo, hi, integers, ch.X1-ch.X0, tickChar)
	scale := func(x float64) float64 {
		return ch.X0 + (x-dlo)/(dhi-dlo)*(ch.X1-ch.X0)
	}
	for i, x := range ticks {
		tk := ChartTick{X: r1(scale(x)), Label: number(x), Anchor: "middle"}
		switch i {
		case 0:
			tk.Anchor = "start"
		case len(ticks) - 1:
			tk.Anchor = "end"
		}
		ch.Ticks = append(ch.Ticks, tk)
	}

	y := chartTop
	for _, v := range g.Values {
		q := v.Quote
		rd := reading(v)
		source := cite(q.Source)
		if rd.AsOf != "" {
			source += " · " + rd.AsOf
		}
		row := ChartRow{
			Value:      v,
			SourceY:    y + 22,
			ClaimY:     y + 46,
			TrackY:     y + 70,
			Source:     shorten(source, sourceChars),
			Claim:      shorten(q.Claim.Title, claimChars),
			SourceWide: shorten(source, sourceWide),
			ClaimWide:  shorten(q.Claim.Title, claimWide),
			Tooltip:    tooltip(v, rd),
			Conflict:   v.Conflict,
			Label:      label(v),
		}
		row.LabelY = row.TrackY + 6
		var left, right float64
		switch {
		case v.OpenHi() || v.OpenLo():
			ch.Open = true
			a, b := ch.X0, ch.X1
			row.Open = "hi"
			if v.OpenHi() {
				a = scale(v.Lo)
				row.Arrow = arrowPath(b, row.TrackY, 1, 0)
				b -= arrowLen
			} else {
				row.Open = "lo"
				b = scale(v.Hi)
				row.Arrow = arrowPath(a, row.TrackY, -1, 0)
				a += arrowLen
			}
			w := math.Max(b-a, 2)
			row.BarX, row.BarY, row.BarW = r1(a), row.TrackY-barH/2, r1(w)
			left, right = a, a+w
			if row.Open == "lo" {
				left -= arrowLen
			} else {
				right += arrowLen
			}
			row.RingX, row.RingY, row.RingW = r1(left-ringGap), row.BarY-ringGap, r1(right-left+2*ringGap)
		case v.Lo == v.Hi:
			a := scale(v.Lo)
			row.Dot, row.X = true, r1(a)
			left, right = a-dotR, a+dotR
			row.RingX, row.RingY, row.RingW = row.X, row.TrackY, dotR+ringGap
			ch.Exact = true
		default:
			a, b := scale(v.Lo), scale(v.Hi)
			w := math.Max(b-a, 2)
			row.BarX, row.BarY, row.BarW = r1(a), row.TrackY-barH/2, r1(w)
			if v.Value != nil {
				row.Center, row.X = true, r1(scale(*v.Value))
				ch.Approx = true
			} else {
				ch.MinMax = true
			}
			left, right = a, a+w
			row.RingX, row.RingY, row.RingW = r1(a-ringGap), row.BarY-ringGap, r1(w+2*ringGap)
		}
		if v.Conflict {
			ch.Conflict = true
			left, right = left-ringGap, right+ringGap
		}
		w := float64(utf8.RuneCountInString(row.Label)) * charNarrow
		switch {
		case right+8+w <= chartWidth:
			row.LabelX, row.LabelAnchor = r1(right+8), "start"
		case left-8-w >= 0:
			row.LabelX, row.LabelAnchor = r1(left-8), "end"
		default: // beside a bar that spans the chart there is no room: under it
			row.LabelX, row.LabelAnchor = r1((left+right)/2), "middle"
			row.LabelY = row.TrackY + 30
			y += 26
		}
		ch.Rows = append(ch.Rows, row)
		y += chartRowH
	}
	ch.AxisY = y - 6
	ch.TickY = ch.AxisY + 28
	ch.UnitY = ch.TickY + 28
	ch.Height = ch.UnitY + 8
	ch.Title, ch.Desc = chartText(g, false)
	return ch
}

// arrowPath is an arrowhead with its tip at (x, y), pointing along (dx, dy).
func arrowPath(x, y, dx, dy float64) string {
	// The base of the head lies arrowLen back from the tip, 6 wide either side.
	bx, by := x-dx*arrowLen, y-dy*arrowLen
	px, py := -dy*6, dx*6
	return "M" + f1(x) + " " + f1(y) + "L" + f1(bx+px) + " " + f1(by+py) + "L" + f1(bx-px) + " " + f1(by-py) + "Z"
}

func f1(x float64) string { return strconv.FormatFloat(r1(x), 'f', -1, 64) }

// tooltip is a mark's full description: the source's words, the tool's
// reading, the source and the claim.
func tooltip(v *model.Value, rd Reading) string {
	s := rd.Quote()
	if rd.ReadAs != "" {
		s += " (read as " + rd.ReadAs + ")"
	}
	if rd.AsOf != "" {
		s += ", as of " + rd.AsOf
	}
	return s + " — " + v.Quote.Source.Title + ": " + v.Quote.Claim.Title
}

func (p *Page) tolerance() string {
	t := p.Dossier.Settings.Tolerance
	return strconv.FormatFloat(math.Round(t*1000)/10, 'f', -1, 64) + "%"
}

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
			ticks = append(ticks, clean(x))
			widest = max(widest, utf8.RuneCountInString(number(clean(x))))
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

// clean rounds away floating-point noise in tick values.
func clean(x float64) float64 {
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

// chartText is a chart's title and its description for screen readers:
// every value in the source's words, with the tool's reading and, over
// time, its date; then whether and where they disagree.
func chartText(g *model.Figure, overTime bool) (string, string) {
	title := g.Label + ", in " + g.Unit + ", by source"
	vs := g.Values
	if overTime {
		title = g.Label + " over time, in " + g.Unit
		vs = byTime(vs)
	}
	var b strings.Builder
	b.WriteString(capitalize(count(len(vs), "value")) + " of " + g.Label + ", in " + g.Unit + ": ")
	for i, v := range vs {
		if i > 0 {
			if i == len(vs)-1 {
				b.WriteString("; and ")
			} else {
				b.WriteString("; ")
			}
		}
		rd := reading(v)
		if overTime {
			if rd.AsOf == "" {
				b.WriteString("undated, ")
			} else {
				b.WriteString("as of " + rd.AsOf + ", ")
			}
		}
		b.WriteString(rd.Quote() + " in " + cite(v.Quote.Source))
		if rd.ReadAs != "" {
			b.WriteString(" (read as " + rd.ReadAs + ")")
		}
		if !overTime && rd.AsOf != "" {
			b.WriteString(", as of " + rd.AsOf)
		}
	}
	b.WriteString(". ")
	switch {
	case len(vs) == 1:
		b.WriteString("There is no other value to compare it with.")
	case g.Conflict == nil && overTime:
		b.WriteString("None disagrees with another of its time.")
	case g.Conflict == nil:
		b.WriteString("They agree: every reading overlaps the others.")
	default:
		b.WriteString("They disagree: ")
		for i, d := range g.Conflict.Values {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(valueAt(d.Value) + " " + summary(d))
		}
		b.WriteString(".")
	}
	return title, b.String()
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

// ---------------------------------------------------------------------
// Over time.

// TimeChart is the geometry of a figure's chart over time: when each
// value holds across, the value up. A value holds over the day, month or
// year its asOf names: its mark stands in the middle of that period, a
// thin line under it spanning the period when it is wide enough to see.
type TimeChart struct {
	Width, Height float64
	Title, Desc   string
	X0, X1        float64 // the plot's left and right ends
	Y0, Y1        float64 // its top and bottom (the time axis)
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
	Value    *model.Value
	Tooltip  string
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
	Label    string // the source's words; "" when the chart has too many values to label
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
)

// TimeChart computes the chart over time of the page's figure, or nil
// when its values do not hold at different times.
func (p *Page) TimeChart() *TimeChart {
	g := p.Figure
	if g == nil || !series(g) {
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
		ch.XTicks = append(ch.XTicks, ChartTick{X: r1(xOf(tk.at)), Y: ch.Y1 + 5, Label: tk.label, Anchor: "middle"})
	}
	ch.TickY = ch.Y1 + 24
	ch.Height = ch.TickY + 12

	labelled := len(dated) <= maxLabelled
	for _, v := range dated {
		rd := reading(v)
		pt := TimePoint{Value: v, Tooltip: tooltip(v, rd), Conflict: v.Conflict}
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
			pt.Label = label(v)
			w := float64(utf8.RuneCountInString(pt.Label)) * charNarrow * 0.75
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
		}
		ch.Points = append(ch.Points, pt)
	}
	separate(ch.Points, ch.Y0, ch.Y1)
	ch.Title, ch.Desc = chartText(g, true)
	return ch
}

// separate moves labels that would overlap an earlier one apart: down
// below it, or, when that leaves the plot, up above it. Few values are
// labelled (maxLabelled), so comparing each with the others is cheap.
func separate(pts []TimePoint, top, bottom float64) {
	box := func(p *TimePoint) (float64, float64) {
		w := float64(utf8.RuneCountInString(p.Label)) * charNarrow * 0.75
		if p.Anchor == "end" {
			return p.LabelX - w, p.LabelX
		}
		return p.LabelX, p.LabelX + w
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
				if a0 < b1 && b0 < a1 && math.Abs(p.LabelY-q.LabelY) < labelH {
					hit = q
					break
				}
			}
			if hit == nil {
				break
			}
			if y := hit.LabelY + labelH; y <= bottom-4 {
				p.LabelY = r1(y)
			} else {
				p.LabelY = r1(math.Max(hit.LabelY-labelH, top+labelH))
			}
		}
		placed = append(placed, p)
	}
}

// timeTick is a labelled moment of the time axis.
type timeTick struct {
	at    time.Time
	label string
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
			out[i].label = timeLabel(out[i].at, s.months, s.days, i == 0)
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
func timeLabel(t time.Time, months, days int, first bool) string {
	switch {
	case months >= 12:
		return t.Format("2006")
	case months > 0 && (first || t.Month() == time.January):
		return t.Format("Jan 2006")
	case months > 0:
		return t.Format("Jan")
	case first || t.YearDay() <= days:
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan")
}
