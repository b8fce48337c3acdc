package render

// Values as readers meet them: the source's own words first, the reading
// the tool derived from them second; the values near one a claim gives,
// found without walking every value of its figure; and the summary of
// whom a value disagrees with.

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"

	"dossier/internal/model"
)

// Reading is a value as a page shows it.
type Reading struct {
	// Words is what to show first: the source's own words for the value
	// ("roughly 300,000") when the quote gives them, else the value as
	// the editors recorded it, with its unit ("about 300,000 deaths a
	// year", "at least 500 groups").
	Words  string
	Quoted bool // Words are the source's own
	// ReadAs is the interval the tool reads the value as, with its unit
	// ("270,000–330,000 deaths a year", "at least 500 groups"), shown
	// second and never as if a source said it; "" when it would only
	// repeat Words.
	ReadAs string
	// Stated is the value as the editors recorded it, when Words are not
	// the source's own (else nil), and Read the interval it is read as,
	// when ReadAs is not "" (else nil): the "amount" partial says them.
	Stated, Read *Amount
	AsOf         string // when the value holds, as the content gives it ("2025-02-20"; the "date" partial writes it in words), or ""
}

// reading returns how a page shows a value.
func reading(v *model.Value) Reading {
	r := Reading{Words: v.Text(), Quoted: v.Words != "", AsOf: v.AsOf}
	in := v.Interval()
	withUnit := in
	if v.Unit != "" {
		withUnit += " " + v.Unit
	}
	if r.Words != in && r.Words != withUnit {
		r.ReadAs = withUnit
		r.Read = readAmount(v)
	}
	if !r.Quoted {
		r.Stated = statedAmount(v)
	}
	return r
}

// Amount is a number as a value gives it, for the "amount" partial to
// say: "about 300,000 deaths", "6–8", "at least 500", "any value".
type Amount struct {
	Kind   string  // "exact", "about", "range", "at-least", "at-most" or "any"
	Lo, Hi float64 // the number (Lo), or the range's ends; at-most gives Hi
	Unit   string  // "" when the figure has none
}

// statedAmount is a value as the editors recorded it (model's Number).
func statedAmount(v *model.Value) *Amount {
	a := &Amount{Unit: v.Unit}
	switch {
	case v.Value != nil && v.Approx:
		a.Kind, a.Lo = "about", *v.Value
	case v.Value != nil:
		a.Kind, a.Lo = "exact", *v.Value
	case v.Min != nil && v.Max != nil:
		a.Kind, a.Lo, a.Hi = "range", *v.Min, *v.Max
	case v.Min != nil:
		a.Kind, a.Lo = "at-least", *v.Min
	default:
		a.Kind, a.Hi = "at-most", *v.Max
	}
	return a
}

// readAmount is the interval a value is read as (model's Interval).
func readAmount(v *model.Value) *Amount {
	a := &Amount{Unit: v.Unit, Lo: v.Lo, Hi: v.Hi}
	switch {
	case v.OpenLo() && v.OpenHi():
		a.Kind = "any"
	case v.OpenHi():
		a.Kind = "at-least"
	case v.OpenLo():
		a.Kind = "at-most"
	case v.Lo == v.Hi:
		a.Kind = "exact"
	default:
		a.Kind = "range"
	}
	return a
}

// Quote is Words as a page writes it in running text: in quotation marks
// when they are the source's own.
func (r Reading) Quote() string {
	if r.Quoted {
		return "“" + r.Words + "”"
	}
	return r.Words
}

// labelWords is a value as a chart labels it, for the "words" partial:
// a Reading of the source's words, or of the number without its unit.
func labelWords(v *model.Value) Reading {
	if v.Words != "" {
		return Reading{Words: v.Words, Quoted: true}
	}
	a := statedAmount(v)
	a.Unit = ""
	return Reading{Words: v.Number(), Stated: a}
}

// label is a value as a chart labels it, beside an axis that gives the
// unit: the source's words in quotation marks, else the number as the
// editors recorded it ("about 300,000", "at least 500").
func label(v *model.Value) string {
	if v.Words != "" {
		return "“" + v.Words + "”"
	}
	return v.Number()
}

// cite is the name a source goes by in notes, charts and tables: its
// short citation when it has one, else its outlet, else its title.
func cite(s *model.Source) string {
	if s == nil {
		return ""
	}
	return s.Citation()
}

// sourceKind is the label of a source's kind, "" when it has none (or is
// "other", which says nothing to a reader), for the search index; pages
// take it from the "source-kind" partial.
func sourceKind(k model.SourceKind) string { return k.Label() }

