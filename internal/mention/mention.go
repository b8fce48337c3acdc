// Package mention finds where people, organisations and places are named in
// the plain text of a source.
//
// Every occurrence of an entity's name or of one of its aliases is a mention.
// A build has many names and many sources, so all names go into one
// Aho–Corasick automaton ([NewMatcher]) and each source is read once
// ([Matcher.Find]), whatever the number of names.
//
// Names are compared as quotes are in package anchor: case-sensitive, with
// [anchor.Fold] on both sides and a run of white space equal to one space, so
// "O’Brien" is found as "O'Brien" and a name broken across a line still counts.
// A blank line is not white space but a wall: the plain text puts one between
// two paragraphs, headings or other blocks, and no mention goes across it
// ("…met Donald" and "Trump said…" in two paragraphs are not "Donald Trump").
// A mention stands on word boundaries: the code points right before and right
// after it are not letters, digits or marks, so "US" is not found in "USA" or
// "Busy", but "Sheinbaum" is found in "Sheinbaum’s". Where mentions overlap,
// the leftmost wins, and of those starting there the longest ("Claudia
// Sheinbaum" over "Sheinbaum"): mentions never overlap.
//
// Finding them takes time and memory linear in the text, whatever the names:
// a long line dense with mentions, or names nested in each other ("Xa",
// "Xa Xa", "Xa Xa Xa", …), cost no more than ordinary prose of that length.
package mention

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"dossier/internal/anchor"
)

// Name is one name or alias of an entity.
type Name struct {
	Text   string // the name as written; folded and trimmed like a quote
	Entity string // the entity's slug
}

// Match is one mention: where it stands in the plain text and whose it is.
type Match struct {
	Span   anchor.Span
	Entity string
}

// Matcher finds the mentions of a fixed set of names. It is immutable after
// NewMatcher and safe for concurrent use.
type Matcher struct {
	ac automaton
	// names[i] is the name ending at the automaton states whose output is i.
	names []name
	// scratch lends Find the working arrays of one text (*scratch): four
	// bytes or more for each byte of every source, otherwise garbage.
	scratch sync.Pool
}

// scratch is Find's working memory.
type scratch struct {
	norm    []rune
	runs    []run
	longest []int32
}

type name struct {
	runes  int // length of the normalised name, in code points
	entity string
}

// NewMatcher builds the matcher for names. Names that are empty or only white
// space are ignored; when two names are the same once normalised, the first
// one wins (the caller reports the clash).
func NewMatcher(names []Name) *Matcher {
	m := &Matcher{}
	b := newBuilder()
	for _, n := range names {
		pat := []rune(anchor.Normalize(n.Text))
		if len(pat) == 0 {
			continue
		}
		if b.add(backwards(pat), int32(len(m.names))) {
			m.names = append(m.names, name{runes: len(pat), entity: n.Entity})
		}
	}
	m.ac = b.build()
	return m
}

// backwards returns name marked with its word boundaries, as [Matcher.Find]
// marks the text (see [startMark]), and written backwards, as Find reads it.
func backwards(name []rune) []rune {
	out := make([]rune, 0, 2*len(name)+2)
	for i := len(name) - 1; i >= 0; i-- {
		if i == len(name)-1 || !isWord(name[i+1]) {
			out = append(out, endMark)
		}
		out = append(out, name[i])
		if i == 0 || !isWord(name[i-1]) {
			out = append(out, startMark)
		}
	}
	return out
}

