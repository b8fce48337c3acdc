// Package diag holds the errors a build reports about its content.
//
// Every message names the file, line and column it is about and says what to
// do. A build collects all of them, sorted by position, rather than stopping
// at the first: an editor fixing a dossier wants the whole list at once.
package diag

import (
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
	// terminal or a browser overlay can show it under the message.
	Source string
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

// Sort orders the errors by path, line, column, then message, and drops exact
// duplicates, so that output is stable whatever order the build found them in.
func (l List) Sort() List {
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
		return a.Msg < b.Msg
	})
	out := l[:0]
	for i, e := range l {
		if i > 0 && e == l[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
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
// under the column, the way compilers show them.
func (l List) Format() string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Error())
		b.WriteByte('\n')
		if e.Source != "" && e.Col > 0 {
			line := strings.ReplaceAll(e.Source, "\t", " ")
			fmt.Fprintf(&b, "    %s\n    %s^\n", line, strings.Repeat(" ", caretOffset(line, e.Col)))
		}
	}
	return b.String()
}

// caretOffset is the number of characters before column col, capped at the
// line's length so that a caret never floats past the end.
func caretOffset(line string, col int) int {
	n := len([]rune(line))
	if col-1 > n {
		return n
	}
	return col - 1
}
