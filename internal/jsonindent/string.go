package jsonindent

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AppendString appends s as a JSON string, quoted and escaped byte for
// byte as encoding/json escapes a string (with SetEscapeHTML(escapeHTML)):
// for writers that build a large file's JSON directly rather than by
// reflection.
func AppendString(dst []byte, s string, escapeHTML bool) []byte {
	const hex = "0123456789abcdef"
	set := &safeSet
	if escapeHTML {
		set = &htmlSafeSet
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none of them needs a look: no
		// control byte, quote, backslash, <, > or & (when escaping HTML)
		// and nothing beyond ASCII.
		for i+8 <= len(s) && !needsLook(load8(s, i), escapeHTML) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			if set[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		// U+2028 and U+2029, which JavaScript does not allow in strings.
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// load8 is the eight bytes of s from i, the first the lowest.
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// needsLook reports whether any of the eight bytes of x is below 0x20,
// beyond ASCII, a quote or a backslash, or, with html, <, > or &: the
// bytes AppendString does not copy as they are. The tests for a byte
// below n and for a zero byte are exact as to whether there is one.
func needsLook(x uint64, html bool) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(v uint64) uint64 { return (v - ones) & ^v & highs }
	m := x&highs | (x-0x20*ones)&^x&highs | zero(x^'"'*ones) | zero(x^'\\'*ones)
	if html {
		m |= zero(x^'<'*ones) | zero(x^'>'*ones) | zero(x^'&'*ones)
	}
	return m != 0
}

// safeSet marks the ASCII bytes a JSON string holds as they are;
// htmlSafeSet those it holds as they are when escaping HTML too.
var safeSet, htmlSafeSet = func() (s, h [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		s[b] = b != '"' && b != '\\'
		h[b] = s[b] && b != '<' && b != '>' && b != '&'
	}
	return s, h
}()

// Builder builds JSON indented as encoding/json's Encoder with
// SetIndent("", indent) writes it, written directly by its caller, value
// by value, rather than by reflection over a value made to be encoded:
// one element or member a line, a space after each colon, empty objects
// and arrays as {} and [], a newline at the end.
//
// A Builder made by NewBuilder holds the JSON in memory (Bytes); one made
// by NewWriter hands it to a writer as it goes (Finish), so that a file of
// hundreds of megabytes is never whole in memory.
type Builder struct {
	b          []byte
	indent     string
	escapeHTML bool
	depth      int
	empty      bool   // the innermost object or array has no member or element yet
	err        error  // the first value JSON cannot hold, or the first write error
	lines      string // a newline and indents, to start lines up to 16 deep
	out        io.Writer
	flushAt    int // with out: the buffer is written out once it holds this much
}

// NewBuilder returns a Builder whose buffer starts with room for size
// bytes; escapeHTML is as the Encoder's SetEscapeHTML.
func NewBuilder(size int, escapeHTML bool, indent string) *Builder {
	return &Builder{b: make([]byte, 0, size), indent: indent, escapeHTML: escapeHTML,
		lines: "\n" + strings.Repeat(indent, 16)}
}

// FlushSize is how much JSON a Builder made by NewWriter holds before it
// writes it out: large enough that writes are few, small enough not to
// matter beside the data it is made from.
const FlushSize = 64 << 10

// NewWriter returns a Builder that writes the JSON to out as it is built,
// in pieces of about FlushSize bytes, and the rest when Finish is called.
// The bytes written are those Bytes would return.
func NewWriter(out io.Writer, escapeHTML bool, indent string) *Builder {
	w := NewBuilder(FlushSize+FlushSize/4, escapeHTML, indent)
	w.out, w.flushAt = out, FlushSize
	return w
}

// Open starts an object ('{') or an array ('['), as a value.
func (w *Builder) Open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

// Close ends the innermost object ('}') or array (']').
func (w *Builder) Close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.b = append(w.b, c)
	w.empty = false
}

// Elem starts an element of the innermost array: its value follows.
func (w *Builder) Elem() {
	if w.out != nil && len(w.b) >= w.flushAt {
		w.flush()
	}
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.newline()
	w.empty = false
}

// Key starts a member of the innermost object: its value follows.
func (w *Builder) Key(k string) {
	w.Elem()
	w.b = AppendString(w.b, k, w.escapeHTML)
	w.b = append(w.b, ':', ' ')
}

// String writes a string value.
func (w *Builder) String(s string) { w.b = AppendString(w.b, s, w.escapeHTML) }

// Null writes null, as a nil slice, map or pointer is written.
func (w *Builder) Null() { w.b = append(w.b, "null"...) }

// Int writes a number value.
func (w *Builder) Int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// Bool writes true or false.
func (w *Builder) Bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

// Float writes a number as encoding/json writes a float64: as
// JavaScript prints it. NaN and the infinities, which JSON cannot hold,
// are an error, as they are to encoding/json.
func (w *Builder) Float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		if w.err == nil {
			w.err = &json.UnsupportedValueError{Value: reflect.ValueOf(f), Str: strconv.FormatFloat(f, 'g', -1, 64)}
		}
		w.b = append(w.b, "null"...)
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	w.b = strconv.AppendFloat(w.b, f, format, -1, 64)
	if format == 'e' {
		// e-09 as e-9
		if n := len(w.b); n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}

// Bytes returns the JSON built, ending in a newline as the Encoder's does,
// or the error of a value it cannot hold.
//
// It is for a Builder made by NewBuilder; one made by NewWriter has
// written most of its JSON already, and ends with Finish.
func (w *Builder) Bytes() ([]byte, error) {
	if w.out != nil {
		return nil, errors.New("jsonindent: Bytes called on a Builder that writes to a writer: call Finish")
	}
	if w.err != nil {
		return nil, w.err
	}
	return append(w.b, '\n'), nil
}

// Finish writes what a Builder made by NewWriter still holds, and the
// newline that ends the JSON, and returns the first error: a value JSON
// cannot hold (after which nothing more was written) or the writer's.
func (w *Builder) Finish() error {
	if w.out == nil {
		return errors.New("jsonindent: Finish called on a Builder that builds in memory: call Bytes")
	}
	w.b = append(w.b, '\n')
	w.flush()
	return w.err
}

// flush hands the buffer to the writer and empties it. Once there is an
// error, nothing more is written: the JSON is not going to be whole.
func (w *Builder) flush() {
	if w.err == nil && len(w.b) > 0 {
		if _, err := w.out.Write(w.b); err != nil {
			w.err = err
		}
	}
	w.b = w.b[:0]
}

func (w *Builder) newline() {
	if n := 1 + w.depth*len(w.indent); n <= len(w.lines) {
		w.b = append(w.b, w.lines[:n]...)
		return
	}
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, w.indent...)
	}
}
