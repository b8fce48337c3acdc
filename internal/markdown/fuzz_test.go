package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FuzzHighlight renders a Markdown body with passages and mentions to mark.
//
// spans is read five bytes at a time: a kind byte (even: a passage, odd: a
// mention) and two 16-bit offsets, taken modulo the plain text's length plus
// three and shifted down by one, so that they run from -1 to one past the
// end. Mentions are sorted and kept apart, as package mention gives them;
// passages are as they come, overlapping, empty or reversed.
//
// Invariants: no panic and no error; the HTML is well nested (every element
// closed in order, no <a> inside an <a>, no <mark> left open); marking
// changes no text (without notes, the page's text is that of the page
// without highlights); each passage's id is given once when it shares
// text with the document's nodes, and never otherwise; and the
// plain text of the tree the highlighter sees is the one quotes are
// anchored in.
func FuzzHighlight(f *testing.F) {
	seed := func(src string, spans ...int) {
		var b []byte
		for i := 0; i+2 < len(spans); i += 3 {
			b = append(b, byte(spans[i]), byte(spans[i+1]), byte(spans[i+1]>>8), byte(spans[i+2]), byte(spans[i+2]>>8))
		}
		f.Add(src, b)
	}
	// From TestPlain, TestLinksAndResolution and TestHighlightAcrossFormatting.
	seed("Some *emphasised\ntext* and [a link](https://x.org) here.", 0, 6, 32, 1, 27, 33)
	seed("Hello *big*\nworld.", 0, 1, 9, 0, 4, 12, 1, 6, 9)
	seed("One.\n\nTwo.", 0, 0, 11, 0, 2, 8, 1, 0, 4)
	seed("Hard  \nbreak", 0, 2, 7)
	seed(`\*not emphasis\* \[x\] \# 1\. &amp; &copy;`, 0, 0, 10, 0, 20, 30)
	seed("A `code span` here", 0, 0, 8, 1, 2, 6)
	seed("# Heading\n\n- one\n- two", 0, 3, 14, 0, 9, 12)
	seed("Before\n\n```go\nfunc x() {}\n```\n\nAfter", 0, 3, 12)
	seed("See <https://example.org> and www.example.com now", 0, 0, 30, 1, 4, 10, 0, 5, 48)
	seed("![alt text](x.png) caption", 0, 0, 5)
	seed("[link text](claim:x) end", 0, 2, 12, 1, 0, 4)
	seed("<b>raw</b> html", 0, 1, 6)
	seed("Café — “quoted”", 0, 3, 12, 0, 0, 15, 1, 0, 4)
	seed("See [a](claim:one), [b](source:two)\nand [c](entity:three), [d](figure:four), [e](https://x.org).\n[bad](javascript:alert(1)) ![img](javascript:x)",
		0, 0, 20, 0, 10, 40, 1, 4, 5, 1, 20, 24, 0, 45, 60)
	seed("| a | b |\n|---|---|\n| c *d* | e |\n\n- [ ] task\n- [x] done ~~gone~~", 0, 0, 5, 0, 3, 20, 1, 8, 9)
	seed("> quoted **strong _nested_ text**\n>\n> more", 0, 2, 18, 0, 10, 30, 0, 10, 30)
	f.Fuzz(func(t *testing.T, src string, spans []byte) {
		if len(src) > 1<<14 || len(spans) > 5*64 || !utf8.ValidString(src) {
			t.Skip() // content is read as UTF-8 or refused
		}
		m := New()
		plain := m.Plain([]byte(src)).Text
		n := utf8.RuneCountInString(plain)
		off := func(lo, hi byte) int { return (int(lo)|int(hi)<<8)%(n+3) - 1 }
		h := &Highlights{}
		var ms []Mention
		for i := 0; i+4 < len(spans); i += 5 {
			a, b := off(spans[i+1], spans[i+2]), off(spans[i+3], spans[i+4])
			if spans[i]%2 == 0 {
				k := len(h.Passages) + 1
				h.Passages = append(h.Passages, Passage{Start: a, End: b,
					ID: "q-c-" + strconv.Itoa(k), Claim: "c", Conflict: spans[i]%4 == 2})
				continue
			}
			if a > b {
				a, b = b, a
			}
			ms = append(ms, Mention{Start: a, End: b, Href: "../e/", Entity: "e"})
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
		for _, mn := range ms {
			if mn.Start < mn.End && (len(h.Mentions) == 0 || h.Mentions[len(h.Mentions)-1].End <= mn.Start) {
				h.Mentions = append(h.Mentions, mn)
			}
		}
		resolve := func(t Target) (string, bool) { return "../" + string(t.Kind) + "/" + t.ID + "/", t.ID != "four" }

		// The highlighter's offsets are those of the text quotes are found in.
		opts := &Options{Resolve: resolve, Highlights: &Highlights{}}
		if got := walkPlain(m.parse([]byte(src), opts), []byte(src), nil); got != plain {
			t.Fatalf("Markdown %q: the rendered tree's plain text is\n%q\nbut quotes are anchored in\n%q", src, got, plain)
		}

		bare, err := m.RenderString([]byte(src), Options{Resolve: resolve})
		if err != nil {
			t.Fatalf("Markdown %q: %v", src, err)
		}
		marked, err := m.RenderString([]byte(src), Options{Resolve: resolve, Highlights: h})
		if err != nil {
			t.Fatalf("Markdown %q with %+v: %v", src, h, err)
		}
		if err := wellNested(marked); err != nil {
			t.Fatalf("Markdown %q with %+v: %v\n%s", src, h, err, marked)
		}
		if a, b := pageText(bare), pageText(marked); a != b {
			t.Fatalf("Markdown %q with %+v: marking changed the text\n%q\nto\n%q\n%s", src, h, a, b, marked)
		}

		// With notes after each passage.
		for i := range h.Passages {
			p := &h.Passages[i]
			p.RefHref, p.RefLabel, p.RefTitle, p.Verdict = "../../claims/c/", strconv.Itoa(i+1), "A <claim> & its title", "false"
		}
		h.Note, h.Ref = testNote, testRef
		noted, err := m.RenderString([]byte(src), Options{Resolve: resolve, Highlights: h})
		if err != nil {
			t.Fatalf("Markdown %q with %+v: %v", src, h, err)
		}
		if err := wellNested(noted); err != nil {
			t.Fatalf("Markdown %q with notes %+v: %v\n%s", src, h, err, noted)
		}
		// A passage that shares text with any node (not only line breaks
		// and the blank lines between blocks) carries its id once: the
		// claim's page links to it.
		var runs [][2]int
		walkPlainOffsets(m.parse([]byte(src), nil), []byte(src), func(r textRun) {
			runs = append(runs, [2]int{r.start, r.start + utf8.RuneCount(r.value)})
		})
		for _, p := range h.Passages {
			want := 0
			for _, r := range runs {
				if p.Start < p.End && p.Start < r[1] && p.End > r[0] && r[0] < r[1] {
					want = 1
					break
				}
			}
			if c := strings.Count(noted, ` id="`+p.ID+`"`); c != want {
				t.Fatalf("Markdown %q with %+v: id %q given %d times, want %d\n%s", src, h, p.ID, c, want, noted)
			}
		}
	})
}

// voidElements have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// wellNested checks that every element of an HTML fragment is closed, in
// order, and that no link is inside another.
func wellNested(s string) error {
	z := html.NewTokenizer(strings.NewReader(s))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				return z.Err()
			}
			if len(stack) > 0 {
				return fmt.Errorf("unclosed elements at the end: %v", stack)
			}
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if voidElements[tag] {
				continue
			}
			if tag == "a" {
				for _, open := range stack {
					if open == "a" {
						return fmt.Errorf("<a> inside <a> (open: %v)", stack)
					}
				}
			}
			stack = append(stack, tag)
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if len(stack) == 0 || stack[len(stack)-1] != tag {
				return fmt.Errorf("</%s> closes nothing open (open: %v)", tag, stack)
			}
			stack = stack[:len(stack)-1]
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				return fmt.Errorf("<%s/> is not a void element", name)
			}
		}
	}
}

// pageText is the text of an HTML fragment, character references decoded.
func pageText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b bytes.Buffer
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		}
	}
}
