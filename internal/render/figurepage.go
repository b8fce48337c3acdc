package render

import "strconv"

// The default theme's figure page content, compiled (see claimpage.go):
// figure.html with its charts (figure-chart.html, time-chart.html,
// chart-text.html, chart-legend.html, chart-defs.html) and its conflict
// card (conflictpage.go).

// figureTemplates are the templates the compiled figure page stands for.
var figureTemplates = []string{
	"figure.html", "content", "time-chart", "figure-chart", "chart-defs", "chart-legend",
	"chart-title", "chart-desc", "chart-tooltip", "tick-date", "month-short",
	"reading", "words", "amount", "date", "month-name",
	"summary", "summary-start", "summary-tail", "cited", "source-kind",
}

// float writes a number as html/template prints a float64 (fmt's %v),
// escaped: "1e+06" has a "+".
func (w pageWriter) float(x float64) { w.text(strconv.FormatFloat(x, 'g', -1, 64)) }

// writeFigureContent is figure.html's "content".
func writeFigureContent(w pageWriter, p *Page) error {
	g := p.Figure
	series := p.Series()
	w.raw("\n<header class=\"page-head\">\n<p class=\"kind\">Figure</p>\n<h1>")
	w.text(g.Label)
	w.raw("</h1>\n")
	if g.Description != "" {
		w.raw(`<p class="lede">`)
		w.text(g.Description)
		w.raw("</p>\n")
	}
	w.raw(`<p class="meta">Counted in `)
	w.text(g.Unit)
	w.raw(" · ")
	w.text(count(len(g.Values), "value", "values"))
	if series {
		w.raw(", over time")
	}
	w.raw(". ")
	switch {
	case g.Conflict != nil:
		w.raw(`<span class="conflict-mark">conflict</span> Some values disagree.`)
	case series:
		w.raw("No value disagrees with another of its time.")
	case len(g.Values) > 1:
		w.raw("All values agree within their readings.")
	}
	w.raw("</p>\n</header>\n")
	note, err := p.Markdown(g.Body)
	if err != nil {
		return err
	}
	if note != "" {
		w.raw(`<div class="prose figure-note">`)
		w.raw(string(note))
		w.raw("</div>\n")
	}
	if c := p.TimeChart(); c != nil {
		writeTimeChart(w, c)
	} else if c := p.Chart(); c != nil {
		writeValueChart(w, c)
	}
	w.raw("\n")
	if len(g.Values) > 0 {
		w.raw("<table class=\"values\">\n<caption>Every value")
		if series {
			w.raw(", by date")
		} else {
			w.raw(", by source")
		}
		w.raw("</caption>\n" + `<thead><tr><th scope="col">Value</th>`)
		if series {
			w.raw(`<th scope="col">As of</th>`)
		}
		w.raw(`<th scope="col">Source</th><th scope="col">Claim</th></tr></thead>` + "\n<tbody>")
		for _, v := range p.FigureValues() {
			w.raw("<tr")
			if v.Value.Conflict {
				w.raw(` class="has-conflict"`)
			}
			w.raw("><td>")
			writeReading(w, v.Reading)
			if v.Value.Conflict {
				w.raw(` <span class="conflict-mark" title="`)
				if v.Summary != nil {
					w.raw("Disagrees with ")
					writeSummaryTail(w, v.Summary)
				}
				w.raw(`">conflict</span>`)
			}
			if !series && v.Reading.AsOf != "" {
				w.raw(` <span class="side-asof">as of `)
				writeDate(w, v.Reading.AsOf)
				w.raw("</span>")
			}
			w.raw("</td>")
			if series {
				w.raw(`<td class="v-asof">`)
				if v.Value.AsOf != "" {
					writeTime(w, v.Value.AsOf)
				} else {
					w.raw(`<span class="muted">not dated</span>`)
				}
				w.raw("</td>")
			}
			w.raw(`<td class="v-source"><a href="`)
			w.url(v.QuoteHref)
			w.raw(`">`)
			w.text(v.Citation)
			w.raw("</a>")
			if k := v.Value.Quote.Source.Kind; k != "" && k != "other" {
				w.raw(` <span class="source-kind">`)
				w.raw(sourceKindWords(k))
				w.raw("</span>")
			}
			w.raw(`</td><td class="v-claim"><a href="`)
			w.url(v.ClaimHref)
			w.raw(`">`)
			w.text(v.Claim.Title)
			w.raw("</a></td></tr>\n")
		}
		w.raw("</tbody>\n</table>\n")
	} else {
		w.raw("<p>No quote gives a value of this figure yet.</p>\n")
	}
	if g.Conflict != nil {
		w.raw(`<section class="conflict-group" aria-labelledby="conflicts-h">` + "\n" + `<h2 id="conflicts-h">Conflict</h2>` + "\n")
		for _, card := range p.FigureCards() {
			if err := writeConflictCard(w, p, card); err != nil {
				return err
			}
		}
		w.raw("</section>\n")
	}
	return nil
}

