package render

import (
	"dossier/internal/model"
	"dossier/internal/sentence"
)

// MentionGroup is an entity's mentions in one source: the sentences that
// name it, each once.
type MentionGroup struct {
	Source *SourceView
	Lines  []MentionLine
}

// MentionLine is a sentence of a source that names an entity, once or
// more, with a link to where it stands in the source.
type MentionLine struct {
	// Parts are the sentence's text, the entity's names Mark-ed; an
	// "…" part stands where the sentence was cut (always at a whole word).
	Parts []sentence.Part
	// Href links to the sentence on the source's page: to the quoted
	// passage the name lies in, else to a passage quoted in the sentence,
	// else to the sentence's text as a text fragment ("#:~:text=…"),
	// which browsers that know them scroll to and mark.
	Href string
	// Quote is the claim's passage the name lies in, or nil.
	Quote *QuoteView
}

// mentionReach is how far a snippet reaches either side of a name, in
// characters, when the sentence around it is longer.
const mentionReach = 200

// MentionGroups returns the entity page's mentions grouped by source, in
// source order, a sentence that names the entity twice listed once with
// both names marked.
func (p *Page) MentionGroups() []MentionGroup {
	if p.entity == nil {
		return nil
	}
	// The entity page asks twice (how many, then which): they are found
	// once per page.
	if p.mentionGroups == nil {
		p.mentionGroups = p.mentionGroupsOf()
	}
	return *p.mentionGroups
}

func (p *Page) mentionGroupsOf() *[]MentionGroup {
	var out []MentionGroup
	var runes []rune
	type sent struct{ lo, hi int }
	var last sent
	var spans [][2]int
	var first *model.Mention
	flush := func() {
		if first == nil {
			return
		}
		g := &out[len(out)-1]
		parts, whole := sentence.Snippet(runes, last.lo, last.hi, spans)
		line := MentionLine{Parts: parts}
		if q := quoteHolding(first); q != nil {
			line.Quote = p.r.v.quote(q)
			line.Href = p.quoteURL(q)
		} else if q := quoteWithin(first.Source, last.lo, last.hi); q != nil {
			// A passage of the sentence is quoted: its anchor is on the
			// sentence, and the number the source page puts after it would
			// break a text fragment.
			line.Href = p.quoteURL(q)
		} else {
			line.Href = p.URL("sources", first.Source.Slug) + "#" + textFragment(whole, sentenceFragmentWords)
		}
		g.Lines = append(g.Lines, line)
		first, spans = nil, nil
	}
	for _, m := range p.entity.Mentions {
		if n := len(out); n == 0 || out[n-1].Source.m != m.Source {
			flush()
			out = append(out, MentionGroup{Source: p.r.v.source(m.Source)})
			// One buffer for every source's text: Snippet copies what
			// it keeps.
			runes = runes[:0]
			for _, r := range m.Source.Plain {
				runes = append(runes, r)
			}
		}
		if m.Start < 0 || m.End > len(runes) || m.Start > m.End {
			continue
		}
		lo, hi := sentence.Bounds(runes, m.Start, m.End, mentionReach)
		if first != nil && m.Start < last.hi {
			// The same sentence: another name to mark in it.
			if n := len(spans); spans[n-1][1] <= m.Start {
				spans = append(spans, [2]int{m.Start, m.End})
			}
			last.hi = max(last.hi, hi)
			continue
		}
		flush()
		first, last, spans = m, sent{lo, hi}, [][2]int{{m.Start, m.End}}
	}
	flush()
	return &out
}

// quoteHolding returns the first of the source's quoted passages that
// holds the mention, or nil.
func quoteHolding(m *model.Mention) *model.Quote {
	for _, q := range m.Source.Quotes {
		if q.Start <= m.Start && m.End <= q.End {
			return q
		}
	}
	return nil
}

// quoteWithin returns the first of the source's quoted passages that
// overlaps [lo, hi), or nil.
func quoteWithin(s *model.Source, lo, hi int) *model.Quote {
	for _, q := range s.Quotes {
		if q.Start < hi && lo < q.End {
			return q
		}
	}
	return nil
}
