package importer

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tricky holds lines that Markdown would read as syntax if they were written
// as they are. Each must come back from goldmark as a paragraph with exactly
// this text.
var tricky = []string{
	// emphasis, strong, strikethrough, code
	`*emphasis* and **strong** and _under_ and __both__ and ***three***`,
	`snake_case_name and 2*3*4 = 24 and a * b`,
	`~~struck~~ and ~single~ tilde`,
	"`code` and ``double`` and a lone ` backtick",
	"```go",
	"~~~",
	// headings, breaks, lists, quotes
	`# Not a heading`,
	`###### Six`,
	`#hashtag and C# and issue #42`,
	`---`,
	`- - -`,
	`***`,
	`___`,
	`===`,
	`- not a list item`,
	`+ nor this`,
	`* nor this`,
	`-1 degrees`,
	`1. Not an ordered list`,
	`1) Nor this`,
	`2025. That was the year.`,
	`123456789. nine digits`,
	`10) ten`,
	`> not a quote`,
	`>> nor this`,
	`: not a definition`,
	`- [ ] not a task`,
	`- [x] nor a done one`,
	// links, images, autolinks, HTML, entities
	`[a link](http://example.com) and ![an image](x.png)`,
	`[ref]: http://example.com "title"`,
	`[^1] footnote-ish and [brackets] and a lone ] and [`,
	`<http://example.com> and <b>bold</b> and <!-- comment --> and a < b > c`,
	`<div>`,
	`&amp; &lt; &copy; &#42; &#x2A; & alone, AT&T, Fox & Friends`,
	`&#32; is a space`,
	`\*escaped\* and a back\slash and C:\Users\ and \\ double and trailing \`,
	// bare URLs and e-mail addresses (GFM linkify)
	`https://example.com/path?q=1&r=2#frag`,
	`see http://example.com, www.example.com and ftp://files.example.com.`,
	`(https://example.com) and (www.example.com)`,
	`www.example.com/start`,
	`write to editor@example.com or news.desk@example.co.uk.`,
	`@handle on X and user@host and a@b.c`,
	`*https://example.com* and _www.example.com_ and ~www.example.com~`,
	// tables
	`| a | b |`,
	`|---|---|`,
	`a | b | c`,
	// white space that Markdown would eat or misread
	`    four leading spaces would be code`,
	"\tleading tab",
	`  two leading spaces`,
	`trailing double spaces  `,
	"trailing tab\t",
	"inner  double   spaces and\ttab",
	// text from the seed articles
	`Washington–Mexico Ties Strain as U.S. Deploys Armor, Signals Possible Cross-Border Action`,
	`WASHINGTON / MEXICO CITY : Relations between the United States and Mexico have entered their most dangerous phase in decades`,
	`“They killed hundreds of thousands of people in our country,” he said, repeating his claim that fentanyl trafficking linked to cartels has caused roughly 300,000 U.S. deaths annually.`,
	`Vance offered what appeared to be a clear and unequivocal answer: “No. Next question.”`,
	`an “intolerable alliance“with Mexican cartels`,
	`Aditya Kumar:`,
	`Defense & Geopolitics Analyst`,
	`Today : Aug 31, 2025`,
	`10 August 2025`,
	`In June 2025, US Customs and Border Protection seized 704 pounds of fentanyl at the border—half the amount seized in June 2024.`,
	`doubled the reward … to $50 million`,
	`Joaquín “El Chapo” Guzmán in 2014 and 2016 and then his son Ovidio Guzmán in 2023.  `,
	`Designation of major drug cartels as foreign terrorist organizations, giving them a status similar to groups like ISIS or al-Qaeda in some policy frameworks.Aggressive maritime operations`,
	`"The cartels are running Mexico…", signaling`,
	// everything at once
	`1. # > - *[x](y)* <a> &amp; ~z~ ` + "`c`" + ` | d | http://e.f www.g.h i@j.kl \ !`,
}

