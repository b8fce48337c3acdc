package gen

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"dossier/internal/anchor"
)

// doc is a source body being laid out: its Markdown and, beside it, the
// plain text a reader sees, which quotes are checked against.
type doc struct {
	md, plain strings.Builder
	words     int
}

// add appends a block and returns where its plain text starts. Blocks are
// separated by a blank line in both, as the pipeline's plain text does.
func (d *doc) add(md, plain string) int {
	if d.md.Len() > 0 {
		d.md.WriteString("\n\n")
		d.plain.WriteString("\n\n")
	}
	d.md.WriteString(md)
	start := d.plain.Len()
	d.plain.WriteString(plain)
	d.words += len(strings.Fields(plain))
	return start
}

// line is a sentence to lay out: a claimed passage or filler.
type line struct {
	md, plain string
	p         *passage
}

// layout writes a source's body: a dateline lead, paragraphs of filler
// with the claimed passages spread through them, two or three headings, a
// list and a block quote, until the body has about o.Words words and every
// passage has its place. Then it checks the quotes (see quoteSource).
func (g *gen) layout(s *source) {
	d := &doc{}
	words := g.o.Words
	pending := append([]*passage{}, s.passages...)
	g.rng.Shuffle(len(pending), func(i, j int) { pending[i], pending[j] = pending[j], pending[i] })
	take := func(kind passageKind) *passage {
		for i, p := range pending {
			if p.kind == kind {
				pending = append(pending[:i], pending[i+1:]...)
				return p
			}
		}
		return nil
	}
	// Some outlets' files are wrapped at 72 columns; the rest have a soft
	// line break now and then, where an editor pasted a line.
	wrapped := chance(g.rng, 0.3)

	// The lead: dateline, a scene-setting sentence and, in some articles,
	// a figure clause that a later passage repeats word for word, as leads
	// do; quotes of that clause then need a prefix to say which is meant.
	lead := []line{{md: strings.ToUpper(s.town) + " — " + g.filler(s, strings.ReplaceAll(pick(g.rng, leads), "{town}", s.town))}}
	for _, p := range s.passages {
		if p.kind == figurePassage && p.clause[0] > 0 && chance(g.rng, 0.25) {
			restated := "Officials said on " + pick(g.rng, weekdays) + " that " + p.plain[p.clause[0]:p.clause[1]] + "."
			lead = append(lead, line{md: restated})
			break
		}
	}
	g.paragraph(d, lead, wrapped)

	headingsLeft := 2 + g.rng.IntN(2)
	sinceHeading := 1
	listDone, quoteDone := false, false
	for len(pending) > 0 || d.words < words {
		switch {
		case !listDone && d.words >= words*35/100:
			listDone = true
			g.list(d, s, take(eventPassage))
		case !quoteDone && d.words >= words*55/100:
			quoteDone = true
			g.blockQuote(d, s, take(statementPassage), wrapped)
		case sinceHeading >= 3 && headingsLeft > 0 && d.words >= words*20/100 && d.words < words*85/100:
			headingsLeft--
			sinceHeading = 0
			h := expandTown(pick(g.rng, headings), pick(g.rng, s.towns))
			d.add("## "+h, h)
		default:
			sinceHeading++
			var ls []line
			for range 2 + g.rng.IntN(3) {
				left := max(1, (words-d.words)/18) // sentences still to write, roughly
				if len(pending) > 0 && (d.words >= words || g.rng.IntN(left) < len(pending)) {
					ls = append(ls, line{md: pending[0].md, plain: pending[0].plain, p: pending[0]})
					pending = pending[1:]
				} else {
					ls = append(ls, line{md: g.filler(s, fillers[s.fillers.deal(g.rng)])})
				}
			}
			g.paragraph(d, ls, wrapped)
		}
	}
	s.body = d.md.String() + "\n"
	g.quoteSource(s, d.plain.String())
}

// paragraph adds sentences as one paragraph and records where each passage
// stands in the plain text.
func (g *gen) paragraph(d *doc, ls []line, wrapped bool) {
	var md, plain strings.Builder
	var at []int
	for i, l := range ls {
		if i > 0 {
			md.WriteByte(' ')
			plain.WriteByte(' ')
		}
		if l.plain == "" {
			l.plain = stripEmphasis(l.md)
		}
		at = append(at, plain.Len())
		md.WriteString(l.md)
		plain.WriteString(l.plain)
	}
	text := md.String()
	switch {
	case wrapped:
		text = wrap(text, 72)
	case chance(g.rng, 0.15):
		text = softBreak(text, g.rng.IntN(len(text)))
	}
	start := d.add(text, plain.String())
	for i, l := range ls {
		if l.p != nil {
			l.p.start = start + at[i]
		}
	}
}

