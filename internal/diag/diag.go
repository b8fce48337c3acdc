// Package diag holds the errors a build reports about its content.
//
// Every message names the file, line and column it is about and says what to
// do. A build collects all of them, sorted by position, rather than stopping
// at the first: an editor fixing a dossier wants the whole list at once. An
// error about two places (a name given twice) is reported once, at the place
// that came second, with a note pointing at the first, as esbuild's logger
// does; and an error that only follows from another (a link to a file whose
// front matter is broken) is not reported at all.
package diag

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Error is one problem found in a dossier's content.
type Error struct {
	Path string // slash-separated, relative to the content folder's parent as the user named it
	Line int    // 1-based; 0 when the problem concerns the whole file
	Col  int    // 1-based, in characters
	Msg  string // what is wrong and what to do about it
	// Source is the text of the offending line, when known, so that a
	// terminal or a browser overlay can show it under the message. Sort
	// cuts a line wider than Width to a window around Col (see Excerpt).
	Source string
	// SourceCol is the column, in characters of Source, of the character
	// at Col once Sort has cut Source; 0 while Source is the whole line.
	SourceCol int
	// Notes point at other places the error is about, such as the first
	// definition of a name given twice. The message itself still makes
	// sense without them, for tools that show only Msg.
	Notes []Note
}

// Note is a second place an error is about: "the first definition is here".
type Note struct {
	Path   string `json:"path"`
	Line   int    `json:"line"` // 1-based; 0 when the note concerns the whole file
	Col    int    `json:"col"`
	Msg    string `json:"message"`
	Source string `json:"source,omitempty"` // the text of the line, when known; cut as Error's
	// SourceCol is where Col stands in Source once Source is cut; 0
	// (and left out of JSON) while Source is the whole line.
	SourceCol int `json:"sourceCol,omitempty"`
}

// MarshalJSON writes the note with its source line cut as Sort cuts it,
// so that JSON never carries a whole line of any length.
func (n Note) MarshalJSON() ([]byte, error) {
	type plain Note
	n.cut()
	return json.Marshal(plain(n))
}

// cut cuts the source line to a window around the column (see Excerpt),
// once.
func (n *Note) cut() { n.Source, n.SourceCol = cut(n.Source, n.Col, n.SourceCol) }

func (e *Error) cut() {
	e.Source, e.SourceCol = cut(e.Source, e.Col, e.SourceCol)
	for i := range e.Notes {
		if n := e.Notes[i]; n.SourceCol == 0 && len(n.Source) > Width {
			// Notes may be shared with other lists: cut a copy.
			e.Notes = append([]Note(nil), e.Notes...)
			for j := range e.Notes {
				e.Notes[j].cut()
			}
			break
		}
	}
}

// cut returns source cut around col and the column col has in it, or
// source and sourceCol as they are when already cut or short enough.
func cut(source string, col, sourceCol int) (string, int) {
	if sourceCol != 0 || len(source) <= Width {
		return source, sourceCol
	}
	s, c := Excerpt(source, col)
	if s == source {
		return source, 0
	}
	return s, c
}

func (n Note) String() string {
	if n.Line == 0 {
		return fmt.Sprintf("%s: note: %s", n.Path, n.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: note: %s", n.Path, n.Line, n.Col, n.Msg)
}

func (e Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	default:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	}
}

// List is an ordered collection of errors. The zero value is ready to use.
type List []Error

// Add appends an error at a position.
func (l *List) Add(path string, line, col int, format string, args ...any) {
	*l = append(*l, Error{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Append adds every error of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the errors by path, line, column, message, then notes, and
// drops exact duplicates, so that output is stable whatever order the build
// found them in. It also cuts every source line wider than Width to a
// window around its column (see Excerpt), so that whatever shows the
// errors, a terminal, the preview's overlay or JSON, shows a short line.
func (l List) Sort() List {
	for i := range l {
		l[i].cut()
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Msg != b.Msg {
			return a.Msg < b.Msg
		}
		return notesLess(a.Notes, b.Notes)
	})
	out := l[:0]
	for i, e := range l {
		if i > 0 && same(e, l[i-1]) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// notesLess orders two errors' notes, place by place, so that errors
// differing only there sort the same way every time.
func notesLess(a, b []Note) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		switch {
		case x.Path != y.Path:
			return x.Path < y.Path
		case x.Line != y.Line:
			return x.Line < y.Line
		case x.Col != y.Col:
			return x.Col < y.Col
		case x.Msg != y.Msg:
			return x.Msg < y.Msg
		}
	}
	return len(a) < len(b)
}

// same reports whether two errors say the same thing at the same places.
func same(a, b Error) bool {
	if a.Path != b.Path || a.Line != b.Line || a.Col != b.Col || a.Msg != b.Msg ||
		a.Source != b.Source || a.SourceCol != b.SourceCol || len(a.Notes) != len(b.Notes) {
		return false
	}
	for i := range a.Notes {
		if a.Notes[i] != b.Notes[i] {
			return false
		}
	}
	return true
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Format writes every error, each followed by its source line and a caret
// under the column, the way compilers show them, then its notes, indented
// under it in the same way.
func (l List) Format() string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Error())
		b.WriteByte('\n')
		writeSource(&b, "    ", e.Source, e.Col, e.SourceCol)
		for _, n := range e.Notes {
			b.WriteString("  ")
			b.WriteString(n.String())
			b.WriteByte('\n')
			writeSource(&b, "      ", n.Source, n.Col, n.SourceCol)
		}
	}
	return b.String()
}

// writeSource writes a source line, cut to a window around column col
// unless sourceCol says where col stands in an already cut line, and a
// caret under that character.
func writeSource(b *strings.Builder, indent, source string, col, sourceCol int) {
	if source == "" || col <= 0 {
		return
	}
	line, caret := cut(source, col, sourceCol)
	if caret == 0 {
		caret = col
	}
	line = strings.ReplaceAll(line, "\t", " ")
	fmt.Fprintf(b, "%s%s\n%s%s^\n", indent, line, indent, strings.Repeat(" ", pad(line, caret-1)))
}
