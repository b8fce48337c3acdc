package render

// The view types: the dossier's things as templates see them. They are
// made for the templates, with stable names and documented fields
// (docs/templates.md), so that the model can change without breaking a
// theme. They are made once per build from the model, linked to each
// other as the model's things are, and never change: pages share them.

import "dossier/internal/model"

// DossierView is the whole dossier: every list sorted as the model keeps
// it (sources by slug, claims by id, figures by key, entities by slug,
// conflicts by id), the verdicts as the scale orders them, best first.
type DossierView struct {
	Sources   []*SourceView
	Claims    []*ClaimView
	Figures   []*FigureView
	Conflicts []*ConflictView
	Entities  []*EntityView
	Verdicts  []*VerdictView
}

// SourceView is a source: an article, report or transcript that claims
// quote.
type SourceView struct {
	Slug, Title, Outlet, Author string
	Published                   string // "2025-08-10", "2025-08" or "2025"; "" when unknown
	URL, Note                   string
	Kind                        string // "news", "wire", …: the partial "source-kind" gives its label
	Short                       string // how it is cited for short, or ""
	Quotes                      []*QuoteView
	m                           *model.Source
}

// Citation is how the source is cited: its short name, or outlet and
// title.
func (s *SourceView) Citation() string { return s.m.Citation() }

// ClaimView is a claim: a proposition, the passages that make it, and the
// editors' verdict.
type ClaimView struct {
	ID, Title string
	Date      string // when it was made, or ""
	Rationale string // why the verdict, or ""
	Reviewed  string // when the verdict was reviewed, or ""
	Tags      []string
	Verdict   *VerdictView // nil without one
	Speaker   *EntityView  // nil when no one is named
	Quotes    []*QuoteView
	Conflicts []*ConflictView
	m         *model.Claim
}

// QuoteView is one of a claim's passages in a source.
type QuoteView struct {
	Exact    string // the passage as the source has it
	Anchor   string // its id on the source's page: "q-claim-1"
	Source   *SourceView
	Claim    *ClaimView
	Figure   *ValueView // the value it gives, or nil
	Conflict bool       // its value or its claim is in a conflict
	m        *model.Quote
}

// FigureView is a quantity the sources give values of.
type FigureView struct {
	Key, Label, Unit string
	Description      string
	Body             BodyView // the editors' note, for $.Markdown
	Values           []*ValueView
	Conflict         *ConflictView // nil when its values agree
	m                *model.Figure
}

// ValueView is a value a quote gives of a figure.
type ValueView struct {
	Key      string // the figure's key
	Words    string // the source's words for it, or ""
	AsOf     string // when it holds, or ""
	Conflict bool   // it disagrees with another value
	Figure   *FigureView
	Quote    *QuoteView
	m        *model.Value
}

// Interval is the interval the value is read as: "270,000–330,000".
func (v *ValueView) Interval() string { return v.m.Interval() }

// Text is the value as the editors recorded it: "about 300,000".
func (v *ValueView) Text() string { return v.m.Text() }

// ConflictView is a disagreement: between claims (Figure nil), or
// between the values of a figure.
type ConflictView struct {
	ID, Title string
	Kind      string // "contradiction", "tension" or "discrepancy": the partials "conflict-kind" and "conflict-means" say it in words
	Figure    *FigureView
	Values    []*ValueView   // a figure's values that disagree
	Claims    []*ClaimView   // every claim in it
	Sides     [][]*ClaimView // a statement conflict's sides
	Body      BodyView       // the explanation
	m         *model.Conflict
}

// EntityView is a person, organisation or place.
type EntityView struct {
	Slug, Name, Kind, Description string
	Aliases                       []string
	Claims                        []*ClaimView // it made
	Mentions                      []*MentionView
	Body                          BodyView
	m                             *model.Entity
}

// MentionView is a place where a source names an entity.
type MentionView struct {
	Source   *SourceView
	Sentence string // the sentence around it
}

// VerdictView is a verdict of the dossier's scale.
type VerdictView struct {
	Name   string // what claims write, and the class: "supported"
	Label  string // what readers see: "Supported"
	Means  string // its definition
	Rating *int   // higher is better; nil for a verdict that takes no side
	m      *model.Verdict
}

// BodyView is a Markdown body other than the page's own, rendered by
// {{$.Markdown .Body}}.
type BodyView struct{ b model.Body }

// views holds the view of each of the model's things.
type views struct {
	dossier   *DossierView
	sources   map[*model.Source]*SourceView
	claims    map[*model.Claim]*ClaimView
	quotes    map[*model.Quote]*QuoteView
	figures   map[*model.Figure]*FigureView
	values    map[*model.Value]*ValueView
	conflicts map[*model.Conflict]*ConflictView
	entities  map[*model.Entity]*EntityView
	verdicts  map[*model.Verdict]*VerdictView
}

