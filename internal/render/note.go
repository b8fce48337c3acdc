package render

import (
	"io"
	"slices"
	"strings"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// NoteView is what the "note" partial (partials/note.html) gets: the note
// of one claim on its passages in one block of a source's text (a
// paragraph, a list item, a table cell, a heading). Package markdown marks
// the passages and gathers a block's notes at its end; the partials write
// them and the references after the passages, so a theme changes their
// markup and words.
type NoteView struct {
	// ID is the note's element id: "note-q-x-1" (its first passage's);
	// a note counting passages ends in "-more".
	ID string
	// Passage is the anchor id of its first passage, "q-x-1"; Passages
	// those of all it notes, space-separated, for a data-q attribute (for
	// a note counting passages, those counted).
	Passage, Passages string
	// Number is the claim's number on the page, "4": claims are numbered
	// in the order their first passage comes in the text, and the list of
	// the page's claims ($p.SourceClaims) has the same numbers.
	Number string
	// Title is the claim's title, Href its page; for a note counting
	// passages, Href is where the page lists them ("#claims-h").
	Title, Href string
	// Verdict is the claim's verdict, or nil for none or a neutral one
	// (a verdict without a rating, such as unverified).
	Verdict *NoteVerdict
	// Conflict says one of its passages, or of those counted, is in a
	// conflict.
	Conflict bool
	// More is, for the note counting the passages of a span quoted by so
	// many claims that their notes are not all shown, their number; 0 on
	// a claim's own note.
	More int
}

// RefView is what the "ref" partial (partials/note.html) gets: the
// numbered reference after a passage, leading to its note.
type RefView struct {
	// Note is the id of the note it leads to, Passage its passage's.
	Note, Passage string
	// Label is the reference's label: the claim's number, with a letter
	// when the claim quotes several passages of the source ("4b"); Number
	// the claim's number alone.
	Label, Number string
	// First is set on the first reference to its note (of a claim's
	// several passages in one block): the note's one stop for the
	// keyboard where notes are hidden until asked for.
	First    bool
	Conflict bool
	// More is, on the reference to a note counting passages, their number.
	More int
}

// NoteVerdict is a claim's verdict as its note shows it: its name (the
// class), its label, and the link to its definition on the verdicts page.
type NoteVerdict struct {
	Name, Label, Href string
}

// noteWriter writes notes by executing the theme's "note" partial.
func (r *renderer) noteWriter(tmpl string) func(io.Writer, markdown.Note) error {
	if r.compiledNotes {
		return compiledWriter(writeNote)
	}
	t := r.templates[tmpl].Lookup("note")
	if t == nil {
		return nil // a theme without the partial: no notes
	}
	return func(w io.Writer, n markdown.Note) error {
		return t.Execute(w, noteView(n))
	}
}

// refWriter writes references by executing the theme's "ref" partial.
func (r *renderer) refWriter(tmpl string) func(io.Writer, markdown.Ref) error {
	if r.compiledNotes {
		return compiledWriter(writeRef)
	}
	t := r.templates[tmpl].Lookup("ref")
	if t == nil {
		return nil // a theme without the partial: notes without references
	}
	return func(w io.Writer, f markdown.Ref) error {
		p := f.Passage
		v := RefView{Note: f.Note, Passage: p.ID, Label: strings.TrimSpace(p.RefLabel), Number: p.Number,
			First: f.First, Conflict: f.Conflict, More: f.More}
		if v.Number == "" {
			v.Number = v.Label
		}
		return t.Execute(w, v)
	}
}

func noteView(n markdown.Note) NoteView {
	p := n.Passage
	ids := make([]string, len(n.Passages))
	for i, q := range n.Passages {
		ids[i] = q.ID
	}
	v := NoteView{ID: n.ID, Passage: p.ID, Passages: strings.Join(ids, " "), Conflict: n.Conflict, More: n.More}
	if n.More > 0 {
		v.Href = n.Href
		return v
	}
	v.Number, v.Title, v.Href = p.Number, p.RefTitle, p.RefHref
	if v.Number == "" {
		v.Number = strings.TrimSpace(p.RefLabel)
	}
	if p.Verdict != "" {
		v.Verdict = &NoteVerdict{Name: p.Verdict, Label: p.VerdictLabel, Href: p.VerdictHref}
		if v.Verdict.Label == "" {
			v.Verdict.Label = p.Verdict
		}
	}
	return v
}

// MarkView is what the "mark" partial (partials/mark.html) gets: the
// start (Open) or the end of a piece of a passage marked in a source's
// text. A passage is split into pieces where formatting or another
// passage crosses it; its first piece carries its id. The script finds
// passages as mark.hl[data-q] and their notes by the ids in the notes'
// data-q.
type MarkView struct {
	Open     bool     // the start of the piece; else its end
	ID       string   // the passage's anchor id, "q-x-1"
	Claim    string   // the id of the claim quoting it
	First    bool     // the passage's first piece: it carries ID
	Noted    bool     // on the first piece: a reference to its note follows the passage
	Also     []string // on the first piece: the ids of the passages of the same span
	Conflict bool     // the passage, or one of the same span, is in a conflict
}

// markWriter writes marks by executing the theme's "mark" partial.
func (r *renderer) markWriter(tmpl string) func(io.Writer, markdown.Mark) error {
	if r.compiledNotes {
		return compiledWriter(writeMark)
	}
	t := r.templates[tmpl].Lookup("mark")
	if t == nil {
		return nil // a theme without the partial: package markdown's marks
	}
	return func(w io.Writer, m markdown.Mark) error {
		return t.Execute(w, MarkView{Open: m.Open, ID: m.Passage.ID, Claim: m.Passage.Claim,
			First: m.First, Noted: m.Noted, Also: m.Also, Conflict: m.Conflict})
	}
}

// highlights are the passages and mentions to mark in a source's text,
// with their notes' numbers and words, and the partials that write them.
func (r *renderer) highlights(p *Page) *markdown.Highlights {
	s := p.source
	// A passage that many claims quote shows a few notes and counts the
	// others, which the page's list of claims (source.html) holds.
	h := &markdown.Highlights{MoreHref: "#claims-h", Ref: r.refWriter(p.Kind)}
	nums := p.numbers()
	for _, q := range s.Quotes {
		n := nums.of[q]
		ps := markdown.Passage{
			Start: q.Start, End: q.End, ID: q.Anchor(), Claim: q.Claim.ID, Conflict: q.Conflict,
			RefHref: p.URL("claims", q.Claim.ID), Number: n.number, RefLabel: n.number + n.letter, RefTitle: q.Claim.Title,
		}
		// A neutral verdict (one without a rating, such as unverified)
		// says nothing a reader needs beside the text: no badge.
		if v := q.Claim.Verdict; v != nil && v.Rating != nil {
			ps.Verdict, ps.VerdictLabel, ps.VerdictHref = v.Name, v.Label, p.Nav.Verdicts+"#"+v.Name
		}
		h.Passages = append(h.Passages, ps)
	}
	for _, m := range s.Mentions {
		h.Mentions = append(h.Mentions, markdown.Mention{Start: m.Start, End: m.End, Entity: m.Entity.Slug, Href: p.URL("entities", m.Entity.Slug)})
	}
	return h
}

// quoteNumber is a passage's label on its source's page: its claim's
// number, and a letter when the claim quotes several passages there.
type quoteNumber struct {
	number, letter string
}

// quoteNumbers numbers the claims quoting a source in the order their
// first passage comes in its text, and letters each claim's passages, when
// it quotes more than one, in the order of their references (which follow
// the passages' ends): so a claim's number depends on this source alone,
// not on the claims elsewhere in the dossier.
type quoteNumbers struct {
	of     map[*model.Quote]quoteNumber
	claims [][]*model.Quote // each claim's passages in the order of their letters, the claims by number
}

// numberQuotes orders the passages as package markdown does (by start,
// the longest first, then by anchor), which is the order their marks
// open in the text.
func numberQuotes(s *model.Source) quoteNumbers {
	qs := slices.Clone(s.Quotes)
	slices.SortStableFunc(qs, func(a, b *model.Quote) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return b.End - a.End
		}
		return strings.Compare(a.Anchor(), b.Anchor())
	})
	n := quoteNumbers{of: make(map[*model.Quote]quoteNumber, len(qs))}
	index := map[*model.Claim]int{}
	for _, q := range qs {
		i, ok := index[q.Claim]
		if !ok {
			i = len(n.claims)
			index[q.Claim] = i
			n.claims = append(n.claims, nil)
		}
		n.claims[i] = append(n.claims[i], q)
	}
	for i, ps := range n.claims {
		// Letters in the order the references come: each follows its
		// passage's end.
		slices.SortStableFunc(ps, func(a, b *model.Quote) int {
			if a.End != b.End {
				return a.End - b.End
			}
			return b.Start - a.Start
		})
		for j, q := range ps {
			num := quoteNumber{number: itoa(i + 1)}
			if len(ps) > 1 {
				num.letter = letters(j)
			}
			n.of[q] = num
		}
	}
	return n
}

