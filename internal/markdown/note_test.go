package markdown

import (
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"testing"
)

// testNote writes a note as the default theme's note partial does, for
// tests of this package, which has no templates.
func testNote(w io.Writer, n Note) error {
	var b strings.Builder
	esc := html.EscapeString
	class := ""
	if n.Conflict {
		class = " conflict"
	}
	if n.More > 0 {
		label := "+" + strconv.Itoa(n.More)
		text := strconv.Itoa(n.More) + " more claims quote this passage"
		b.WriteString(`<a class="ref` + class + `" href="#` + n.ID + `" aria-label="Note ` + label + `: ` + text + `">` + label + `</a>`)
		b.WriteString(`<span class="note` + class + `" id="` + n.ID + `" role="note" data-q="` + n.Passage.ID + `"><span class="note-n">` + label + `</span> `)
		if n.Href != "" {
			b.WriteString(`<a class="note-claim" href="` + esc(n.Href) + `">` + text + `</a>`)
		} else {
			b.WriteString(text)
		}
		b.WriteString(`</span>`)
		_, err := io.WriteString(w, b.String())
		return err
	}
	p := n.Passage
	label := strings.TrimSpace(p.RefLabel)
	b.WriteString(`<a class="ref` + class + `" href="#` + n.ID + `" aria-label="Note ` + esc(label) + `: ` + esc(p.RefTitle) + `">` + esc(label) + `</a>`)
	b.WriteString(`<span class="note` + class + `" id="` + n.ID + `" role="note" data-q="` + p.ID + `"><span class="note-n">` + esc(label) + `</span> `)
	b.WriteString(`<a class="note-claim" href="` + esc(p.RefHref) + `">` + esc(p.RefTitle) + `</a>`)
	if p.Verdict != "" {
		b.WriteString(` <span class="verdict verdict-` + p.Verdict + `">` + esc(p.Verdict) + `</span>`)
	}
	if n.Conflict {
		b.WriteString(` <span class="conflict-mark">conflict</span>`)
	}
	b.WriteString(`</span>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// TestHighlightRenderers: Highlights.Mark and Highlights.Note write the
// marks and the notes in place of the defaults.
func TestHighlightRenderers(t *testing.T) {
	m := New()
	src := []byte("One *two* three.")
	plain := m.Plain(src).Text
	start, end := strings.Index(plain, "One"), strings.Index(plain, " three")
	out, err := m.RenderString(src, Options{Highlights: &Highlights{
		Passages: []Passage{{Start: start, End: end, ID: "q-c-1", Claim: "c", RefHref: "x", RefLabel: "1"}},
		Mark: func(w io.Writer, mk Mark) error {
			if !mk.Open {
				_, err := io.WriteString(w, "]")
				return err
			}
			_, err := fmt.Fprintf(w, "[%s first=%v noted=%v:", mk.Passage.ID, mk.First, mk.Noted)
			return err
		},
		Note: func(w io.Writer, n Note) error {
			_, err := fmt.Fprintf(w, "(%s)", n.ID)
			return err
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>[q-c-1 first=true noted=true:One ]<em>[q-c-1 first=false noted=false:two](note-q-c-1)</em> three.</p>\n"
	if out != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
}
