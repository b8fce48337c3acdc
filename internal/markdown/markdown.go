// Package markdown owns the one goldmark configuration a build uses, and
// the extensions that make a dossier out of plain Markdown:
//
//   - Plain: the text a reader sees, which quotes are anchored in;
//   - highlights: an AST transformer that splits text nodes at passage and
//     mention boundaries and wraps the pieces in <mark> and <a> nodes, so
//     passages may cross line breaks and inline formatting and may overlap;
//   - links: source:, claim:, entity: and figure: targets resolved to
//     relative URLs, and dangerous schemes kept out of every href.
//
// Raw HTML stays off. Per-document data travels in parser.Context, never in
// package state, so one Markdown value serves every goroutine of a build.
package markdown

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"slices"
	"sync"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// CodeStyle is the chroma style of code blocks.
const CodeStyle = "github"

// Markdown parses and renders dossier Markdown. It is safe for concurrent use.
type Markdown struct {
	gm goldmark.Markdown
	// plain parses a body in which GFM's autolinks cannot occur, with
	// everything of gm but its linkify parser (see parser).
	plain parser.Parser
	// writers are the buffered writers Render lends goldmark, and
	// buffers RenderString's buffers, whose string is copied out at its
	// size: thousands of bodies a build leave no garbage of their own.
	writers sync.Pool // *bufio.Writer
	buffers sync.Pool // *bytes.Buffer
}

// New returns the build's Markdown processor.
func New() *Markdown {
	gm := goldmark.New(options(extension.GFM)...)
	plain := goldmark.New(options(extension.Table, extension.Strikethrough, extension.TaskList)...)
	return &Markdown{gm: gm, plain: plain.Parser()}
}

// options configures goldmark with the given GFM extensions.
func options(gfm ...goldmark.Extender) []goldmark.Option {
	return []goldmark.Option{
		goldmark.WithExtensions(append(gfm,
			highlighting.NewHighlighting(
				highlighting.WithStyle(CodeStyle),
				highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			),
		)...),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(
				util.Prioritized(linkTransformer{}, 100),
				util.Prioritized(highlightTransformer{}, 200),
			),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)),
		),
	}
}

// Options are what one document's rendering needs from the rest of the
// build. The zero value renders plain Markdown.
type Options struct {
	// Resolve turns an internal link target into a URL relative to the page
	// being rendered. ok is false when the target names nothing.
	Resolve func(t Target) (href string, ok bool)
	// Highlights are the passages and mentions to mark in the text.
	Highlights *Highlights
}

var optionsKey = parser.NewContextKey()

func (m *Markdown) parse(src []byte, opts *Options) ast.Node {
	pc := parser.NewContext()
	if opts != nil {
		pc.Set(optionsKey, opts)
	}
	p := m.gm.Parser()
	if !mayAutolink(src) {
		p = m.plain
	}
	return p.Parse(text.NewReader(src), parser.WithContext(pc))
}

// mayAutolink reports whether GFM's linkify parser could find a link in
// src. It only ever links raw text that starts with "http://", "https://",
// "ftp://" or "www.", or an e-mail address; without "://", "www." or an @
// it makes nothing, yet runs at every space and line head of every
// paragraph, and splits the text there into nodes of its own. Parsing such
// a body without it gives the same document, in fewer text nodes (a test
// holds the two parsers to the same HTML and plain text).
func mayAutolink(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www."))
}

// Render writes the HTML of src.
func (m *Markdown) Render(w io.Writer, src []byte, opts Options) error {
	doc := m.parse(src, &opts)
	// goldmark wraps a writer that is no bufio.Writer in a new one, 4 KiB
	// for each body rendered; thousands of bodies are rendered a build.
	bw, _ := m.writers.Get().(*bufio.Writer)
	if bw == nil {
		bw = bufio.NewWriter(w)
	} else {
		bw.Reset(w)
	}
	err := m.gm.Renderer().Render(bw, src, doc)
	bw.Reset(nil) // not to keep w alive from the pool
	m.writers.Put(bw)
	return err
}

// RenderString is Render into a string.
func (m *Markdown) RenderString(src []byte, opts Options) (string, error) {
	b, _ := m.buffers.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	b.Reset()
	err := m.Render(b, src, opts)
	s := b.String()
	if b.Cap() <= 1<<20 {
		m.buffers.Put(b)
	}
	return s, err
}

// Plain returns the text a reader sees in src: Markdown formatting removed,
// escapes resolved, blocks separated by a blank line, line breaks kept.
// Code blocks, raw HTML and image descriptions are not part of it.
func (m *Markdown) Plain(src []byte) *PlainText {
	p, _ := m.Read(src)
	return p
}

// Read returns the plain text and the internal links of src from one parse.
func (m *Markdown) Read(src []byte) (*PlainText, []Link) {
	doc := m.parse(src, nil)
	return plainOf(doc, src), linksOf(doc, src)
}

func plainOf(doc ast.Node, src []byte) *PlainText {
	p := &PlainText{}
	p.Text = walkPlain(doc, src, func(r textRun) {
		if t, ok := r.node.(*ast.Text); ok {
			p.starts = append(p.starts, int32(r.start))
			p.offsets = append(p.offsets, int32(t.Segment.Start))
		}
	})
	// Kept for the build's length, so copied out at their size. int32
	// holds any offset: content files are at most content.MaxFileSize.
	p.starts, p.offsets = slices.Clone(p.starts), slices.Clone(p.offsets)
	return p
}

// PlainText is a document's plain text, with a map back to the Markdown.
type PlainText struct {
	Text    string
	starts  []int32 // code point offset in Text of each text node
	offsets []int32 // byte offset in the Markdown of the same node
}

// SourceOffset returns the byte offset in the Markdown of the text node
// holding plain-text position pos (in code points), for pointing an editor
// at the line where a passage stands.
func (p *PlainText) SourceOffset(pos int) int {
	pos = min(pos, math.MaxInt32-1)
	i, _ := slices.BinarySearch(p.starts, int32(pos+1))
	if i--; i < 0 {
		return 0
	}
	return int(p.offsets[i])
}

// ChromaCSS returns the stylesheet for highlighted code blocks.
func ChromaCSS() []byte {
	var b bytes.Buffer
	style := styles.Get(CodeStyle)
	_ = chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&b, style)
	return b.Bytes()
}
