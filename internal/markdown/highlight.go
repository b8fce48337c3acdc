package markdown

import (
	"bytes"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Highlights are the spans to mark in one document, in code points of its
// plain text (see Plain).
type Highlights struct {
	Passages []Passage
	Mentions []Mention
	// MoreHref is where the page lists the passages whose notes are not
	// shown after a passage that many quote (see maxNotes), e.g.
	// "#claims-h"; the note that counts them links there.
	MoreHref string
	// Note writes a note (see Note): the theme's partial, which users can
	// replace. The notes of a block (a paragraph, a list item, a table
	// cell; a heading's go after it) are written together at its end, in
	// an element of the class "sidenotes", so that a note shown in the
	// text never splits a sentence. Without it no notes, and no
	// references, are written.
	Note func(w io.Writer, n Note) error
	// Ref writes the numbered reference after a passage (see Ref), which
	// leads to its note: the theme's partial.
	Ref func(w io.Writer, r Ref) error
	// Mark writes the start and the end of each piece of a marked
	// passage (see Mark): the theme's partial, which users can replace.
	// Without it, the pieces are written as <mark class="hl" …>.
	Mark func(w io.Writer, m Mark) error
}

// Mark is a piece of a marked passage, as Highlights.Mark gets it: once
// with Open set, before the piece's text, once without, after it. A
// passage is split into pieces where formatting or another passage
// crosses it.
type Mark struct {
	Open    bool
	Passage *Passage
	// First is set on the passage's first piece, which carries its id
	// (and Noted: a reference to its note follows the passage).
	First, Noted bool
	// Also are, on the first piece, the ids of the passages of exactly the
	// same span, which share its mark.
	Also     []string
	Conflict bool // the passage or one of the same span is in a conflict
}

// Note is the note of one claim on the passages it quotes in one block:
// a claim quoting three passages of a paragraph has one note there, which
// the three passages' references lead to. As Highlights.Note gets it.
type Note struct {
	ID string // the note's id: "note-" and its first passage's, "-more" after it for a note counting others
	// Passage is its first passage (for a note counting others, the first
	// of their span), Passages all of those it notes, in the text's order.
	Passage  *Passage
	Passages []*Passage
	// More is, for the note counting the passages of a span whose notes
	// are not shown, their number; 0 for a claim's own note.
	More int
	// Href is where the page lists the passages a More note counts
	// (Highlights.MoreHref).
	Href     string
	Conflict bool // one of its passages, or of those counted, is in a conflict
}

// Ref is the numbered reference after a passage, leading to its note, as
// Highlights.Ref gets it.
type Ref struct {
	Note    string   // the id of the note it leads to
	Passage *Passage // the passage it follows; for one counting others, the first of their span
	// First is set on the first reference to its note: of a claim's
	// several passages in a block, one reference is the note's stop for
	// the keyboard.
	First bool
	// More is, on the reference to a note counting passages, their number.
	More     int
	Conflict bool // its passage, or one of those counted, is in a conflict
}

// Passage is a quoted passage. Passages may overlap; each keeps its own
// element, nested inside the others where they cover the same text.
// Passages of exactly the same span share one element: the first (by ID)
// carries the mark, the others their ids in empty anchors at its start,
// and the first maxNotes of them their references after it, then one
// counting the rest, so that a passage quoted by a thousand claims is one
// mark with a few notes, not a thousand nested marks.
type Passage struct {
	Start, End int
	ID         string // the anchor, e.g. "q-claim-id-1"
	Claim      string // the claim's id: its passages in one block share a note
	Conflict   bool   // its figure or its claim is in a conflict
	// The note of the passage's claim: a numbered reference after the
	// passage, and the note at the end of its block, with the claim's
	// title, a link to the claim and its verdict. Number is the claim's
	// number, the note's label ("4"); RefLabel the reference's ("4b", for
	// the second of the claim's passages on the page).
	Number, RefHref, RefLabel, RefTitle string
	// Verdict is the claim's verdict's name (its class), VerdictLabel what
	// readers see and VerdictHref where the scale explains it; the badge
	// shows the name when there is no label, and is a link when there is
	// an address.
	Verdict, VerdictLabel, VerdictHref string
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
	KindNotes   = ast.NewNodeKind("DossierNotes")
)

type markNode struct {
	ast.BaseInline
	passage  *Passage
	first    bool       // the passage's first piece carries its id
	also     []*Passage // on the first piece: the passages of the same span, whose ids it carries too
	conflict bool       // the passage or one of the same span is in a conflict
	render   func(io.Writer, Mark) error
}

func (n *markNode) Kind() ast.NodeKind               { return KindMark }
func (n *markNode) Dump(source []byte, level int)    { ast.DumpHelper(n, source, level, nil, nil) }
func (n *mentionNode) Kind() ast.NodeKind            { return KindMention }
func (n *mentionNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
func (n *refNode) Kind() ast.NodeKind                { return KindRef }
func (n *refNode) Dump(source []byte, level int)     { ast.DumpHelper(n, source, level, nil, nil) }
func (n *notesNode) Kind() ast.NodeKind              { return KindNotes }
func (n *notesNode) Dump(source []byte, level int)   { ast.DumpHelper(n, source, level, nil, nil) }

// Type is inline for the notes at the end of a block's text, block for
// those after a heading.
func (n *notesNode) Type() ast.NodeType {
	if n.inline {
		return ast.TypeInline
	}
	return ast.TypeBlock
}

type mentionNode struct {
	ast.BaseInline
	mention *Mention
}

type refNode struct {
	ast.BaseInline
	ref   Ref
	write func(io.Writer, Ref) error
}

// notesNode holds the notes of a block, written at its end (inline) or,
// for a heading, after it.
type notesNode struct {
	ast.BaseBlock
	inline bool
	notes  []*Note
	write  func(io.Writer, Note) error
}

// noteKey is a note's claim in a block.
type noteKey struct {
	block ast.Node
	claim string
}

// maxNotes is the most notes shown after one span of text, however many
// passages quote exactly it; one more note counts the others (when they
// are two or more).
const maxNotes = 5

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
	// Passages of the same span are adjacent now: the first leads, the
	// others go with it.
	same := map[*Passage][]*Passage{}
	leads := passages[:0]
	for _, p := range passages {
		if n := len(leads); n > 0 && leads[n-1].Start == p.Start && leads[n-1].End == p.End {
			same[leads[n-1]] = append(same[leads[n-1]], p)
			continue
		}
		leads = append(leads, p)
	}
	passages = leads
	mentions := h.Mentions

	mergeTexts(doc)
	var runs []textRun
	walkPlainOffsets(doc, src, func(r textRun) {
		runs = append(runs, r) // text, strings and autolinks' labels
	})

	w := &wrapper{firstDone: make(map[*Passage]bool), first: make(map[*Passage]ast.Node), last: make(map[*Passage]ast.Node), link: make(map[*Passage]ast.Node), same: same, mark: h.Mark}
	var codes []*ast.CodeSpan // code spans with pieces marked inside
	// One sweep over the runs, which come in order of their place in the
	// plain text: the passages over a run are those over the one before
	// that reach into it, then those that start in it. Each run costs
	// time in what is marked in it, never in the passages before it.
	var active []*Passage // over the current run, outermost first
	next := 0             // passages[next:] start at or after the current run's end
	// Each run's working slices, reused from run to run: a source has
	// hundreds of runs with something marked in them.
	var (
		ms     []*Mention
		cuts   []int
		at     []int
		pieces []piece
		cover  []*Passage
		stacks []any
	)
	for _, r := range runs {
		t := r.node
		lo, hi := r.start, r.start+utf8.RuneCount(r.value)
		active = slices.DeleteFunc(active, func(p *Passage) bool { return p.End <= lo })
		for ; next < len(passages) && passages[next].Start < hi; next++ {
			if p := passages[next]; p.End > lo && p.End > p.Start {
				active = append(active, p)
			}
		}
		ps := active
		ms = overlappingMentions(ms[:0], mentions, lo, hi)
		if len(ps) == 0 && len(ms) == 0 {
			continue
		}
		_, isAutoLink := t.(*ast.AutoLink)
		// The outermost link or code span the run's pieces will be in
		// (references go after it); the autolink itself for its label.
		w.outer = outermostLink(t.Parent())
		if isAutoLink {
			w.outer = outermostLink(t)
		}
		inLink := isAutoLink || hasLinkAncestor(t)
		code, inCode := t.Parent().(*ast.CodeSpan)
		if inCode && (len(codes) == 0 || codes[len(codes)-1] != code) {
			codes = append(codes, code)
		}
		cuts = append(cuts[:0], lo, hi)
		for _, p := range ps {
			cuts = append(cuts, clamp(p.Start, lo, hi), clamp(p.End, lo, hi))
		}
		for _, m := range ms {
			cuts = append(cuts, clamp(m.Start, lo, hi), clamp(m.End, lo, hi))
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		// The pieces' texts are the run's own bytes, found by the cuts'
		// byte offsets; a run that is not valid UTF-8 goes by code points,
		// each invalid byte becoming U+FFFD as a conversion makes it.
		var rs []rune
		at = at[:0] // the byte offset of each cut
		if utf8.Valid(r.value) {
			at = slices.Grow(at, len(cuts))[:len(cuts)]
			j, n := 0, lo
			for i := 0; i < len(r.value); {
				for ; j < len(cuts) && cuts[j] == n; j++ {
					at[j] = i
				}
				_, size := utf8.DecodeRune(r.value[i:])
				i += size
				n++
			}
			for ; j < len(cuts); j++ {
				at[j] = len(r.value)
			}
		} else {
			rs = bytes.Runes(r.value)
		}
		// A sweep over the pieces between cuts: every passage and mention
		// either covers a piece or misses it, so the passages covering
		// [a, b) are those that start by a and end after it.
		pieces = pieces[:0]
		cover = cover[:0] // covering the current piece, outermost first
		stacks = stacks[:0]
		k, mi := 0, 0
		for i := 0; i+1 < len(cuts); i++ {
			a, b := cuts[i], cuts[i+1]
			cover = slices.DeleteFunc(cover, func(p *Passage) bool { return p.End <= a })
			for ; k < len(ps) && ps[k].Start <= a; k++ {
				if ps[k].End > a {
					cover = append(cover, ps[k])
				}
			}
			var pc piece
			if rs == nil {
				pc.text = r.value[at[i]:at[i+1]]
			} else {
				pc.text = []byte(string(rs[a-lo : b-lo]))
			}
			if inCode {
				// As codeText, into a copy: the Markdown's bytes stay.
				pc.text = bytes.ReplaceAll(pc.text, []byte("\n"), []byte(" "))
			}
			// The stacks of a run's pieces share one array; each has
			// room for its mention.
			if cap(stacks)-len(stacks) < len(cover)+1 {
				stacks = make([]any, 0, max(64, 2*cap(stacks), len(cover)+1))
			}
			n := len(stacks)
			stacks = stacks[:n+len(cover)+1]
			pc.stack = stacks[n : n+len(cover) : n+len(cover)+1]
			for j, p := range cover {
				pc.stack[j] = p
			}
			if !inLink {
				for mi < len(ms) && ms[mi].End <= a {
					mi++
				}
				for _, m := range ms[mi:] {
					if m.Start > a {
						break
					}
					if m.End >= b {
						pc.stack = append(pc.stack, m)
						break
					}
				}
			}
			pieces = append(pieces, pc)
		}
		parent := t.Parent()
		nodes := w.build(pieces, 0)
		switch t := t.(type) {
		case *ast.Text:
			for _, n := range nodes {
				parent.InsertBefore(parent, t, n)
			}
			// Keep the node, emptied, for its line break.
			t.Segment = text.NewSegment(t.Segment.Stop, t.Segment.Stop)
		case *ast.String:
			for _, n := range nodes {
				parent.InsertBefore(parent, t, n)
			}
			parent.RemoveChild(parent, t)
		case *ast.AutoLink:
			// Its label, marked, becomes its children (see renderAutoLink).
			for _, n := range nodes {
				t.AppendChild(t, n)
			}
		}
	}
	// goldmark renders a code span's children as text segments only; in
	// one with marks, the rest of its text becomes strings too, and
	// renderCodeSpan renders them all as nodes.
	for _, code := range codes {
		for c := code.FirstChild(); c != nil; {
			next := c.NextSibling()
			if t, ok := c.(*ast.Text); ok {
				if v := t.Segment.Value(src); len(v) > 0 {
					s := ast.NewString([]byte(codeText(string(v))))
					s.SetRaw(true)
					code.InsertBefore(code, t, s)
				}
				code.RemoveChild(code, t)
			}
			c = next
		}
	}
	if h.Note != nil {
		w.notes(h, same)
	}
}

// notes writes the references after each passage's last piece, in passage
// order (when several follow the same node they keep that order), and the
// notes at the end of the blocks the passages start in: one per claim per
// block, however many of its passages the block holds. Those of the
// passages of the same span follow their lead's, up to maxNotes, then one
// that counts the rest.
func (w *wrapper) notes(h *Highlights, same map[*Passage][]*Passage) {
	after := make(map[ast.Node]ast.Node)
	blocks := make(map[ast.Node]*notesNode)
	var order []ast.Node // the blocks with notes, in the text's order
	notes := make(map[noteKey]*Note)
	for _, lead := range w.order {
		end := w.link[lead]
		if end == nil {
			end = w.last[lead]
		}
		block := blockOf(w.first[lead])
		nn := blocks[block]
		if nn == nil {
			nn = &notesNode{inline: block.Kind() != ast.KindHeading, write: h.Note}
			blocks[block] = nn
			order = append(order, block)
		}
		var refs []*refNode
		more := &Note{ID: "note-" + lead.ID + "-more", Passage: lead, Href: h.MoreHref}
		all := append([]*Passage{lead}, same[lead]...)
		shown := maxNotes
		if len(all) == maxNotes+1 {
			shown++ // a note counting one would be no shorter than it
		}
		n := 0
		for _, p := range all {
			switch {
			case p.RefHref == "":
			case n < shown:
				n++
				key := noteKey{block, p.Claim}
				if p.Claim == "" {
					key.claim = "\x00" + p.ID // no claim: a note of its own
				}
				note, ok := notes[key]
				if !ok {
					note = &Note{ID: "note-" + p.ID, Passage: p}
					notes[key] = note
					nn.notes = append(nn.notes, note)
				}
				note.Passages = append(note.Passages, p)
				note.Conflict = note.Conflict || p.Conflict
				refs = append(refs, &refNode{ref: Ref{Note: note.ID, Passage: p, First: !ok, Conflict: p.Conflict}, write: h.Ref})
			default:
				more.More++
				more.Passages = append(more.Passages, p)
				more.Conflict = more.Conflict || p.Conflict
			}
		}
		if more.More > 0 {
			nn.notes = append(nn.notes, more)
			refs = append(refs, &refNode{ref: Ref{Note: more.ID, Passage: lead, First: true, More: more.More, Conflict: more.Conflict}, write: h.Ref})
		}
		for _, ref := range refs {
			target := end
			if prev, ok := after[end]; ok {
				target = prev
			}
			target.Parent().InsertAfter(target.Parent(), target, ref)
			after[end] = ref
		}
	}
	for _, block := range order {
		nn := blocks[block]
		if len(nn.notes) == 0 {
			continue
		}
		if nn.inline {
			block.AppendChild(block, nn)
		} else {
			block.Parent().InsertAfter(block.Parent(), block, nn)
		}
	}
}

// blockOf is the block that holds an inline node: a paragraph, a tight
// list item's text, a heading, a table cell.
func blockOf(n ast.Node) ast.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			return p
		}
	}
	return n
}