// list adds a list introduced by a sentence, with an event passage as one
// of its items when the source has one to place.
func (g *gen) list(d *doc, s *source, p *passage) {
	g.paragraph(d, []line{{md: g.filler(s, pick(g.rng, listIntros))}}, false)
	n := 3 + g.rng.IntN(3)
	at := -1
	if p != nil {
		at = g.rng.IntN(n)
	}
	numbered := chance(g.rng, 0.4)
	perm := g.rng.Perm(len(listItems))
	var md, plain strings.Builder
	pStart := 0
	for i := range n {
		if i > 0 {
			md.WriteByte('\n')
			plain.WriteString("\n\n")
		}
		if numbered {
			fmt.Fprintf(&md, "%d. ", i+1)
		} else {
			md.WriteString("- ")
		}
		if i == at {
			md.WriteString(p.md)
			pStart = plain.Len()
			plain.WriteString(p.plain)
			continue
		}
		item := capFirst(g.filler(s, listItems[perm[i%len(perm)]]))
		md.WriteString(item)
		plain.WriteString(stripEmphasis(item))
	}
	start := d.add(md.String(), plain.String())
	if p != nil {
		p.start = start + pStart
	}
}

// blockQuote adds a quoted statement as a Markdown block quote: a statement
// passage when the source has one to place, else a generic one.
func (g *gen) blockQuote(d *doc, s *source, p *passage, wrapped bool) {
	md, plain := "", ""
	if p != nil {
		md, plain = p.md, p.plain
	} else {
		md = "“" + pick(g.rng, genericSpeech) + ",” " + g.filler(s, "{person}") + " said."
		plain = md
	}
	if wrapped {
		md = wrap(md, 70)
	}
	start := d.add("> "+strings.ReplaceAll(md, "\n", "\n> "), plain)
	if p != nil {
		p.start = start
	}
}

// filler expands a filler template with the source's cast and towns. An
// entity's first mention in the source gives its full name, later ones its
// aliases in turn, as an article does.
func (g *gen) filler(s *source, tmpl string) string {
	chosen := map[string]string{}
	mention := func(cast []*entity, all []*entity, not string) string {
		var e *entity
		for tries := 0; tries < 8 && (e == nil || e.name == not); tries++ {
			if len(cast) > 0 && tries < 4 {
				e = pick(g.rng, cast)
			} else {
				e = pick(g.rng, all)
			}
		}
		if !s.seen[e] {
			s.seen[e] = true
			return e.firstForm()
		}
		return e.laterForm()
	}
	who := map[string]string{}
	out := expand(tmpl, func(name string) string {
		if v, ok := chosen[name]; ok {
			return v
		}
		var v string
		switch name {
		case "person", "person2":
			v = mention(s.persons, g.persons, who["person"])
		case "org", "org2":
			v = mention(s.orgs, g.orgs, who["org"])
		case "town":
			v = s.towns[0]
			if chance(g.rng, 0.5) {
				v = pick(g.rng, s.towns)
			}
		case "town2":
			for v == "" || v == chosen["town"] {
				v = pick(g.rng, g.towns)
			}
		case "weekday":
			v = pick(g.rng, weekdays)
		case "month":
			v = pick(g.rng, monthNames)
		case "ndays":
			v = pick(g.rng, smallNumbers)
		case "meters":
			v = fmt.Sprintf("%d.%d", 2+g.rng.IntN(6), g.rng.IntN(10))
		case "oldyear":
			v = fmt.Sprint(1950 + g.rng.IntN(50))
		case "year0":
			v = fmt.Sprint(2010 + g.rng.IntN(12))
		case "pctsmall":
			v = fmt.Sprint(10 + g.rng.IntN(31))
		case "small":
			v = fmt.Sprintf("%d.%d", 1+g.rng.IntN(9), g.rng.IntN(10))
		case "num":
			v = pick(g.rng, []string{"several hundred", "more than 1,000", "about 2,500", "dozens of", "some 800"})
		default:
			v = name
		}
		if name == "person" || name == "org" {
			who[name] = strings.TrimPrefix(v, "the ")
		}
		chosen[name] = v
		return v
	})
	out = capFirst(out)
	// Now and then an italic word, as a writer stresses one.
	if !strings.Contains(out, "*") && chance(g.rng, 0.05) {
		out = emphasizeWord(out, g.rng.IntN(64))
	}
	return out
}

