package render

// The reader pages' data: what claim, figure and conflicts pages compute
// from the model before their templates show it. Everything here returns
// plain strings and numbers; the templates escape them.

import (
	"dossier/internal/sentence"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"dossier/internal/dossier"
)

// ---------------------------------------------------------------------
// The sentence around a quoted passage.

// QuoteContext is a passage with the text around it in its source: from
// the start of the sentence it begins in to the end of the sentence it
// ends in.
type QuoteContext struct {
	Before, Passage, After string
}

// contextLimit caps the text shown on either side of a passage, in code
// points, for sources without sentence ends.
const contextLimit = 280

// QuoteContext returns the sentence around a quote's passage, or nil when
// the passage is the whole sentence and the context would add nothing.
func (p *Page) QuoteContext(q *dossier.Quote) *QuoteContext {
	if q == nil || q.Source == nil {
		return nil
	}
	return quoteContext(q.Source.Plain, q.Start, q.End)
}

func quoteContext(plain string, start, end int) *QuoteContext {
	if start < 0 || start > end {
		return nil
	}
	// Work on a window around the passage, not the whole source: the
	// context reaches at most contextLimit either side, and the tests for
	// sentence ends look a few characters further.
	const pad = 16
	wlo, whi := max(0, start-contextLimit-pad), end+contextLimit+pad
	b0, b1, n := -1, len(plain), 0
	for i := range plain {
		if n == wlo {
			b0 = i
		}
		if n == whi {
			b1 = i
			break
		}
		n++
	}
	if b0 < 0 {
		return nil
	}
	text := []rune(plain[b0:b1])
	start, end = start-wlo, end-wlo
	if end > len(text) {
		return nil
	}
	lo, hi := sentence.Bounds(text, start, end, contextLimit)
	before := strings.TrimLeftFunc(string(text[lo:start]), unicode.IsSpace)
	after := strings.TrimRightFunc(string(text[end:hi]), unicode.IsSpace)
	if lo > 0 && !sentence.Start(text, lo) {
		before = "…" + trimToWord(before, true)
	}
	if hi < len(text) && !sentence.End(text, hi) {
		after = trimToWord(after, false) + "…"
	}
	if !hasWord(before) && !hasWord(after) {
		return nil
	}
	return &QuoteContext{Before: before, Passage: string(text[start:end]), After: after}
}

// trimToWord drops the partial word at the cut end of a truncated context.
func trimToWord(s string, front bool) string {
	if front {
		if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
			return strings.TrimLeftFunc(s[i:], unicode.IsSpace)
		}
		return s
	}
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		return strings.TrimRightFunc(s[:i], unicode.IsSpace)
	}
	return s
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// ---------------------------------------------------------------------
// Figures: comparisons, distances, the chart.

// mid is the middle of a value's interval.
// An open bound has no middle: mid is then the finite bound (v2: the
// render work decides how to compare open bounds).
func mid(v *dossier.Value) float64 {
	switch {
	case v.OpenLo():
		return v.Hi
	case v.OpenHi():
		return v.Lo
	}
	return (v.Lo + v.Hi) / 2
}

// gap is the distance between two intervals, 0 when they overlap.
func gap(a, b *dossier.Value) float64 {
	return math.Max(0, math.Max(a.Lo-b.Hi, b.Lo-a.Hi))
}

// times writes a ratio: "3×", "1.3×", "12×".
func times(r float64) string {
	if r >= 9.95 {
		return number(math.Round(r)) + "×"
	}
	return strconv.FormatFloat(math.Round(r*10)/10, 'f', -1, 64) + "×"
}

// amount writes a quantity with its unit: "160,000 deaths a year".
func amount(x float64, unit string) string {
	s := number(round(x))
	if unit != "" {
		s += " " + unit
	}
	return s
}

// valueNumber writes a value without its unit: "about 300,000", "6–8".
func valueNumber(v *dossier.Value) string {
	switch {
	case v.Value != nil && v.Approx:
		return "about " + number(*v.Value)
	case v.Value != nil:
		return number(*v.Value)
	case v.Min != nil && v.Max != nil:
		return number(*v.Min) + "–" + number(*v.Max)
	}
	return formatInterval(v)
}

