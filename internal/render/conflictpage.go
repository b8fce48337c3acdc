package render

// Conflicts as the default theme's compiled pages write them (see
// claimpage.go): the "conflict-card" partial, on the conflicts page and
// a figure's page; the "claim-conflict" partials, on a claim's page; and
// conflicts.html and timeline.html.

// conflictCardTemplates are the templates writeConflictCard stands for.
var conflictCardTemplates = []string{
	"conflict-card", "conflict-kind-line", "conflict-kind", "conflict-means", "verdict", "apart",
	"reading", "words", "amount", "date", "month-name", "summary-start", "summary-tail", "cited",
}

// writeKindLine is the "conflict-kind-line" partial.
func writeKindLine(w pageWriter, kind string) {
	w.raw(`<p class="conflict-kind"><span class="conflict-mark">`)
	switch kind {
	case "contradiction":
		w.raw("Contradiction")
	case "tension":
		w.raw("Tension")
	case "discrepancy":
		w.raw("Discrepancy")
	default:
		w.text(kind)
	}
	w.raw(`</span> <span class="conflict-means">`)
	writeConflictMeans(w, kind)
	w.raw("</span></p>")
}

// writeConflictCard is the "conflict-card" partial.
func writeConflictCard(w pageWriter, p *Page, k ConflictCard) error {
	w.raw(`<article class="conflict-card" id="`)
	w.text(k.ID)
	w.raw(`" aria-labelledby="`)
	w.text(k.ID)
	w.raw("-h\">\n<header class=\"conflict-card-head\">\n")
	writeKindLine(w, k.Kind)
	w.raw("\n<h3 id=\"")
	w.text(k.ID)
	w.raw(`-h">`)
	w.text(k.Conflict.Title)
	w.raw("</h3>\n")
	if g := k.Figure; g != nil {
		w.raw(`<p class="conflict-figure">Figure: <a href="`)
		w.url(k.FigureHref)
		w.raw(`">`)
		w.text(g.Label)
		w.raw("</a> · ")
		w.text(count(k.Values, "value", "values"))
		w.raw(" in disagreement</p>\n")
	}
	w.raw("</header>\n")
	if err := writeExplanation(w, p, k.Conflict); err != nil {
		return err
	}
	w.raw(`<div class="conflict-sides`)
	if k.Series {
		w.raw(" conflict-series")
	}
	w.raw("\">\n")
	for i, s := range k.Sides {
		if i > 0 {
			w.raw("<p class=\"conflict-vs\" aria-hidden=\"true\">vs</p>\n")
		}
		w.raw("<div class=\"conflict-side\">\n")
		for _, sp := range s.Speakers {
			if e := sp.Speaker; e != nil {
				w.raw(`<p class="side-speaker"><span class="side-speaker-label">Said by</span> <a href="`)
				w.link(p, "entities", e.Slug)
				w.raw(`">`)
				w.text(e.Name)
				w.raw("</a></p>\n")
			}
			for _, v := range sp.Values {
				w.raw("<div class=\"side-item\">\n<p class=\"side-value\">")
				writeReading(w, v.Reading)
				if v.Reading.AsOf != "" {
					w.raw(` <span class="side-asof">as of `)
					writeDate(w, v.Reading.AsOf)
					w.raw("</span>")
				}
				w.raw("</p>\n" + `<p class="side-claim"><a href="`)
				w.url(v.ClaimHref)
				w.raw(`">`)
				w.text(v.Claim.Title)
				w.raw("</a>")
				if vd := v.Claim.Verdict; vd != nil {
					w.raw(" ")
					writeBadge(w, p.Badge(vd))
				}
				w.raw("</p>\n" + `<p class="side-meta"><a href="`)
				w.url(v.QuoteHref)
				w.raw(`">`)
				w.text(v.Citation)
				w.raw("</a></p>\n" + `<p class="side-summary">`)
				if v.Summary != nil {
					w.raw("Disagrees with ")
					writeSummaryTail(w, v.Summary)
				}
				w.raw(".</p>\n</div>\n")
			}
			for _, c := range sp.Claims {
				w.raw("<div class=\"side-item\">\n<h4 class=\"side-claim\"><a href=\"")
				w.url(c.Href)
				w.raw(`">`)
				w.text(c.Claim.Title)
				w.raw("</a></h4>\n" + `<p class="side-meta">`)
				if vd := c.Claim.Verdict; vd != nil {
					writeBadge(w, p.Badge(vd))
				} else {
					w.raw(`<span class="verdict verdict-none">no verdict</span>`)
				}
				if c.Claim.Date != "" {
					w.raw(` · `)
					writeTime(w, c.Claim.Date)
				}
				w.raw("</p>\n")
				for _, q := range c.Quotes {
					w.raw(`<p class="side-quote"><span class="side-quote-text">`)
					w.text(quoted(q.Exact))
					w.raw(`</span> (<a href="`)
					w.quoteLink(p, q)
					w.raw(`">`)
					w.text(cite(q.Source.m))
					if q.Source.Short == "" && q.Source.Published != "" {
						w.raw(", ")
						writeDate(w, q.Source.Published)
					}
					w.raw("</a>)</p>\n")
				}
				if c.More != 0 {
					w.raw(`<p class="side-more"><a href="`)
					w.link(p, "claims", c.Claim.ID)
					w.raw(`">`)
					w.text(count(c.More, "more passage", "more passages"))
					w.raw(" on the claim's page</a></p>\n")
				}
				w.raw("</div>\n")
			}
		}
		if s.More != 0 {
			w.raw(`<p class="side-more">`)
			if k.Figure != nil {
				w.raw(`<a href="`)
				w.url(k.FigureHref)
				w.raw(`">`)
				w.text(count(s.More, "more value", "more values"))
				w.raw(" on the figure's page</a>")
			} else {
				w.raw("and ")
				w.text(count(s.More, "more claim", "more claims"))
			}
			w.raw("</p>\n")
		}
		w.raw("</div>\n")
	}
	w.raw("</div>\n")
	if a := k.Apart; a != nil {
		w.raw(`<p class="conflict-apart">Read as numbers, `)
		writeWords(w, a.Hi)
		w.raw(" and ")
		writeWords(w, a.Lo)
		w.raw(" are ")
		if a.AtLeast {
			w.raw("at least ")
		}
		w.text(number(a.Gap))
		if a.Unit != "" {
			w.raw(" ")
			w.text(a.Unit)
		}
		w.raw(" apart")
		switch {
		case a.More:
			w.raw("; the higher is more than ")
			w.text(number(a.Times))
			w.raw("× the lower")
		case a.Times != 0:
			w.raw("; the higher is about ")
			w.text(number(a.Times))
			w.raw("× the lower")
		}
		w.raw(".</p>\n")
	}
	w.raw("</article>\n")
	return nil
}