// emphasizeWord puts *…* around the n-th (modulo their number) all-lowercase
// word of five letters or more, if there is one.
func emphasizeWord(s string, n int) string {
	fields := strings.Split(s, " ")
	var cands []int
	for i, f := range fields {
		if len(f) >= 5 && strings.Trim(f, "abcdefghijklmnopqrstuvwxyz") == "" {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return s
	}
	i := cands[n%len(cands)]
	fields[i] = "*" + fields[i] + "*"
	return strings.Join(fields, " ")
}

// stripEmphasis is the plain text of vocabulary Markdown, whose only markup
// is emphasis.
func stripEmphasis(md string) string { return strings.ReplaceAll(md, "*", "") }

// wrap breaks a paragraph into lines of about width characters. It breaks
// only before a word that starts with a letter, so that no line can start
// a list, a heading, a block quote or any other block.
func wrap(text string, width int) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Split(text, " ") {
		if i > 0 {
			if col+1+len(w) > width && startsWithLetter(w) {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += utf8.RuneCountInString(w)
	}
	return b.String()
}

// softBreak turns the first space at or after byte at that precedes a
// letter into a line break.
func softBreak(text string, at int) string {
	for i := at; i < len(text)-1; i++ {
		if text[i] == ' ' && startsWithLetter(text[i+1:]) {
			return text[:i] + "\n" + text[i+1:]
		}
	}
	return text
}

func startsWithLetter(s string) bool {
	return s != "" && ('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z')
}

// quoteSource fixes what each quote of a source says, checking it with the
// pipeline's own matcher (package anchor) against the plain text the source
// was laid out with. A quote that occurs once is written as it is; one that
// occurs more than once gets the shortest prefix, else suffix, that settles
// which is meant. One in four is written as an editor would type it, with
// straight quotes and hyphens, which anchoring forgives.
//
// This is what keeps every quote anchored: passages are unique by
// construction (each source holds at most one sentence per template and
// town, and figure clauses differ by their numbers), and whatever repeats
// anyway (a lead restating a figure) is disambiguated here.
func (g *gen) quoteSource(s *source, plain string) {
	t := anchor.NewText(plain)
	for _, p := range s.passages {
		if p.plain != plain[p.start:p.start+len(p.plain)] {
			panic(fmt.Sprintf("gen: %s: passage %q is not where it was laid out", s.slug, p.plain))
		}
		for _, q := range p.quotes {
			off := p.start + q.from
			want := utf8.RuneCountInString(plain[:off])
			aq := anchor.Quote{Exact: p.plain[q.from:q.to]}
			if !settles(t, aq, want) {
				aq = disambiguate(t, aq, plain[:off], plain[p.start+q.to:], want)
			}
			if chance(g.rng, 0.25) {
				typed := anchor.Quote{Exact: straighten(aq.Exact), Prefix: straighten(aq.Prefix), Suffix: straighten(aq.Suffix)}
				if settles(t, typed, want) {
					aq = typed
				}
			}
			if !settles(t, aq, want) {
				panic(fmt.Sprintf("gen: %s: quote %q of claim %s cannot be anchored", s.slug, aq.Exact, q.claim.id))
			}
			q.text, q.prefix, q.suffix = aq.Exact, aq.Prefix, aq.Suffix
		}
	}
}

// settles reports whether q is found exactly once, at code point want.
func settles(t *anchor.Text, q anchor.Quote, want int) bool {
	r := t.Find(q)
	return r.Found && r.Span.Start == want
}

// disambiguate adds the fewest words of context before (or else after) the
// quote that make it unique.
func disambiguate(t *anchor.Text, q anchor.Quote, before, after string, want int) anchor.Quote {
	bw, aw := strings.Fields(before), strings.Fields(after)
	for n := 1; n <= 12; n++ {
		if n <= len(bw) {
			try := q
			try.Prefix = strings.Join(bw[len(bw)-n:], " ")
			if settles(t, try, want) {
				return try
			}
		}
		if n <= len(aw) {
			try := q
			try.Suffix = strings.Join(aw[:n], " ")
			if settles(t, try, want) {
				return try
			}
		}
	}
	return q
}

// straighten writes typographic quotes, apostrophes and dashes as ASCII.
var straightener = strings.NewReplacer("“", "\"", "”", "\"", "’", "'", "‘", "'", "—", "-", "–", "-")

func straighten(s string) string { return straightener.Replace(s) }