// piece is a run of text with the passages (outermost first) and the
// mention that cover it.
type piece struct {
	text  []byte // often the Markdown's own bytes: read, never written
	stack []any  // *Passage or *Mention
}

// wrapper builds the nodes for pieces, tracking each passage's first and
// last element across the whole document.
type wrapper struct {
	firstDone map[*Passage]bool
	first     map[*Passage]ast.Node // the passage's first piece
	last      map[*Passage]ast.Node
	link      map[*Passage]ast.Node // the outermost link or code span around last, if any
	same      map[*Passage][]*Passage
	order     []*Passage
	outer     ast.Node // the outermost link or code span around the run being built, or nil
	mark      func(io.Writer, Mark) error
}

// build turns pieces into nodes, grouping consecutive pieces that share a
// wrapper at this depth into one element, so that a passage containing a
// mention stays one <mark> around the mention's <a>.
func (w *wrapper) build(pieces []piece, depth int) []ast.Node {
	var out []ast.Node
	for i := 0; i < len(pieces); {
		if len(pieces[i].stack) <= depth {
			// The piece's bytes, often the Markdown's own: the string
			// node only reads them.
			s := ast.NewString(pieces[i].text)
			s.SetRaw(true) // written escaped, not re-read as Markdown
			out = append(out, s)
			i++
			continue
		}
		key := pieces[i].stack[depth]
		j := i + 1
		for j < len(pieces) && len(pieces[j].stack) > depth && pieces[j].stack[depth] == key {
			j++
		}
		var node ast.Node
		switch k := key.(type) {
		case *Passage:
			mk := &markNode{passage: k, first: !w.firstDone[k], conflict: k.Conflict, render: w.mark}
			for _, p := range w.same[k] {
				mk.conflict = mk.conflict || p.Conflict
			}
			if mk.first {
				mk.also = w.same[k]
			}
			if !w.firstDone[k] {
				w.firstDone[k] = true
				w.first[k] = mk
				w.order = append(w.order, k)
			}
			w.last[k] = mk
			w.link[k] = w.outer
			node = mk
		case *Mention:
			node = &mentionNode{mention: k}
		}
		for _, c := range w.build(pieces[i:j], depth+1) {
			node.AppendChild(node, c)
		}
		out = append(out, node)
		i = j
	}
	return out
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

// overlappingMentions appends to out the mentions of ms over [lo, hi).
func overlappingMentions(out []*Mention, ms []Mention, lo, hi int) []*Mention {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].End > lo })
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