// writeClaimConflict is the "claim-conflict" partial.
func writeClaimConflict(w pageWriter, p *Page, cc ClaimConflict) error {
	k := cc.Card
	w.raw("<div class=\"claim-conflict\">\n")
	writeKindLine(w, k.Kind)
	w.raw("\n" + `<h3 class="claim-conflict-title"><a href="`)
	w.url(k.Href)
	w.raw(`">`)
	w.text(k.Conflict.Title)
	w.raw("</a></h3>\n")
	if err := writeExplanation(w, p, k.Conflict); err != nil {
		return err
	}
	if k.Figure != nil {
		w.raw(`<ul class="claim-conflict-values">`)
		for _, v := range cc.Values {
			w.raw(`<li>Its value for <a href="`)
			w.url(k.FigureHref)
			w.raw(`">`)
			w.text(k.Figure.Label)
			w.raw("</a>, ")
			writeReadingAsOf(w, v.Reading, v.Reading.AsOf)
			w.raw(", ")
			if v.Summary != nil {
				w.raw("disagrees with ")
				writeSummaryTail(w, v.Summary)
			}
			w.raw(".</li>\n")
		}
		w.raw("</ul>\n")
	} else {
		if len(cc.With.Claims) > 0 {
			w.raw("<p class=\"side-label\">On this claim's side</p>\n")
			writeClaimConflictSide(w, p, cc.With)
		}
		for _, s := range cc.Against {
			w.raw("<p class=\"side-label\">Against it</p>\n")
			writeClaimConflictSide(w, p, s)
		}
	}
	w.raw(`<p><a class="both-sides" href="`)
	w.url(k.Href)
	w.raw("\">All sides</a></p>\n</div>\n")
	return nil
}

// writeClaimConflictSide is the "claim-conflict-side" partial.
func writeClaimConflictSide(w pageWriter, p *Page, s CardSide) {
	w.raw(`<ul class="claim-conflict-side">`)
	for _, sp := range s.Speakers {
		if sp.Speaker != nil {
			w.raw(`<li><span class="side-speaker-name">`)
			w.text(sp.Speaker.Name)
			w.raw("</span>\n<ul>")
			for _, c := range sp.Claims {
				writeClaimConflictClaim(w, p, c)
			}
			w.raw("</ul></li>\n")
		} else {
			for _, c := range sp.Claims {
				writeClaimConflictClaim(w, p, c)
			}
		}
	}
	if s.More != 0 {
		w.raw("<li>and ")
		w.text(count(s.More, "more claim", "more claims"))
		w.raw("</li>")
	}
	w.raw("</ul>\n")
}

// writeClaimConflictClaim is the "claim-conflict-claim" partial.
func writeClaimConflictClaim(w pageWriter, p *Page, c CardClaim) {
	w.raw("<li>")
	writeClaimLink(w, p, c.Href, c.Claim)
	w.raw("</li>\n")
}

