// Package dossier builds the model of a dossier from what package content
// read: sources with their plain text, claims with their quotes anchored in
// those sources, figures as intervals, the conflicts between them, and
// entities with their mentions.
//
// This is where files are checked against each other: a quote against its
// source's text, a speaker against the entities, a link against every id.
// The model is immutable once Build returns, so that a preview server may
// keep serving one while the next is built.
package dossier

import (
	"fmt"
	"strings"

	"dossier/internal/content"
)

// Dossier is the whole model.
type Dossier struct {
	Settings  content.Settings
	Intro     *Body // the home page's Markdown, or nil
	Sources   []*Source
	Claims    []*Claim
	Entities  []*Entity
	Figures   []*Figure
	Conflicts []*Conflict

	sources  map[string]*Source
	claims   map[string]*Claim
	entities map[string]*Entity
	figures  map[string]*Figure
}

// Body is a file's Markdown body, with where it starts in the file.
type Body struct {
	File     *content.File
	Markdown []byte
}

// Source is a source document.
type Source struct {
	Slug, Title, Outlet, Author, Published, URL, Note string
	Body                                              Body
	Plain                                             string // the text a reader sees
	Quotes                                            []*Quote
	Mentions                                          []*Mention // in order of position
}

// Claim is a claim with its anchored quotes.
type Claim struct {
	ID, Title, Verdict, Date string
	Speaker                  *Entity // nil when not given
	Tags                     []string
	Contradicts              []*Claim
	Quotes                   []*Quote
	Body                     Body
	Conflicts                []*Conflict
}

// Quote is a passage of a source that makes a claim.
type Quote struct {
	Claim  *Claim
	N      int // 1-based position in the claim's quotes
	Source *Source
	// Text, Prefix and Suffix are as the editor wrote them; Exact is the
	// passage as it stands in the source's plain text.
	Text, Prefix, Suffix string
	Exact                string
	Start, End           int // in code points of Source.Plain
	Figure               *Value
	Conflict             bool // its figure or its claim is in a conflict
}

// Anchor is the id of the quote's passage on its source page.
func (q *Quote) Anchor() string { return "q-" + q.Claim.ID + "-" + itoa(q.N) }

// Value is a figure as one quote gives it.
type Value struct {
	Key, Unit string
	Value     *float64
	Min, Max  *float64
	Approx    bool
	Lo, Hi    float64 // the interval it stands for
	Conflict  bool
	Quote     *Quote
}

// Figure is a quantity with every value given for it.
type Figure struct {
	Key, Unit string
	Values    []*Value // by claim id, then quote number
	Conflicts []*Conflict
}

// Conflict kinds.
const (
	FigureConflict    = "figure"
	StatementConflict = "statement"
)

// Conflict is two claims that cannot both be true: their figures'
// intervals do not overlap, or one says it contradicts the other.
type Conflict struct {
	Kind   string
	Figure *Figure // for a figure conflict
	Claims []*Claim
	Values []*Value // for a figure conflict: the two values that do not overlap
}

// Entity is a person, organisation or place.
type Entity struct {
	Slug, Name, Kind, Description string
	Aliases                       []string
	Body                          Body
	Claims                        []*Claim // as speaker
	Mentions                      []*Mention
}

// Mention is an occurrence of an entity's name in a source.
type Mention struct {
	Entity     *Entity
	Source     *Source
	Start, End int    // in code points of Source.Plain
	Sentence   string // the sentence around it, for context
}

// Source returns the source with a slug, or nil.
func (d *Dossier) Source(slug string) *Source { return d.sources[slug] }

// Claim returns the claim with an id, or nil.
func (d *Dossier) Claim(id string) *Claim { return d.claims[id] }

// Entity returns the entity with a slug, or nil.
func (d *Dossier) Entity(slug string) *Entity { return d.entities[slug] }

// Figure returns the figure with a key, or nil.
func (d *Dossier) Figure(key string) *Figure { return d.figures[key] }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// String describes the conflict in one line, for terminals:
// "figure troops: about 100 troops (claim-a in source-x) vs 60 troops (claim-b in source-y)".
func (c *Conflict) String() string {
	if c.Kind == FigureConflict {
		var parts []string
		for _, v := range c.Values {
			parts = append(parts, fmt.Sprintf("%s %s (%s in %s)", v.Number(), v.Unit, v.Quote.Claim.ID, v.Quote.Source.Slug))
		}
		return fmt.Sprintf("figure %s: %s", c.Figure.Key, strings.Join(parts, " vs "))
	}
	return fmt.Sprintf("statement: %s vs %s", c.Claims[0].ID, c.Claims[1].ID)
}

// Number writes the value as the source gives it: "about 300000", "6-8", "100000".
func (v *Value) Number() string {
	switch {
	case v.Value != nil && v.Approx:
		return fmt.Sprintf("about %g", *v.Value)
	case v.Value != nil:
		return fmt.Sprintf("%g", *v.Value)
	}
	return fmt.Sprintf("%g-%g", *v.Min, *v.Max)
}
