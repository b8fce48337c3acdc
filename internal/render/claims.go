package render

import (
	"sort"

	"dossier/internal/model"
)

// ClaimIndex is the claims page: every claim in reading order, and the
// same claims grouped by verdict, by speaker and by source, so that a
// reader without a script can still find a verdict's, a person's or a
// source's claims, and the filter script has what to filter on.
type ClaimIndex struct {
	Claims    []*ClaimView   // in reading order: by source, oldest first, then where each is first quoted
	ByVerdict []ClaimGroup   // in the scale's order, then the claims without a verdict (Verdict nil)
	BySpeaker []ClaimGroup   // by name; claims without a speaker are in none
	BySource  []ClaimGroup   // in reading order of the sources
	Verdicts  []*VerdictView // the verdicts some claim has, in the scale's order
}

// ClaimGroup is the claims that share a verdict, a speaker or a source;
// one of Verdict, Speaker and Source is set (none for the claims without
// a verdict). ID is an id for its section, unique on the page.
type ClaimGroup struct {
	ID      string
	Verdict *VerdictView
	Speaker *EntityView
	Source  *SourceView
	Claims  []*ClaimView
}

// ClaimIndex returns the claims page's lists.
func (p *Page) ClaimIndex() *ClaimIndex {
	d := p.r.d
	order := sourceOrder(d.Sources)
	claims := append([]*model.Claim(nil), d.Claims...)
	firstAt := func(c *model.Claim) (int, int) {
		if len(c.Quotes) == 0 {
			return len(order), 0
		}
		q := c.Quotes[0]
		return order[q.Source], q.Start
	}
	sort.SliceStable(claims, func(i, j int) bool {
		si, qi := firstAt(claims[i])
		sj, qj := firstAt(claims[j])
		if si != sj {
			return si < sj
		}
		if qi != qj {
			return qi < qj
		}
		return claims[i].ID < claims[j].ID
	})
	x := &ClaimIndex{Claims: mapAll(claims, p.r.v.claim)}

	byVerdict := map[*model.Verdict][]*ClaimView{}
	var unrated []*ClaimView
	bySpeaker := map[*model.Entity][]*ClaimView{}
	bySource := map[*model.Source][]*ClaimView{}
	for _, c := range claims {
		cv := p.r.v.claim(c)
		if c.Verdict != nil {
			byVerdict[c.Verdict] = append(byVerdict[c.Verdict], cv)
		} else {
			unrated = append(unrated, cv)
		}
		if c.Speaker != nil {
			bySpeaker[c.Speaker] = append(bySpeaker[c.Speaker], cv)
		}
		seen := map[*model.Source]bool{}
		for _, q := range c.Quotes {
			if !seen[q.Source] {
				seen[q.Source] = true
				bySource[q.Source] = append(bySource[q.Source], cv)
			}
		}
	}
	scale := append(model.Scale(nil), d.Verdicts...)
	for v := range byVerdict {
		if scale.Lookup(v.Name) != v {
			scale = append(scale, v) // a verdict outside the scale
		}
	}
	for _, v := range scale {
		if cs := byVerdict[v]; len(cs) > 0 {
			vv := p.r.v.verdict(v)
			x.Verdicts = append(x.Verdicts, vv)
			x.ByVerdict = append(x.ByVerdict, ClaimGroup{ID: "verdict-" + v.Name, Verdict: vv, Claims: cs})
		}
	}
	if len(unrated) > 0 {
		x.ByVerdict = append(x.ByVerdict, ClaimGroup{ID: "verdict-none", Claims: unrated})
	}
	var speakers []*model.Entity
	for e := range bySpeaker {
		speakers = append(speakers, e)
	}
	sort.Slice(speakers, func(i, j int) bool {
		if speakers[i].Name != speakers[j].Name {
			return speakers[i].Name < speakers[j].Name
		}
		return speakers[i].Slug < speakers[j].Slug
	})
	for _, e := range speakers {
		x.BySpeaker = append(x.BySpeaker, ClaimGroup{ID: "speaker-" + e.Slug, Speaker: p.r.v.entity(e), Claims: bySpeaker[e]})
	}
	sources := append([]*model.Source(nil), d.Sources...)
	sort.SliceStable(sources, func(i, j int) bool { return order[sources[i]] < order[sources[j]] })
	for _, s := range sources {
		if cs := bySource[s]; len(cs) > 0 {
			x.BySource = append(x.BySource, ClaimGroup{ID: "source-" + s.Slug, Source: p.r.v.source(s), Claims: cs})
		}
	}
	return x
}

// sourceOrder numbers the sources in reading order: by date published,
// oldest first, those without a date last, then by slug.
func sourceOrder(ss []*model.Source) map[*model.Source]int {
	sorted := append([]*model.Source(nil), ss...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].Published, sorted[j].Published
		if (a == "") != (b == "") {
			return b == ""
		}
		if a != b {
			return a < b
		}
		return sorted[i].Slug < sorted[j].Slug
	})
	out := make(map[*model.Source]int, len(sorted))
	for i, s := range sorted {
		out[s] = i
	}
	return out
}

// ClaimSlugs are the slugs of the speaker and the sources of a claim, for
// the claims filter to match: "speaker" is the speaker's slug or "",
// "sources" the quoted sources' slugs, space-separated.
func (p *Page) ClaimSlugs(c *ClaimView) map[string]string {
	out := map[string]string{"speaker": "", "sources": ""}
	if c.Speaker != nil {
		out["speaker"] = c.Speaker.Slug
	}
	for i, s := range p.QuotedSources(c) {
		if i > 0 {
			out["sources"] += " "
		}
		out["sources"] += s.Slug
	}
	return out
}
