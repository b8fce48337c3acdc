package markdown

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
)

// textRun is one inline node's contribution to the plain text.
type textRun struct {
	node  ast.Node // *ast.Text, *ast.String or *ast.AutoLink
	value string   // as the reader sees it
	start int      // offset of value in the plain text, in code points
}

// walkPlain builds the plain text of doc. When visit is not nil it is
// called for every inline node that contributes text, in document order.
// Both the quote anchoring (through Plain) and the highlight transformer go
// through this one function, so their offsets always agree.
func walkPlain(doc ast.Node, src []byte, visit func(textRun)) string {
	return plainWalk(doc, src, visit, true)
}

// walkPlainOffsets is walkPlain for callers that need only the offsets
// given to visit, not the text itself.
func walkPlainOffsets(doc ast.Node, src []byte, visit func(textRun)) {
	plainWalk(doc, src, visit, false)
}

func plainWalk(doc ast.Node, src []byte, visit func(textRun), build bool) string {
	var b strings.Builder
	if build {
		// The plain text is about the Markdown's length, seldom more
		// (references such as &amp; shrink): one allocation, not a
		// dozen growing ones.
		b.Grow(len(src))
	}
	runes := 0
	sep := false
	add := func(n ast.Node, s string) {
		if s == "" && n == nil {
			return
		}
		if sep && runes > 0 {
			if build {
				b.WriteString("\n\n")
			}
			runes += 2
		}
		sep = false
		if n != nil && visit != nil {
			visit(textRun{node: n, value: s, start: runes})
		}
		if build {
			b.WriteString(s)
		}
		runes += utf8.RuneCountInString(s)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			var v string
			if n.IsRaw() {
				v = string(n.Segment.Value(src))
			} else {
				v = unescape(n.Segment.Value(src))
			}
			add(n, v)
			if n.SoftLineBreak() || n.HardLineBreak() {
				add(nil, "\n")
			}
		case *ast.String:
			if n.IsCode() || n.IsRaw() {
				add(n, string(n.Value))
			} else {
				add(n, unescape(n.Value))
			}
		case *ast.AutoLink:
			add(n, string(n.Label(src)))
		case *east.TaskCheckBox:
		default:
			if n.Type() == ast.TypeBlock {
				sep = true
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// unescape returns the text goldmark's HTML writer shows for raw inline
// text: backslash escapes and character references resolved. It runs the
// writer itself, so that the plain text is exactly what the page shows.
func unescape(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 && bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, 0) < 0 {
		return string(raw)
	}
	var out bufferWriter
	out.Grow(len(raw) + len(raw)/4)
	ghtml.DefaultWriter.Write(&out, raw)
	return html.UnescapeString(out.String())
}

// bufferWriter is a bytes.Buffer as goldmark's writers take one: a
// bufio.Writer over it would cost a 4 KiB buffer per text.
type bufferWriter struct{ bytes.Buffer }

func (*bufferWriter) Available() int { return 1 << 30 }
func (*bufferWriter) Flush() error   { return nil }
func (b *bufferWriter) Buffered() int {
	return b.Len()
}
