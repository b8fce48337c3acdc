// Package related finds the claims related to a claim: those that share
// its speaker, a tag, a figure, a passage (overlapping quotes) or a person
// or organisation named in both claims' passages. It says what they
// share as data (Reason); the theme says it in words.
package related

import (
	"slices"
	"strings"
	"sync"

	"dossier/internal/model"
)

// Match is a claim related to another, with what they share, in the
// order: speaker, tags, figures, passage, names.
type Match struct {
	Claim   *model.Claim
	Reasons []Reason
}

// Kind is what two related claims share.
type Kind string

// The kinds of Reason.
const (
	Speaker Kind = "speaker" // the same speaker; Name is theirs
	Tag     Kind = "tag"     // a tag, Name
	Figure  Kind = "figure"  // a figure: Name its label, Key its key
	Passage Kind = "passage" // exactly the same passage; Count, when not 0, how many claims quote it
	Overlap Kind = "overlap" // passages that overlap
	Entity  Kind = "entity"  // a person or organisation both passages name: Name, Key its slug
)

// Reason is one thing two related claims share.
type Reason struct {
	Kind  Kind
	Name  string
	Key   string
	Count int
}

// Max is how many related claims Of returns.
const Max = 8

// maxGroup is the most claims a shared speaker, tag, figure or entity may
// have to count towards relatedness.
const maxGroup = 200

// maxPassageScan is the most quotes looked at around each of a claim's
// passages for the others that overlap it, nearest first: a passage that
// thousands of claims quote costs each of their pages the same as one
// that a few quote.
const maxPassageScan = maxGroup

// Of returns the claims that share most with c:
// its speaker, a tag, a figure, a passage (overlapping quotes) or a person
// or organisation named in both claims' passages. At most eight, by the
// number of things shared, then by id; claims it contradicts are listed
// apart and left out.
//
// Each page costs time in what its claim shares, capped, never in the
// size of the dossier: groups of more than maxGroup claims are passed
// over, and of the claims quoting a passage, the maxPassageScan nearest
// are counted.
func (ix *Index) Of(c *model.Claim) []Match {
	if c == nil {
		return nil
	}
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
			if j, ok := ix.index[o]; ok {
				add(j)
			}
		}
	}
	for _, t := range unique(c.Tags) {
		if len(ix.tags[t]) > maxGroup {
			continue
		}
		for _, j := range ix.tags[t] {
			add(j)
		}
	}
	figs := claimFigures(c)
	for _, f := range figs {
		if len(ix.figures[f.key]) > maxGroup {
			continue
		}
		for _, j := range ix.figures[f.key] {
			add(j)
		}
	}
	shares := ix.sharing(c, self)
	for _, s := range shares {
		add(s.claim)
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
	for _, j := range touched {
		if j == self || ix.opposed(c, ix.claims[j]) {
			continue
		}
		k := len(best)
		for k > 0 && n[best[k-1]] < n[j] || k > 0 && n[best[k-1]] == n[j] && best[k-1] > j {
			k--
		}
		if k < Max {
			best = slices.Insert(best, k, j)
			if len(best) > Max {
				best = best[:Max]
			}
		}
	}
	for _, j := range touched {
		n[j] = 0
	}
	out := make([]Match, 0, len(best))
	for _, j := range best {
		o := ix.claims[j]
		out = append(out, Match{Claim: o, Reasons: reasons(ix, c, o, self, j, figs, shares)})
	}
	return out
}

// reasons says what two claims share, in the order the counts were made.
func reasons(ix *Index, c, o *model.Claim, ci, oi int32, figs []claimFigure, shares []share) []Reason {
	var out []Reason
	sameSpeaker := c.Speaker != nil && c.Speaker == o.Speaker
	if sameSpeaker {
		out = append(out, Reason{Kind: Speaker, Name: c.Speaker.Name})
	}
	for _, t := range common(unique(c.Tags), o.Tags) {
		out = append(out, Reason{Kind: Tag, Name: t})
	}
	okeys := make([]string, 0, len(o.Quotes))
	for _, f := range claimFigures(o) {
		okeys = append(okeys, f.key)
	}
	keys := make([]string, len(figs))
	for i, f := range figs {
		keys[i] = f.key
	}
	for _, key := range common(keys, okeys) {
		i := slices.IndexFunc(figs, func(f claimFigure) bool { return f.key == key })
		out = append(out, Reason{Kind: Figure, Name: figs[i].label, Key: key})
	}
	if i, ok := slices.BinarySearchFunc(shares, oi, func(s share, j int32) int { return int(s.claim - j) }); ok {
		out = append(out, shares[i].reason())
	}
	// Both lists are sorted by slug.
	a, b := ix.entities[ci], ix.entities[oi]
	for len(a) > 0 && len(b) > 0 {
		switch cmp := strings.Compare(a[0].Slug, b[0].Slug); {
		case cmp < 0:
			a = a[1:]
		case cmp > 0:
			b = b[1:]
		default:
			if e := a[0]; !(sameSpeaker && e == c.Speaker) {
				out = append(out, Reason{Kind: Entity, Name: e.Name, Key: e.Slug})
			}
			a, b = a[1:], b[1:]
		}
	}
	return out
}

