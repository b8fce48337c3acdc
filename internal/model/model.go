// Package model builds the model of a dossier from what package content
// read: sources with their plain text, claims with their quotes anchored in
// those sources and their verdicts on the dossier's rating scale, figures
// with their values as intervals over periods, the conflicts between them,
// and entities with their mentions.
//
// This is where files are checked against each other: a quote against its
// source's text, a verdict against the scale, a figure's value against its
// figure's file, a conflict's sides against the claims, a speaker against
// the entities, a link against every id. The model is immutable once Build
// returns, so that a preview server may keep serving one while the next is
// built.
package model

import (
	"strconv"

	"dossier/internal/content"
	"dossier/internal/kind"
	"dossier/internal/markdown"
)

// Dossier is the whole model.
type Dossier struct {
	Settings content.Settings
	// Verdicts is the rating scale, in the order dossier.yaml gives it (the
	// default scale when it gives none).
	Verdicts Scale
	Intro    *Body // the home page's Markdown, or nil
	Sources  []*Source
	Claims   []*Claim
	Entities []*Entity
	Figures  []*Figure // by key: every figure file, with or without values
	// Conflicts are the figures' conflicts, by figure key, then the
	// statement conflicts, by id.
	Conflicts []*Conflict

	sources   map[string]*Source
	claims    map[string]*Claim
	entities  map[string]*Entity
	figures   map[string]*Figure
	conflicts map[string]*Conflict
}

// Body is a file's Markdown body, with where it starts in the file. A
// conflict computed without a file has an empty Body (File nil).
type Body struct {
	File *content.File
	// Markdown is File.Body as bytes, sharing its memory: it is read
	// only, never written to (the Markdown parser only reads its source).
	Markdown []byte
}

// Source is a source document.
type Source struct {
	Slug, Title, Outlet, Author, Published, URL, Note string
	Kind                                              SourceKind // "" when not given
	Short                                             string     // the short citation name, when given
	Body                                              Body
	Plain                                             string // the text a reader sees
	Quotes                                            []*Quote
	Mentions                                          []*Mention // in order of position

	plain *markdown.PlainText // Plain, with its map back to the Markdown
}

// Line returns the line of the source's file where plain-text position
// pos (in code points of Plain) stands; 0 for a source with no file.
func (s *Source) Line(pos int) int {
	f := s.Body.File
	if f == nil || s.plain == nil {
		return 0
	}
	line, _ := f.Position(f.BodyOffset + s.plain.SourceOffset(pos))
	return line
}

// Citation is the source's name in a short citation: Short when given,
// else the outlet, else the title.
func (s *Source) Citation() string {
	switch {
	case s.Short != "":
		return s.Short
	case s.Outlet != "":
		return s.Outlet
	}
	return s.Title
}

// Claim is a claim with its anchored quotes. Its Title states the
// proposition that the verdict rates; Speaker is who asserts it.
type Claim struct {
	ID, Title, Date string
	Verdict         *Verdict // nil when the claim has none
	Rationale       string   // why the evidence supports the verdict
	Reviewed        string   // YYYY-MM-DD: when the editors reviewed it, or ""
	Speaker         *Entity  // nil when not given
	Tags            []string
	Quotes          []*Quote
	Body            Body
	Conflicts       []*Conflict // every conflict the claim is in, in the dossier's order
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
	// Conflict is true when the quote's value is in its figure's conflict,
	// or its claim is on a side of a statement conflict.
	Conflict bool
}

// Anchor is the id of the quote's passage on its source page.
func (q *Quote) Anchor() string { return "q-" + q.Claim.ID + "-" + strconv.Itoa(q.N) }

// Figure is a quantity, described by its file figures/<key>.md, with every
// value the quotes give for it.
type Figure struct {
	Key         string
	Label       string // what readers see: "U.S. overdose deaths per year"
	Unit        string
	Description string
	Body        Body     // the editors' note on the quantity
	Values      []*Value // by claim id, then quote number; none when no quote uses it
	Conflict    *Conflict
}

// Value is a figure as one quote gives it: the numbers as written, and
// the interval and period they stand for.
type Value struct {
	Figure *Figure
	Key    string
	Unit   string // the figure's unit
	// As the quote gives them: Value (exact, or approximate with Approx);
	// Min and Max (a range); Min alone (at least); Max alone (at most).
	Value, Min, Max *float64
	Approx          bool
	Words           string // the source's own words for it ("roughly 300,000"), or ""
	AsOf            string // when it holds: YYYY, YYYY-MM, YYYY-MM-DD, or ""
	Period          Period // AsOf as days; the zero Period (no AsOf) overlaps every period
	// Lo and Hi are the interval it stands for; a missing bound is -Inf or
	// +Inf (see OpenLo, OpenHi and the formatting methods).
	Lo, Hi float64
	// Conflict is true when it disagrees with another value of its
	// figure; Disagreement then says with how many, and where they lie.
	Conflict     bool
	Disagreement *Disagreement
	Quote        *Quote
}

// Disagreement is one value of a figure's conflict, with the values it
// disagrees with summarised rather than listed, so that a figure with
// thousands of values still has a summary of constant size per value.
// "Above" values lie wholly above its interval, "below" wholly below.
type Disagreement struct {
	Value        *Value
	With         int    // how many values it disagrees with: Above + Below
	Above, Below int    // how many of them lie above it, and below it
	LowestAbove  *Value // of those above, the one with the lowest Lo; nil when none
	HighestBelow *Value // of those below, the one with the highest Hi; nil when none
}

// Conflict is a disagreement: between claims, as a conflict file's sides
// say (a statement conflict, Figure nil), or between the values of one
// figure, computed (a figure conflict, one per figure at most, titled and
// explained by a conflict file when there is one).
type Conflict struct {
	// ID is the conflict file's id, or "figure-<key>" for a figure's
	// conflict that no file explains.
	ID    string
	Title string // the editors' title, or one the tool made (Auto)
	Auto  bool   // the title was made by the tool: no file explains the conflict
	Kind  ConflictKind
	// Figure is the figure whose values disagree; nil for a statement
	// conflict.
	Figure *Figure
	// Sides are, for a statement conflict, the claims of each side as the
	// file lists them; for a figure conflict, the claims of each group of
	// Groups (a claim whose own values fall in two groups is on both).
	Sides [][]*Claim
	// Claims are all the claims involved, each once: for a figure conflict
	// in the dossier's order, for a statement conflict side after side.
	Claims []*Claim
	Body   Body // the explanation; empty when there is no file or it says nothing
	// For a figure conflict: every value that disagrees with another, in
	// the figure's order, each with its summary.
	Values []*Disagreement
	// For a figure conflict: the values of Values grouped into sides,
	// lowest first, each group a connected run of overlapping intervals
	// (one value overlaps the next). Nil when the values come from periods
	// that do not all overlap one another (a series over time in which
	// several moments disagree): then only the summaries say who disagrees
	// with whom.
	Groups [][]*Value
}

// Entity is a person, organisation or place.
type Entity struct {
	Slug, Name, Description string
	Kind                    kind.EntityKind // "" when the one its file gives is not a kind
	Aliases                 []string
	Body                    Body
	Claims                  []*Claim // as speaker
	Mentions                []*Mention
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

// Conflict returns the conflict with an id, or nil.
func (d *Dossier) Conflict(id string) *Conflict { return d.conflicts[id] }
