package render

// Conflicts as readers see them: a card per conflict with its title, kind
// and explanation and its sides grouped, and, on a claim's page, the
// claim's place in each of its conflicts. Every list here is capped, so
// that a conflict among thousands of values costs each page that shows
// it the same.

import (
	"cmp"
	"html/template"
	"slices"

	"dossier/internal/model"
)

// Caps on what a card lists; the figure's page lists every value, the
// claim's page every passage.
const (
	sideValues  = 4 // values per side of a figure conflict
	seriesShown = 8 // values of a figure conflict without sides
	sideClaims  = 6 // claims per side of a statement conflict
	sideQuotes  = 2 // passages of a side's only claim
	maxAgainst  = 4 // other sides of a statement conflict on a claim's page
)

// ConflictCard is a conflict as the conflicts page shows it.
type ConflictCard struct {
	ID       string // the card's element id on the conflicts page: the conflict's id
	Href     string // the card on the conflicts page
	Conflict *ConflictView
	Kind     string // "contradiction", "tension" or "discrepancy": the partials "conflict-kind" and "conflict-means" say it in words
	// For a figure conflict: the figure, and how many values disagree.
	Figure     *FigureView
	FigureHref string
	Values     int
	// Sides are the conflict's sides: for a statement conflict, its
	// claims as the conflict file groups them; for a figure conflict, its
	// values in groups that agree among themselves, lowest first. A
	// figure conflict among values of several periods has one side
	// listing its values, each with its period and summary (Series).
	Sides  []CardSide
	Series bool
	// Apart is, for a figure conflict, how far apart the readings at
	// its two ends are; nil for a statement conflict. The "apart" partial
	// says it.
	Apart *Apart
	ratio float64 // for ordering: the biggest disagreement first
}

// CardSide is one side of a conflict.
type CardSide struct {
	Values []CardValue // of a figure conflict
	Claims []CardClaim // of a statement conflict
	More   int         // values or claims not listed
	// Speakers are Values and Claims again, grouped by who made them, in
	// the order each speaker first comes, so that a side names each
	// speaker once with what they said under them; a group whose Speaker
	// is nil holds what no one is named as saying.
	Speakers []SpeakerGroup
}

// SpeakerGroup is what one speaker says on a side of a conflict.
type SpeakerGroup struct {
	Speaker *EntityView // nil: no speaker named
	Values  []CardValue
	Claims  []CardClaim
}

// bySpeaker fills s.Speakers from s.Values and s.Claims.
func (s *CardSide) bySpeaker() {
	at := map[*EntityView]int{}
	group := func(e *EntityView) *SpeakerGroup {
		i, ok := at[e]
		if !ok {
			i = len(s.Speakers)
			at[e] = i
			s.Speakers = append(s.Speakers, SpeakerGroup{Speaker: e})
		}
		return &s.Speakers[i]
	}
	for _, v := range s.Values {
		g := group(v.Claim.Speaker)
		g.Values = append(g.Values, v)
	}
	for _, c := range s.Claims {
		g := group(c.Claim.Speaker)
		g.Claims = append(g.Claims, c)
	}
}

// CardValue is a value on a side of a figure conflict.
type CardValue struct {
	Value     *ValueView
	Reading   Reading
	Summary   *Disagreement // whom it disagrees with, or nil: the "summary" partials say it
	Claim     *ClaimView
	ClaimHref string
	QuoteHref string
	Citation  string
}

// CardClaim is a claim on a side of a statement conflict, with the
// passages that make it.
type CardClaim struct {
	Claim  *ClaimView
	Href   string
	Quotes []*QuoteView
	More   int // passages not listed
}

// ConflictCards returns the cards of the given conflicts (every conflict
// of the dossier when none are given): figure conflicts first, the
// furthest apart first, then statement conflicts in the dossier's order.
func (p *Page) ConflictCards(cfs ...[]*ConflictView) []ConflictCard {
	list := p.d.Conflicts
	if len(cfs) > 0 {
		list = make([]*model.Conflict, len(cfs[0]))
		for i, cf := range cfs[0] {
			list[i] = cf.m
		}
	}
	var figures, statements []ConflictCard
	for _, cf := range list {
		card := p.conflictCard(cf)
		if cf.Figure != nil {
			figures = append(figures, card)
		} else {
			statements = append(statements, card)
		}
	}
	slices.SortStableFunc(figures, func(a, b ConflictCard) int { return -cmp.Compare(a.ratio, b.ratio) })
	return append(figures, statements...)
}

// FigureCards returns the card of the page's figure's conflict, if any.
func (p *Page) FigureCards() []ConflictCard {
	if p.figure == nil || p.figure.Conflict == nil {
		return nil
	}
	return p.ConflictCards([]*ConflictView{p.r.v.conflict(p.figure.Conflict)})
}

// ConflictHref links to a conflict's card on the conflicts page.
func (p *Page) ConflictHref(cf *ConflictView) string { return p.conflictHref(cf.m) }

func (p *Page) conflictHref(cf *model.Conflict) string {
	return p.URL("conflicts") + "#" + cf.ID
}

