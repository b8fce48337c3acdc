// Package anchor finds an editor's quote in the plain text of a source.
//
// A quote is typed, or pasted, by an editor who cannot see the difference between
// a curly and a straight apostrophe, an en dash and a hyphen, or one space and a
// line break. So matching is case-sensitive but compares text in a normalised form
// (see [Fold] and [Normalize]):
//
//   - every run of white space (any Unicode space, including tabs, line breaks
//     and the no-break space U+00A0) counts as one space, and white space at
//     either end of a quote is ignored;
//   - ‘ ’ ‚ ‛ ′ count as ' and “ ” „ ‟ ″ as ";
//   - all dashes - ‐ ‑ ‒ – — ― − count as -.
//
// Positions are Unicode code points of the plain text, End exclusive, as in the
// W3C TextPositionSelector. A quote's prefix and suffix settle which of several
// occurrences is meant, as in the W3C TextQuoteSelector.
//
// A [Text] is built once per source (normalised text and offset map); its
// content never changes after that, so any number of goroutines may call
// [Text.Find] on it. Finding a quote costs one substring search of the
// normalised text (a scan for the first few dozen quotes of a text, then a
// suffix array lookup); only when a quote is not found at all does Find run
// the slower approximate search that names the closest passage, for the error
// message.
package anchor

import (
	"index/suffixarray"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Span is a passage of a plain text: code point offsets, End exclusive.
type Span struct{ Start, End int }

// Quote is what an editor wrote to point at a passage: the passage itself and,
// optionally, the text right before and right after it.
type Quote struct{ Exact, Prefix, Suffix string }

// Result tells where a quote was found, or why it was not.
//
// The caller tells the cases apart:
//   - Found: exactly one occurrence passes prefix and suffix; Span is it.
//   - no Occurrences: the quote is not in the text; Closest is the nearest passage.
//   - Occurrences but no Kept: prefix or suffix does not match.
//   - several Kept: ambiguous; a prefix or suffix is needed to settle it.
type Result struct {
	Found       bool   // exactly one occurrence survives prefix/suffix filtering
	Span        Span   // the match when Found
	Occurrences []Span // every occurrence of Exact, before prefix/suffix filtering
	Kept        []Span // the occurrences whose surroundings match Prefix and Suffix
	Closest     Near   // filled only when there is no occurrence at all
}

// Near is the passage of a text closest to a quote that is not in it.
type Near struct {
	Span       Span
	Text       string  // the closest passage, as it stands in plain
	Similarity float64 // 0..1: 1 - editDistance/len(pattern) on normalised text, clamped at 0
}

// Fold maps one rune to its matching class: curly and prime quotes to straight
// ones, every dash to '-', every white space rune to ' '. Other runes are
// returned as they are (matching stays case-sensitive).
func Fold(r rune) rune {
	if r < utf8.RuneSelf {
		switch r {
		case '\t', '\n', '\v', '\f', '\r':
			return ' '
		}
		return r
	}
	switch r {
	case '‘', '’', '‚', '‛', '′':
		return '\''
	case '“', '”', '„', '‟', '″':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	}
	if unicode.IsSpace(r) { // includes U+00A0, U+2000–U+200A, U+2028, U+3000
		return ' '
	}
	return r
}

// Normalize returns s as quotes and names are compared: every rune folded by
// [Fold], runs of white space as one space, no white space at either end.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		f := Fold(r)
		if f == ' ' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(f)
	}
	return b.String()
}

// Text is the plain text of one source, prepared for finding quotes in it.
// Its content never changes after NewText, and it is safe for concurrent use:
// the one thing built later, the suffix array, is built once under a sync.Once.
type Text struct {
	plain string
	// norm is plain with every rune folded and every white space run written
	// as one space. Each rune of norm stands for one rune of plain, except a
	// space, which stands for the whole run.
	norm string
	// Where each rune of norm stands in plain: the rune that starts at
	// norm byte i is code point i+d of plain (the first of the run, for a
	// space), where d is shift[k] for the last k with from[k] <= i, or 0
	// before from[0]. d changes only after a rune of several bytes or a run
	// of white space, so that a text in English needs few entries where a
	// table of every byte took four bytes a byte of text.
	from, shift []int32

	// Occurrences are found by scanning norm for the first scanFinds calls
	// of Find, and from then on in a suffix array of norm, built once.
	scanFinds int64
	finds     atomic.Int64
	saOnce    sync.Once
	sa        *suffixarray.Index
}

