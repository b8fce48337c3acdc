package render

// MentionGroup is an entity's mentions in one source: the sentences that
// name it, each once.
type MentionGroup struct {
	Source    *SourceView
	Sentences []string
}

// MentionGroups returns the entity page's mentions grouped by source, in
// source order, a sentence that names the entity twice listed once.
func (p *Page) MentionGroups() []MentionGroup {
	if p.entity == nil {
		return nil
	}
	var out []MentionGroup
	seen := map[string]bool{}
	for _, m := range p.entity.Mentions {
		if n := len(out); n == 0 || out[n-1].Source.m != m.Source {
			out = append(out, MentionGroup{Source: p.r.v.source(m.Source)})
			seen = map[string]bool{}
		}
		if seen[m.Sentence] {
			continue
		}
		seen[m.Sentence] = true
		g := &out[len(out)-1]
		g.Sentences = append(g.Sentences, m.Sentence)
	}
	return out
}
