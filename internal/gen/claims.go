package gen

import (
	"fmt"
	"slices"
	"strings"
)

// claim is one generated claim.
type claim struct {
	n                        int // 1-based, in order of making
	id, title, verdict, date string
	speaker                  *entity
	tags                     []string
	contradicts              []*claim
	quotes                   []*quote
	key                      *figKey // for a figure claim
	related                  *claim  // another claim its commentary links to
	body                     string
}

// passage is a sentence of a source that claims quote. A sentence that two
// sources print word for word (wire copy, or one statement reported twice)
// is one passage in each.
type passage struct {
	src       *source
	kind      passageKind
	md, plain string   // the sentence as Markdown and as a reader sees it
	quotes    []*quote // quotes into it, each a span of plain
	clause    [2]int   // figure: the figure clause; statement: the speech
	figEnd    int      // figure: where the figure's number ends
	attrFirst bool     // figure: the attribution comes before the clause
	start     int      // byte offset of plain in the source's plain text, once laid out
}

type passageKind int

const (
	figurePassage passageKind = iota
	statementPassage
	eventPassage
)

// quote is one quote of a claim: a span of a passage.
type quote struct {
	claim    *claim
	p        *passage
	from, to int // byte span of p.plain
	fig      *figValue
	// What the claim file says, set once the source is laid out.
	text, prefix, suffix string
}

func (g *gen) quote(c *claim, p *passage, from, to int, fig *figValue) {
	q := &quote{claim: c, p: p, from: from, to: to, fig: fig}
	c.quotes = append(c.quotes, q)
	p.quotes = append(p.quotes, q)
}

// sentence builds a sentence's Markdown and plain text side by side, so
// that quotes are cut from the plain text while the file carries emphasis.
type sentence struct{ md, plain strings.Builder }

func (b *sentence) text(s string)   { b.md.WriteString(s); b.plain.WriteString(s) }
func (b *sentence) strong(s string) { b.md.WriteString("**" + s + "**"); b.plain.WriteString(s) }
func (b *sentence) at() int         { return b.plain.Len() }

// compose writes tmpl into b, calling fill for each {placeholder}.
func compose(tmpl string, b *sentence, fill func(name string)) {
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.text(tmpl)
			return
		}
		j := strings.IndexByte(tmpl[i:], '}')
		b.text(tmpl[:i])
		fill(tmpl[i+1 : i+j])
		tmpl = tmpl[i+j+1:]
	}
}

// finish capitalises the sentence's first letter (in the Markdown, after
// any emphasis marker) and returns it. Capitalising changes no length, so
// offsets taken while building stay right.
func (b *sentence) finish() (md, plain string) {
	md, plain = b.md.String(), b.plain.String()
	plain = capFirst(plain)
	lead := len(md) - len(strings.TrimLeft(md, "*"))
	md = md[:lead] + capFirst(md[lead:])
	return md, plain
}

// planClaims makes every claim and the passages they quote, and hands each
// passage to its source.
func (g *gen) planClaims() {
	total := g.o.Claims()
	nOverlap, nPairs := 0, 0
	if total >= 8 {
		nOverlap = total * 12 / 100
	}
	if total >= 10 {
		nPairs = max(1, total*15/1000)
	}
	nBase := total - nOverlap - 2*nPairs
	nFig := nBase * 45 / 100
	nEvent := nBase * 22 / 100
	nStmt := nBase - nFig - nEvent

	g.makeKeys(max(1, (nFig*2+4)/5)) // about 2.5 claims a key

	kinds := make([]passageKind, 0, nBase+nPairs)
	for range nFig {
		kinds = append(kinds, figurePassage)
	}
	for range nEvent {
		kinds = append(kinds, eventPassage)
	}
	for range nStmt {
		kinds = append(kinds, statementPassage)
	}
	const pair = passageKind(-1)
	for range nPairs {
		kinds = append(kinds, pair)
	}
	g.rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	fig := 0
	for _, k := range kinds {
		switch k {
		case figurePassage:
			if !g.figureClaim(g.keys[fig%len(g.keys)]) {
				g.statementClaim()
			}
			fig++
		case eventPassage:
			g.eventClaim()
		case statementPassage:
			g.statementClaim()
		case pair:
			g.contradiction()
		}
	}
	g.overlapClaims(total - len(g.claims))
	g.checkFigures()
}