// writeValueChart is the "figure-chart" partial.
func writeValueChart(w pageWriter, c *Chart) {
	w.raw("<figure class=\"fig-chart\">\n<svg class=\"chart\" viewBox=\"0 0 ")
	w.float(c.Width)
	w.raw(" ")
	w.float(c.Height)
	w.raw(`" width="100%" role="img" aria-labelledby="chart-title chart-desc" fill="currentColor" font-family="system-ui, sans-serif" font-size="14">` + "\n")
	writeChartHead(w, c.Text, c.Open)
	w.raw(`<g class="chart-grid" stroke="currentColor" stroke-opacity=".15">`)
	for _, t := range c.Ticks {
		w.raw(`<line x1="`)
		w.float(t.X)
		w.raw(`" x2="`)
		w.float(t.X)
		w.raw(`" y1="0" y2="`)
		w.float(c.AxisY)
		w.raw(`"/>`)
	}
	w.raw("</g>\n")
	for i := range c.Rows {
		r := &c.Rows[i]
		w.raw(`<g class="chart-row`)
		if r.Conflict {
			w.raw(" conflict")
		}
		w.raw(`"><title>`)
		writeTooltip(w, r.Tooltip)
		w.raw("</title>\n" + `<text class="chart-source" x="0" y="`)
		w.float(r.SourceY)
		w.raw(`">`)
		writeWideNarrow(w, r.Source, r.SourceWide)
		w.raw("</text>\n" + `<text class="chart-claim" x="0" y="`)
		w.float(r.ClaimY)
		w.raw(`" fill-opacity=".7">`)
		writeWideNarrow(w, r.Claim, r.ClaimWide)
		w.raw("</text>\n" + `<line class="chart-track" x1="`)
		w.float(c.X0)
		w.raw(`" x2="`)
		w.float(c.X1)
		w.raw(`" y1="`)
		w.float(r.TrackY)
		w.raw(`" y2="`)
		w.float(r.TrackY)
		w.raw(`" stroke="currentColor" stroke-opacity=".25" stroke-dasharray="2 4"/>` + "\n")
		if r.Dot {
			if r.Conflict {
				w.raw(`<circle class="chart-ring" cx="`)
				w.float(r.RingX)
				w.raw(`" cy="`)
				w.float(r.RingY)
				w.raw(`" r="`)
				w.float(r.RingW)
				w.raw(`" fill="none" stroke="currentColor" stroke-width="2"/>`)
			}
			w.raw(`<circle class="chart-mark" cx="`)
			w.float(r.X)
			w.raw(`" cy="`)
			w.float(r.TrackY)
			w.raw("\" r=\"7\"/>\n")
		} else {
			if r.Conflict {
				w.raw(`<rect class="chart-ring" x="`)
				w.float(r.RingX)
				w.raw(`" y="`)
				w.float(r.RingY)
				w.raw(`" width="`)
				w.float(r.RingW)
				w.raw(`" height="20" rx="10" fill="none" stroke="currentColor" stroke-width="2"/>`)
			}
			if r.Open != "" {
				w.raw(`<rect class="chart-open" x="`)
				w.float(r.BarX)
				w.raw(`" y="`)
				w.float(r.BarY)
				w.raw(`" width="`)
				w.float(r.BarW)
				w.raw(`" height="12" fill="url(#chart-fade-`)
				w.text(r.Open)
				if r.Conflict {
					w.raw("-c")
				}
				w.raw(`)"/><path class="chart-arrow" d="`)
				w.text(r.Arrow)
				w.raw(`"/>`)
			} else {
				w.raw(`<rect class="chart-mark" x="`)
				w.float(r.BarX)
				w.raw(`" y="`)
				w.float(r.BarY)
				w.raw(`" width="`)
				w.float(r.BarW)
				w.raw(`" height="12" rx="6" fill-opacity=".8"/>`)
				if r.Center {
					w.raw(`<circle class="chart-center" cx="`)
					w.float(r.X)
					w.raw(`" cy="`)
					w.float(r.TrackY)
					w.raw(`" r="3" fill="#fff"/>`)
				}
			}
			w.raw("\n")
		}
		w.raw(`<text class="chart-value" x="`)
		w.float(r.LabelX)
		w.raw(`" y="`)
		w.float(r.LabelY)
		w.raw(`" text-anchor="`)
		w.text(r.LabelAnchor)
		w.raw(`">`)
		writeWords(w, r.Says)
		w.raw("</text>\n</g>\n")
	}
	w.raw(`<line class="chart-axis" x1="`)
	w.float(c.X0)
	w.raw(`" x2="`)
	w.float(c.X1)
	w.raw(`" y1="`)
	w.float(c.AxisY)
	w.raw(`" y2="`)
	w.float(c.AxisY)
	w.raw("\" stroke=\"currentColor\"/>\n")
	for _, t := range c.Ticks {
		w.raw(`<text class="chart-tick" x="`)
		w.float(t.X)
		w.raw(`" y="`)
		w.float(c.TickY)
		w.raw(`" text-anchor="`)
		w.text(t.Anchor)
		w.raw(`">`)
		w.text(t.Label)
		w.raw("</text>")
	}
	w.raw("\n" + `<text class="chart-unit" x="`)
	w.float(c.X1)
	w.raw(`" y="`)
	w.float(c.UnitY)
	w.raw(`" text-anchor="end">`)
	w.text(c.Unit)
	w.raw("</text>\n</svg>\n")
	writeLegend(w, c.Exact, c.Approx, c.MinMax, c.Open, c.Periods, c.Conflict, c.Tolerance)
	w.raw("\n</figure>")
}

