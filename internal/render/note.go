package render

import (
	"io"
	"strings"

	"dossier/internal/markdown"
)

// NoteView is what the "note" partial (partials/note.html) gets: the
// margin note after a passage of a source's text, with its numbered
// reference. Package markdown marks the passages; the partial writes
// their notes, so a theme changes their markup and words.
type NoteView struct {
	// ID is the note's element id: "note-q-x-1"; a note counting
	// passages ends in "-more".
	ID string
	// Passage is the anchor id of the passage noted, "q-x-1" (its mark's
	// id; for a note counting passages, the first of their span's).
	Passage string
	// Number is the claim's place in the dossier, "3": the reference's
	// label.
	Number string
	// Title is the claim's title, Href its page; for a note counting
	// passages, Href is where the page lists them ("#claims-h").
	Title, Href string
	// Verdict is the claim's verdict, or nil.
	Verdict *NoteVerdict
	// Conflict says the passage, or one of those counted, is in a
	// conflict.
	Conflict bool
	// More is, for the note counting the passages of a span quoted by so
	// many claims that their notes are not all shown, their number; 0 on
	// a passage's own note.
	More int
}

// NoteVerdict is a claim's verdict as its note shows it: its name (the
// class), its label, and the link to its definition on the verdicts page.
type NoteVerdict struct {
	Name, Label, Href string
}

// noteWriter writes notes by executing the theme's "note" partial.
func (r *renderer) noteWriter(tmpl string) func(io.Writer, markdown.Note) error {
	t := r.templates[tmpl].Lookup("note")
	if t == nil {
		return nil // a theme without the partial: no notes
	}
	return func(w io.Writer, n markdown.Note) error {
		return t.Execute(w, noteView(n))
	}
}

func noteView(n markdown.Note) NoteView {
	p := n.Passage
	v := NoteView{ID: n.ID, Passage: p.ID, Conflict: n.Conflict, More: n.More}
	if n.More > 0 {
		v.Href = n.Href
		return v
	}
	v.Number, v.Title, v.Href = strings.TrimSpace(p.RefLabel), p.RefTitle, p.RefHref
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
// passages as mark.hl[data-q] and their notes by the id "note-" + data-q.
type MarkView struct {
	Open     bool     // the start of the piece; else its end
	ID       string   // the passage's anchor id, "q-x-1"
	Claim    string   // the id of the claim quoting it
	First    bool     // the passage's first piece: it carries ID
	Noted    bool     // on the first piece: a note follows the passage
	Also     []string // on the first piece: the ids of the passages of the same span
	Conflict bool     // the passage, or one of the same span, is in a conflict
}

// markWriter writes marks by executing the theme's "mark" partial.
func (r *renderer) markWriter(tmpl string) func(io.Writer, markdown.Mark) error {
	t := r.templates[tmpl].Lookup("mark")
	if t == nil {
		return nil // a theme without the partial: package markdown's marks
	}
	return func(w io.Writer, m markdown.Mark) error {
		return t.Execute(w, MarkView{Open: m.Open, ID: m.Passage.ID, Claim: m.Passage.Claim,
			First: m.First, Noted: m.Noted, Also: m.Also, Conflict: m.Conflict})
	}
}