// outermostLink returns the outermost of n and its ancestors that is a
// link or a code span, or nil: a reference (itself a link) must not be
// nested inside another link, nor shown as code, so it goes after that.
func outermostLink(n ast.Node) ast.Node {
	var out ast.Node
	for ; n != nil; n = n.Parent() {
		if n.Kind() == ast.KindLink || n.Kind() == ast.KindAutoLink || n.Kind() == ast.KindCodeSpan {
			out = n
		}
	}
	return out
}

// codeText is a piece of a code span's text as a page shows it: each of
// its lines ends in a space, not a line break (as goldmark renders it).
func codeText(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// nodeRenderer renders the highlight extension's nodes. Every value is
// escaped: ids, classes and URLs come from content.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMark, renderMark)
	reg.Register(KindMention, renderMention)
	reg.Register(KindRef, renderRef)
	reg.Register(KindNotes, renderNotes)
	reg.Register(ast.KindCodeSpan, renderCodeSpan)
	reg.Register(ast.KindAutoLink, renderAutoLink)
}

// renderAutoLink is goldmark's, but renders the marks an autolink holds,
// when a passage or mention covers its label, instead of the label.
func renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		if n.HasChildren() {
			_, _ = w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	url := util.URLEscape(n.URL(source), false)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		_, _ = w.WriteString("mailto:")
	}
	if !ghtml.IsDangerousURL(url) {
		_, _ = w.Write(util.EscapeHTML(url))
	}
	if n.Attributes() != nil {
		_ = w.WriteByte('"')
		ghtml.RenderAttributes(w, n, ghtml.LinkAttributeFilter)
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString(`">`)
	}
	if n.HasChildren() {
		return ast.WalkContinue, nil
	}
	_, _ = w.Write(util.EscapeHTML(n.Label(source)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

// renderCodeSpan is goldmark's, but renders the marks and strings that a
// highlighted code span holds instead of its text segments.
func renderCodeSpan(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<code")
	if n.Attributes() != nil {
		ghtml.RenderAttributes(w, n, ghtml.CodeAttributeFilter)
	}
	_ = w.WriteByte('>')
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.Text); !ok {
			return ast.WalkContinue, nil // highlighted: every child is a node to render
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		v := c.(*ast.Text).Segment.Value(source)
		if bytes.HasSuffix(v, []byte("\n")) {
			ghtml.DefaultWriter.RawWrite(w, v[:len(v)-1])
			_ = w.WriteByte(' ')
		} else {
			ghtml.DefaultWriter.RawWrite(w, v)
		}
	}
	return ast.WalkSkipChildren, nil
}

func attr(w util.BufWriter, name, value string) {
	_, _ = w.WriteString(" " + name + `="`)
	_, _ = w.Write(util.EscapeHTML([]byte(value)))
	_ = w.WriteByte('"')
}

func renderMark(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*markNode)
	if n.render != nil {
		m := Mark{Open: entering, Passage: n.passage, First: n.first, Noted: n.first && n.passage.RefHref != "", Conflict: n.conflict}
		if entering {
			for _, p := range n.also {
				m.Also = append(m.Also, p.ID)
			}
		}
		if err := n.render(w, m); err != nil {
			return ast.WalkStop, err
		}
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</mark>")
		return ast.WalkContinue, nil
	}
	class := "hl"
	if n.conflict {
		class += " conflict"
	}
	_, _ = w.WriteString("<mark")
	if n.first {
		attr(w, "id", n.passage.ID)
	}
	attr(w, "class", class)
	attr(w, "data-claim", n.passage.Claim)
	attr(w, "data-q", n.passage.ID)
	_ = w.WriteByte('>')
	// The ids of the passages of the same span: claim pages link to them.
	for _, p := range n.also {
		_, _ = w.WriteString("<span")
		attr(w, "id", p.ID)
		attr(w, "class", "hl-also")
		_, _ = w.WriteString("></span>")
	}
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
	r := node.(*refNode)
	if !entering || r.write == nil {
		return ast.WalkContinue, nil
	}
	if err := r.write(w, r.ref); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkContinue, nil
}

func renderNotes(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*notesNode)
	tag := "div"
	if n.inline {
		tag = "span"
	}
	_, _ = w.WriteString("<" + tag + ` class="sidenotes">`)
	for _, note := range n.notes {
		if err := n.write(w, *note); err != nil {
			return ast.WalkStop, err
		}
	}
	_, _ = w.WriteString("</" + tag + ">")
	if !n.inline {
		_ = w.WriteByte('\n')
	}
	return ast.WalkSkipChildren, nil
}