// relation says how a value stands to another by their midpoints: "3×
// higher", "25% lower", "about the same"; "" when a midpoint is not
// positive and a ratio means nothing.
func relation(other, this *dossier.Value) string {
	a, b := mid(other), mid(this)
	if a <= 0 || b <= 0 {
		return ""
	}
	r := a / b
	switch {
	case r >= 1.95:
		return times(r) + " higher"
	case r <= 1/1.95:
		return times(1/r) + " lower"
	case r >= 1.005:
		return strconv.Itoa(int(math.Round((r-1)*100))) + "% higher"
	case r <= 0.995:
		return strconv.Itoa(int(math.Round((1-r)*100))) + "% lower"
	}
	return "about the same"
}

// Comparison is another value of a figure set against one claim's value,
// ready to show: links and numbers are made here, not in the template,
// which a claim page of a large dossier would otherwise spend its time on.
type Comparison struct {
	Value    *dossier.Value // the other value
	Text     string         // the value as the source gives it: "about 100,000 deaths"
	Interval string         // the interval of an approximate value: "90,000 – 110,000"
	Agrees   bool           // the intervals overlap
	Relation string         // by the midpoints: "3× higher", "25% lower"
	Gap      string         // between the intervals when they do not overlap: "160,000 deaths"
	Detail   string         // Relation and Gap: "3× lower, 160,000 deaths apart"
	Same     bool           // another value of the same claim
	// Where the value is given.
	QuoteHref, SourceTitle, ClaimHref, ClaimTitle string
}

// FigureCompare is one figure of a claim against every other value of
// its quantity.
type FigureCompare struct {
	Value          *dossier.Value
	Key, Href      string // the figure and its page
	Text, Interval string
	Others         []Comparison
}

// Compare sets every figure of the page's claim against every other value
// of the same quantity, in the figure's order.
func (p *Page) Compare() []FigureCompare {
	if p.Claim == nil || p.Dossier == nil {
		return nil
	}
	var out []FigureCompare
	for _, q := range p.Claim.Quotes {
		v := q.Figure
		if v == nil {
			continue
		}
		g := p.Dossier.Figure(v.Key)
		if g == nil {
			continue
		}
		fc := FigureCompare{Value: v, Key: v.Key, Href: p.URL("figures", v.Key), Text: formatValue(v), Interval: approxInterval(v)}
		for _, w := range g.Values {
			if w == v {
				continue
			}
			// v2: values of periods that do not overlap neither agree nor
			// disagree (Value.Period).
			c := Comparison{Value: w, Text: formatValue(w), Interval: approxInterval(w),
				Agrees: v.Overlaps(w), Relation: relation(w, v), Same: w.Quote.Claim == v.Quote.Claim,
				QuoteHref: p.QuoteURL(w.Quote), SourceTitle: w.Quote.Source.Title,
				ClaimHref: p.URL("claims", w.Quote.Claim.ID), ClaimTitle: w.Quote.Claim.Title}
			if !c.Agrees {
				c.Gap = amount(gap(v, w), g.Unit)
			}
			var parts []string
			if c.Relation != "" {
				parts = append(parts, c.Relation)
			}
			if c.Gap != "" {
				parts = append(parts, c.Gap+" apart")
			}
			c.Detail = strings.Join(parts, ", ")
			fc.Others = append(fc.Others, c)
		}
		out = append(out, fc)
	}
	return out
}

// approxInterval is the interval an approximate value stands for, "" for
// an exact value or a range, which say theirs themselves.
func approxInterval(v *dossier.Value) string {
	if v.Value == nil || !v.Approx || v.Lo == v.Hi {
		return ""
	}
	return formatInterval(v)
}

// ---------------------------------------------------------------------
// Conflicts as cards, side by side.

// ConflictCard is a conflict as the conflicts page shows it.
type ConflictCard struct {
	ID       string // the card's element id: "conflict-3"
	Conflict *dossier.Conflict
	Figure   *dossier.Figure // for a figure conflict
	Sides    []ConflictSide
	// For a figure conflict: how far apart the values are. Ratio is the
	// higher midpoint over the lower ("3×"), "" when a midpoint is not
	// positive; Gap is the distance between the intervals in the unit;
	// Exact is true when both values are exact numbers.
	Ratio, Gap, High, Low string
	Exact                 bool
	ratio                 float64 // for ordering: the biggest disagreement first
}

