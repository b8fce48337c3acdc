package markdown

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"

	"dossier/internal/kind"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Target is an internal link target: [text](claim:some-id).
type Target struct {
	Kind kind.TargetKind // its scheme: source, claim, entity or figure
	ID   string
}

// ParseTarget reports whether dest is an internal link, and which: its
// scheme is one of the kinds of package kind.
func ParseTarget(dest string) (Target, bool) {
	scheme, id, ok := strings.Cut(dest, ":")
	if !ok {
		return Target{}, false
	}
	k, ok := kind.ParseTarget(scheme)
	if !ok {
		return Target{}, false
	}
	return Target{Kind: k, ID: id}, true
}

// Link is an internal link found in a document, for validation.
type Link struct {
	Target Target
	Offset int // byte offset of the link's "[" in the source ("!" for an image)
	// Image: the link is written as an image, ![alt](entity:y), which
	// would show a page as a picture; Alt is its text, as plain text.
	Image bool
	Alt   string
}

// Problem says what is wrong with the way a link is written, whatever
// its target, or "" when nothing is: an image cannot show a page.
func (l Link) Problem() string {
	if !l.Image {
		return ""
	}
	alt := []rune(strings.Join(strings.Fields(l.Alt), " "))
	switch {
	case len(alt) == 0:
		alt = []rune("text")
	case len(alt) > 40:
		alt = append(alt[:39], '…')
	}
	return fmt.Sprintf("an image cannot show a page: write [%s](%s:%s) for a link", string(alt), l.Target.Kind, l.Target.ID)
}

// Links returns the internal links of src, in order.
func (m *Markdown) Links(src []byte) []Link {
	return linksOf(m.parse(src, nil), src)
}

func linksOf(doc ast.Node, src []byte) []Link {
	var out []Link
	after := 0 // where the last text seen ends: no link before it starts there
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := n.(*ast.Text); ok {
			after = t.Segment.Stop
		}
		dest, ok := destination(n)
		if !ok {
			return ast.WalkContinue, nil
		}
		if t, ok := ParseTarget(dest); ok {
			l := Link{Target: t, Offset: nodeOffset(n, src, after)}
			if _, l.Image = n.(*ast.Image); l.Image {
				if l.Offset > 0 && src[l.Offset] == '[' && src[l.Offset-1] == '!' {
					l.Offset--
				}
				l.Alt = altText(n, src)
			}
			out = append(out, l)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// altText is the text of an image's description, without its markup.
func altText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// destination returns the decoded destination of a link or image node.
func destination(n ast.Node) (string, bool) {
	var raw []byte
	switch n := n.(type) {
	case *ast.Link:
		raw = n.Destination
	case *ast.Image:
		raw = n.Destination
	default:
		return "", false
	}
	return decodeDestination(raw), true
}

func decodeDestination(raw []byte) string {
	v := util.UnescapePunctuations(raw)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// nodeOffset finds where an inline node starts in src: just before its
// first text; or, when it has none ([](claim:x)), at the first "[" of its
// block that comes after the end of the text before it (after).
func nodeOffset(n ast.Node, src []byte, after int) int {
	var first = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			first = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if first > 0 {
		// Step back over "[" (or "![") to point at the link itself.
		i := first - 1
		for i > 0 && src[i] != '[' {
			i--
		}
		return i
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			lines := p.Lines()
			start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
			from := max(start, after)
			if from < end {
				if i := bytes.IndexByte(src[from:end], '['); i >= 0 {
					return from + i
				}
			}
			return start
		}
	}
	return 0
}

// SafeURL reports whether a link destination may reach an href. Browsers
// decode character references and ignore white space and control
// characters inside a scheme, so the check does the same first; then only
// relative addresses and the schemes http, https and mailto pass.
func SafeURL(dest string) bool {
	var b strings.Builder
	for _, r := range html.UnescapeString(dest) {
		if r <= ' ' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	s := strings.ToLower(b.String())
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return true
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 && i < colon {
		return true // a colon in a path, query or fragment: relative
	}
	switch s[:colon] {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// linkTransformer resolves internal links through Options.Resolve and
// removes links and images whose destination is not safe, keeping their
// text, so that hostile Markdown renders as inert words.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	opts, _ := pc.Get(optionsKey).(*Options)
	if opts == nil {
		return // reading, not rendering: Links and Plain want the tree as written
	}
	var unwrap, drop []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if al, ok := n.(*ast.AutoLink); ok {
			if !SafeURL(string(al.URL(reader.Source()))) {
				drop = append(drop, n)
			}
			return ast.WalkContinue, nil
		}
		dest, ok := destination(n)
		if !ok {
			return ast.WalkContinue, nil
		}
		if t, ok := ParseTarget(dest); ok {
			href, found := "", false
			// An image cannot show a page (see Link.Problem): whether
			// the page exists or not, its text stays, as words.
			if _, isImage := n.(*ast.Image); !isImage && opts.Resolve != nil {
				href, found = opts.Resolve(t)
			}
			if found {
				setDestination(n, href)
			} else {
				unwrap = append(unwrap, n)
			}
			return ast.WalkContinue, nil
		}
		if !SafeURL(dest) {
			if _, isImage := n.(*ast.Image); isImage {
				drop = append(drop, n)
			} else {
				unwrap = append(unwrap, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	for _, n := range drop {
		if al, ok := n.(*ast.AutoLink); ok {
			s := ast.NewString(al.Label(reader.Source()))
			s.SetRaw(true)
			n.Parent().ReplaceChild(n.Parent(), n, s)
			continue
		}
		n.Parent().RemoveChild(n.Parent(), n)
	}
}

func setDestination(n ast.Node, href string) {
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = []byte(href)
	case *ast.Image:
		n.Destination = []byte(href)
	}
}