// unique returns list without its repeats, in order; list itself when it
// has none.
func unique(list []string) []string {
	if len(list) < 2 {
		return list
	}
	seen := make(map[string]bool, len(list))
	out := list[:0:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// common returns the strings of a that are also in b, in a's order.
func common(a, b []string) []string {
	var out []string
	if len(a)*len(b) <= 64 {
		for _, s := range a {
			if slices.Contains(b, s) {
				out = append(out, s)
			}
		}
		return out
	}
	in := make(map[string]bool, len(b))
	for _, s := range b {
		in[s] = true
	}
	for _, s := range a {
		if in[s] {
			out = append(out, s)
		}
	}
	return out
}

// claimFigure is a figure one of a claim's quotes gives a value of.
type claimFigure struct{ key, label string }

// claimFigures returns the figures of a claim's quotes, each once, in
// the order of the quotes.
func claimFigures(c *model.Claim) []claimFigure {
	var out []claimFigure
	var seen map[string]bool // for claims of many quotes
	for _, q := range c.Quotes {
		v := q.Figure
		if v == nil {
			continue
		}
		if len(out) >= 8 && seen == nil {
			seen = make(map[string]bool, len(c.Quotes))
			for _, f := range out {
				seen[f.key] = true
			}
		}
		if seen != nil && seen[v.Key] || seen == nil && slices.ContainsFunc(out, func(f claimFigure) bool { return f.key == v.Key }) {
			continue
		}
		if seen != nil {
			seen[v.Key] = true
		}
		label := v.Key
		if v.Figure != nil {
			label = v.Figure.Label
		}
		out = append(out, claimFigure{v.Key, label})
	}
	return out
}

// share is another claim that quotes a passage overlapping one of a
// claim's.
type share struct {
	claim int32 // its index
	same  bool  // it quotes exactly one of the claim's passages
	many  int   // then, how many claims quote that passage
}

// reason says how the two claims' passages overlap: the same passage,
// with how many claims quote it when it is more than a page lists, or
// overlapping ones.
func (s share) reason() Reason {
	switch {
	case !s.same:
		return Reason{Kind: Overlap}
	case s.many > Max+1:
		return Reason{Kind: Passage, Count: s.many}
	}
	return Reason{Kind: Passage}
}

// sharing returns the claims whose passages overlap one of c's, each
// once, by index: for each of c's passages, the maxPassageScan quotes
// nearest to it in its source are looked at, so that the cost is bounded
// however many claims quote one passage.
func (ix *Index) sharing(c *model.Claim, self int32) []share {
	var out []share
	for _, q := range c.Quotes {
		pl := ix.passages[q.Source]
		i, ok := ix.at[q]
		if pl == nil || !ok {
			continue
		}
		qs := pl.quotes
		visit := func(o *model.Quote) {
			if !(o.Start < q.End && q.Start < o.End) {
				return
			}
			if j, ok := ix.index[o.Claim]; ok && j != self {
				s := share{claim: j}
				if o.Start == q.Start && o.End == q.End {
					s.same, s.many = true, int(ix.spanClaims[q])
				}
				out = append(out, s)
			}
		}
		// Outwards from the quote: those after it start inside it while
		// they start before its end; those before it may reach into it
		// while the furthest end among them does.
		lo, hi := int(i)-1, int(i)+1
		for budget := maxPassageScan; budget > 0; {
			fwd := hi < len(qs) && qs[hi].Start < q.End
			back := lo >= 0 && pl.reach[lo] > q.Start
			if !fwd && !back {
				break
			}
			if fwd {
				visit(qs[hi])
				hi++
				budget--
			}
			if back && budget > 0 {
				visit(qs[lo])
				lo--
				budget--
			}
		}
	}
	// Each claim once, by index; "same passage" wins over "overlapping".
	slices.SortFunc(out, func(a, b share) int {
		if a.claim != b.claim {
			return int(a.claim - b.claim)
		}
		switch { // same first
		case a.same == b.same:
			return 0
		case a.same:
			return -1
		}
		return 1
	})
	return slices.CompactFunc(out, func(a, b share) bool { return a.claim == b.claim })
}

// opposed reports whether o stands on another side than c in one of c's
// statement conflicts: related claims leave such claims out, as the
// claim's conflicts show them.
func (ix *Index) opposed(c, o *model.Claim) bool {
	for _, cf := range c.Conflicts {
		if cf.Figure != nil {
			continue
		}
		sides := ix.sides[cf]
		if so, ok := sides[o]; ok && so != sides[c] {
			return true
		}
	}
	return false
}

// SideOf returns the index of the side of a statement conflict that c
// stands on, or -1.
func (ix *Index) SideOf(cf *model.Conflict, c *model.Claim) int {
	if s, ok := ix.sides[cf][c]; ok {
		return s
	}
	return -1
}

// sourcePassages are a source's quotes by start, with, for each, the
// furthest end among it and those before it.
type sourcePassages struct {
	quotes []*model.Quote
	reach  []int
}

// Index is what related claims are found with, made once per
// dossier: claims by tag, by figure, by the entities their passages name
// and by their passages. It is safe for concurrent use.
type Index struct {
	claims     []*model.Claim // the dossier's, in id order
	index      map[*model.Claim]int32
	tags       map[string][]int32
	figures    map[string][]int32
	entities   [][]*model.Entity         // named in each claim's passages, by slug
	mentions   map[*model.Entity][]int32 // claims whose passages name each entity
	passages   map[*model.Source]*sourcePassages
	at         map[*model.Quote]int32 // each quote's place in its source's passages
	spanClaims map[*model.Quote]int32 // how many claims quote exactly each quote's passage
	sides      map[*model.Conflict]map[*model.Claim]int
	pool       sync.Pool // *[]uint16 of len(claims), all zero
}

// New returns the index of d's claims.
func New(d *model.Dossier) *Index {
	ix := &Index{}
	ix.build(d)
	return ix
}

func (ix *Index) build(d *model.Dossier) {
	ix.claims = d.Claims
	ix.index = make(map[*model.Claim]int32, len(d.Claims))
	ix.tags = map[string][]int32{}
	ix.figures = map[string][]int32{}
	ix.mentions = map[*model.Entity][]int32{}
	ix.entities = make([][]*model.Entity, len(d.Claims))
	ix.passages = make(map[*model.Source]*sourcePassages, len(d.Sources))
	ix.at = map[*model.Quote]int32{}
	ix.spanClaims = map[*model.Quote]int32{}
	ix.sides = map[*model.Conflict]map[*model.Claim]int{}
	for i, c := range d.Claims {
		j := int32(i)
		ix.index[c] = j
		for _, t := range c.Tags {
			if l := ix.tags[t]; len(l) == 0 || l[len(l)-1] != j {
				ix.tags[t] = append(l, j)
			}
		}
		for _, f := range claimFigures(c) {
			ix.figures[f.key] = append(ix.figures[f.key], j)
		}
	}
	for _, s := range d.Sources {
		// Quotes and mentions are both in order of position.
		pl := &sourcePassages{quotes: s.Quotes, reach: make([]int, len(s.Quotes))}
		ix.passages[s] = pl
		for i, q := range s.Quotes {
			ix.at[q] = int32(i)
			pl.reach[i] = q.End
			if i > 0 {
				pl.reach[i] = max(q.End, pl.reach[i-1])
			}
			j, ok := ix.index[q.Claim]
			if !ok {
				continue
			}
			lo, _ := slices.BinarySearchFunc(s.Mentions, q.Start, func(m *model.Mention, start int) int { return m.Start - start })
			for _, m := range s.Mentions[lo:] {
				if m.Start >= q.End {
					break
				}
				if m.End <= q.End {
					ix.entities[j] = append(ix.entities[j], m.Entity)
				}
			}
		}
		ix.countSpans(s.Quotes)
	}
	for j, es := range ix.entities {
		slices.SortFunc(es, func(a, b *model.Entity) int { return strings.Compare(a.Slug, b.Slug) })
		es = slices.Compact(es)
		ix.entities[j] = es
		for _, e := range es {
			ix.mentions[e] = append(ix.mentions[e], int32(j))
		}
	}
	for _, cf := range d.Conflicts {
		if cf.Figure != nil {
			continue
		}
		m := map[*model.Claim]int{}
		for i, side := range cf.Sides {
			for _, c := range side {
				if _, ok := m[c]; !ok {
					m[c] = i
				}
			}
		}
		ix.sides[cf] = m
	}
	n := len(d.Claims)
	ix.pool.New = func() any { s := make([]uint16, n); return &s }
}

// countSpans records, for each quote of a source, how many claims quote
// exactly its passage.
func (ix *Index) countSpans(quotes []*model.Quote) {
	byEnd := slices.Clone(quotes) // by start already
	slices.SortStableFunc(byEnd, func(a, b *model.Quote) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return strings.Compare(a.Claim.ID, b.Claim.ID)
	})
	for i := 0; i < len(byEnd); {
		k, claims := i+1, int32(1)
		for ; k < len(byEnd) && byEnd[k].Start == byEnd[i].Start && byEnd[k].End == byEnd[i].End; k++ {
			if byEnd[k].Claim != byEnd[k-1].Claim {
				claims++
			}
		}
		for _, q := range byEnd[i:k] {
			ix.spanClaims[q] = claims
		}
		i = k
	}
}