// makeKeys makes n figure keys, each a different (town, quantity) pair;
// about a third of them conflict.
func (g *gen) makeKeys(n int) {
	var pairs [][2]int
	for t := range g.towns {
		for q := range quantities {
			pairs = append(pairs, [2]int{t, q})
		}
	}
	g.rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	for _, p := range pairs[:min(n, len(pairs))] {
		conflict := chance(g.rng, 0.35)
		// An agency gives the first camp's figure; a person or another
		// agency the second, as in "the mayor says 300,000, the CDC 100,000".
		a := g.orgs[g.orgDeck.deal(g.rng)]
		var b *entity
		for b == nil || b == a {
			if chance(g.rng, 0.6) {
				b = g.persons[g.personDeck.deal(g.rng)]
			} else {
				b = g.orgs[g.orgDeck.deal(g.rng)]
			}
		}
		g.keys = append(g.keys, g.makeKey(g.towns[p[0]], quantities[p[1]], conflict, [2]*entity{a, b}))
	}
}

// newClaim registers a claim; its id comes from its title and number.
func (g *gen) newClaim(title string) *claim {
	c := &claim{n: len(g.claims) + 1, title: title}
	c.id = fmt.Sprintf("%s-%d", slugify(title, 6), c.n)
	n := 1 + g.rng.IntN(3)
	for len(c.tags) < n {
		if t := pick(g.rng, tagWords); !slices.Contains(c.tags, t) {
			c.tags = append(c.tags, t)
		}
	}
	if chance(g.rng, 0.8) {
		c.verdict = pick(g.rng, verdicts)
	}
	g.claims = append(g.claims, c)
	return c
}

// dealSources deals up to n different sources that accept(s) allows.
func (g *gen) dealSources(n int, accept func(*source) bool) []*source {
	var out []*source
	for tries := 0; len(out) < n && tries < 4*n+8; tries++ {
		s := g.sources[g.sourceDeck.deal(g.rng)]
		if !slices.Contains(out, s) && accept(s) {
			out = append(out, s)
		}
	}
	return out
}

func quoteCount(g *gen, weights ...float64) int {
	r := g.rng.Float64()
	for i, w := range weights {
		if r < w {
			return i + 1
		}
		r -= w
	}
	return len(weights)
}

// figureClaim makes a claim that an entity gives a figure, quoted from one
// to three sources, each printing it its own way. It reports false when no
// source can take the claim (every one already reports this camp).
func (g *gen) figureClaim(k *figKey) bool {
	camp := 0
	if k.conflict {
		camp = k.claims % 2
	}
	used := fmt.Sprintf("figure:%s:%d", k.key, camp)
	srcs := g.dealSources(quoteCount(g, 0.5, 0.35, 0.15), func(s *source) bool { return !s.used[used] })
	if len(srcs) == 0 {
		return false
	}
	k.claims++
	e := k.speaker[camp]
	c := g.newClaim(capFirst(fmt.Sprintf("%s puts %s at %s.", e.the(e.name), expandTown(k.q.measure, k.town), k.about(camp))))
	c.speaker, c.key = e, k
	c.related, k.last = k.last, c
	if k.conflict && camp == 1 {
		c.verdict = pick(g.rng, []string{"disputed", "false", "misleading"})
	}
	if chance(g.rng, 0.4) {
		c.date = srcs[0].date.Format("2006-01")
	} else if chance(g.rng, 0.1) {
		c.date = srcs[0].date.Format("2006")
	}
	for _, s := range srcs {
		s.used[used] = true
		fv := g.value(k, camp)
		p := g.figurePassage(k, fv, e)
		g.place(s, p)
		g.quote(c, p, p.clause[0], p.clause[1], fv)
	}
	return true
}

