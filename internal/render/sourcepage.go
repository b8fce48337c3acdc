package render

import (
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
	b := new(pageBuffer)
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

// sourceTemplates are the templates the compiled source page's content
// stands for.
var sourceTemplates = []string{"source.html", "content", "title", "description", "source-kind", "date", "month-name", "in-conflict", "conflict-kind-word", "conflict-means"}

// writeSourceContent is source.html's "content". The text (p.Body) is
// written before, with the notes and marks of the theme's partials.
func writeSourceContent(w pageWriter, p *Page) error {
	s := p.Source
	w.raw("\n<article class=\"source\">\n<header>\n<p class=\"kind\">Source")
	if s.Kind != "" && s.Kind != "other" {
		w.raw(` · <span class="source-kind-label">`)
		w.raw(sourceKindWords(s.Kind))
		w.raw("</span>")
	}
	w.raw("</p>\n<h1>")
	w.text(s.Title)
	w.raw("</h1>\n<p class=\"meta\">")
	if s.Outlet != "" {
		w.raw("<span>")
		w.text(s.Outlet)
		w.raw("</span>")
	}
	if s.Author != "" {
		w.raw(" <span>by ")
		w.text(s.Author)
		w.raw("</span>")
	}
	if s.Published != "" {
		w.raw(" ")
		writeTime(w, s.Published)
	}
	if s.URL != "" {
		w.raw(` <a href="`)
		w.url(s.URL)
		w.raw(`" rel="noopener">original</a>`)
	}
	if s.Short != "" {
		w.raw(" <span>· cited as <cite>")
		w.text(s.Short)
		w.raw("</cite></span>")
	}
	w.raw("</p>\n")
	if s.Note != "" {
		w.raw(`<p class="editors-note"><span class="editors-note-label">Editors’ note</span> `)
		w.text(s.Note)
		w.raw("</p>")
	}
	w.raw("\n" + `<p class="legend"><mark class="hl legend-hl">Underlined</mark> passages are quoted by claims; the number after each leads to its note, in the margin or after the paragraph, which links to the claim and gives its <a href="`)
	w.url(p.URL("verdicts"))
	w.raw(`">verdict</a>. <mark class="hl conflict legend-hl">Red-underlined</mark> passages are in a conflict: another source or speaker gives a figure or statement that contradicts it, pulls against it or differs from it (see <a href="`)
	w.url(p.URL("conflicts"))
	w.raw(`">the conflicts</a>). Pointing at a passage, or arriving at it from a claim, fills it in. Dotted names link to their people and organisations.</p>
<div class="reader-tools"><button type="button" class="show-all" aria-pressed="false" hidden>Show all annotations</button></div>
</header>
<p class="back-bar" hidden><a class="back-link" href="#"><span aria-hidden="true">←</span> Back to <span class="back-title"></span></a></p>
<div class="prose source-text" data-group-label="%d notes" data-group-label-one="1 note" data-group-more="%d more notes" data-group-more-one="1 more note">`)
	w.raw(string(p.Body))
	w.raw("</div>\n</article>\n" + `<aside aria-labelledby="claims-h">` + "\n" + `<h2 id="claims-h">Claims quoting this source</h2>` + "\n" + `<ol class="passages">`)
	claims := p.SourceClaims()
	for _, c := range claims {
		w.raw(`<li id="claim-`)
		w.text(c.Number)
		w.raw(`"`)
		if c.Conflict {
			w.raw(` class="has-conflict"`)
		}
		w.raw(`><a class="passages-claim" href="`)
		w.link(p, "claims", c.Claim.ID)
		w.raw(`">`)
		w.text(c.Claim.Title)
		w.raw("</a>")
		if c.Conflict {
			writeConflictMark(w, c.Claim)
		}
		w.raw(`<span class="passages-quotes">`)
		for _, ps := range c.Passages {
			w.raw(` <a class="passage-link" href="#`)
			w.urlPart(ps.Quote.Anchor)
			w.raw(`">`)
			if ps.Letter != "" {
				w.raw(`<span class="passage-letter">`)
				w.text(ps.Letter)
				w.raw("</span> ")
			}
			w.text(quoted(ps.Quote.Exact))
			w.raw("</a>")
		}
		w.raw("</span></li>")
	}
	if len(claims) == 0 {
		w.raw("<li>No passage of this source is quoted yet.</li>")
	}
	w.raw("</ol>\n</aside>\n")
	return nil
}

// sourceMeta sets a source page's Title and Description as page-meta.html's
// "title" and "description" give them (see pageWords).
func sourceMeta(p *Page) {
	p.Title = pageWords(p.Title)
	if p.Description != "" {
		// Words that are only spaces leave it as it is, as renderPage does.
		if d := pageWords(p.Description); d != "" {
			p.Description = d
		}
		return
	}
	s := p.Source
	var b strings.Builder
	b.WriteString("Source")
	sep := ": "
	for _, x := range []string{s.Outlet, s.Author, s.Published} {
		if x != "" {
			b.WriteString(sep)
			b.WriteString(x)
			sep = ", "
		}
	}
	b.WriteString(". ")
	b.WriteString(count(len(s.Quotes), "passage", "passages"))
	b.WriteString(" quoted by claims.")
	p.Description = pageWords(b.String())
}