// ConflictSide is one side of a conflict: a claim, the value it gives
// (for a figure conflict) and the passages that make it.
type ConflictSide struct {
	Claim  *dossier.Claim
	Value  *dossier.Value
	Quotes []*dossier.Quote
	More   int // passages of the claim not shown
}

// sideQuotes is how many passages a statement conflict's side shows.
const sideQuotes = 2

// ConflictID is the element id of a conflict's card on the conflicts
// page.
func (p *Page) ConflictID(cf *dossier.Conflict) string {
	for i, x := range p.Dossier.Conflicts {
		if x == cf {
			return "conflict-" + strconv.Itoa(i+1)
		}
	}
	return ""
}

// ConflictCards returns the cards of the given conflicts (every conflict
// of the dossier when none are given): figure conflicts first, the
// furthest apart first, then statement conflicts in the dossier's order.
func (p *Page) ConflictCards(cfs ...[]*dossier.Conflict) []ConflictCard {
	list := p.Dossier.Conflicts
	if len(cfs) > 0 {
		list = cfs[0]
	}
	var figures, statements []ConflictCard
	for _, cf := range list {
		card := conflictCard(p, cf)
		if cf.Figure != nil {
			figures = append(figures, card)
		} else {
			statements = append(statements, card)
		}
	}
	slices.SortStableFunc(figures, func(a, b ConflictCard) int {
		switch {
		case a.ratio > b.ratio:
			return -1
		case a.ratio < b.ratio:
			return 1
		}
		return 0
	})
	return append(figures, statements...)
}

// FigureCards returns the card of the page's figure's conflict, if any.
func (p *Page) FigureCards() []ConflictCard {
	if p.Figure == nil || p.Figure.Conflict == nil {
		return nil
	}
	return p.ConflictCards([]*dossier.Conflict{p.Figure.Conflict})
}

func conflictCard(p *Page, cf *dossier.Conflict) ConflictCard {
	card := ConflictCard{ID: p.ConflictID(cf), Conflict: cf, Figure: cf.Figure}
	if cf.Figure != nil {
		// v2: a figure conflict is one per figure, with any number of
		// values: the card should show its title, kind, explanation, the
		// groups (cf.Groups) and each value's summary (cf.Values). For now
		// it sets the two ends of the disagreement side by side, in the
		// figure's order, as v1 did a pair.
		hi, lo := cf.Extremes()
		for _, d := range cf.Values {
			if v := d.Value; v == hi || v == lo {
				card.Sides = append(card.Sides, ConflictSide{Claim: v.Quote.Claim, Value: v, Quotes: []*dossier.Quote{v.Quote}})
			}
		}
		if mid(lo) > 0 {
			card.ratio = mid(hi) / mid(lo)
			card.Ratio = times(card.ratio)
		}
		card.High, card.Low = valueNumber(hi), valueNumber(lo)
		card.Gap = amount(gap(hi, lo), cf.Figure.Unit)
		card.Exact = hi.Lo == hi.Hi && lo.Lo == lo.Hi
		return card
	}
	for _, c := range cf.Claims {
		s := ConflictSide{Claim: c, Quotes: c.Quotes}
		if len(s.Quotes) > sideQuotes {
			s.Quotes, s.More = s.Quotes[:sideQuotes], len(c.Quotes)-sideQuotes
		}
		card.Sides = append(card.Sides, s)
	}
	return card
}

// ---------------------------------------------------------------------
// The figure chart: an SVG drawn by a template from this geometry.

// Chart is the geometry of a figure's chart, in the SVG's user units.
type Chart struct {
	Width, Height float64
	Title, Desc   string
	X0, X1        float64 // the plot's left and right ends
	AxisY, TickY  float64 // the axis line; the baseline of tick labels
	Ticks         []ChartTick
	Rows          []ChartRow
	Unit          string
	UnitY         float64
	// What the legend needs to explain.
	Exact, Approx, MinMax, Conflict bool
	Tolerance                       string // "10%"
}

