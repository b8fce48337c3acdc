package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chromeRe matches the class or id of the parts of a page around an
// article that go-readability may leave in it: ads, share buttons,
// related links, newsletter and cookie boxes, comments, tags.
var chromeRe = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:ad|ads|advert|advertisement|adslot|banner|cookie|cookies|consent|gdpr|share|sharing|social|related|newsletter|promo|subscribe|subscription|signup|sidebar|widget|comment|comments|tags|most-read|breadcrumbs?|byline|kicker|credit)(?:$|[\s_-])`)

// skipped are the elements whose content is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Nav: true,
	atom.Aside: true, atom.Footer: true, atom.Form: true, atom.Button: true, atom.Input: true,
	atom.Select: true, atom.Textarea: true, atom.Svg: true, atom.Img: true, atom.Picture: true,
	atom.Video: true, atom.Audio: true, atom.Object: true, atom.Embed: true, atom.Template: true,
	atom.Canvas: true, atom.Math: true,
}

// blockLevel are the elements that start a block of their own.
var blockLevel = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Blockquote: true,
	atom.Figure: true, atom.Figcaption: true, atom.Table: true, atom.Thead: true, atom.Tbody: true,
	atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Caption: true, atom.Pre: true,
	atom.Hr: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Address: true,
	atom.Details: true, atom.Summary: true,
}

// blockWriter writes an article's blocks as Markdown.
type blockWriter struct {
	b        strings.Builder
	quote    int  // depth of block quotes
	lastItem bool // the last block written was a list item
	lastQuot int  // the depth of block quotes of the last block written
	err      error
}

func (w *blockWriter) String() string { return w.b.String() }

func skip(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	return skipped[n.DataAtom] || chrome(n) || attr(n, "aria-hidden") == "true" || hasAttr(n, "hidden")
}

// chrome reports whether n's class or id names it a part of the site
// around the article. The document's frame (html, body, main, article)
// is never chrome, whatever its class says ("article has-related").
func chrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	}
	return chromeRe.MatchString(attr(n, "class")) || chromeRe.MatchString(attr(n, "id")) ||
		attr(n, "role") == "navigation" || attr(n, "role") == "complementary" || attr(n, "role") == "contentinfo"
}

// prune removes from doc what skip says is not article text, before
// go-readability looks for the article: it keeps the class names that
// tell chrome apart out of the article it returns. An element holding
// more than 40% of the page's text is kept whatever its class, so that
// a misleading class cannot drop the article itself.
func prune(doc *html.Node) {
	total := len(collapse(text(doc)))
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && c.DataAtom != atom.Head && skip(c) &&
				(c.DataAtom == atom.Script || c.DataAtom == atom.Style || len(collapse(text(c)))*10 <= total*4) {
				n.RemoveChild(c)
			} else {
				walk(c)
			}
			c = next
		}
	}
	walk(doc)
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// blocks writes the blocks inside n: the text of inline content between
// block elements is a paragraph.
func (w *blockWriter) blocks(n *html.Node) {
	var inline strings.Builder
	flush := func() {
		w.write("", inline.String(), false)
		inline.Reset()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if skip(c) {
			continue
		}
		if c.Type != html.ElementNode || !blockLevel[c.DataAtom] {
			textOf(&inline, c)
			continue
		}
		flush()
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			level := int(c.Data[1] - '0')
			w.write(strings.Repeat("#", level)+" ", text(c), false)
		case atom.P, atom.Figcaption, atom.Pre, atom.Dt, atom.Dd, atom.Caption, atom.Summary:
			w.write("", text(c), false)
		case atom.Blockquote:
			w.quote++
			w.lastItem = false
			w.blocks(c)
			w.quote--
		case atom.Ul, atom.Ol:
			w.list(c)
		case atom.Hr:
		default:
			w.blocks(c)
		}
	}
	flush()
}

// list writes the items of a ul or ol, one line each; a nested list's
// items are part of their item's text.
func (w *blockWriter) list(l *html.Node) {
	n := 0
	if s, err := strconv.Atoi(attr(l, "start")); err == nil && s >= 0 && s < 1e9 {
		n = s - 1
	}
	w.lastItem = false
	for c := l.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li || skip(c) {
			continue
		}
		marker := "- "
		if l.DataAtom == atom.Ol {
			n++
			marker = strconv.Itoa(n) + ". "
		}
		w.write(marker, text(c), true)
	}
	w.lastItem = false
}

// write writes one block: prefix (a heading's or list item's marker),
// then the text, escaped, inside the current block quotes. A list item
// follows the item before it on the next line; other blocks are separated
// by a blank line.
func (w *blockWriter) write(prefix, s string, item bool) {
	s = collapse(s)
	if s == "" || w.err != nil {
		return
	}
	for i, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			w.err = fmt.Errorf("the article holds the control character U+%04X (in %q): remove it from the page", r, snippet(s, i))
			return
		}
	}
	quote := strings.Repeat(">", w.quote)
	if w.b.Len() > 0 && !(item && w.lastItem && w.lastQuot == w.quote) {
		// The blank line between two blocks is inside the quotes both
		// are in.
		w.b.WriteString(strings.Repeat(">", min(w.quote, w.lastQuot)) + "\n")
	}
	if quote != "" {
		w.b.WriteString(quote + " ")
	}
	w.b.WriteString(prefix)
	var esc strings.Builder
	writeParagraph(&esc, s)
	line := esc.String()
	if strings.HasPrefix(prefix, "#") {
		line = escapeClosingHashes(line)
	}
	w.b.WriteString(line)
	w.b.WriteString("\n")
	w.lastItem, w.lastQuot = item, w.quote
}

// escapeClosingHashes escapes a run of '#' at the end of a heading's
// text, which Markdown would take for the heading's closing sequence.
func escapeClosingHashes(line string) string {
	t := strings.TrimRight(line, "#")
	if t == line || (t != "" && !strings.HasSuffix(t, " ") && !strings.HasSuffix(t, "\\")) {
		return line // "C#": a closing sequence follows a space
	}
	return t + `\` + line[len(t):]
}

func snippet(s string, i int) string {
	lo, hi := max(0, i-20), min(len(s), i+20)
	return s[lo:hi]
}

// text is the inline text of n.
func text(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		textOf(&b, c)
	}
	return b.String()
}

func textOf(b *strings.Builder, n *html.Node) {
	switch {
	case n.Type == html.TextNode:
		b.WriteString(n.Data)
	case n.Type != html.ElementNode || skip(n):
	case n.DataAtom == atom.Br:
		b.WriteString(" ")
	default:
		if blockLevel[n.DataAtom] {
			b.WriteString(" ") // a nested list's items, a cell: words apart
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			textOf(b, c)
		}
		if blockLevel[n.DataAtom] {
			b.WriteString(" ")
		}
	}
}

// collapse turns each run of HTML white space into one space and trims
// the ends, as a browser shows the text.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
	}), " ")
}