func TestMarkdownRoundTrip(t *testing.T) {
	for _, line := range tricky {
		md := Markdown(line)
		got, err := renderParagraphs(md)
		if err != nil {
			t.Errorf("Markdown(%q) = %q: %v", line, md, err)
			continue
		}
		if len(got) != 1 || got[0] != line {
			t.Errorf("Markdown(%q) = %q\nrenders as %q", line, md, got)
		}
	}
}

func TestMarkdownParagraphs(t *testing.T) {
	text := "Headline\n\nFirst paragraph.\nSecond paragraph.\n \t \n\n\nLast one."
	want := "Headline\n\nFirst paragraph.\n\nSecond paragraph.\n\nLast one.\n"
	if got := Markdown(text); got != want {
		t.Errorf("Markdown(%q) = %q, want %q", text, got, want)
	}
	if got := Markdown(" \n\t\n"); got != "" {
		t.Errorf("Markdown of blank lines = %q, want \"\"", got)
	}
}

// TestMarkdownReadable pins the escapes on ordinary text: prose keeps its
// punctuation, so that a source file stays readable.
func TestMarkdownReadable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`He said: “No. Next question.” Really!`, `He said: “No. Next question.” Really!`},
		{`Fox & Friends, U.S.–Mexico (2025) | 50%`, `Fox & Friends, U.S.–Mexico (2025) | 50%`},
		{`1. first`, `1\. first`},
		{`# x`, `\# x`},
		{`a *b* [c]`, `a \*b\* \[c\]`},
		{`&amp;`, `\&amp;`},
		{`http://x.org`, `http\://x.org`},
		{`www.x.org`, `www\.x.org`},
		{`a@b.org`, `a\@b.org`},
		{`  x  `, `&#32;&#32;x&#32;&#32;`},
	} {
		if got := strings.TrimSuffix(Markdown(tc.in), "\n"); got != tc.want {
			t.Errorf("Markdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzMarkdownRoundTrip(f *testing.F) {
	for _, line := range tricky {
		f.Add(line)
	}
	f.Add(strings.Join(tricky, "\n"))
	f.Add("\uFEFFfirst\r\nsecond\rthird\n")
	f.Fuzz(func(t *testing.T, text string) {
		norm, err := Normalize(text)
		if err != nil {
			t.Skip()
		}
		var want []string
		for line := range strings.SplitSeq(norm, "\n") {
			if !isBlank(line) {
				want = append(want, line)
			}
		}
		md := Markdown(norm)
		got, err := renderParagraphs(md)
		if err != nil {
			t.Fatalf("Markdown(%q) = %q: %v", norm, md, err)
		}
		if !equal(got, want) {
			t.Fatalf("Markdown(%q) = %q\nrenders as %q\nwant       %q", norm, md, got, want)
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// renderParagraphs renders Markdown with goldmark and GFM and returns the text
// of each paragraph, entities resolved. Anything but paragraphs of plain text
// (a heading, a list, a link, emphasis, a comment standing for raw HTML) is
// an error.
func renderParagraphs(md string) ([]string, error) {
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM))
	if err := gm.Convert([]byte(md), &out); err != nil {
		return nil, err
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(bytes.NewReader(out.Bytes()), body)
	if err != nil {
		return nil, err
	}
	var paras []string
	for _, n := range nodes {
		switch {
		case n.Type == html.TextNode && strings.Trim(n.Data, "\n") == "":
			// the line break goldmark writes between blocks
		case n.Type == html.ElementNode && n.DataAtom == atom.P:
			var text strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.TextNode {
					return nil, fmt.Errorf("paragraph holds markup: %s", out.String())
				}
				text.WriteString(c.Data)
			}
			paras = append(paras, text.String())
		default:
			return nil, fmt.Errorf("not a plain paragraph: %s", out.String())
		}
	}
	return paras, nil
}
