// Package typo says which names an unknown name is most likely a
// misspelling of, for "did you mean" hints, as esbuild's
// internal/helpers/typos.go does for identifiers.
//
// Closeness is edit distance (insert, delete or substitute one character, or
// swap two neighbours), and how far a name may be from the one typed grows
// with its length: a name of three letters may be one edit off, one of nine
// letters three. A name typed as one of the hyphen-separated words of
// a longer one ("trump" for "donald-trump") is offered only when no name is
// close by edit distance.
package typo

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Max is the most names Nearest returns.
const Max = 3

// Nearest returns the names, at most Max, that name is most likely a
// misspelling of, nearest first (ties by name); none when no name is close.
// Case does not count ("baseurl" is "baseURL"). names may hold duplicates
// and name itself; neither is returned.
func Nearest(name string, names []string) []string {
	type cand struct {
		name string
		dist int
	}
	var e editor
	target := []rune(strings.ToLower(name))
	n := len(target)
	limit := Threshold(n)
	var found []cand
	seen := make(map[string]bool, len(names))
	for _, c := range names {
		if c == name || seen[c] {
			continue
		}
		seen[c] = true
		if abs(utf8.RuneCountInString(c)-n) > limit {
			continue
		}
		if d := e.distance(target, strings.ToLower(c), limit); d <= limit {
			found = append(found, cand{c, d})
			// Names farther than half as far again as the nearest are
			// dropped below: no need to measure them exactly.
			if tighter := 3 * d / 2; tighter < limit {
				limit = tighter
			}
		}
	}
	if len(found) == 0 {
		return words(name, names)
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].dist != found[j].dist {
			return found[i].dist < found[j].dist
		}
		return found[i].name < found[j].name
	})
	// Keep only names about as near as the nearest: with "article-2" one
	// edit away, "articles-22" three edits away is not worth reading.
	best := found[0].dist
	var out []string
	for _, c := range found {
		if len(out) == Max || 2*c.dist > 3*best {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// Threshold is the largest edit distance at which a name is taken for a
// misspelling of one n characters long: a third of its length, at least 1.
func Threshold(n int) int {
	if n < 6 {
		return 1
	}
	return n / 3
}

// words returns the names of which name is a run of whole hyphen-separated
// words ("trump" in "donald-trump"), shortest first, at most Max.
func words(name string, names []string) []string {
	if name == "" {
		return nil
	}
	var out []string
	seen := make(map[string]bool)
	for _, c := range names {
		if c == name || seen[c] || len(c) <= len(name) {
			continue
		}
		seen[c] = true
		if strings.HasPrefix(c, name+"-") || strings.HasSuffix(c, "-"+name) || strings.Contains(c, "-"+name+"-") {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) < len(out[j])
		}
		return out[i] < out[j]
	})
	if len(out) > Max {
		out = out[:Max]
	}
	return out
}

// Best returns the likeliest name that name is a misspelling of, for a
// message that has room for one suggestion.
func Best(name string, names []string) (string, bool) {
	if near := Nearest(name, names); len(near) > 0 {
		return near[0], true
	}
	return "", false
}

// ByDistance returns every name, nearest to name first (ties by name), so
// that a list of all the choices starts with the likeliest.
func ByDistance(name string, names []string) []string {
	var e editor
	target := []rune(strings.ToLower(name))
	dist := make(map[string]int, len(names))
	for _, c := range names {
		dist[c] = e.distance(target, strings.ToLower(c), -1)
	}
	out := append([]string(nil), names...)
	sort.SliceStable(out, func(i, j int) bool {
		if dist[out[i]] != dist[out[j]] {
			return dist[out[i]] < dist[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// Distance is the edit distance between a and b in characters: the fewest
// insertions, deletions, substitutions and swaps of two neighbouring
// characters that turn one into the other (optimal string alignment).
func Distance(a, b string) int {
	var e editor
	return e.distance([]rune(a), b, -1)
}

// editor computes edit distances, keeping its buffers from one to the next.
type editor struct {
	b                []rune
	prev2, prev, cur []int
}

// distance is Distance, but gives up, returning limit+1, as soon as the
// answer is sure to exceed limit (when limit >= 0).
func (e *editor) distance(s []rune, b string, limit int) int {
	e.b = append(e.b[:0], []rune(b)...)
	t := e.b
	if len(s) > len(t) {
		s, t = t, s
	}
	if limit >= 0 && len(t)-len(s) > limit {
		return limit + 1
	}
	// Three rows of the dynamic programme: two back (for swaps), one back,
	// now. Row j holds the distances of t[:j] to every s[:i].
	e.prev2 = grow(e.prev2, len(s)+2)
	e.prev = grow(e.prev, len(s)+2)
	e.cur = grow(e.cur, len(s)+2)
	prev2, prev, cur := e.prev2, e.prev, e.cur
	for i := 0; i <= len(s); i++ {
		prev[i] = i
	}
	// With a limit, only cells within limit of the diagonal can be within
	// limit; the cells just outside that band are set beyond it.
	band, far := len(s)+len(t), len(s)+len(t)+1
	if limit >= 0 {
		band, far = limit, limit+1
	}
	prev[len(s)+1] = far
	lowPrev := 0 // the least cell of prev
	for j := 1; j <= len(t); j++ {
		lo, hi := max(1, j-band), min(len(s), j+band)
		cur[lo-1] = far
		if lo == 1 {
			cur[0] = j
		}
		cur[hi+1] = far
		low := cur[lo-1]
		for i := lo; i <= hi; i++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d := prev[i-1] + cost
			if v := prev[i] + 1; v < d {
				d = v
			}
			if v := cur[i-1] + 1; v < d {
				d = v
			}
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				if v := prev2[i-2] + 1; v < d {
					d = v
				}
			}
			cur[i] = d
			if d < low {
				low = d
			}
		}
		// A cell comes from the row before or, by a swap, the one before
		// that: once two rows in a row exceed limit, every later one does.
		if limit >= 0 && low > limit && lowPrev > limit {
			return limit + 1
		}
		lowPrev = low
		prev2, prev, cur = prev, cur, prev2
	}
	if d := prev[len(s)]; limit < 0 || d <= limit {
		return d
	}
	return limit + 1
}

func grow(b []int, n int) []int {
	if cap(b) < n {
		return make([]int, n)
	}
	return b[:n]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// DidYouMean writes names as a question: `did you mean "a", "b" or "c"?`.
// It returns "" for no names.
func DidYouMean(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return "did you mean " + Or(names) + "?"
}

// Or writes names quoted, as a list ending in "or": `"a", "b" or "c"`.
func Or(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