// Find returns the mentions in plain, sorted by position, in code points of
// plain.
//
// It takes time and memory linear in plain, whatever the names: a few
// integers per code point, never one per candidate. The automaton reads the
// text backwards, so that at each position it knows the longest name starting
// there, which is all that leftmost-longest needs; then one pass forwards
// keeps, from left to right, the longest name at each position not covered
// by the one kept before.
func (m *Matcher) Find(plain string) []Match {
	if len(m.names) == 0 {
		return nil
	}
	sc, _ := m.scratch.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer m.scratch.Put(sc)
	norm, runs := normalize(plain, sc.norm[:0], sc.runs[:0])
	sc.norm, sc.runs = norm, runs

	// longest[i] is 1 + the index of the longest name that starts at
	// norm[i] and stands on word boundaries, or 0. The marks are read as
	// the names were written (see [startMark]), backwards.
	longest := room(sc.longest, len(norm))[:len(norm)]
	clear(longest)
	sc.longest = longest
	state := int32(0)
	// Whether norm[i+1], norm[i] and norm[i-1] are word runes.
	wordAfter, word := false, len(norm) > 0 && isWord(norm[len(norm)-1])
	for i := len(norm) - 1; i >= 0; i-- {
		if wordAfter {
			state = m.ac.next(state, norm[i])
		} else {
			state = m.ac.endNext(state, norm[i])
		}
		wordBefore := i > 0 && isWord(norm[i-1])
		if !wordBefore {
			state = m.ac.step(state, -startMark)
			if out := m.ac.output(state); out >= 0 {
				longest[i] = m.ac.name[out] + 1
			}
		}
		wordAfter, word = word, wordBefore
	}

	var matches []Match
	var at offsets
	for i := 0; i < len(norm); {
		k := longest[i] - 1
		if k < 0 {
			i++
			continue
		}
		end := i + m.names[k].runes
		start := at.of(runs, i)
		matches = append(matches, Match{
			Span:   anchor.Span{Start: start, End: at.of(runs, end-1) + 1},
			Entity: m.names[k].entity,
		})
		i = end
	}
	return matches
}

// blockBreak stands in the normalised text for a run of white space that
// holds a blank line: the break between two paragraphs, headings or other
// blocks that the plain text writes as "\n\n". No name holds it (names are
// normalised, their line breaks made spaces), so no mention goes across it.
// A run with one line break, inside a paragraph, is a space like any other.
const blockBreak = '\n'

// room returns s emptied, with room for n elements: s itself when it has
// the room, else a new slice of exactly n (slices.Grow would make room
// for twice the old one, which a long text after a shorter one does not
// need).
func room[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:0]
	}
	return make([]T, 0, n)
}

// normalize returns plain folded, each white space run as one space (or one
// blockBreak), and the runs of more than one rune, from which [offsets.of]
// finds the code point offset in plain of each rune of norm. Names never
// start or end with a space, so a mention's first and last runes stand each
// for one rune of plain. They are written over norm and runs, whose room
// Find reuses from text to text.
func normalize(plain string, norm []rune, runs []run) ([]rune, []run) {
	norm = room(norm, len(plain))
	breaks := -1 // line breaks in the white space run norm ends with, or -1
	for i := 0; i < len(plain); {
		r, f := rune(plain[i]), rune(0)
		if r < utf8.RuneSelf { // anchor.Fold, for ASCII
			i++
			f = r
			if '\t' <= r && r <= '\r' {
				f = ' '
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(plain[i:])
			i += size
			f = anchor.Fold(r)
		}
		if f != ' ' {
			norm = append(norm, f)
			breaks = -1
			continue
		}
		if breaks < 0 { // the first rune of a run
			norm = append(norm, ' ')
			breaks = 0
		} else if last := len(runs) - 1; last >= 0 && runs[last].at == len(norm)-1 {
			runs[last].extra++
		} else {
			extra := 1
			if last >= 0 {
				extra += runs[last].extra
			}
			runs = append(runs, run{at: len(norm) - 1, extra: extra})
		}
		if r == '\n' {
			if breaks++; breaks == 2 {
				norm[len(norm)-1] = blockBreak
			}
		}
	}
	return norm, runs
}

// run is a white space run of more than one rune in plain, one rune in the
// normalised text, at index at; extra counts the runes that it and the runs
// before it have in plain beyond one each.
type run struct{ at, extra int }

// offsets finds the code point offsets in plain of runes of the normalised
// text, asked for in increasing order.
type offsets struct {
	next  int // the first run not yet passed
	extra int // the extra of the last run passed
}

// of returns the offset in plain of the normalised text's rune i.
func (o *offsets) of(runs []run, i int) int {
	for o.next < len(runs) && runs[o.next].at < i {
		o.extra = runs[o.next].extra
		o.next++
	}
	return i + o.extra
}

// isWord reports whether r may not stand right next to a mention.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRune(r)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

var asciiWord = func() (w [utf8.RuneSelf]bool) {
	for r := range w {
		w[r] = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return w
}()