// ChartTick is a labelled tick of the axis.
type ChartTick struct {
	X      float64
	Label  string
	Anchor string // text-anchor: start, middle or end
}

// ChartRow is one value: its labels above, its mark on the track.
type ChartRow struct {
	Value           *dossier.Value
	SourceY, ClaimY float64 // baselines of the labels
	TrackY          float64
	Source, Claim   string // the labels, shortened to fit narrow screens
	SourceWide      string // the labels, shortened to fit wide screens
	ClaimWide       string
	Tooltip         string // the full labels
	Dot             bool   // an exact value at X; else a bar
	X               float64
	BarX, BarY      float64
	BarW            float64
	Center          bool // an approximate value: its stated value (X) marked on the bar
	Conflict        bool // ringed: RingX, RingY, RingW (a circle's radius is RingW)
	RingX, RingY    float64
	RingW           float64
	Label           string // the value: "about 300,000"
	LabelX, LabelY  float64
	LabelAnchor     string
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
	charNarrow  = 12.5 // estimated width of a character of a value label on narrow screens
	tickChar    = 10.5 // of a tick label there
	sourceChars = 38   // on narrow screens
	claimChars  = 48
	sourceWide  = 62 // on wide ones
	claimWide   = 76
)

// Chart computes the chart of the page's figure.
func (p *Page) Chart() *Chart {
	g := p.Figure
	if g == nil || len(g.Values) == 0 {
		return nil
	}
	ch := &Chart{Width: chartWidth, X0: chartPadX, X1: chartWidth - chartPadX, Unit: g.Unit}
	t := p.Dossier.Settings.Tolerance
	ch.Tolerance = strconv.FormatFloat(math.Round(t*1000)/10, 'f', -1, 64) + "%"

	lo, hi := 0.0, 0.0
	integers := true
	for _, v := range g.Values {
		for _, x := range []float64{v.Lo, v.Hi} {
			if math.IsInf(x, 0) {
				continue // v2: open bounds reach the chart's edge, unmarked
			}
			lo, hi = math.Min(lo, x), math.Max(hi, x)
			if x != math.Trunc(x) {
				integers = false
			}
		}
	}
	ticks, dlo, dhi := niceTicks(lo, hi, integers, ch.X1-ch.X0)
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
		row := ChartRow{
			Value:      v,
			SourceY:    y + 22,
			ClaimY:     y + 46,
			TrackY:     y + 70,
			Source:     shorten(q.Source.Title, sourceChars),
			Claim:      shorten(q.Claim.Title, claimChars),
			SourceWide: shorten(q.Source.Title, sourceWide),
			ClaimWide:  shorten(q.Claim.Title, claimWide),
			Tooltip:    q.Source.Title + ": " + q.Claim.Title,
			Conflict:   v.Conflict,
			Label:      valueNumber(v),
		}
		row.LabelY = row.TrackY + 6
		a, b := scale(max(v.Lo, dlo)), scale(min(v.Hi, dhi))
		var left, right float64
		if v.Lo == v.Hi {
			row.Dot, row.X = true, r1(a)
			left, right = a-dotR, a+dotR
			row.RingX, row.RingY, row.RingW = row.X, row.TrackY, dotR+ringGap
			ch.Exact = true
		} else {
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
	ch.Title, ch.Desc = chartText(p, g)
	return ch
}

func r1(x float64) float64 { return math.Round(x*10) / 10 }

// niceTicks returns round tick values covering [lo, hi] (and 0), and
// the domain they span: the most ticks, at most six, whose labels do not
// crowd each other on a narrow screen across a plot of width w.
func niceTicks(lo, hi float64, integers bool, w float64) ([]float64, float64, float64) {
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi == lo {
		hi = lo + 1
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
		for i := 0; ; i++ {
			x := first + float64(i)*step
			if x > last+step/2 {
				break
			}
			ticks = append(ticks, clean(x))
			widest = max(widest, utf8.RuneCountInString(number(clean(x))))
		}
		// The last label ends at the plot's end: it and its neighbour,
		// centred on its tick, need one and a half labels' room.
		if len(ticks) <= 2 || w/float64(len(ticks)-1) >= 1.5*float64(widest)*tickChar+16 {
			return ticks, first, last
		}
	}
	return ticks, ticks[0], ticks[len(ticks)-1]
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

// chartText is the chart's title and its description for screen
// readers: every value, and whether and where they conflict.
func chartText(p *Page, g *dossier.Figure) (string, string) {
	title := "Values of " + g.Key + ", in " + g.Unit + ", by source"
	var b strings.Builder
	b.WriteString(capitalize(count(len(g.Values), "value")))
	b.WriteString(" for " + g.Key + ", in " + g.Unit + ": ")
	for i, v := range g.Values {
		if i > 0 {
			if i == len(g.Values)-1 {
				b.WriteString("; and ")
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(valueNumber(v))
		if v.Value != nil && v.Approx {
			b.WriteString(" (" + number(round(v.Lo)) + " to " + number(round(v.Hi)) + ")")
		}
		b.WriteString(" in " + v.Quote.Source.Title)
	}
	b.WriteString(". ")
	switch {
	case len(g.Values) == 1:
		b.WriteString("There is no other value to compare it with.")
	case g.Conflict == nil:
		b.WriteString("They agree: every range overlaps the others.")
	default:
		b.WriteString("They conflict: ") // v2: every value's summary, by period
		card := conflictCard(p, g.Conflict)
		b.WriteString(card.High + " and " + card.Low + " do not overlap")
		if card.Ratio != "" {
			b.WriteString(", the higher is " + card.Ratio + " the lower")
		}
		b.WriteString(".")
	}
	return title, b.String()
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// ---------------------------------------------------------------------
// Related claims.

// Related is a claim related to the page's claim, with why.
type Related struct {
	Claim   *dossier.Claim
	Href    string
	Reasons []string // "same speaker", "tag: cartels", "figure: troops"
	Why     string   // the reasons in a line: "same speaker · tag: cartels"
}

// maxRelated is how many related claims a claim page lists.
const maxRelated = 8

// maxGroup is the most claims a shared speaker, tag, figure or entity may
// have to count towards relatedness.
const maxGroup = 200

// RelatedClaims returns the claims that share most with the page's claim:
// its speaker, a tag, a figure, a passage (overlapping quotes) or a person
// or organisation named in both claims' passages. At most eight, by the
// number of things shared, then by id; claims it contradicts are listed
// apart and left out.
func (p *Page) RelatedClaims() []Related {
	c := p.Claim
	if c == nil || p.Dossier == nil {
		return nil
	}
	ix := p.r.readerIndex()
	self, ok := ix.index[c]
	if !ok {
		return nil
	}
	counts := ix.pool.Get().(*[]uint16)
	defer ix.pool.Put(counts)
	n := *counts
	var touched []int32
	add := func(j int32) {
		if n[j] == 0 {
			touched = append(touched, j)
		}
		n[j]++
	}
	// A group shared by very many claims (a tag on half the dossier) says
	// little about relatedness and would make every page cost time in
	// proportion to the whole dossier: such groups are passed over.
	if c.Speaker != nil && len(c.Speaker.Claims) <= maxGroup {
		for _, o := range c.Speaker.Claims {
			add(ix.index[o])
		}
	}
	for _, t := range c.Tags {
		if len(ix.tags[t]) > maxGroup {
			continue
		}
		for _, j := range ix.tags[t] {
			add(j)
		}
	}
	for _, key := range figureKeys(c) {
		if len(ix.figures[key]) > maxGroup {
			continue
		}
		for _, j := range ix.figures[key] {
			add(j)
		}
	}
	for _, o := range overlapping(c) {
		add(ix.index[o])
	}
	for _, e := range ix.entities[self] {
		if len(ix.mentions[e]) > maxGroup {
			continue
		}
		for _, j := range ix.mentions[e] {
			if e == c.Speaker && ix.claims[j].Speaker == c.Speaker {
				continue // counted as the same speaker
			}
			add(j)
		}
	}
	// The best eight, by count then id (claims are in id order).
	var best []int32
	opp := opposed(c)
	for _, j := range touched {
		if j == self || slices.Contains(opp, ix.claims[j]) {
			continue
		}
		k := len(best)
		for k > 0 && n[best[k-1]] < n[j] || k > 0 && n[best[k-1]] == n[j] && best[k-1] > j {
			k--
		}
		if k < maxRelated {
			best = slices.Insert(best, k, j)
			if len(best) > maxRelated {
				best = best[:maxRelated]
			}
		}
	}
	for _, j := range touched {
		n[j] = 0
	}
	out := make([]Related, 0, len(best))
	for _, j := range best {
		o := ix.claims[j]
		why := reasons(ix, c, o, self, j)
		out = append(out, Related{Claim: o, Href: p.URL("claims", o.ID), Reasons: why, Why: strings.Join(why, " · ")})
	}
	return out
}

// reasons says what two claims share, in the order the counts were made.
func reasons(ix *readerIndex, c, o *dossier.Claim, ci, oi int32) []string {
	var out []string
	sameSpeaker := c.Speaker != nil && c.Speaker == o.Speaker
	if sameSpeaker {
		out = append(out, "same speaker")
	}
	for _, t := range c.Tags {
		if slices.Contains(o.Tags, t) {
			out = append(out, "tag: "+t)
		}
	}
	okeys := figureKeys(o)
	for _, key := range figureKeys(c) {
		if slices.Contains(okeys, key) {
			out = append(out, "figure: "+key)
		}
	}
	if slices.Contains(overlapping(c), o) {
		out = append(out, passageReason(c, o))
	}
	for _, e := range ix.entities[ci] {
		if slices.Contains(ix.entities[oi], e) && !(sameSpeaker && e == c.Speaker) {
			out = append(out, "both name "+e.Name)
		}
	}
	return out
}

// passageReason says how two claims' passages overlap: "same passage"
// when one of them quotes exactly what the other does.
func passageReason(c, o *dossier.Claim) string {
	for _, q := range c.Quotes {
		for _, r := range o.Quotes {
			if q.Source == r.Source && q.Start == r.Start && q.End == r.End {
				return "same passage"
			}
		}
	}
	return "overlapping passage"
}

// figureKeys returns the keys of a claim's figures, each once.
func figureKeys(c *dossier.Claim) []string {
	var keys []string
	for _, q := range c.Quotes {
		if q.Figure != nil && !slices.Contains(keys, q.Figure.Key) {
			keys = append(keys, q.Figure.Key)
		}
	}
	return keys
}

// overlapping returns the other claims with a passage that overlaps one
// of c's, each once.
func overlapping(c *dossier.Claim) []*dossier.Claim {
	var out []*dossier.Claim
	for _, q := range c.Quotes {
		if q.Source == nil {
			continue
		}
		for _, o := range q.Source.Quotes { // by start
			if o.Start >= q.End {
				break
			}
			if o.Claim != c && o.Start < q.End && q.Start < o.End && !slices.Contains(out, o.Claim) {
				out = append(out, o.Claim)
			}
		}
	}
	return out
}

// readerIndex is what related claims are found with, made once per
// dossier: claims by tag, by figure and by the entities their passages
// name.
type readerIndex struct {
	once     sync.Once
	claims   []*dossier.Claim // the dossier's, in id order
	index    map[*dossier.Claim]int32
	tags     map[string][]int32
	figures  map[string][]int32
	entities [][]*dossier.Entity         // named in each claim's passages, by slug
	mentions map[*dossier.Entity][]int32 // claims whose passages name each entity
	pool     sync.Pool                   // *[]uint16 of len(claims), all zero
}

// readerIndex returns the renderer's index of its dossier, made on first
// use; it lives as long as the renderer (one build).
func (r *renderer) readerIndex() *readerIndex {
	r.index.once.Do(func() { r.index.build(r.d) })
	return &r.index
}

func (ix *readerIndex) build(d *dossier.Dossier) {
	ix.claims = d.Claims
	ix.index = make(map[*dossier.Claim]int32, len(d.Claims))
	ix.tags = map[string][]int32{}
	ix.figures = map[string][]int32{}
	ix.mentions = map[*dossier.Entity][]int32{}
	ix.entities = make([][]*dossier.Entity, len(d.Claims))
	for i, c := range d.Claims {
		j := int32(i)
		ix.index[c] = j
		for _, t := range c.Tags {
			if l := ix.tags[t]; len(l) == 0 || l[len(l)-1] != j {
				ix.tags[t] = append(l, j)
			}
		}
		for _, key := range figureKeys(c) {
			ix.figures[key] = append(ix.figures[key], j)
		}
	}
	for _, s := range d.Sources {
		// Quotes and mentions are both in order of position.
		for _, q := range s.Quotes {
			j, ok := ix.index[q.Claim]
			if !ok {
				continue
			}
			lo, _ := slices.BinarySearchFunc(s.Mentions, q.Start, func(m *dossier.Mention, start int) int { return m.Start - start })
			for _, m := range s.Mentions[lo:] {
				if m.Start >= q.End {
					break
				}
				if m.End <= q.End && !slices.Contains(ix.entities[j], m.Entity) {
					ix.entities[j] = append(ix.entities[j], m.Entity)
				}
			}
		}
	}
	for j, es := range ix.entities {
		slices.SortFunc(es, func(a, b *dossier.Entity) int { return strings.Compare(a.Slug, b.Slug) })
		for _, e := range es {
			ix.mentions[e] = append(ix.mentions[e], int32(j))
		}
	}
	n := len(d.Claims)
	ix.pool.New = func() any { s := make([]uint16, n); return &s }
}

// ---------------------------------------------------------------------
// A claim's own conflicts and figures.

// ClaimConflict is a conflict as the claim's page states it: this
// claim's value against the other's, or the claim it contradicts.
type ClaimConflict struct {
	ID           string // the card on the conflicts page
	Kind         string
	Figure       *dossier.Figure
	Mine, Theirs *dossier.Value // for a figure conflict
	Other        *dossier.Claim // the other claim (the page's own when two of its values conflict)
	Own          bool           // two of the claim's own values conflict
	// Ready to show: "about 300,000 deaths", "about 100,000 deaths",
	// "3× lower; 160,000 deaths apart".
	MineText, TheirsText, Apart string
	FigureHref, OtherHref       string
	CardHref                    string // the conflict's card on the conflicts page
}

// ClaimConflicts returns the page's claim's conflicts, figure conflicts
// first.
func (p *Page) ClaimConflicts() []ClaimConflict {
	c := p.Claim
	if c == nil {
		return nil
	}
	var figures, statements []ClaimConflict
	conflicts := p.URL("conflicts")
	for _, cf := range c.Conflicts {
		x := ClaimConflict{ID: p.ConflictID(cf), Kind: string(cf.Kind), Figure: cf.Figure, Other: otherClaim(cf, c)}
		x.CardHref = conflicts + "#" + x.ID
		if cf.Figure != nil {
			// v2: each of the claim's values in the conflict against the
			// nearest value it disagrees with; the page should say how many
			// it disagrees with and where they lie (Value.Disagreement).
			for _, q := range c.Quotes {
				v := q.Figure
				if v == nil || v.Figure != cf.Figure || v.Disagreement == nil {
					continue
				}
				y := x
				y.Mine, y.Theirs = v, v.Disagreement.LowestAbove
				if y.Theirs == nil {
					y.Theirs = v.Disagreement.HighestBelow
				}
				y.Other = y.Theirs.Quote.Claim
				y.Own = y.Other == c
				y.MineText, y.TheirsText = formatValue(y.Mine), formatValue(y.Theirs)
				y.Apart = amount(gap(y.Mine, y.Theirs), cf.Figure.Unit) + " apart"
				if r := relation(y.Theirs, y.Mine); r != "" {
					y.Apart = r + "; " + y.Apart
				}
				y.FigureHref = p.URL("figures", cf.Figure.Key)
				y.OtherHref = p.URL("claims", y.Other.ID)
				figures = append(figures, y)
			}
			continue
		}
		x.OtherHref = p.URL("claims", x.Other.ID)
		statements = append(statements, x)
	}
	return append(figures, statements...)
}
