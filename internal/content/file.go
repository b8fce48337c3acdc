package content

import (
	"bytes"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"dossier/internal/diag"
)

// File is one text file of the dossier, normalised: a UTF-8 byte order mark
// removed and CRLF or lone CR line ends turned into LF. Offsets into Text
// map to the line and column an editor sees, because neither change moves
// a line.
type File struct {
	Path string // as shown in messages, e.g. "content/claims/x.md"
	// ModTime is when the file was last changed (zero when the file system
	// does not say): the date of a claim without one, a page's lastmod.
	ModTime time.Time
	Text    string
	// Body is the Markdown after the front matter; BodyOffset is where it
	// starts in Text, so that positions inside the body map back to the file.
	Body       string
	BodyOffset int

	// lineStarts is the byte offset of each line's first byte, found on
	// first use (lines): a build without errors asks for it of few files.
	lineOnce   sync.Once
	lineStarts []int
}

func newFile(path string, text string) *File {
	return &File{Path: path, Text: text}
}

// lines returns the byte offset of each line's first byte.
func (f *File) lines() []int {
	f.lineOnce.Do(func() {
		starts := make([]int, 1, 1+strings.Count(f.Text, "\n"))
		for i := 0; i < len(f.Text); i++ {
			if f.Text[i] == '\n' {
				starts = append(starts, i+1)
			}
		}
		f.lineStarts = starts
	})
	return f.lineStarts
}

// Position returns the 1-based line and column (in characters) of a byte
// offset into Text.
func (f *File) Position(offset int) (line, col int) {
	if offset > len(f.Text) {
		offset = len(f.Text)
	}
	starts := f.lines()
	lo, hi := 0, len(starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if starts[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1, utf8.RuneCountInString(f.Text[starts[lo]:offset]) + 1
}

// Offset returns the byte offset into Text of a 1-based line and column,
// the inverse of Position; a column past the line's end gives its end.
func (f *File) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	starts := f.lines()
	if line > len(starts) {
		return len(f.Text)
	}
	off := starts[line-1]
	for n := 1; n < col && off < len(f.Text) && f.Text[off] != '\n'; n++ {
		_, size := utf8.DecodeRuneInString(f.Text[off:])
		off += size
	}
	return off
}

// Line returns the text of a 1-based line, without its line end.
func (f *File) Line(n int) string {
	starts := f.lines()
	if n < 1 || n > len(starts) {
		return ""
	}
	start := starts[n-1]
	end := len(f.Text)
	if n < len(starts) {
		end = starts[n] - 1
	}
	return f.Text[start:end]
}

// Note returns a note about a place in the file, for an error about
// another place: "the first definition is here".
func (f *File) Note(line, col int, msg string) diag.Note {
	return diag.Note{Path: f.Path, Line: line, Col: col, Msg: msg, Source: f.Line(line)}
}

// normalise removes a byte order mark and turns CRLF and lone CR line
// ends (which YAML and Markdown count as line ends too) into LF.
func normalise(b []byte) string {
	if !bytes.HasPrefix(b, []byte("\uFEFF")) && bytes.IndexByte(b, '\r') < 0 {
		// The common case: nothing to change, and the text is the bytes
		// read rather than a copy of them (a copy of the whole dossier
		// each build). b is the caller's own (fs.ReadFile's contract),
		// and it is never written to again.
		if len(b) == 0 {
			return ""
		}
		return unsafe.String(unsafe.SliceData(b), len(b))
	}
	s := string(b)
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// firstInvalidUTF8 returns the byte offset of the first invalid UTF-8
// sequence, or -1.
func firstInvalidUTF8(s string) int {
	// Nearly every file is valid, which utf8.ValidString tells several
	// times faster than a walk rune by rune.
	if utf8.ValidString(s) {
		return -1
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