func expandTown(tmpl, town string) string {
	return expand(tmpl, func(string) string { return town })
}

// figurePassage writes a sentence that attributes the figure to e.
func (g *gen) figurePassage(k *figKey, fv *figValue, e *entity) *passage {
	p := &passage{kind: figurePassage}
	var b sentence
	forms := figureForms
	if e.org {
		forms = append(slices.Clone(forms), orgFigureForms...)
	}
	form := pick(g.rng, forms)
	p.attrFirst = !strings.HasPrefix(form, "{C}")
	emphasis := chance(g.rng, 0.08)
	compose(form, &b, func(name string) {
		switch name {
		case "E":
			b.text(e.form(g))
		case "C":
			p.clause[0] = b.at()
			compose(k.q.clause, &b, func(name string) {
				switch name {
				case "F":
					if emphasis {
						b.strong(fv.text)
					} else {
						b.text(fv.text)
					}
					p.figEnd = b.at()
				case "town":
					b.text(k.town)
				}
			})
			p.clause[1] = b.at()
		case "tail":
			b.text(expand(pick(g.rng, figureTails), func(string) string { return fmt.Sprint(1950 + g.rng.IntN(50)) }))
		case "weekday":
			b.text(pick(g.rng, weekdays))
		}
	})
	p.md, p.plain = b.finish()
	return p
}

// values draws the placeholders of a statement or event once, so that its
// text and its title agree.
func (g *gen) values(town string, s *source) func(string) string {
	vals := map[string]string{"town": town}
	return func(name string) string {
		if v, ok := vals[name]; ok {
			return v
		}
		var v string
		year := s.date.Year()
		switch name {
		case "month":
			v = monthNames[(int(s.date.Month())+g.rng.IntN(5))%12]
		case "small":
			v = fmt.Sprint(5 + g.rng.IntN(400))
		case "weekday":
			v = pick(g.rng, weekdays)
		case "year0":
			v = fmt.Sprint(year - 2 - g.rng.IntN(8))
		case "year1":
			v = fmt.Sprint(year + 1 + g.rng.IntN(2))
		case "year2":
			v = fmt.Sprint(year + 3 + g.rng.IntN(3))
		case "town2":
			for v == "" || v == town {
				v = pick(g.rng, g.towns)
			}
		default:
			v = name
		}
		vals[name] = v
		return v
	}
}

// statementClaim makes a claim that someone said something, reported by
// one source or, one time in five, word for word by two.
func (g *gen) statementClaim() {
	g.saying(pick(g.rng, speeches), sayOpts{side: -1})
}

// sayOpts place a statement that is one side of a contradiction.
type sayOpts struct {
	side  int     // 0 or 1; -1 for a statement on its own
	town  string  // the contradiction's town
	avoid *entity // the other side's speaker
}

// saying makes a statement claim from sp and returns it, or nil when no
// source could take it (each already prints it).
func (g *gen) saying(sp speech, o sayOpts) *claim {
	speaker := g.speakerFor()
	for speaker == o.avoid {
		speaker = g.speakerFor()
	}
	n := 1
	if o.side < 0 && chance(g.rng, 0.2) {
		n = 2
	}
	var srcs []*source
	var town, used string
	for tries := 0; tries < 8 && len(srcs) == 0; tries++ {
		first := g.dealSources(1, func(*source) bool { return true })[0]
		town = o.town
		if town == "" {
			town = pick(g.rng, first.towns)
		}
		used = "speech:" + sp.text + ":" + town
		if first.used[used] {
			if o.side < 0 {
				sp = pick(g.rng, speeches)
			}
			continue
		}
		srcs = append([]*source{first}, g.dealSources(n-1, func(s *source) bool { return s != first && !s.used[used] })...)
	}
	if len(srcs) == 0 {
		return nil
	}
	val := g.values(town, srcs[0])
	speechText := expand(sp.text, val)
	title := expand(sp.title, func(name string) string {
		if name == "S" {
			return speaker.the(speaker.name)
		}
		return val(name)
	})
	c := g.newClaim(capFirst(title))
	c.speaker = speaker
	if chance(g.rng, 0.6) {
		c.date = srcs[0].date.AddDate(0, 0, -g.rng.IntN(3)).Format("2006-01-02")
	}
	p0 := g.statementPassage(speechText, speaker, val)
	wholeSentence := chance(g.rng, 0.4)
	for _, s := range srcs {
		s.used[used] = true
		p := &passage{kind: statementPassage, md: p0.md, plain: p0.plain, clause: p0.clause}
		g.place(s, p)
		if wholeSentence {
			g.quote(c, p, 0, len(p.plain), nil)
		} else {
			g.quote(c, p, p.clause[0], p.clause[1], nil)
		}
	}
	return c
}