// writeClaimLink writes a link to a claim, its title, and its verdict's
// badge when it has a verdict: as the related claims and a conflict's
// sides list their claims.
func writeClaimLink(w pageWriter, p *Page, href string, c *ClaimView) {
	w.raw(`<a href="`)
	w.url(href)
	w.raw(`">`)
	w.text(c.Title)
	w.raw("</a>")
	if v := c.Verdict; v != nil {
		w.raw(" ")
		writeBadge(w, p.Badge(v))
	}
}

// writeConflictMeans is the "conflict-means" partial: what a kind of
// conflict says of its claims.
func writeConflictMeans(w pageWriter, kind string) {
	switch kind {
	case "contradiction":
		w.raw("cannot both be true")
	case "tension":
		w.raw("pull against each other")
	case "discrepancy":
		w.raw("differ, reason unknown")
	}
}

// writeConflictMark writes the mark after a claim in conflict, its title
// naming what it is in conflict with.
func writeConflictMark(w pageWriter, c *ClaimView) {
	w.raw(` <span class="conflict-mark" title="`)
	writeInConflict(w, c)
	w.raw(`">conflict</span>`)
}

// writeExplanation writes a conflict's explanation, when it has one, as
// the conflict card and a claim's conflict show it.
func writeExplanation(w pageWriter, p *Page, cf *ConflictView) error {
	ex, err := p.Explanation(cf)
	if err != nil {
		return err
	}
	if ex != "" {
		w.raw(`<div class="prose conflict-explanation">`)
		w.raw(string(ex))
		w.raw("</div>\n")
	}
	return nil
}

// writeConflictsContent is conflicts.html's "content".
func writeConflictsContent(w pageWriter, p *Page) error {
	all := p.Dossier.Conflicts
	figs, stmts := figureConflicts(all), statementConflicts(all)
	w.raw("\n<header class=\"page-head\">\n<h1>Conflicts</h1>\n<p class=\"lede\">Where the sources disagree: ")
	w.text(count(len(figs), "figure", "figures"))
	w.raw(" whose values do not fit together, and ")
	w.text(count(len(stmts), "disagreement", "disagreements"))
	w.raw(" between claims. Each conflict is a contradiction (they cannot both be true), a tension (they pull against each other) or a discrepancy (they differ, for a reason unknown). Each side links to the passage that makes it.</p>\n</header>\n")
	for _, group := range []struct {
		cfs      []*ConflictView
		id, head string
	}{{figs, "figure-conflicts-h", "Figures that disagree"}, {stmts, "statement-conflicts-h", "Claims that disagree"}} {
		if len(group.cfs) == 0 {
			continue
		}
		w.raw(`<section class="conflict-group" aria-labelledby="` + group.id + "\">\n<h2 id=\"" + group.id + `">` + group.head + "</h2>\n")
		for _, k := range p.ConflictCards(group.cfs) {
			if err := writeConflictCard(w, p, k); err != nil {
				return err
			}
		}
		w.raw("</section>\n")
	}
	if len(all) == 0 {
		w.raw("<p>No conflicts: no figures or claims disagree.</p>\n")
	}
	return nil
}

// writeTimelineContent is timeline.html's "content".
func writeTimelineContent(w pageWriter, p *Page) error {
	w.raw("\n<h1>Timeline</h1>\n")
	for _, m := range p.Timeline {
		w.raw(`<section class="month"><h2>`)
		writeDate(w, m.Key)
		w.raw("</h2>\n" + `<ol class="timeline" start="`)
		w.int(m.Start)
		w.raw(`">`)
		for _, c := range m.Claims {
			w.raw("<li>")
			writeTime(w, c.Date)
			w.raw(` <a href="`)
			w.link(p, "claims", c.ID)
			w.raw(`">`)
			w.text(c.Title)
			w.raw("</a>")
			if conflicting(c) {
				writeConflictMark(w, c)
			}
			w.raw(` <span class="muted">`)
			// Sources apart by a dot, as their citations hold commas; a
			// further passage of the same source is "another passage", not
			// its citation again.
			prev := ""
			for i, q := range c.Quotes {
				ct := cite(q.Source.m)
				if i > 0 {
					if ct == prev {
						w.raw(" and ")
					} else {
						w.raw(" · ")
					}
				}
				w.raw(`<a href="`)
				w.quoteLink(p, q)
				w.raw(`">`)
				if ct == prev {
					w.raw("another passage")
				} else {
					w.text(ct)
				}
				w.raw("</a>")
				prev = ct
			}
			w.raw("</span></li>")
		}
		w.raw("</ol>\n</section>")
	}
	if len(p.Timeline) == 0 {
		w.raw("<p>No dated claims yet.</p>")
	}
	w.raw("\n")
	if len(p.Undated) > 0 {
		w.raw(`<section class="month"><h2>Undated</h2><ol class="timeline" start="`)
		w.int(p.UndatedStart())
		w.raw(`">`)
		for _, c := range p.Undated {
			w.raw(`<li><a href="`)
			w.link(p, "claims", c.ID)
			w.raw(`">`)
			w.text(c.Title)
			w.raw("</a></li>")
		}
		w.raw("</ol></section>")
	}
	w.raw("\n")
	return nil
}
