package markdown

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Highlights are the spans to mark in one document, in code points of its
// plain text (see Plain).
type Highlights struct {
	Passages []Passage
	Mentions []Mention
}

// Passage is a quoted passage. Passages may overlap; each keeps its own
// element, nested inside the others where they cover the same text.
type Passage struct {
	Start, End int
	ID         string // the anchor, e.g. "q-claim-id-1"
	Claim      string // the claim's id
	Conflict   bool   // its figure or its claim is in a conflict
	// The reference shown right after the passage, linking to its claim.
	RefHref, RefLabel, RefTitle string
}

// Mention is an occurrence of an entity's name.
type Mention struct {
	Start, End int
	Href       string
	Entity     string
}

// Node kinds of the highlight extension.
var (
	KindMark    = ast.NewNodeKind("DossierMark")
	KindMention = ast.NewNodeKind("DossierMention")
	KindRef     = ast.NewNodeKind("DossierRef")
)

type markNode struct {
	ast.BaseInline
	passage *Passage
	first   bool // the passage's first piece carries its id
}

func (n *markNode) Kind() ast.NodeKind               { return KindMark }
func (n *markNode) Dump(source []byte, level int)    { ast.DumpHelper(n, source, level, nil, nil) }
func (n *mentionNode) Kind() ast.NodeKind            { return KindMention }
func (n *mentionNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
func (n *refNode) Kind() ast.NodeKind                { return KindRef }
func (n *refNode) Dump(source []byte, level int)     { ast.DumpHelper(n, source, level, nil, nil) }

type mentionNode struct {
	ast.BaseInline
	mention *Mention
}

type refNode struct {
	ast.BaseInline
	passage *Passage
}

// highlightTransformer splits text nodes at the boundaries of passages and
// mentions. Each piece of text gets one <mark> per passage covering it,
// outermost the passage that starts first, and, innermost, a link to the
// entity it mentions; so every character carries the set of passages that
// quote it, and a passage may cross line breaks and inline formatting.
type highlightTransformer struct{}

func (highlightTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	opts, _ := pc.Get(optionsKey).(*Options)
	if opts == nil || opts.Highlights == nil {
		return
	}
	h := opts.Highlights
	if len(h.Passages) == 0 && len(h.Mentions) == 0 {
		return
	}
	src := reader.Source()
	passages := make([]*Passage, len(h.Passages))
	for i := range h.Passages {
		passages[i] = &h.Passages[i]
	}
	sort.SliceStable(passages, func(i, j int) bool {
		a, b := passages[i], passages[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.ID < b.ID
	})
	mentions := h.Mentions

	mergeTexts(doc)
	var runs []textRun
	walkPlain(doc, src, func(r textRun) {
		if _, ok := r.node.(*ast.Text); ok {
			runs = append(runs, r)
		}
	})

	firstDone := make(map[*Passage]bool)
	last := make(map[*Passage]ast.Node) // where the passage's reference goes after
	var order []*Passage
	for _, r := range runs {
		t := r.node.(*ast.Text)
		rs := []rune(r.value)
		lo, hi := r.start, r.start+len(rs)
		ps := overlapping(passages, lo, hi)
		ms := overlappingMentions(mentions, lo, hi)
		if len(ps) == 0 && len(ms) == 0 {
			continue
		}
		inLink := hasLinkAncestor(t)
		cuts := []int{lo, hi}
		for _, p := range ps {
			cuts = append(cuts, clamp(p.Start, lo, hi), clamp(p.End, lo, hi))
		}
		for _, m := range ms {
			cuts = append(cuts, clamp(m.Start, lo, hi), clamp(m.End, lo, hi))
		}
		sort.Ints(cuts)
		parent := t.Parent()
		for i := 0; i+1 < len(cuts); i++ {
			a, b := cuts[i], cuts[i+1]
			if a == b {
				continue
			}
			piece := ast.NewString([]byte(string(rs[a-lo : b-lo])))
			piece.SetRaw(true)
			var node ast.Node = piece
			if !inLink {
				for _, m := range ms {
					if m.Start <= a && m.End >= b {
						mn := &mentionNode{mention: m}
						mn.AppendChild(mn, node)
						node = mn
						break
					}
				}
			}
			for j := len(ps) - 1; j >= 0; j-- {
				p := ps[j]
				if p.Start <= a && p.End >= b {
					mk := &markNode{passage: p, first: !firstDone[p]}
					if !firstDone[p] {
						firstDone[p] = true
						order = append(order, p)
					}
					mk.AppendChild(mk, node)
					node = mk
				}
			}
			parent.InsertBefore(parent, t, node)
			for _, p := range ps {
				if p.Start <= a && p.End >= b {
					last[p] = outermostLink(node)
				}
			}
		}
		// Keep the node, emptied, for its line break.
		t.Segment = text.NewSegment(t.Segment.Stop, t.Segment.Stop)
	}
	// References go after each passage's last piece, in passage order; when
	// several follow the same node they keep that order.
	after := make(map[ast.Node]ast.Node)
	for _, p := range order {
		if p.RefHref == "" {
			continue
		}
		target := last[p]
		if prev, ok := after[target]; ok {
			target = prev
		}
		ref := &refNode{passage: p}
		target.Parent().InsertAfter(target.Parent(), target, ref)
		after[last[p]] = ref
	}
}

// mergeTexts joins sibling text nodes that goldmark left apart but that
// are one run of the Markdown (the linkify extension splits text at spaces),
// so that a passage is one <mark>, not one per word.
func mergeTexts(doc ast.Node) {
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		if t.Parent() == nil {
			continue // merged into its previous sibling already
		}
		for {
			next, ok := t.NextSibling().(*ast.Text)
			if !ok || t.SoftLineBreak() || t.HardLineBreak() || t.IsRaw() != next.IsRaw() ||
				t.Segment.Stop != next.Segment.Start || t.Segment.Padding != 0 || next.Segment.Padding != 0 {
				break
			}
			t.Segment = t.Segment.WithStop(next.Segment.Stop)
			t.SetSoftLineBreak(next.SoftLineBreak())
			t.SetHardLineBreak(next.HardLineBreak())
			t.Parent().RemoveChild(t.Parent(), next)
		}
	}
}

func clamp(x, lo, hi int) int {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// overlapping returns the passages that share text with [lo, hi), in the
// order given (outermost first).
func overlapping(ps []*Passage, lo, hi int) []*Passage {
	var out []*Passage
	for _, p := range ps {
		if p.Start >= hi {
			break // sorted by start
		}
		if p.End > lo && p.End > p.Start {
			out = append(out, p)
		}
	}
	return out
}

func overlappingMentions(ms []Mention, lo, hi int) []*Mention {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].End > lo })
	var out []*Mention
	for ; i < len(ms) && ms[i].Start < hi; i++ {
		out = append(out, &ms[i])
	}
	return out
}

