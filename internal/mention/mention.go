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
// A mention stands on word boundaries: the code points right before and right
// after it are not letters, digits or marks, so "US" is not found in "USA" or
// "Busy", but "Sheinbaum" is found in "Sheinbaum’s". Where mentions overlap,
// the leftmost wins, and of those starting there the longest ("Claudia
// Sheinbaum" over "Sheinbaum"): mentions never overlap.
package mention

import (
	"cmp"
	"slices"
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
		if b.add(pat, int32(len(m.names))) {
			m.names = append(m.names, name{runes: len(pat), entity: n.Entity})
		}
	}
	m.ac = b.build()
	return m
}

// Find returns the mentions in plain, sorted by position, in code points of
// plain.
func (m *Matcher) Find(plain string) []Match {
	if len(m.names) == 0 {
		return nil
	}
	// norm is plain folded, white space runs as one space; at[i] is the
	// code point offset in plain of norm[i] (of the run's first rune, for a
	// space). Names never start or end with a space, so a mention's first
	// and last runes stand each for one rune of plain.
	norm := make([]rune, 0, len(plain))
	at := make([]int32, 0, len(plain))
	n := int32(0)
	for _, r := range plain {
		f := anchor.Fold(r)
		if f != ' ' || len(norm) == 0 || norm[len(norm)-1] != ' ' {
			norm = append(norm, f)
			at = append(at, n)
		}
		n++
	}

	// Every occurrence of every name that stands on word boundaries, in order
	// of where it ends.
	type candidate struct{ start, end, name int }
	var found []candidate
	state := int32(0)
	for i, r := range norm {
		state = m.ac.next(state, r)
		for out := m.ac.output(state); out >= 0; out = m.ac.nextOutput(out) {
			k := int(m.ac.name[out])
			start, end := i+1-m.names[k].runes, i+1
			if start > 0 && isWord(norm[start-1]) || end < len(norm) && isWord(norm[end]) {
				continue
			}
			found = append(found, candidate{start, end, k})
		}
	}

	// Leftmost first, then longest first; keep each that starts after the
	// last one kept has ended.
	slices.SortFunc(found, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	var matches []Match
	last := 0
	for _, c := range found {
		if c.start < last {
			continue
		}
		last = c.end
		matches = append(matches, Match{
			Span:   anchor.Span{Start: int(at[c.start]), End: int(at[c.end-1]) + 1},
			Entity: m.names[c.name].entity,
		})
	}
	return matches
}

// isWord reports whether r may not stand right next to a mention.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
