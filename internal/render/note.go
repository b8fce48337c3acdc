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
	t := r.templates[tmpl]
	return func(w io.Writer, n markdown.Note) error {
		return t.ExecuteTemplate(w, "note", noteView(n))
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