// numbers is the page's source's quoteNumbers, counted once for the
// references in its text and the list at its foot.
func (p *Page) numbers() quoteNumbers {
	if p.quoteNumbers == nil {
		n := numberQuotes(p.source)
		p.quoteNumbers = &n
	}
	return *p.quoteNumbers
}

// letters is the j-th (0-based) in a, b, …, z, aa, ab, …
func letters(j int) string {
	s := ""
	for j++; j > 0; j = (j - 1) / 26 {
		s = string(rune('a'+(j-1)%26)) + s
	}
	return s
}

// SourceClaim is one of the claims quoting a source, as its page lists
// them ($p.SourceClaims): numbered as their notes in the text are.
type SourceClaim struct {
	Number   string // "4"
	Claim    *ClaimView
	Passages []SourcePassage // in the text's order
	Conflict bool            // one of its passages here is in a conflict
}

// SourcePassage is a claim's passage in the source, with its letter ("b",
// or "" when the claim quotes only one passage here) and its label ("4b").
type SourcePassage struct {
	Letter, Label string
	Quote         *QuoteView
}

// SourceClaims returns, on a source's page, the claims quoting it, in the
// order of their numbers, which are those of their notes in the text.
func (p *Page) SourceClaims() []SourceClaim {
	if p.source == nil {
		return nil
	}
	nums := p.numbers()
	out := make([]SourceClaim, len(nums.claims))
	for i, qs := range nums.claims {
		c := SourceClaim{Number: itoa(i + 1), Claim: p.r.v.claim(qs[0].Claim)}
		for _, q := range qs {
			n := nums.of[q]
			c.Passages = append(c.Passages, SourcePassage{Letter: n.letter, Label: n.number + n.letter, Quote: p.r.v.quote(q)})
			c.Conflict = c.Conflict || q.Conflict
		}
		out[i] = c
	}
	return out
}