// writeWideNarrow writes a chart label shortened two ways.
func writeWideNarrow(w pageWriter, narrow, wide string) {
	if narrow == wide {
		w.text(narrow)
		return
	}
	w.raw(`<tspan class="chart-wide">`)
	w.text(wide)
	w.raw(`</tspan><tspan class="chart-narrow" display="none">`)
	w.text(narrow)
	w.raw("</tspan>")
}

// writeChartHead writes a chart's title, description and, for open
// bounds, its gradients.
func writeChartHead(w pageWriter, t ChartText, open bool) {
	w.raw(`<title id="chart-title">`)
	w.text(t.Label)
	if t.OverTime {
		w.raw(" over time, in ")
		w.text(t.Unit)
	} else {
		w.raw(", in ")
		w.text(t.Unit)
		w.raw(", by source")
	}
	w.raw("</title>\n" + `<desc id="chart-desc">`)
	writeChartDesc(w, t)
	w.raw("</desc>\n")
	if open {
		w.raw(chartDefs)
		w.raw("\n")
	}
}

// writeChartDesc is the "chart-desc" partial.
func writeChartDesc(w pageWriter, t ChartText) {
	n := len(t.Values)
	w.text(count(n, "value", "values"))
	w.raw(" of ")
	w.text(t.Label)
	w.raw(", in ")
	w.text(t.Unit)
	w.raw(": ")
	for i, v := range t.Values {
		if i > 0 {
			if i == n-1 {
				w.raw("; and ")
			} else {
				w.raw("; ")
			}
		}
		if t.OverTime {
			if v.Reading.AsOf != "" {
				w.raw("as of ")
				writeDate(w, v.Reading.AsOf)
				w.raw(", ")
			} else {
				w.raw("undated, ")
			}
		}
		writeWords(w, v.Reading)
		w.raw(" in ")
		w.text(v.Citation)
		if v.Reading.Read != nil {
			w.raw(" (read as ")
			writeAmount(w, v.Reading.Read)
			w.raw(")")
		}
		if !t.OverTime && v.Reading.AsOf != "" {
			w.raw(", as of ")
			writeDate(w, v.Reading.AsOf)
		}
	}
	w.raw(". ")
	switch {
	case n == 1:
		w.raw("There is no other value to compare it with.")
	case !t.Conflict && t.OverTime:
		w.raw("None disagrees with another of its time.")
	case !t.Conflict:
		w.raw("They agree: every reading overlaps the others.")
	default:
		w.raw("They disagree: ")
		for i, d := range t.Disagree {
			if i > 0 {
				w.raw("; ")
			}
			writeCited(w, &d.Value)
			w.raw(" ")
			if d.Summary != nil {
				w.raw("disagrees with ")
				writeSummaryTail(w, d.Summary)
			}
		}
		w.raw(".")
	}
}

// writeTooltip is the "chart-tooltip" partial.
func writeTooltip(w pageWriter, t Tooltip) {
	writeWords(w, t.Reading)
	if t.Reading.Read != nil {
		w.raw(" (read as ")
		writeAmount(w, t.Reading.Read)
		w.raw(")")
	}
	if t.Reading.AsOf != "" {
		w.raw(", as of ")
		writeDate(w, t.Reading.AsOf)
	}
	w.raw(" — ")
	w.text(t.Source)
	w.raw(": ")
	w.text(t.Claim)
}