func hasLinkAncestor(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink || p.Kind() == ast.KindAutoLink {
			return true
		}
	}
	return false
}

// outermostLink returns n's outermost link ancestor, or n itself: a
// reference (itself a link) must not be nested inside another link.
func outermostLink(n ast.Node) ast.Node {
	out := n
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			out = p
		}
	}
	return out
}

// nodeRenderer renders the highlight extension's nodes. Every value is
// escaped: ids, classes and URLs come from content.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMark, renderMark)
	reg.Register(KindMention, renderMention)
	reg.Register(KindRef, renderRef)
}

func attr(w util.BufWriter, name, value string) {
	_, _ = w.WriteString(" " + name + `="`)
	_, _ = w.Write(util.EscapeHTML([]byte(value)))
	_ = w.WriteByte('"')
}

func renderMark(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*markNode)
	if !entering {
		_, _ = w.WriteString("</mark>")
		return ast.WalkContinue, nil
	}
	class := "hl"
	if n.passage.Conflict {
		class += " conflict"
	}
	_, _ = w.WriteString("<mark")
	if n.first {
		attr(w, "id", n.passage.ID)
	}
	attr(w, "class", class)
	attr(w, "data-claim", n.passage.Claim)
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderMention(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*mentionNode)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<a")
	attr(w, "class", "mention")
	attr(w, "href", n.mention.Href)
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderRef(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	p := node.(*refNode).passage
	class := "ref"
	if p.Conflict {
		class += " conflict"
	}
	_, _ = w.WriteString("<sup")
	attr(w, "class", class)
	_, _ = w.WriteString("><a")
	attr(w, "href", p.RefHref)
	if p.RefTitle != "" {
		attr(w, "title", p.RefTitle)
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML([]byte(strings.TrimSpace(p.RefLabel))))
	_, _ = w.WriteString("</a></sup>")
	return ast.WalkContinue, nil
}
