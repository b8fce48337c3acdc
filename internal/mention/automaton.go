package mention

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// automaton is an Aho–Corasick automaton over runes: a trie of the names with,
// for each state, the failure link (the state of the longest proper suffix of
// its text that is also in the trie) and the dictionary link (the nearest
// state on the failure chain at which a name ends). Reading a text one rune at
// a time, it reports every occurrence of every name, overlapping ones
// included, in time linear in the text plus the number of occurrences.
//
// It works on runes rather than bytes so that offsets and word boundaries are
// in code points, as the rest of the dossier is. Runes are first mapped to
// dense classes (one per distinct rune in the names, 0 for any other rune), so
// that the root, visited after nearly every rune of a text, has a plain table
// of transitions; other states, most with a single child, keep a short sorted
// list.
type automaton struct {
	ascii   [utf8.RuneSelf]int32 // class of an ASCII rune; 0 if in no name
	classes map[rune]int32       // class of any other rune in a name

	root  []int32 // root's transition by class; 0 (the root) if none
	first []int32 // edges of state s > 0 are edges[first[s]:first[s+1]]
	edges []edge  // sorted by class within a state
	fail  []int32 // failure link of each state; the root's is 0
	name  []int32 // index of the name ending at each state, or -1
	dict  []int32 // dictionary link of each state, or -1
}

type edge struct{ class, to int32 }

// next returns the state after reading r in state s.
func (a *automaton) next(s int32, r rune) int32 {
	var c int32
	if r < utf8.RuneSelf {
		c = a.ascii[r]
	} else {
		c = a.classes[r]
	}
	if c == 0 { // no name has r: no name can go on through it
		return 0
	}
	return a.step(s, c)
}

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
// name ends, or -1; nextOutput the one after out.
func (a *automaton) output(s int32) int32 {
	if a.name[s] >= 0 {
		return s
	}
	return a.dict[s]
}

func (a *automaton) nextOutput(out int32) int32 { return a.dict[out] }

// builder collects names into a trie; build then adds the links.
type builder struct {
	classes  map[rune]int32
	children []map[int32]int32 // class to child, for each state
	name     []int32
}

func newBuilder() *builder {
	return &builder{
		classes:  map[rune]int32{},
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
		if r < utf8.RuneSelf {
			a.ascii[r] = c
		} else {
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
	return a
}
