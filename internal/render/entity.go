package render

import (
	"sync"

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
	runs := p.r.mentionSnippets().of[p.entity]
	out := make([]MentionGroup, 0, len(runs))
	for _, run := range runs {
		run.source.once.Do(func() { run.source.find(&p.r.runes) })
		g := MentionGroup{Source: p.r.v.source(run.source.s)}
		for _, l := range run.lines {
			line := MentionLine{Parts: l.parts}
			if q := quoteHolding(l.first); q != nil {
				line.Quote = p.r.v.quote(q)
				line.Href = p.quoteURL(q)
			} else if q := quoteWithin(l.first.Source, l.lo, l.hi); q != nil {
				// A passage of the sentence is quoted: its anchor is on
				// the sentence, and the number the source page puts after
				// it would break a text fragment.
				line.Href = p.quoteURL(q)
			} else {
				line.Href = p.URL("sources", l.first.Source.Slug) + "#" + textFragment(l.whole, sentenceFragmentWords)
			}
			g.Lines = append(g.Lines, line)
		}
		out = append(out, g)
	}
	return &out
}

// mentionSnippets are the sentences of the sources that name each entity,
// found a source at a time, on first use, for every entity the source
// names: a source's text is decoded once, not once per entity page.
type mentionSnippets struct {
	of map[*model.Entity][]*mentionRun // each entity's runs, in the order of its mentions
}

// mentionRun is a run of an entity's mentions in one source, consecutive
// in its list: one group on its page.
type mentionRun struct {
	source   *sourceSnippets
	mentions []*model.Mention
	lines    []snippetLine // found by source.find
}

// snippetLine is a sentence of a mention run, as MentionLine has it but
// for the links, which depend on the page.
type snippetLine struct {
	parts  []sentence.Part
	whole  string         // the sentence's text, without ellipses and marks
	first  *model.Mention // the first mention in it
	lo, hi int            // the sentence, in code points of the text
}

// sourceSnippets are the mention runs of a source, their lines found once.
type sourceSnippets struct {
	s    *model.Source
	runs []*mentionRun
	once sync.Once
}

// mentionSnippets returns the renderer's mention runs, made on first use.
func (r *renderer) mentionSnippets() *mentionSnippets {
	r.snippetsOnce.Do(func() {
		m := &mentionSnippets{of: map[*model.Entity][]*mentionRun{}}
		sources := map[*model.Source]*sourceSnippets{}
		for _, e := range r.d.Entities {
			for _, x := range e.Mentions {
				runs := m.of[e]
				if n := len(runs); n > 0 && runs[n-1].source.s == x.Source {
					runs[n-1].mentions = append(runs[n-1].mentions, x)
					continue
				}
				src := sources[x.Source]
				if src == nil {
					src = &sourceSnippets{s: x.Source}
					sources[x.Source] = src
				}
				run := &mentionRun{source: src, mentions: []*model.Mention{x}}
				src.runs = append(src.runs, run)
				m.of[e] = append(runs, run)
			}
		}
		r.snippets = m
	})
	return r.snippets
}

// find finds the lines of the source's mention runs: the sentences that
// hold their mentions, a sentence that names the entity twice once, with
// both names marked. The text's code points are in a buffer lent by pool
// (*[]rune), from source to source.
func (src *sourceSnippets) find(pool *sync.Pool) {
	buf, _ := pool.Get().(*[]rune)
	if buf == nil {
		buf = new([]rune)
	}
	runes := (*buf)[:0]
	for _, r := range src.s.Plain {
		runes = append(runes, r)
	}
	defer func() {
		*buf = runes
		pool.Put(buf)
	}()
	for _, run := range src.runs {
		var last snippetLine
		var spans [][2]int
		flush := func() {
			if last.first == nil {
				return
			}
			last.parts, last.whole = sentence.Snippet(runes, last.lo, last.hi, spans)
			run.lines = append(run.lines, last)
			last, spans = snippetLine{}, nil
		}
		for _, m := range run.mentions {
			if m.Start < 0 || m.End > len(runes) || m.Start > m.End {
				continue
			}
			lo, hi := sentence.Bounds(runes, m.Start, m.End, mentionReach)
			if last.first != nil && m.Start < last.hi {
				// The same sentence: another name to mark in it.
				if n := len(spans); spans[n-1][1] <= m.Start {
					spans = append(spans, [2]int{m.Start, m.End})
				}
				last.hi = max(last.hi, hi)
				continue
			}
			flush()
			last, spans = snippetLine{first: m, lo: lo, hi: hi}, [][2]int{{m.Start, m.End}}
		}
		flush()
	}
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