// writeSummaryTail is the "summary-tail" partial.
func writeSummaryTail(w pageWriter, d *Disagreement) {
	w.text(count(d.With, "value", "values"))
	switch {
	case d.Below == 0 && d.With == 1:
		w.raw(", higher: ")
		writeCited(w, d.Higher)
	case d.Above == 0 && d.With == 1:
		w.raw(", lower: ")
		writeCited(w, d.Lower)
	case d.Below == 0:
		w.raw(", all higher, the closest being ")
		writeCited(w, d.Higher)
	case d.Above == 0:
		w.raw(", all lower, the closest being ")
		writeCited(w, d.Lower)
	default:
		w.raw(": ")
		w.int(d.Above)
		w.raw(" higher, the closest being ")
		writeCited(w, d.Higher)
		w.raw("; ")
		w.int(d.Below)
		w.raw(" lower, the closest being ")
		writeCited(w, d.Lower)
	}
}

// writeCited is the "cited" partial.
func writeCited(w pageWriter, c *Cited) {
	if c == nil {
		return
	}
	writeWords(w, c.Reading)
	if c.Citation != "" {
		w.raw(" (")
		w.text(c.Citation)
		w.raw(")")
	}
}

// writeLegend is the "chart-legend" partial.
func writeLegend(w pageWriter, exact, approx, minMax, open, periods, conflict bool, tolerance string) {
	w.raw(`<figcaption class="chart-legend">`)
	if exact {
		w.raw(legendExact)
	}
	if approx {
		w.raw(legendApproxStart)
		w.text(tolerance)
		w.raw(legendApproxEnd)
	}
	if minMax {
		w.raw(legendMinMax)
	}
	if open {
		w.raw(legendOpen)
	}
	if periods {
		w.raw(legendPeriods)
	}
	if conflict {
		w.raw(legendConflict)
	}
	w.raw("</figcaption>")
}

