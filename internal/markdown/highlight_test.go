package markdown

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHighlightSweep checks the highlighter's sweep against the
// definition: every character of the page is inside exactly the marks of
// the passages that cover it, outermost the passage that starts first
// (then the longest; of passages of the same span, the first by id alone),
// and inside the link of the mention that covers it (line breaks, which
// no text node holds, aside). Every passage's id is on the page once.
// Passages are drawn at random over paragraphs with formatting, links
// and code, many of them overlapping, nested, repeated or empty.
func TestHighlightSweep(t *testing.T) {
	m := New()
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"alpha", "*beta gamma*", "delta", "[epsilon](https://x.org)", "`zeta eta`", "theta", "**iota**", "kappa"}
	for round := range 200 {
		var b strings.Builder
		for p := range 1 + rng.IntN(3) {
			if p > 0 {
				b.WriteString("\n\n")
			}
			for w := range 3 + rng.IntN(20) {
				if w > 0 {
					if rng.IntN(8) == 0 {
						b.WriteString("\n")
					} else {
						b.WriteString(" ")
					}
				}
				b.WriteString(words[rng.IntN(len(words))])
			}
		}
		src := []byte(b.String())
		plain := []rune(m.Plain(src).Text)
		n := len(plain)
		var ps []Passage
		for i := range rng.IntN(12) {
			s := rng.IntN(n + 1)
			e := min(n, s+rng.IntN(n/2+1))
			if rng.IntN(4) == 0 && len(ps) > 0 { // the same span as another
				s, e = ps[len(ps)-1].Start, ps[len(ps)-1].End
			}
			ps = append(ps, Passage{Start: s, End: e, ID: fmt.Sprintf("q-%d", i), Claim: "c"})
		}
		var ms []Mention
		for at := rng.IntN(6); at+3 <= n; at += 4 + rng.IntN(10) {
			ms = append(ms, Mention{Start: at, End: at + 3, Href: fmt.Sprintf("e%d", at), Entity: "e"})
		}
		out, err := m.RenderString(src, Options{Highlights: &Highlights{Passages: ps, Mentions: ms}})
		if err != nil {
			t.Fatal(err)
		}
		got := marksPerChar(t, out)
		if len(got) != n {
			t.Fatalf("round %d: %q: the page has %d characters, the plain text %d", round, src, len(got), n)
		}
		order := slices.Clone(ps)
		slices.SortStableFunc(order, func(a, b Passage) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			if a.End != b.End {
				return b.End - a.End
			}
			return strings.Compare(a.ID, b.ID)
		})
		// Passages of the same span share the first one's mark.
		var leads []Passage
		for _, p := range order {
			if n := len(leads); n > 0 && leads[n-1].Start == p.Start && leads[n-1].End == p.End {
				continue
			}
			leads = append(leads, p)
		}
		for _, p := range ps {
			if want, got := min(1, max(0, p.End-p.Start)), strings.Count(out, ` id="`+p.ID+`"`); got != want {
				t.Fatalf("round %d: %q: id %s given %d times, want %d\n%s", round, src, p.ID, got, want, out)
			}
		}
		for i := range n {
			if plain[i] == '\n' {
				continue // a line break is no text node's: nothing marks it
			}
			var want []string
			for _, p := range leads {
				if p.Start <= i && i < p.End {
					want = append(want, p.ID)
				}
			}
			if !slices.Equal(got[i].marks, want) {
				t.Fatalf("round %d: %q: character %d (%q) is in marks %v, want %v\n%s", round, src, i, string(plain[i]), got[i].marks, want, out)
			}
			wantMention := ""
			for _, mt := range ms {
				if mt.Start <= i && i < mt.End && !got[i].inLink {
					wantMention = mt.Href
				}
			}
			if got[i].mention != wantMention {
				t.Fatalf("round %d: %q: character %d is in mention %q, want %q\n%s", round, src, i, got[i].mention, wantMention, out)
			}
		}
	}
}

type charMarks struct {
	marks   []string // data-q of the marks around it, outermost first
	mention string   // href of the mention around it
	inLink  bool     // inside a link of the text (where mentions are not linked)
}

// marksPerChar returns, for each character of a rendered page's text (in
// code points), the marks and the mention it is in.
func marksPerChar(t *testing.T, page string) []charMarks {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []charMarks
	var walk func(n *html.Node, marks []string, mention string, inLink, inPara bool)
	paras := 0
	walk = func(n *html.Node, marks []string, mention string, inLink, inPara bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "p":
				if paras > 0 { // plain text separates blocks with a blank line
					out = append(out, charMarks{}, charMarks{})
				}
				paras++
				inPara = true
			case "mark":
				marks = append(slices.Clip(marks), attrOf(n, "data-q"))
			case "a":
				if attrOf(n, "class") == "mention" {
					mention = attrOf(n, "href")
				} else {
					inLink = true
				}
			}
		}
		if n.Type == html.TextNode && inPara {
			for range []rune(n.Data) {
				out = append(out, charMarks{marks: marks, mention: mention, inLink: inLink})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, marks, mention, inLink, inPara)
		}
	}
	walk(doc, nil, "", false, false)
	return out
}

