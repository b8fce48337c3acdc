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
	node ast.Node // *ast.Text, *ast.String or *ast.AutoLink
	// value is the text as the reader sees it: most often the bytes of the
	// Markdown themselves, never to be written to.
	value []byte
	start int // offset of value in the plain text, in code points
}

// walkPlain builds the plain text of doc. When visit is not nil it is
// called for every inline node that contributes text, in document order,
// with its node and start (not its value). Both the quote anchoring
// (through Plain) and the highlight transformer go through plainWalk, so
// their offsets always agree.
func walkPlain(doc ast.Node, src []byte, visit func(textRun)) string {
	return plainWalk(doc, src, visit, true)
}

// walkPlainOffsets is plainWalk for callers that need only the runs given
// to visit, values included, not the text itself.
func walkPlainOffsets(doc ast.Node, src []byte, visit func(textRun)) {
	plainWalk(doc, src, visit, false)
}

// plainWalk walks doc's text: with build it returns the plain text and
// visit gets no values (the text is there, whole); without, it builds
// nothing and visit gets each run's value.
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
	// add adds a run: raw, the bytes of src as they are, or, when raw is
	// nil, s. Most of a text is raw bytes, copied only into the text built.
	add := func(n ast.Node, raw []byte, s string) {
		if n == nil && raw == nil && s == "" {
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
			r := textRun{node: n, start: runes}
			if !build {
				r.value = raw
				if raw == nil {
					r.value = []byte(s)
				}
			}
			visit(r)
		}
		if raw != nil {
			if build {
				b.Write(raw)
			}
			runes += utf8.RuneCount(raw)
			return
		}
		if build {
			b.WriteString(s)
		}
		runes += utf8.RuneCountInString(s)
	}
	// text adds the run of inline text raw: as it is, or with its
	// escapes and character references resolved.
	text := func(n ast.Node, raw []byte, asIs bool) {
		if asIs || !escaped(raw) {
			if raw == nil {
				raw = []byte{}
			}
			add(n, raw, "")
			return
		}
		add(n, nil, unescape(raw))
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			text(n, n.Segment.Value(src), n.IsRaw())
			if n.SoftLineBreak() || n.HardLineBreak() {
				add(nil, nil, "\n")
			}
		case *ast.String:
			text(n, n.Value, n.IsCode() || n.IsRaw())
		case *ast.AutoLink:
			text(n, n.Label(src), true)
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

// escaped reports whether raw inline text has what unescape resolves.
func escaped(raw []byte) bool {
	return bytes.IndexByte(raw, '\\') >= 0 || bytes.IndexByte(raw, '&') >= 0 || bytes.IndexByte(raw, 0) >= 0
}

// unescape returns the text goldmark's HTML writer shows for raw inline
// text: backslash escapes and character references resolved. It runs the
// writer itself, so that the plain text is exactly what the page shows.
func unescape(raw []byte) string {
	if !escaped(raw) {
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
