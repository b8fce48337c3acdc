package render

import (
	"bytes"
	"io"
	"strings"

	"dossier/internal/markdown"
)

// The default theme's notes, references and marks in a source's text,
// compiled (see claimpage.go): a source's page executes the partials once
// per note, reference and piece of a passage, hundreds of times a page,
// and html/template spends most of that time reflecting on their views.
// They are used only when the source page's "note", "ref" and "mark" are
// the default theme's (noteTemplates); the equivalence test renders every
// source page both ways.

// noteTemplates are the partials the compiled notes, references and marks
// stand for.
var noteTemplates = []string{"note", "ref", "mark"}

// compiledWriter adapts a compiled partial to package markdown's writers:
// it writes into a buffer of its own, escaping as html/template does, and
// copies the bytes to w. One page's writers are used by one goroutine.
func compiledWriter[T any](write func(pageWriter, T)) func(io.Writer, T) error {
	b := new(bytes.Buffer)
	return func(w io.Writer, v T) error {
		b.Reset()
		write(pageWriter{b}, v)
		_, err := w.Write(b.Bytes())
		return err
	}
}

// writeRef is the "ref" partial, for the RefView of f.
func writeRef(w pageWriter, f markdown.Ref) {
	label := strings.TrimSpace(f.Passage.RefLabel)
	w.raw(`<a class="ref`)
	if f.Conflict {
		w.raw(" conflict")
	}
	w.raw(`" href="#`)
	w.urlPart(f.Note)
	w.raw(`" tabindex="-1" data-note="`)
	w.text(f.Note)
	w.raw(`"`)
	if f.First {
		w.raw(` data-first=""`)
	}
	w.raw(` aria-label="`)
	if f.More != 0 {
		w.raw("Note +")
		w.int(f.More)
		w.raw(", more claims")
	} else {
		w.raw("Note ")
		w.text(label)
	}
	w.raw(`">`)
	if f.More != 0 {
		w.raw("+")
		w.int(f.More)
	} else {
		w.text(label)
	}
	w.raw("</a>")
}

// writeNote is the "note" partial, for the NoteView of n.
func writeNote(w pageWriter, n markdown.Note) {
	w.raw(`<span class="sidenote`)
	if n.Conflict {
		w.raw(" conflict")
	}
	w.raw(`" id="`)
	w.text(n.ID)
	w.raw(`" role="note" data-q="`)
	for i, q := range n.Passages {
		if i > 0 {
			w.raw(" ")
		}
		w.text(q.ID)
	}
	w.raw(`">`)
	p := n.Passage
	if n.More != 0 {
		w.raw(`<span class="sidenote-n">+`)
		w.int(n.More)
		w.raw("</span> ")
		if n.Href != "" {
			w.raw(`<a class="note-claim" href="`)
			w.url(n.Href)
			w.raw(`">`)
			w.int(n.More)
			w.raw(" more claims quote this passage</a>")
		} else {
			w.int(n.More)
			w.raw(" more claims quote this passage")
		}
	} else {
		number := p.Number
		if number == "" {
			number = strings.TrimSpace(p.RefLabel)
		}
		w.raw(`<span class="sidenote-n">`)
		w.text(number)
		w.raw(`</span> <a class="note-claim" href="`)
		w.url(p.RefHref)
		w.raw(`">`)
		w.text(p.RefTitle)
		w.raw("</a>")
		if p.Verdict != "" {
			label := p.VerdictLabel
			if label == "" {
				label = p.Verdict
			}
			if p.VerdictHref != "" {
				w.raw(` <a class="verdict verdict-`)
				w.text(p.Verdict)
				w.raw(`" href="`)
				w.url(p.VerdictHref)
				w.raw(`" tabindex="-1">`)
				w.text(label)
				w.raw("</a>")
			} else {
				w.raw(` <span class="verdict verdict-`)
				w.text(p.Verdict)
				w.raw(`">`)
				w.text(label)
				w.raw("</span>")
			}
		}
	}
	if n.Conflict {
		w.raw(` <span class="conflict-mark">conflict</span>`)
	}
	w.raw("</span>")
}

// writeMark is the "mark" partial, for the MarkView of m.
func writeMark(w pageWriter, m markdown.Mark) {
	if !m.Open {
		w.raw("</mark>")
		return
	}
	w.raw("<mark")
	if m.First {
		w.raw(` id="`)
		w.text(m.Passage.ID)
		w.raw(`"`)
	}
	w.raw(` class="hl`)
	if m.Conflict {
		w.raw(" conflict")
	}
	w.raw(`" data-claim="`)
	w.text(m.Passage.Claim)
	w.raw(`" data-q="`)
	w.text(m.Passage.ID)
	w.raw(`">`)
	for _, id := range m.Also {
		w.raw(`<span id="`)
		w.text(id)
		w.raw(`" class="hl-also"></span>`)
	}
}