// writeTimeChart is the "time-chart" partial.
func writeTimeChart(w pageWriter, c *TimeChart) {
	w.raw("<figure class=\"fig-chart fig-time\">\n<svg class=\"chart chart-time\" viewBox=\"0 0 ")
	w.float(c.Width)
	w.raw(" ")
	w.float(c.Height)
	w.raw(`" width="100%" role="img" aria-labelledby="chart-title chart-desc" fill="currentColor" font-family="system-ui, sans-serif" font-size="14">` + "\n")
	writeChartHead(w, c.Text, c.Open)
	w.raw(`<text class="chart-unit" x="`)
	w.float(c.X0)
	w.raw(`" y="14">`)
	w.text(c.Unit)
	w.raw("</text>\n" + `<g class="chart-grid" stroke="currentColor" stroke-opacity=".15">`)
	for _, t := range c.YTicks {
		w.raw(`<line x1="`)
		w.float(c.X0)
		w.raw(`" x2="`)
		w.float(c.X1)
		w.raw(`" y1="`)
		w.float(t.Y)
		w.raw(`" y2="`)
		w.float(t.Y)
		w.raw(`"/>`)
	}
	w.raw("</g>\n")
	for _, t := range c.YTicks {
		w.raw(`<text class="chart-tick" x="`)
		w.float(t.X)
		w.raw(`" y="`)
		w.float(t.Y)
		w.raw(`" dy=".35em" text-anchor="end">`)
		w.text(t.Label)
		w.raw("</text>")
	}
	w.raw("\n" + `<line class="chart-axis" x1="`)
	w.float(c.X0)
	w.raw(`" x2="`)
	w.float(c.X1)
	w.raw(`" y1="`)
	w.float(c.Y1)
	w.raw(`" y2="`)
	w.float(c.Y1)
	w.raw("\" stroke=\"currentColor\"/>\n")
	for _, t := range c.XTicks {
		w.raw(`<line class="chart-xtick" x1="`)
		w.float(t.X)
		w.raw(`" x2="`)
		w.float(t.X)
		w.raw(`" y1="`)
		w.float(c.Y1)
		w.raw(`" y2="`)
		w.float(t.Y)
		w.raw(`" stroke="currentColor"/><text class="chart-tick" x="`)
		w.float(t.X)
		w.raw(`" y="`)
		w.float(c.TickY)
		w.raw(`" text-anchor="middle">`)
		if d := t.When; d != nil {
			if d.Day != 0 {
				w.int(d.Day)
				w.raw(" ")
			}
			if d.Month != 0 {
				if 1 <= d.Month && d.Month <= 12 {
					w.raw(monthNames[d.Month-1][:3])
				}
			}
			if d.Year != "" {
				if d.Month != 0 {
					w.raw(" ")
				}
				w.text(d.Year)
			}
		} else {
			w.text(t.Label)
		}
		w.raw("</text>")
	}
	w.raw("\n")
	for i := range c.Points {
		pt := &c.Points[i]
		w.raw(`<g class="chart-point`)
		if pt.Conflict {
			w.raw(" conflict")
		}
		w.raw(`"><title>`)
		writeTooltip(w, pt.Tooltip)
		w.raw("</title>\n")
		if pt.Period {
			w.raw(`<line class="chart-period" x1="`)
			w.float(pt.PX0)
			w.raw(`" x2="`)
			w.float(pt.PX1)
			w.raw(`" y1="`)
			w.float(pt.PY)
			w.raw(`" y2="`)
			w.float(pt.PY)
			w.raw(`" stroke="currentColor"/>`)
		}
		if pt.Dot {
			if pt.Conflict {
				w.raw(`<circle class="chart-ring" cx="`)
				w.float(pt.X)
				w.raw(`" cy="`)
				w.float(pt.Y)
				w.raw(`" r="`)
				w.float(pt.RingR)
				w.raw(`" fill="none" stroke="currentColor" stroke-width="2"/>`)
			}
			w.raw(`<circle class="chart-mark" cx="`)
			w.float(pt.X)
			w.raw(`" cy="`)
			w.float(pt.Y)
			w.raw(`" r="7"/>`)
		} else {
			if pt.Conflict {
				w.raw(`<rect class="chart-ring" x="`)
				w.float(pt.RingX)
				w.raw(`" y="`)
				w.float(pt.RingY)
				w.raw(`" width="`)
				w.float(pt.RingW)
				w.raw(`" height="`)
				w.float(pt.RingH)
				w.raw(`" rx="10" fill="none" stroke="currentColor" stroke-width="2"/>`)
			}
			if pt.Open != "" {
				w.raw(`<rect class="chart-open" x="`)
				w.float(pt.BarX)
				w.raw(`" y="`)
				w.float(pt.BarY)
				w.raw(`" width="12" height="`)
				w.float(pt.BarH)
				w.raw(`" fill="url(#chart-fade-`)
				w.text(pt.Open)
				w.raw("-v")
				if pt.Conflict {
					w.raw("-c")
				}
				w.raw(`)"/><path class="chart-arrow" d="`)
				w.text(pt.Arrow)
				w.raw(`"/>`)
			} else {
				w.raw(`<rect class="chart-mark" x="`)
				w.float(pt.BarX)
				w.raw(`" y="`)
				w.float(pt.BarY)
				w.raw(`" width="12" height="`)
				w.float(pt.BarH)
				w.raw(`" rx="6" fill-opacity=".8"/>`)
				if pt.Center {
					w.raw(`<circle class="chart-center" cx="`)
					w.float(pt.X)
					w.raw(`" cy="`)
					w.float(pt.Y)
					w.raw(`" r="3" fill="#fff"/>`)
				}
			}
		}
		w.raw("\n")
		if pt.Label != "" {
			w.raw(`<text class="chart-value" x="`)
			w.float(pt.LabelX)
			w.raw(`" y="`)
			w.float(pt.LabelY)
			w.raw(`" text-anchor="`)
			w.text(pt.Anchor)
			w.raw(`">`)
			writeWords(w, pt.Says)
			if pt.Who != "" {
				w.raw(`<tspan class="chart-who" x="`)
				w.float(pt.LabelX)
				w.raw(`" dy="1.25em">`)
				w.text(pt.Who)
				w.raw("</tspan>")
			}
			w.raw("</text>")
		}
		w.raw("\n</g>\n")
	}
	w.raw("</svg>\n")
	if len(c.Undated) > 0 {
		w.raw(`<p class="chart-undated"><span class="chart-undated-h">Not dated</span>, so compared with every value above: `)
		for i, u := range c.Undated {
			if i > 0 {
				w.raw("; ")
			}
			writeReading(w, u.Reading)
			w.raw(` (<a href="`)
			w.url(u.QuoteHref)
			w.raw(`">`)
			w.text(u.Citation)
			w.raw("</a>)")
		}
		if c.UndatedMore != 0 {
			w.raw("; and ")
			w.text(count(c.UndatedMore, "more value", "more values"))
			w.raw(" in the table")
		}
		w.raw(".</p>\n")
	}
	writeLegend(w, c.Exact, c.Approx, c.MinMax, c.Open, c.Periods, c.Conflict, c.Tolerance)
	w.raw("\n</figure>")
}