// Disagreement is whom a value of a figure's conflict disagrees with, in
// constant space however many they are, for the "summary" partials to
// say: "disagrees with 1 value, lower: “closer to 100,000” (Washington
// Post)", "disagrees with 5 values: 3 higher, the closest being …; 2
// lower, the closest being …".
type Disagreement struct {
	With         int    // how many values it disagrees with, at least 1
	Above, Below int    // of them, how many are higher and how many lower
	Higher       *Cited // the closest of the higher, or nil when none is
	Lower        *Cited // the closest of the lower, or nil when none is
}

// Cited is a value with the source it is cited from.
type Cited struct {
	Reading  Reading
	Citation string // the source's citation, or ""
}

// disagreement returns whom a value disagrees with, nil when none.
func disagreement(d *model.Disagreement) *Disagreement {
	if d == nil || d.With == 0 {
		return nil
	}
	out := &Disagreement{With: d.With, Above: d.Above, Below: d.Below}
	if d.LowestAbove != nil {
		out.Higher = &Cited{Reading: reading(d.LowestAbove), Citation: cite(d.LowestAbove.Quote.Source)}
	}
	if d.HighestBelow != nil {
		out.Lower = &Cited{Reading: reading(d.HighestBelow), Citation: cite(d.HighestBelow.Quote.Source)}
	}
	return out
}

// FigureValues returns every value of the page's figure, ready for its
// table: by date when it is drawn over time (the undated last), else in
// the figure's order.
func (p *Page) FigureValues() []CardValue {
	g := p.figure
	if g == nil {
		return nil
	}
	vs := g.Values
	if g.OverTime() {
		vs = byTime(vs)
	}
	out := make([]CardValue, len(vs))
	for i, v := range vs {
		out[i] = p.cardValue(v)
	}
	return out
}

// ---------------------------------------------------------------------
// A claim's figure against the others, in bounded space.

// maxNearest is how many of the other values of a figure a claim page
// sets its value against; the figure's page lists them all.
const maxNearest = 4

// FigureCompare is one value of a claim against the other values of its
// figure: how many there are, where they range, and the nearest few.
type FigureCompare struct {
	Figure  *FigureView
	Href    string // the figure's page
	value   *model.Value
	Reading Reading
	Summary *Disagreement // whom it disagrees with, or nil: the "summary" partials say it
	Others  int           // how many other values the figure has
	Nearest []Neighbour   // by the middle of their readings, lowest first
	// From and To are the others at either end, by the middle of their
	// readings, when the nearest are not all the others; else nil.
	From, To *Neighbour
}

// Neighbour is another value of a figure, set against a claim's value.
type Neighbour struct {
	value                            *model.Value
	Reading                          Reading
	Standing                         string   // "agrees", "disagrees" or "other-time" (a key: the template says it)
	Class                            string   // cmp-agrees, cmp-conflicts or cmp-other
	Relation                         Relation // how it stands to the page's value, in numbers: the "relation" partial says it
	Citation                         string
	Same                             bool // another value of the same claim
	QuoteHref, ClaimHref, ClaimTitle string
}

// Compare sets each figure value of the page's claim against the others
// of its figure. It costs time in the logarithm of the figure's values,
// not in their number: the values are sorted once per figure.
func (p *Page) Compare() []FigureCompare {
	if p.claim == nil || p.r == nil {
		return nil
	}
	var out []FigureCompare
	for _, q := range p.claim.Quotes {
		v := q.Figure
		if v == nil || v.Figure == nil {
			continue
		}
		g := v.Figure
		fc := FigureCompare{Figure: p.r.v.figure(g), Href: p.URL("figures", g.Key), value: v, Reading: reading(v),
			Summary: disagreement(v.Disagreement), Others: len(g.Values) - 1}
		o := p.r.order(g)
		i := o.pos[v]
		lo, hi := i, i // the nearest are o.byMid[lo:hi+1], v among them
		for hi-lo < maxNearest && (lo > 0 || hi < len(o.byMid)-1) {
			switch {
			case lo == 0:
				hi++
			case hi == len(o.byMid)-1:
				lo--
			case v.Mid()-o.byMid[lo-1].Mid() <= o.byMid[hi+1].Mid()-v.Mid():
				lo--
			default:
				hi++
			}
		}
		for _, w := range o.byMid[lo : hi+1] {
			if w != v {
				fc.Nearest = append(fc.Nearest, p.neighbour(v, w))
			}
		}
		if len(fc.Nearest) < fc.Others {
			first, last := o.byMid[0], o.byMid[len(o.byMid)-1]
			if first == v {
				first = o.byMid[1]
			}
			if last == v {
				last = o.byMid[len(o.byMid)-2]
			}
			from, to := p.neighbour(v, first), p.neighbour(v, last)
			fc.From, fc.To = &from, &to
		}
		out = append(out, fc)
	}
	return out
}

