package render

// The reader pages' data: the sentence around a quoted passage, and the
// claims related to a claim (found by package related; figures: values.go
// and chart*.go; conflicts: conflicts.go). Everything here returns plain
// strings and numbers; the templates escape them.

import (
	"dossier/internal/related"
	"dossier/internal/sentence"
)

// ---------------------------------------------------------------------
// The sentence around a quoted passage.

// QuoteContext is a passage with the text around it in its source: from
// the start of the sentence it begins in to the end of the sentence it
// ends in (see package sentence).
type QuoteContext = sentence.Context

// contextLimit caps the text shown on either side of a passage, in code
// points, for sources without sentence ends.
const contextLimit = 280

// QuoteContext returns the sentence around a quote's passage, or nil when
// the passage is the whole sentence and the context would add nothing.
func (p *Page) QuoteContext(qv *QuoteView) *QuoteContext {
	if qv == nil || qv.m.Source == nil {
		return nil
	}
	q := qv.m
	return quoteContext(q.Source.Plain, q.Start, q.End)
}

func quoteContext(plain string, start, end int) *QuoteContext {
	c, ok := sentence.AroundString(plain, start, end, contextLimit)
	if !ok || !c.Adds() {
		return nil
	}
	return &c
}

// ---------------------------------------------------------------------
// Related claims.

// ---------------------------------------------------------------------
// Related claims.

// Related is a claim related to the page's claim, with what they share:
// the "related-reasons" partial says it in words.
type Related struct {
	Claim   *ClaimView
	Href    string
	Reasons []related.Reason
}

// RelatedClaims returns the claims that share most with the page's
// claim (see package related): at most related.Max, by the number of
// things shared, then by id; claims it contradicts are left out.
func (p *Page) RelatedClaims() []Related {
	if p.claim == nil || p.d == nil {
		return nil
	}
	ms := p.r.related().Of(p.claim)
	out := make([]Related, len(ms))
	for i, m := range ms {
		out[i] = Related{Claim: p.r.v.claim(m.Claim), Href: p.URL("claims", m.Claim.ID), Reasons: m.Reasons}
	}
	return out
}
