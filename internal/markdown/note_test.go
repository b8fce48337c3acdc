package markdown

import (
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"testing"
)

// testRef and testNote write a reference and a note as the default
// theme's partials do, for tests of this package, which has no templates.
func testRef(w io.Writer, r Ref) error {
	class, label := "", strings.TrimSpace(r.Passage.RefLabel)
	if r.Conflict {
		class = " conflict"
	}
	if r.More > 0 {
		label = "+" + strconv.Itoa(r.More)
	}
	first := ""
	if r.First {
		first = ` data-first=""`
	}
	_, err := io.WriteString(w, `<a class="ref`+class+`" href="#`+r.Note+`" tabindex="-1"`+first+` aria-label="Note `+html.EscapeString(label)+`">`+html.EscapeString(label)+`</a>`)
	return err
}

func testNote(w io.Writer, n Note) error {
	var b strings.Builder
	esc := html.EscapeString
	class := ""
	if n.Conflict {
		class = " conflict"
	}
	var ids []string
	for _, p := range n.Passages {
		ids = append(ids, p.ID)
	}
	b.WriteString(`<span class="sidenote` + class + `" id="` + n.ID + `" role="note" data-q="` + strings.Join(ids, " ") + `">`)
	if n.More > 0 {
		label := "+" + strconv.Itoa(n.More)
		text := strconv.Itoa(n.More) + " more claims quote this passage"
		b.WriteString(`<span class="sidenote-n">` + label + `</span> `)
		if n.Href != "" {
			b.WriteString(`<a class="note-claim" href="` + esc(n.Href) + `">` + text + `</a>`)
		} else {
			b.WriteString(text)
		}
	} else {
		p := n.Passage
		label := p.Number
		if label == "" {
			label = strings.TrimSpace(p.RefLabel)
		}
		b.WriteString(`<span class="sidenote-n">` + esc(label) + `</span> `)
		b.WriteString(`<a class="note-claim" href="` + esc(p.RefHref) + `">` + esc(p.RefTitle) + `</a>`)
		if p.Verdict != "" {
			b.WriteString(` <span class="verdict verdict-` + p.Verdict + `">` + esc(p.Verdict) + `</span>`)
		}
	}
	if n.Conflict {
		b.WriteString(` <span class="conflict-mark">conflict</span>`)
	}
	b.WriteString(`</span>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// TestHighlightRenderers: Highlights.Mark, Ref and Note write the marks,
// the references and the notes in place of the defaults; the reference
// follows the passage, the note ends its paragraph.
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
		Ref: func(w io.Writer, r Ref) error {
			_, err := fmt.Fprintf(w, "^%s first=%v^", r.Note, r.First)
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
	want := `<p>[q-c-1 first=true noted=true:One ]<em>[q-c-1 first=false noted=false:two]^note-q-c-1 first=true^</em> three.<span class="sidenotes">(note-q-c-1)</span></p>` + "\n"
	if out != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
}

// TestNotesPerBlock: a claim's passages in one block share one note, at
// the block's end, each with its own reference after it; in another
// block the claim has another note. A heading's notes follow it; a list
// item's and a table cell's end them.
func TestNotesPerBlock(t *testing.T) {
	m := New()
	src := []byte("# Alpha heading\n\nBeta one, gamma two, delta three.\n\nEpsilon four.\n\n- zeta item\n- eta item\n\n| h |\n|---|\n| theta cell |\n")
	plain := m.Plain(src).Text
	n := 0
	quote := func(claim, text string) Passage {
		n++
		at := strings.Index(plain, text)
		if at < 0 {
			t.Fatalf("no %q in %q", text, plain)
		}
		at = len([]rune(plain[:at]))
		return Passage{Start: at, End: at + len([]rune(text)), ID: fmt.Sprintf("q-%s-%d", claim, n), Claim: claim,
			RefHref: "../" + claim + "/", RefLabel: claim, Number: claim, RefTitle: "T " + claim}
	}
	ps := []Passage{
		quote("a", "Alpha"),
		quote("b", "Beta one"), quote("c", "gamma two"), quote("b", "delta three"),
		quote("b", "Epsilon"),
		quote("d", "zeta"), quote("d", "theta"),
	}
	out, err := m.RenderString(src, Options{Highlights: &Highlights{Passages: ps, Note: testNote, Ref: testRef}})
	if err != nil {
		t.Fatal(err)
	}
	if err := wellNested(out); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		// The heading's note after it, not in it.
		`Alpha</mark><a class="ref" href="#note-q-a-1" tabindex="-1" data-first="" aria-label="Note a">a</a> heading</h1>` + "\n" +
			`<div class="sidenotes"><span class="sidenote" id="note-q-a-1" role="note" data-q="q-a-1">`,
		// b's two passages in the paragraph: one note, two references, the
		// second no stop; c's note after b's, in the order they start.
		`<a class="ref" href="#note-q-b-2" tabindex="-1" data-first="" aria-label="Note b">b</a>, `,
		`delta three</mark><a class="ref" href="#note-q-b-2" tabindex="-1" aria-label="Note b">b</a>.<span class="sidenotes">` +
			`<span class="sidenote" id="note-q-b-2" role="note" data-q="q-b-2 q-b-4">`,
		`</span><span class="sidenote" id="note-q-c-3" role="note" data-q="q-c-3">`,
		// In the next paragraph, b has a note of its own.
		`four.<span class="sidenotes"><span class="sidenote" id="note-q-b-5" role="note" data-q="q-b-5">`,
		// A list item's text and a table cell end in their notes.
		` item<span class="sidenotes"><span class="sidenote" id="note-q-d-6"`,
		` cell<span class="sidenotes"><span class="sidenote" id="note-q-d-7"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks\n\t%s\n%s", want, out)
		}
	}
	if got := strings.Count(out, `role="note"`); got != 6 {
		t.Errorf("%d notes, want 6 (a; b and c; b; d; d)\n%s", got, out)
	}
	if got := strings.Count(out, `class="ref"`); got != len(ps) {
		t.Errorf("%d references, want one per passage, %d\n%s", got, len(ps), out)
	}
	if strings.Contains(out, "tabindex=\"0\"") || strings.Contains(out, "aria-describedby") {
		t.Errorf("a mark is a stop for the keyboard or re-reads its note:\n%s", out)
	}
}
