package mention

import (
	"cmp"
	"slices"
)

// automaton is an Aho–Corasick automaton over runes: a trie of the names with,
// for each state, the failure link (the state of the longest proper suffix of
// its text that is also in the trie) and the dictionary link (the nearest
// state on the failure chain at which a name ends). Reading a text one rune at
// a time, it knows after each rune the longest name that ends there
// ([automaton.output]), in time linear in the text: [Matcher.Find] reads the
// text backwards, through a trie of the names written backwards, so that
// this is the longest name that starts there.
//
// It works on runes rather than bytes so that offsets and word boundaries are
// in code points, as the rest of the dossier is. Runes are first mapped to
// dense classes (one per distinct rune in the names, 0 for any other rune), so
// that the root, visited after nearly every rune of a text, has a plain table
// of transitions; other states, most with a single child, keep a short sorted
// list. Two classes stand for no rune but for the word boundaries that
// [Matcher.Find] writes between them (see [startMark]).
type automaton struct {
	low     [lowRunes]int32 // class of a rune below lowRunes; 0 if in no name
	classes map[rune]int32  // class of any other rune in a name

	root  []int32 // root's transition by class; 0 (the root) if none
	first []int32 // edges of state s > 0 are edges[first[s]:first[s+1]]
	edges []edge  // sorted by class within a state
	fail  []int32 // failure link of each state; the root's is 0
	name  []int32 // index of the name ending at each state, or -1
	dict  []int32 // dictionary link of each state, or -1

	// afterEnd is the transition by class out of the state that an endMark
	// leads to from the root, visited at the end of nearly every word of a
	// text: there, the last runes of all names meet.
	afterEnd []int32
}

type edge struct{ class, to int32 }

// startMark and endMark are the word boundaries, written into names and
// text as if they were runes: startMark before a rune that a name may start
// at (the first of the text, or one after a rune that is not a word rune),
// endMark after one that a name may end at (the last of the text, or one
// before a rune that is not a word rune). A name, marked the same way and
// with a mark at both ends, then occurs in the marked text exactly where it
// stands on word boundaries, so the automaton needs no check of its own.
// Their classes are fixed: -startMark and -endMark.
const (
	startMark rune = -1
	endMark   rune = -2
)

// next returns the state after reading r in state s.
func (a *automaton) next(s int32, r rune) int32 {
	c := a.class(r)
	if c == 0 { // no name has r: no name can go on through it
		return 0
	}
	return a.step(s, c)
}

// endNext returns the state after reading an endMark and then r in state s.
func (a *automaton) endNext(s int32, r rune) int32 {
	if s == 0 {
		return a.afterEnd[a.class(r)]
	}
	return a.next(a.step(s, -endMark), r)
}

func (a *automaton) class(r rune) int32 {
	if 0 <= r && r < lowRunes {
		return a.low[r]
	}
	return a.classes[r]
}

// lowRunes are the runes with a class in a table rather than a map: those of
// one or two bytes in UTF-8 (Latin, Greek, Cyrillic, Hebrew, Arabic…).
const lowRunes = 0x800

func (a *automaton) step(s, c int32) int32 {
	for s != 0 {
		for _, e := range a.edges[a.first[s]:a.first[s+1]] {
			if e.class == c {
				return e.to
			}
			if e.class > c {
				break
			}
		}
		s = a.fail[s]
	}
	return a.root[c]
}

// output returns the first state on s's failure chain (s included) at which a
// name ends, or -1: that of the longest name that the text read so far ends
// with.
func (a *automaton) output(s int32) int32 {
	if a.name[s] >= 0 {
		return s
	}
	return a.dict[s]
}

// builder collects names into a trie; build then adds the links.
type builder struct {
	classes  map[rune]int32
	children []map[int32]int32 // class to child, for each state
	name     []int32
}

func newBuilder() *builder {
	return &builder{
		classes:  map[rune]int32{startMark: -startMark, endMark: -endMark},
		children: []map[int32]int32{{}},
		name:     []int32{-1},
	}
}

// add puts pat, the k-th name, into the trie. It reports false, and changes
// nothing that matters, when an earlier name has the same text.
func (b *builder) add(pat []rune, k int32) bool {
	s := int32(0)
	for _, r := range pat {
		c, ok := b.classes[r]
		if !ok {
			c = int32(len(b.classes) + 1)
			b.classes[r] = c
		}
		t, ok := b.children[s][c]
		if !ok {
			t = int32(len(b.children))
			b.children = append(b.children, map[int32]int32{})
			b.name = append(b.name, -1)
			b.children[s][c] = t
		}
		s = t
	}
	if b.name[s] >= 0 {
		return false
	}
	b.name[s] = k
	return true
}

func (b *builder) build() automaton {
	n := len(b.children)
	a := automaton{
		classes: map[rune]int32{},
		root:    make([]int32, len(b.classes)+1),
		first:   make([]int32, n+1),
		fail:    make([]int32, n),
		name:    b.name,
		dict:    make([]int32, n),
	}
	for r, c := range b.classes {
		switch {
		case r < 0: // a mark: no rune has its class
		case r < lowRunes:
			a.low[r] = c
		default:
			a.classes[r] = c
		}
	}
	for c, t := range b.children[0] {
		a.root[c] = t
	}
	for s := 1; s < n; s++ {
		a.first[s] = int32(len(a.edges))
		for c, t := range b.children[s] {
			a.edges = append(a.edges, edge{c, t})
		}
		slices.SortFunc(a.edges[a.first[s]:], func(x, y edge) int { return cmp.Compare(x.class, y.class) })
	}
	a.first[n] = int32(len(a.edges))

	// Breadth first, so that a state's failure link, which is shallower,
	// is complete before the state's children need it.
	a.dict[0] = -1
	queue := make([]int32, 0, n)
	for _, t := range a.root {
		if t != 0 {
			queue = append(queue, t) // fail and dict: the root, which has no name
			a.dict[t] = -1
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, e := range a.edges[a.first[u]:a.first[u+1]] {
			v := e.to
			f := a.step(a.fail[u], e.class)
			a.fail[v] = f
			a.dict[v] = a.output(f)
			queue = append(queue, v)
		}
	}

	a.afterEnd = make([]int32, len(a.root))
	for c := range a.afterEnd {
		if c != 0 {
			a.afterEnd[c] = a.step(a.root[-endMark], int32(c))
		}
	}
	return a
}
