package render

// The chart of a figure's values side by side, on one axis of its unit.

import (
	"math"
	"strconv"
	"unicode/utf8"

	"dossier/internal/model"
)

// Chart is the geometry of a figure's chart of values side by side, in
// the SVG's user units.
type Chart struct {
	Width, Height float64
	Text          ChartText // what its title and description say: the "chart-title" and "chart-desc" partials
	X0, X1        float64   // the plot's left and right ends
	AxisY, TickY  float64   // the axis line; the baseline of tick labels
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
	Label  string    // a number; on a time axis, in English (When says it)
	When   *TickDate // on a time axis, the tick's moment: the "tick-date" partial writes it; else nil
	Anchor string    // text-anchor: start, middle or end
}

// ChartRow is one value: its labels above, its mark on the track.
type ChartRow struct {
	value           *model.Value
	SourceY, ClaimY float64 // baselines of the labels
	TrackY          float64
	Source, Claim   string // the labels, shortened to fit narrow screens
	SourceWide      string // the labels, shortened to fit wide screens
	ClaimWide       string
	Tooltip         Tooltip // the full labels, and the tool's reading: the "chart-tooltip" partial
	Dot             bool    // an exact value at X; else a bar
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
	Label          string  // the value in the source's words: “roughly 300,000”; in English, to measure
	Says           Reading // the same, for the "words" partial
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

// Chart computes the chart of the page's figure, or nil when it has no
// values or is drawn over time (TimeChart).
func (p *Page) Chart() *Chart {
	g := p.figure
	if g == nil || len(g.Values) == 0 || g.OverTime() {
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
		// Who says it: the speaker, where the claim names one, then the
		// source.
		source := cite(q.Source)
		if sp := q.Claim.Speaker; sp != nil {
			source = sp.Name + " · " + source
		}
		if rd.AsOf != "" {
			source += " · " + formatDate(rd.AsOf)
		}
		row := ChartRow{
			value:      v,
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
			Says:       labelWords(v),
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
	ch.Text = chartText(g, false)
	return ch
}

// Tooltip is what a chart's mark says on hover, for the "chart-tooltip"
// partial: the source's words, the tool's reading and date, the source
// and the claim.
type Tooltip struct {
	Reading Reading
	Source  string // the source's title
	Claim   string // the claim's title
}

func tooltip(v *model.Value, rd Reading) Tooltip {
	return Tooltip{Reading: rd, Source: v.Quote.Source.Title, Claim: v.Quote.Claim.Title}
}

func (p *Page) tolerance() string {
	t := p.d.Settings.Tolerance
	return strconv.FormatFloat(math.Round(t*1000)/10, 'f', -1, 64) + "%"
}
