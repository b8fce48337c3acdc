package render

// The reader pages' data: the sentence around a quoted passage, and the
// claims related to a claim (figures: values.go and chart.go; conflicts:
// conflicts.go). Everything here returns plain strings and numbers; the
// templates escape them.

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"dossier/internal/dossier"
	"dossier/internal/sentence"
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
			out = append(out, "figure: "+figureLabel(c, key))
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

// figureLabel is the label of the figure with a key that one of a
// claim's quotes gives a value of.
func figureLabel(c *dossier.Claim, key string) string {
	for _, q := range c.Quotes {
		if v := q.Figure; v != nil && v.Key == key && v.Figure != nil {
			return v.Figure.Label
		}
	}
	return key
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