func attrOf(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// BenchmarkHighlight renders one source with n passages: one after the
// other in one long paragraph (each run of text then holds many), and n
// passages of the same span, each with its note. Run at n and 2n, the
// time per op should double, not quadruple.
func BenchmarkHighlight(b *testing.B) {
	m := New()
	for _, n := range []int{1000, 2000} {
		var src strings.Builder
		for i := range n {
			fmt.Fprintf(&src, "Sentence number %d of the *long* paragraph. ", i)
		}
		body := []byte(src.String())
		plain := m.Plain(body).Text
		var apart, same []Passage
		at := 0
		for i := range n {
			s := strings.Index(plain[at:], "Sentence") + at
			e := strings.Index(plain[s:], ".") + s
			at = e
			apart = append(apart, Passage{Start: s, End: e, ID: fmt.Sprintf("q-a%d-1", i), Claim: "a", RefHref: "x", RefLabel: "1", RefTitle: "T"})
			same = append(same, Passage{Start: 0, End: 20, ID: fmt.Sprintf("q-s%d-1", i), Claim: "s", RefHref: "x", RefLabel: "1", RefTitle: "T"})
		}
		for _, tc := range []struct {
			name string
			ps   []Passage
		}{{"apart", apart}, {"same", same}} {
			b.Run(fmt.Sprintf("%s/n=%d", tc.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					if _, err := m.RenderString(body, Options{Highlights: &Highlights{Passages: tc.ps}}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestHighlightSameSpan: a passage that many quote is one mark, carrying
// every passage's id, with the first maxNotes notes after it, in order,
// and one that counts the rest; its class says conflict when any of them
// is in one.
func TestHighlightSameSpan(t *testing.T) {
	m := New()
	src := []byte("Before. The one sentence that all quote. After.")
	plain := m.Plain(src).Text
	start := strings.Index(plain, "The one")
	end := strings.Index(plain, " After")
	for _, n := range []int{1, 2, maxNotes, maxNotes + 1, maxNotes + 2, 40} {
		var ps []Passage
		for i := n; i > 0; i-- { // in reverse: the highlighter orders them
			ps = append(ps, Passage{Start: start, End: end, ID: fmt.Sprintf("q-c%02d-1", i), Claim: fmt.Sprintf("c%02d", i),
				RefHref: "x", RefLabel: strconv.Itoa(i), RefTitle: "T", Conflict: i == n && n > maxNotes+1})
		}
		out, err := m.RenderString(src, Options{Highlights: &Highlights{Passages: ps, MoreHref: "#claims-h", Note: testNote, Ref: testRef}})
		if err != nil {
			t.Fatal(err)
		}
		if err := wellNested(out); err != nil {
			t.Fatalf("%d: %v\n%s", n, err, out)
		}
		if got := strings.Count(out, "<mark"); got != 1 {
			t.Errorf("%d passages of one span: %d marks\n%s", n, got, out)
		}
		for i := 1; i <= n; i++ {
			if got := strings.Count(out, fmt.Sprintf(` id="q-c%02d-1"`, i)); got != 1 {
				t.Errorf("%d passages: id of %d given %d times\n%s", n, i, got, out)
			}
		}
		notes := strings.Count(out, `role="note"`)
		wantNotes := min(n, maxNotes)
		if n == maxNotes+1 {
			wantNotes = n // the one more is shown, not counted
		}
		more := ""
		if n > maxNotes+1 {
			wantNotes++
			more = fmt.Sprintf(`<a class="note-claim" href="#claims-h">%d more claims quote this passage</a>`, n-maxNotes)
			if !strings.Contains(out, more) || !strings.Contains(out, `<mark id="q-c01-1" class="hl conflict"`) ||
				!strings.Contains(out, `<a class="ref conflict" href="#note-q-c01-1-more" tabindex="-1" data-first="" aria-label="Note +`) {
				t.Errorf("%d passages: no %s, or no conflict\n%s", n, more, out)
			}
		}
		if notes != wantNotes {
			t.Errorf("%d passages: %d notes, want %d\n%s", n, notes, wantNotes, out)
		}
		// The notes in the passages' order: c01, c02, …
		last := -1
		for i := 1; i <= n && i <= maxNotes+1 && (i <= maxNotes || n == maxNotes+1); i++ {
			at := strings.Index(out, fmt.Sprintf(`id="note-q-c%02d-1"`, i))
			if at < last {
				t.Errorf("%d passages: note %d before note %d\n%s", n, i, i-1, out)
			}
			last = at
		}
	}
}