// scanFinds is how many quotes are looked up by scanning the whole text before
// a suffix array is built. Measured (BenchmarkFind, 2 cores): a scan costs
// about 0.6 µs per KB of text per quote; building the suffix array costs
// 20–45 µs per KB, after which a lookup costs microseconds. The two cross
// between 30 quotes (5 KB text) and 75 (100 KB), so a source with a few dozen
// quotes never pays for the array and one with hundreds pays for it once:
// 500 quotes on 100 KB take 9 ms instead of 30 ms scanning alone.
const scanFinds = 64

// NewText prepares plain (the text a reader sees) for finding quotes in it.
func NewText(plain string) *Text {
	norm := make([]byte, 0, len(plain))
	t := &Text{plain: plain, scanFinds: scanFinds}
	n := int32(0)  // code points of plain read so far
	d := int32(0)  // the shift in force
	space := false // the last rune written to norm is a space
	for _, r := range plain {
		f := Fold(r)
		if f == ' ' && space {
			n++
			continue
		}
		space = f == ' '
		if at := int32(len(norm)); n-at != d {
			d = n - at
			t.from, t.shift = append(t.from, at), append(t.shift, d)
		}
		if f < utf8.RuneSelf {
			norm = append(norm, byte(f))
		} else {
			norm = utf8.AppendRune(norm, f)
		}
		n++
	}
	t.norm = string(norm)
	return t
}

// cp returns the code point of plain that the rune starting at norm byte
// i stands for.
func (t *Text) cp(i int) int {
	k, _ := slices.BinarySearch(t.from, int32(i)+1) // the first entry after i
	if k == 0 {
		return i
	}
	return i + int(t.shift[k-1])
}

// Plain returns the text that NewText was given.
func (t *Text) Plain() string { return t.plain }

// Find looks for q in the text. See [Result] for how to read the answer.
// An Exact that is empty or only white space is never found.
func (t *Text) Find(q Quote) Result {
	exact := Normalize(q.Exact)
	if exact == "" {
		return Result{}
	}
	occ := t.index(exact)
	if len(occ) == 0 {
		return Result{Closest: t.closest(exact)}
	}
	prefix, suffix := Normalize(q.Prefix), Normalize(q.Suffix)
	var r Result
	r.Occurrences = make([]Span, 0, len(occ))
	for _, i := range occ {
		end := i + len(exact)
		sp := t.span(i, end)
		r.Occurrences = append(r.Occurrences, sp)
		if t.fits(i, end, prefix, suffix) {
			r.Kept = append(r.Kept, sp)
		}
	}
	if len(r.Kept) == 1 {
		r.Found, r.Span = true, r.Kept[0]
	}
	return r
}

// index returns the byte offsets in norm of every occurrence of pat, in order,
// overlapping ones included. pat is valid UTF-8, so it can only match at a
// rune boundary.
func (t *Text) index(pat string) []int {
	if t.finds.Add(1) <= t.scanFinds {
		return t.scan(pat)
	}
	return t.lookup(pat)
}

// scan finds pat with strings.Index: O(len(norm)) a quote, nothing to build.
func (t *Text) scan(pat string) []int {
	var occ []int
	for off := 0; off <= len(t.norm)-len(pat); {
		j := strings.Index(t.norm[off:], pat)
		if j < 0 {
			break
		}
		occ = append(occ, off+j)
		off += j + 1
	}
	return occ
}

// lookup finds pat in the suffix array of norm, building it on first use.
func (t *Text) lookup(pat string) []int {
	t.saOnce.Do(func() { t.sa = suffixarray.New([]byte(t.norm)) })
	occ := t.sa.Lookup([]byte(pat), -1)
	slices.Sort(occ)
	return occ
}

// fits reports whether norm[i:end] has prefix right before it and suffix right
// after it; one space may stand between them either way.
func (t *Text) fits(i, end int, prefix, suffix string) bool {
	if prefix != "" {
		before := strings.TrimSuffix(t.norm[:i], " ")
		if !strings.HasSuffix(before, prefix) {
			return false
		}
	}
	if suffix != "" {
		after := strings.TrimPrefix(t.norm[end:], " ")
		if !strings.HasPrefix(after, suffix) {
			return false
		}
	}
	return true
}

// span maps norm[i:end] to code points of plain. norm[i:end] must not be
// empty and must neither start nor end with a space, so that its first and
// last runes each stand for exactly one rune of plain.
func (t *Text) span(i, end int) Span {
	last := end - 1
	for last > i && !utf8.RuneStart(t.norm[last]) {
		last--
	}
	return Span{Start: t.cp(i), End: t.cp(last) + 1}
}

// slice returns the passage of plain at sp.
func (t *Text) slice(sp Span) string {
	start, end := len(t.plain), len(t.plain)
	n := 0
	for b := range t.plain {
		if n == sp.Start {
			start = b
		}
		if n == sp.End {
			end = b
			break
		}
		n++
	}
	return t.plain[start:end]
}