// speakerFor deals a speaker: mostly people, sometimes an organisation's
// statement.
func (g *gen) speakerFor() *entity {
	if chance(g.rng, 0.75) {
		return g.persons[g.personDeck.deal(g.rng)]
	}
	return g.orgs[g.orgDeck.deal(g.rng)]
}

func (g *gen) statementPassage(speechText string, speaker *entity, val func(string) string) *passage {
	p := &passage{kind: statementPassage}
	var b sentence
	compose(pick(g.rng, speechForms), &b, func(name string) {
		switch name {
		case "Q":
			p.clause[0] = b.at()
			b.text(speechText)
			p.clause[1] = b.at()
		case "S":
			b.text(speaker.form(g))
		default:
			b.text(val(name))
		}
	})
	p.md, p.plain = b.finish()
	return p
}

// contradiction makes two statement claims about one town that cannot both
// be true, said by two speakers; the first is marked as contradicting the
// second. Either may fail only when every source already prints it, and
// then there is no contradiction but a plain statement.
func (g *gen) contradiction() {
	pair := pick(g.rng, opposites)
	town := pick(g.rng, g.towns)
	a := g.saying(pair[0], sayOpts{side: 0, town: town})
	if a == nil {
		g.statementClaim()
		g.statementClaim()
		return
	}
	b := g.saying(pair[1], sayOpts{side: 1, town: town, avoid: a.speaker})
	if b == nil {
		g.statementClaim()
		return
	}
	a.contradicts = []*claim{b}
	a.related, b.related = b, a
}

// eventClaim makes a claim that something happened on a day, reported by
// one source or, now and then, word for word by two.
func (g *gen) eventClaim() {
	n := 1
	if chance(g.rng, 0.15) {
		n = 2
	}
	var srcs []*source
	var ev event
	var town, used string
	for tries := 0; tries < 8 && len(srcs) == 0; tries++ {
		first := g.dealSources(1, func(*source) bool { return true })[0]
		ev, town = pick(g.rng, events), pick(g.rng, first.towns)
		used = "event:" + ev.text + ":" + town
		if !first.used[used] {
			srcs = append([]*source{first}, g.dealSources(n-1, func(s *source) bool { return s != first && !s.used[used] })...)
		}
	}
	if len(srcs) == 0 {
		g.statementClaim()
		return
	}
	day := srcs[0].date
	for _, s := range srcs {
		if s.date.Before(day) {
			day = s.date
		}
	}
	day = day.AddDate(0, 0, -1-g.rng.IntN(20))
	var actor *entity
	var b sentence
	compose(ev.text, &b, func(name string) {
		switch name {
		case "D":
			b.text(day.Format("January 2"))
		case "org":
			actor = g.orgs[g.orgDeck.deal(g.rng)]
			b.text(actor.form(g))
		case "person":
			actor = g.persons[g.personDeck.deal(g.rng)]
			b.text(actor.form(g))
		case "town":
			b.text(town)
		}
	})
	md, plain := b.finish()
	title := expand(ev.title, func(name string) string {
		if name == "A" {
			return actor.the(actor.name)
		}
		return town
	})
	c := g.newClaim(capFirst(title) + " on " + day.Format("2 January 2006") + ".")
	c.date = day.Format("2006-01-02")
	whole := chance(g.rng, 0.5)
	for _, s := range srcs {
		s.used[used] = true
		p := &passage{kind: eventPassage, md: md, plain: plain}
		g.place(s, p)
		end := len(plain)
		if !whole {
			end-- // without the full stop
		}
		g.quote(c, p, 0, end, nil)
	}
}