func (p *Page) conflictCard(cf *model.Conflict) ConflictCard {
	card := ConflictCard{ID: cf.ID, Href: p.conflictHref(cf), Conflict: p.r.v.conflict(cf), Kind: string(cf.Kind), Figure: p.r.v.figure(cf.Figure)}
	if cf.Figure == nil {
		for _, side := range cf.Sides {
			card.Sides = append(card.Sides, p.claimSide(side, nil))
		}
		return card
	}
	card.FigureHref = p.URL("figures", cf.Figure.Key)
	card.Values = len(cf.Values)
	if cf.Groups == nil {
		card.Series = true
		var s CardSide
		for i, d := range cf.Values {
			if i == seriesShown {
				s.More = len(cf.Values) - i
				break
			}
			s.Values = append(s.Values, p.cardValue(d.Value))
		}
		s.bySpeaker()
		card.Sides = []CardSide{s}
	}
	for _, grp := range cf.Groups {
		var s CardSide
		for i, v := range grp {
			if i == sideValues {
				s.More = len(grp) - i
				break
			}
			s.Values = append(s.Values, p.cardValue(v))
		}
		s.bySpeaker()
		card.Sides = append(card.Sides, s)
	}
	hi, lo := cf.Extremes()
	if hi != nil && lo != nil {
		card.Apart = apart(hi, lo)
		if lo.Mid() > 0 && !lo.OpenLo() && !hi.OpenHi() {
			card.ratio = hi.Mid() / lo.Mid()
		}
	}
	return card
}

// Apart is how far apart the two ends of a figure's disagreement are,
// as the tool reads them, for the "apart" partial to say: "Read as
// numbers, “roughly 300,000” and “closer to 100,000” are at least
// 160,000 deaths a year apart; the higher is about 3× the lower."
type Apart struct {
	Hi, Lo  Reading // the higher value and the lower
	Gap     float64 // the gap between their readings, rounded for reading
	Unit    string  // the figure's unit
	AtLeast bool    // the gap is at least Gap: a reading is an interval
	Times   float64 // how many times the lower the higher is, rounded as times rounds; 0 when under 1.05 or when a ratio means nothing
	More    bool    // more than Times, which is then the largest ratio written (1,000,000)
}

func apart(hi, lo *model.Value) *Apart {
	a := &Apart{Hi: reading(hi), Lo: reading(lo), Gap: round(hi.Gap(lo)), Unit: hi.Unit, AtLeast: hi.Lo != hi.Hi || lo.Lo != lo.Hi}
	if !hi.OpenHi() && !lo.OpenLo() && lo.Mid() > 0 {
		if r := hi.Mid() / lo.Mid(); r >= 1.05 {
			a.Times, a.More = ratio(r)
		}
	}
	return a
}

func (p *Page) cardValue(v *model.Value) CardValue {
	c := v.Quote.Claim
	return CardValue{Value: p.r.v.value(v), Reading: reading(v), Summary: disagreement(v.Disagreement), Claim: p.r.v.claim(c),
		ClaimHref: p.URL("claims", c.ID), QuoteHref: p.quoteURL(v.Quote), Citation: cite(v.Quote.Source)}
}

// claimSide lists the claims of a side, leaving out skip, which is on
// it or nil. It costs time in the claims it lists, not in the side's.
func (p *Page) claimSide(side []*model.Claim, skip *model.Claim) CardSide {
	var s CardSide
	for i, c := range side {
		if c == skip {
			continue
		}
		if len(s.Claims) == sideClaims {
			s.More = len(side) - i
			if skip != nil && !slices.Contains(side[:i], skip) {
				s.More-- // skip is among the rest
			}
			break
		}
		cc := CardClaim{Claim: p.r.v.claim(c), Href: p.URL("claims", c.ID), Quotes: mapAll(c.Quotes, p.r.v.quote)}
		n := 1 // a passage per claim, two for a side's only claim
		if len(side) == 1 {
			n = sideQuotes
		}
		if len(cc.Quotes) > n {
			cc.Quotes, cc.More = cc.Quotes[:n], len(c.Quotes)-n
		}
		s.Claims = append(s.Claims, cc)
	}
	s.bySpeaker()
	return s
}

// Explanation is a conflict's explanation, its file's body rendered, or
// "" when it has none.
func (p *Page) Explanation(cf *ConflictView) (template.HTML, error) {
	return p.markdown(cf.m.Body)
}

// ---------------------------------------------------------------------
// A claim's own conflicts.

// ClaimConflict is a conflict as the page of one of its claims states it.
type ClaimConflict struct {
	Card ConflictCard // title, kind and where the conflict's card is; no sides
	// For a statement conflict: the other claims on the claim's side, and
	// the other sides.
	With    CardSide
	Against []CardSide
	// For a figure conflict: the claim's values in it, each with whom it
	// disagrees.
	Values []CardValue
}

// ClaimConflicts returns the page's claim's conflicts, figure conflicts
// first.
func (p *Page) ClaimConflicts() []ClaimConflict {
	c := p.claim
	if c == nil {
		return nil
	}
	var figures, statements []ClaimConflict
	for _, cf := range c.Conflicts {
		x := ClaimConflict{Card: ConflictCard{ID: cf.ID, Href: p.conflictHref(cf), Conflict: p.r.v.conflict(cf),
			Kind: string(cf.Kind), Figure: p.r.v.figure(cf.Figure)}}
		if cf.Figure != nil {
			x.Card.FigureHref = p.URL("figures", cf.Figure.Key)
			x.Card.Values = len(cf.Values)
			for _, q := range c.Quotes {
				if v := q.Figure; v != nil && v.Figure == cf.Figure && v.Disagreement != nil {
					x.Values = append(x.Values, p.cardValue(v))
				}
			}
			figures = append(figures, x)
			continue
		}
		own := p.r.related().SideOf(cf, c)
		for i, side := range cf.Sides {
			if i == own {
				x.With = p.claimSide(side, c)
				continue
			}
			// The other sides, the first few listed; the claims of the
			// rest counted under the last one listed.
			if len(x.Against) == maxAgainst {
				x.Against[maxAgainst-1].More += len(side)
				continue
			}
			x.Against = append(x.Against, p.claimSide(side, nil))
		}
		statements = append(statements, x)
	}
	return append(figures, statements...)
}