func newViews(d *model.Dossier) *views {
	v := &views{
		sources:   make(map[*model.Source]*SourceView, len(d.Sources)),
		claims:    make(map[*model.Claim]*ClaimView, len(d.Claims)),
		quotes:    map[*model.Quote]*QuoteView{},
		figures:   make(map[*model.Figure]*FigureView, len(d.Figures)),
		values:    map[*model.Value]*ValueView{},
		conflicts: make(map[*model.Conflict]*ConflictView, len(d.Conflicts)),
		entities:  make(map[*model.Entity]*EntityView, len(d.Entities)),
		verdicts:  map[*model.Verdict]*VerdictView{},
	}
	dv := &DossierView{}
	// First every view, then the links between them.
	for _, x := range d.Verdicts {
		vv := &VerdictView{Name: x.Name, Label: x.Label, Means: x.Means, Rating: x.Rating, m: x}
		v.verdicts[x] = vv
		dv.Verdicts = append(dv.Verdicts, vv)
	}
	for _, s := range d.Sources {
		sv := &SourceView{Slug: s.Slug, Title: s.Title, Outlet: s.Outlet, Author: s.Author, Published: s.Published,
			URL: s.URL, Note: s.Note, Kind: string(s.Kind), Short: s.Short, m: s}
		v.sources[s] = sv
		dv.Sources = append(dv.Sources, sv)
	}
	for _, c := range d.Claims {
		cv := &ClaimView{ID: c.ID, Title: c.Title, Date: c.Date, Rationale: c.Rationale, Reviewed: c.Reviewed, Tags: c.Tags, m: c}
		v.claims[c] = cv
		dv.Claims = append(dv.Claims, cv)
		for _, q := range c.Quotes {
			v.quotes[q] = &QuoteView{Exact: q.Exact, Anchor: q.Anchor(), Conflict: q.Conflict, m: q}
		}
	}
	for _, g := range d.Figures {
		fv := &FigureView{Key: g.Key, Label: g.Label, Unit: g.Unit, Description: g.Description, Body: BodyView{g.Body}, m: g}
		v.figures[g] = fv
		dv.Figures = append(dv.Figures, fv)
		for _, x := range g.Values {
			v.values[x] = &ValueView{Key: x.Key, Words: x.Words, AsOf: x.AsOf, Conflict: x.Conflict, m: x}
		}
	}
	for _, cf := range d.Conflicts {
		cv := &ConflictView{ID: cf.ID, Title: cf.Title, Kind: string(cf.Kind), Body: BodyView{cf.Body}, m: cf}
		v.conflicts[cf] = cv
		dv.Conflicts = append(dv.Conflicts, cv)
	}
	for _, e := range d.Entities {
		ev := &EntityView{Slug: e.Slug, Name: e.Name, Kind: string(e.Kind), Description: e.Description, Aliases: e.Aliases, Body: BodyView{e.Body}, m: e}
		v.entities[e] = ev
		dv.Entities = append(dv.Entities, ev)
	}
	// The links.
	for s, sv := range v.sources {
		sv.Quotes = mapAll(s.Quotes, v.quote)
	}
	for c, cv := range v.claims {
		cv.Verdict = v.verdict(c.Verdict)
		cv.Speaker = v.entity(c.Speaker)
		cv.Quotes = mapAll(c.Quotes, v.quote)
		cv.Conflicts = mapAll(c.Conflicts, v.conflict)
	}
	for q, qv := range v.quotes {
		qv.Source, qv.Claim, qv.Figure = v.source(q.Source), v.claim(q.Claim), v.value(q.Figure)
	}
	for g, fv := range v.figures {
		fv.Values = mapAll(g.Values, v.value)
		fv.Conflict = v.conflict(g.Conflict)
	}
	for x, xv := range v.values {
		xv.Figure, xv.Quote = v.figure(x.Figure), v.quote(x.Quote)
	}
	for cf, cv := range v.conflicts {
		cv.Figure = v.figure(cf.Figure)
		for _, dis := range cf.Values {
			cv.Values = append(cv.Values, v.value(dis.Value))
		}
		cv.Claims = mapAll(cf.Claims, v.claim)
		for _, side := range cf.Sides {
			cv.Sides = append(cv.Sides, mapAll(side, v.claim))
		}
	}
	for e, ev := range v.entities {
		ev.Claims = mapAll(e.Claims, v.claim)
		for _, mt := range e.Mentions {
			ev.Mentions = append(ev.Mentions, &MentionView{Source: v.source(mt.Source), Sentence: mt.Sentence})
		}
	}
	v.dossier = dv
	return v
}

func mapAll[M, V any](ms []M, f func(M) V) []V {
	if ms == nil {
		return nil
	}
	out := make([]V, len(ms))
	for i, m := range ms {
		out[i] = f(m)
	}
	return out
}

// The view of a thing of the model; nil for nil. A thing the dossier's
// lists do not hold (a verdict outside the scale) gets a view of its own.
func (v *views) source(s *model.Source) *SourceView {
	if s == nil {
		return nil
	}
	return v.sources[s]
}

func (v *views) claim(c *model.Claim) *ClaimView {
	if c == nil {
		return nil
	}
	return v.claims[c]
}

func (v *views) quote(q *model.Quote) *QuoteView {
	if q == nil {
		return nil
	}
	return v.quotes[q]
}

func (v *views) figure(g *model.Figure) *FigureView {
	if g == nil {
		return nil
	}
	return v.figures[g]
}

func (v *views) value(x *model.Value) *ValueView {
	if x == nil {
		return nil
	}
	return v.values[x]
}

func (v *views) conflict(cf *model.Conflict) *ConflictView {
	if cf == nil {
		return nil
	}
	return v.conflicts[cf]
}

func (v *views) entity(e *model.Entity) *EntityView {
	if e == nil {
		return nil
	}
	return v.entities[e]
}

func (v *views) verdict(x *model.Verdict) *VerdictView {
	if x == nil {
		return nil
	}
	if vv, ok := v.verdicts[x]; ok {
		return vv
	}
	return &VerdictView{Name: x.Name, Label: x.Label, Means: x.Means, Rating: x.Rating, m: x}
}