// overlapClaims makes n claims, each quoting a passage that another claim
// already quotes, over a different span: nested in it, around it, or
// crossing it, as editors' quotes do.
func (g *gen) overlapClaims(n int) {
	var cands []*passage
	for _, s := range g.sources {
		for _, p := range s.passages {
			if len(p.quotes) == 1 {
				cands = append(cands, p)
			}
		}
	}
	g.rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	for i := 0; i < n; i++ {
		if i >= len(cands) {
			g.statementClaim() // too few passages to overlap: fill up
			continue
		}
		p := cands[i]
		base := p.quotes[0]
		outlet := p.src.outlet
		var c *claim
		switch p.kind {
		case figurePassage:
			k := base.fig.key
			c = g.newClaim(fmt.Sprintf("%s cites %s for its figure on %s.", outlet, base.claim.speaker.the(base.claim.speaker.name), expandTown(k.q.measure, k.town)))
			c.speaker = base.claim.speaker
			if p.attrFirst {
				// From the attribution to the end of the number: it crosses
				// the base quote, which starts at the number.
				g.quote(c, p, 0, p.figEnd, nil)
			} else {
				g.quote(c, p, 0, len(p.plain), nil)
			}
		case statementPassage:
			sp := base.claim.speaker
			c = g.newClaim(fmt.Sprintf("%s told %s: “%s.”", capFirst(sp.the(sp.name)), outlet, p.plain[p.clause[0]:p.clause[1]]))
			c.speaker = sp
			if base.from == 0 {
				g.quote(c, p, p.clause[0], p.clause[1], nil)
			} else {
				g.quote(c, p, 0, len(p.plain), nil)
			}
		case eventPassage:
			// From the fourth word to the end: nested in the base quote.
			from := nthSpace(p.plain, 3) + 1
			c = g.newClaim(fmt.Sprintf("%s reported that %s", outlet, lowerFirst(p.plain)))
			c.date = base.claim.date
			g.quote(c, p, from, len(p.plain)-1, nil)
		}
		c.related = base.claim
	}
}

func nthSpace(s string, n int) int {
	i := -1
	for range n {
		j := strings.IndexByte(s[i+1:], ' ')
		if j < 0 {
			return i
		}
		i += j + 1
	}
	return i
}

// place hands a passage to a source, to be laid out in its text.
func (g *gen) place(s *source, p *passage) {
	p.src = s
	s.passages = append(s.passages, p)
}

// commentary writes each claim's Markdown body: a remark or two and links
// to its source, speaker, figure and related claims, all of which exist.
func (g *gen) commentary() {
	for _, c := range g.claims {
		if !chance(g.rng, 0.8) {
			continue
		}
		var parts []string
		if chance(g.rng, 0.5) {
			parts = append(parts, pick(g.rng, commentaryLead))
		}
		s := c.quotes[0].p.src
		parts = append(parts, fmt.Sprintf("The passage is in [%s](source:%s), published %s.", s.title, s.slug, s.date.Format("2 January 2006")))
		if c.speaker != nil && chance(g.rng, 0.7) {
			parts = append(parts, fmt.Sprintf("More about [%s](entity:%s).", c.speaker.the(c.speaker.name), c.speaker.slug))
		}
		if c.key != nil {
			parts = append(parts, fmt.Sprintf("Every estimate of this quantity is compared on [the figure page](figure:%s).", c.key.key))
		}
		switch {
		case len(c.contradicts) > 0:
			parts = append(parts, fmt.Sprintf("It cannot be true together with [%s](claim:%s).", strings.TrimSuffix(c.contradicts[0].title, "."), c.contradicts[0].id))
		case c.related != nil:
			parts = append(parts, fmt.Sprintf("See also [a related claim](claim:%s).", c.related.id))
		}
		c.body = strings.Join(parts, " ") + "\n"
	}
}