func (p *Page) neighbour(v, w *model.Value) Neighbour {
	n := Neighbour{value: w, Reading: reading(w), Citation: cite(w.Quote.Source), Same: w.Quote.Claim == v.Quote.Claim,
		QuoteHref: p.quoteURL(w.Quote), ClaimHref: p.URL("claims", w.Quote.Claim.ID), ClaimTitle: w.Quote.Claim.Title}
	switch {
	case !v.Period.Overlaps(w.Period):
		n.Standing, n.Class = "other-time", "cmp-other"
	case v.Overlaps(w):
		n.Standing, n.Class = "agrees", "cmp-agrees"
	default:
		n.Standing, n.Class = "disagrees", "cmp-conflicts"
	}
	n.Relation = relationOf(w, v)
	return n
}

// figureOrder is a figure's values sorted by the middle of their
// readings, made once per figure and build.
type figureOrder struct {
	once  sync.Once
	byMid []*model.Value
	pos   map[*model.Value]int
}

// order returns the figure's values in order, sorting them on first use.
func (r *renderer) order(g *model.Figure) *figureOrder {
	x, _ := r.orders.LoadOrStore(g, &figureOrder{})
	o := x.(*figureOrder)
	o.once.Do(func() {
		o.byMid = slices.Clone(g.Values)
		slices.SortStableFunc(o.byMid, func(a, b *model.Value) int { return cmp.Compare(a.Mid(), b.Mid()) })
		o.pos = make(map[*model.Value]int, len(o.byMid))
		for i, v := range o.byMid {
			o.pos[v] = i
		}
	})
	return o
}

// maxTimes is the largest ratio written as a number: beyond it (up to
// 1e15 / 1e-9 and more between the largest and smallest figures, or
// +Inf), "more than 1,000,000×".
const maxTimes = 1e6

// ratio rounds a ratio for reading ("3", "1.3", "12"; the partials add
// "×"): to a whole number from 10 up, else to tenths; beyond maxTimes
// (or NaN) it is maxTimes, and more.
func ratio(r float64) (float64, bool) {
	if !(r <= maxTimes) { // NaN too
		return maxTimes, true
	}
	if r >= 9.95 {
		return math.Round(r), false
	}
	return math.Round(r*10) / 10, false
}

// amount writes a quantity with its unit: "160,000 deaths a year".
func amount(x float64, unit string) string {
	s := number(round(x))
	if unit != "" {
		s += " " + unit
	}
	return s
}

// Relation is how a value stands to another by the middles of their
// readings, for the "relation" partial to say: 3× higher, 25% lower,
// about the same; only higher or lower when one is an open bound, which
// has no middle.
type Relation struct {
	Way     string  // "higher", "lower" or "same" (a key); "" when nothing can be said: a middle is not positive and a ratio means nothing
	Times   float64 // how many times higher or lower, rounded as times rounds, when about double or more; else 0
	More    bool    // more than Times, which is then the largest ratio written (1,000,000)
	Percent int     // how much higher or lower, in percent, when less than about double; else 0
}

// relationOf says how other stands to this.
func relationOf(other, this *model.Value) Relation {
	a, b := other.Mid(), this.Mid()
	if other.OpenLo() || other.OpenHi() || this.OpenLo() || this.OpenHi() {
		switch {
		case other.Lo > this.Hi:
			return Relation{Way: "higher"}
		case other.Hi < this.Lo:
			return Relation{Way: "lower"}
		}
		return Relation{}
	}
	if a <= 0 || b <= 0 {
		return Relation{}
	}
	r := a / b
	switch {
	case r >= 1.95:
		t, more := ratio(r)
		return Relation{Way: "higher", Times: t, More: more}
	case r <= 1/1.95:
		t, more := ratio(1 / r)
		return Relation{Way: "lower", Times: t, More: more}
	case r >= 1.005:
		return Relation{Way: "higher", Percent: int(math.Round((r - 1) * 100))}
	case r <= 0.995:
		return Relation{Way: "lower", Percent: int(math.Round((1 - r) * 100))}
	}
	return Relation{Way: "same"}
}

// FiguresByLabel returns the dossier's figures in the order of their
// labels, as readers look them up, for the figures list.
func (p *Page) FiguresByLabel() []*FigureView {
	out := slices.Clone(p.Dossier.Figures)
	slices.SortStableFunc(out, func(a, b *FigureView) int {
		return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label))
	})
	return out
}

// OverTime reports whether a figure's values hold at different times.
func (p *Page) OverTime(g *FigureView) bool { return g.m.OverTime() }
