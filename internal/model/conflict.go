package model

// Figure conflicts: which values of a figure disagree, summarised per value.
//
// Two values of one figure disagree when their intervals do not overlap
// and their periods do (a missing asOf overlaps every period; values of
// periods that do not overlap form a series, not a conflict). Listing the
// pairs would cost time and output in the square of the values: a figure
// that a thousand sources give, in two camps, has a quarter of a million
// disagreeing pairs. So each value gets a summary of constant size instead,
// computed with sorted bounds and binary search.
//
// Calendar periods nest: two of them overlap exactly when one holds the
// other (2025 holds 2025-02, which holds 2025-02-20). The values a value's
// period overlaps are therefore those of the periods enclosing it (at most
// three: no asOf, its year, its month) and those of its own period and
// every period within it. periodIndex keeps, for each asOf, its own values
// and the values within it, each sorted twice (by Lo and by Hi), so that a
// value's summary takes at most four pairs of binary searches: the whole
// computation is O(n log n) whatever the periods.

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bounds is a set of values sorted by Lo and, separately, by Hi.
type bounds struct {
	byLo, byHi []*Value
	sorted     bool
}

func (b *bounds) sort() {
	if b.sorted {
		return
	}
	b.byHi = slices.Clone(b.byLo)
	slices.SortStableFunc(b.byLo, func(x, y *Value) int { return cmpFloat(x.Lo, y.Lo) })
	slices.SortStableFunc(b.byHi, func(x, y *Value) int { return cmpFloat(x.Hi, y.Hi) })
	b.sorted = true
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// periodIndex holds a figure's values by period; see the file comment.
type periodIndex struct {
	own    map[string]*bounds // values whose asOf is the key ("" for none)
	within map[string]*bounds // values whose asOf is the key or lies within it
}

func newPeriodIndex(vs []*Value) *periodIndex {
	ix := &periodIndex{own: make(map[string]*bounds), within: make(map[string]*bounds)}
	add := func(m map[string]*bounds, key string, v *Value) {
		b := m[key]
		if b == nil {
			b = &bounds{}
			m[key] = b
		}
		b.byLo = append(b.byLo, v)
	}
	for _, v := range vs {
		add(ix.own, v.AsOf, v)
		add(ix.within, v.AsOf, v)
		for _, p := range enclosing(v.AsOf) {
			add(ix.within, p, v)
		}
	}
	return ix
}

// disagreement summarises the values that disagree with v.
func (ix *periodIndex) disagreement(v *Value) *Disagreement {
	d := &Disagreement{Value: v}
	count := func(b *bounds) {
		if b == nil {
			return
		}
		b.sort()
		// Values whose Lo lies above v's Hi, and those whose Hi lies below
		// v's Lo: both tests are monotonic in the sorted bound.
		i, _ := slices.BinarySearchFunc(b.byLo, v.Hi, func(w *Value, hi float64) int {
			if touches(w.Lo, hi) {
				return -1
			}
			return 1
		})
		if n := len(b.byLo) - i; n > 0 {
			d.Above += n
			if w := b.byLo[i]; d.LowestAbove == nil || w.Lo < d.LowestAbove.Lo {
				d.LowestAbove = w
			}
		}
		j, _ := slices.BinarySearchFunc(b.byHi, v.Lo, func(w *Value, lo float64) int {
			if touches(lo, w.Hi) {
				return 1
			}
			return -1
		})
		if j > 0 {
			d.Below += j
			if w := b.byHi[j-1]; d.HighestBelow == nil || w.Hi > d.HighestBelow.Hi {
				d.HighestBelow = w
			}
		}
	}
	for _, p := range enclosing(v.AsOf) {
		count(ix.own[p])
	}
	count(ix.within[v.AsOf])
	d.With = d.Above + d.Below
	return d
}

// figureConflict computes the conflict of a figure's values, marking the
// values and quotes in it, or returns nil when they agree. Its title is
// made from the values (Auto) until a conflict file gives one.
func figureConflict(g *Figure) *Conflict {
	if len(g.Values) < 2 {
		return nil
	}
	ix := newPeriodIndex(g.Values)
	var ds []*Disagreement
	for _, v := range g.Values {
		d := ix.disagreement(v)
		if d.With == 0 {
			continue
		}
		v.Conflict, v.Disagreement = true, d
		v.Quote.Conflict = true
		ds = append(ds, d)
	}
	if len(ds) == 0 {
		return nil
	}
	cf := &Conflict{ID: "figure-" + g.Key, Kind: Discrepancy, Auto: true, Figure: g, Values: ds}
	cf.Groups = valueGroups(ds)
	side := make(map[*Value]int, len(ds))
	for i, grp := range cf.Groups {
		for _, v := range grp {
			side[v] = i
		}
	}
	if cf.Groups != nil {
		cf.Sides = make([][]*Claim, len(cf.Groups))
	}
	for _, d := range ds {
		c := d.Value.Quote.Claim
		if cf.Sides != nil {
			i := side[d.Value]
			if !slices.Contains(cf.Sides[i], c) {
				cf.Sides[i] = append(cf.Sides[i], c)
			}
		}
		// Values are in claim order, so a claim's values are adjacent.
		if n := len(cf.Claims); n == 0 || cf.Claims[n-1] != c {
			cf.Claims = append(cf.Claims, c)
		}
	}
	cf.Title = autoTitle(cf)
	return cf
}

// valueGroups sorts the values in conflict into sides, lowest first: each
// side a run of values, by Lo, that all share a point (so no two values
// of a side disagree). It returns nil when the values' periods do not all
// overlap one another: sides would then mix moments.
func valueGroups(ds []*Disagreement) [][]*Value {
	longest := ""
	for _, d := range ds {
		if len(d.Value.AsOf) > len(longest) {
			longest = d.Value.AsOf
		}
	}
	vs := make([]*Value, len(ds))
	for i, d := range ds {
		if !strings.HasPrefix(longest, d.Value.AsOf) {
			return nil
		}
		vs[i] = d.Value
	}
	slices.SortStableFunc(vs, func(x, y *Value) int {
		if c := cmpFloat(x.Lo, y.Lo); c != 0 {
			return c
		}
		return cmpFloat(x.Hi, y.Hi)
	})
	var out [][]*Value
	var shared float64 // the lowest Hi of the current side
	for _, v := range vs {
		if len(out) == 0 || !touches(v.Lo, shared) {
			out = append(out, nil)
			shared = v.Hi
		}
		shared = min(shared, v.Hi)
		out[len(out)-1] = append(out[len(out)-1], v)
	}
	return out
}

// Extremes returns, for a figure conflict, its highest value that has a
// value below it and the lowest value below something within that
// value's period, which disagree with each other: the two ends of the
// disagreement. Both are nil for a statement conflict.
func (c *Conflict) Extremes() (hi, lo *Value) {
	for _, d := range c.Values {
		if v := d.Value; d.Below > 0 && (hi == nil || v.Lo > hi.Lo || v.Lo == hi.Lo && v.Hi > hi.Hi) {
			hi = v
		}
	}
	if hi == nil {
		return nil, nil
	}
	for _, d := range c.Values {
		if v := d.Value; d.Above > 0 && v.Period.Overlaps(hi.Period) && (lo == nil || v.Hi < lo.Hi || v.Hi == lo.Hi && v.Lo < lo.Lo) {
			lo = v
		}
	}
	return hi, lo
}

// autoTitle titles a figure's conflict from its extremes, in the sources'
// words when both quotes give them. The label follows the words when it
// can be read on from them (it does not start with a capitalised word,
// which may be a name): "Roughly 300,000 vs closer to 100,000 U.S.
// overdose deaths per year"; else it comes first: "Cartels designated as
// terrorist organizations: eight vs six", "Troops: 8,000 troops vs 2,000
// troops".
func autoTitle(cf *Conflict) string {
	hi, lo := cf.Extremes()
	label := cf.Figure.Label
	if hi.Words != "" && lo.Words != "" {
		if !capitalised(label) {
			return capitalise(hi.Words + " vs " + midSentence(lo.Words) + " " + label)
		}
		return label + ": " + midSentence(hi.Words) + " vs " + midSentence(lo.Words)
	}
	return capitalise(label + ": " + midSentence(hi.Text()) + " vs " + midSentence(lo.Text()))
}

// midSentence lowers the capital that words quoted from the start of a
// sentence carry ("At most 10"), to set them in the middle of a title; an
// abbreviation or a name in capitals ("U.S.", "CDC") keeps its own.
func midSentence(words string) string {
	if !capitalised(words) {
		return words
	}
	r, n := utf8.DecodeRuneInString(words)
	return string(unicode.ToLower(r)) + words[n:]
}

// capitalised reports whether s starts with a capital letter followed by a
// small one, as a sentence or a name does ("Cartels", "Mexico"), and unlike
// an abbreviation ("U.S.", "CDC").
func capitalised(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	r2, _ := utf8.DecodeRuneInString(s[n:])
	return unicode.IsUpper(r) && unicode.IsLower(r2)
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// maxListed is how many values or claims Conflict.String lists.
const maxListed = 12

// String describes the conflict in one line, for "dossier check": its
// kind and title, then for a figure its label (unless the title has it)
// and values, side against side, or for a statement conflict the claims
// of each side, listing at most maxListed:
//
//	discrepancy: Roughly 300,000 vs closer to 100,000 U.S. overdose deaths per year [closer to 100,000 (cdc in a) vs roughly 300,000 (trump in b)]
//	contradiction: The president triples the CDC's count [U.S. overdose deaths per year: closer to 100,000 (cdc in a) vs roughly 300,000 (trump in b)]
//	contradiction: Are there plans for ground troops? [no-troops vs troops-planned, plans-drafted]
func (c *Conflict) String() string {
	var groups [][]string
	if c.Figure != nil {
		text := func(v *Value) string {
			s := v.Text()
			if v.AsOf != "" {
				s += " as of " + v.AsOf
			}
			return fmt.Sprintf("%s (%s in %s)", s, v.Quote.Claim.ID, v.Quote.Source.Slug)
		}
		if c.Groups == nil {
			groups = [][]string{nil}
			for _, d := range c.Values {
				groups[0] = append(groups[0], text(d.Value))
			}
		}
		for _, grp := range c.Groups {
			var g []string
			for _, v := range grp {
				g = append(g, text(v))
			}
			groups = append(groups, g)
		}
	} else {
		for _, side := range c.Sides {
			var g []string
			for _, cl := range side {
				g = append(g, cl.ID)
			}
			groups = append(groups, g)
		}
	}
	var b strings.Builder
	b.WriteString(string(c.Kind) + ": " + c.Title + " [")
	if c.Figure != nil && !strings.Contains(c.Title, c.Figure.Label) {
		b.WriteString(c.Figure.Label + ": ")
	}
	listed, total := 0, 0
	for i, g := range groups {
		for j, s := range g {
			total++
			if listed == maxListed {
				continue
			}
			switch {
			case j > 0:
				b.WriteString(", ")
			case i > 0:
				b.WriteString(" vs ")
			}
			b.WriteString(s)
			listed++
		}
	}
	if total > listed {
		fmt.Fprintf(&b, " … and %d more", total-listed)
	}
	b.WriteString("]")
	return b.String()
}
