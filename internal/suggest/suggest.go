// Package suggest says "did you mean": the name nearest to a misspelt one,
// by edit distance, for every message that names something unknown (a
// command, a flag, a template field, a claim id, a verdict).
package suggest

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Nearest returns the name of names closest to s by edit distance, when it
// is close enough to be a likely typo.
func Nearest(s string, names []string) (string, bool) {
	sorted := ByDistance(s, names)
	if len(sorted) == 0 {
		return "", false
	}
	d := distance(strings.ToLower(s), strings.ToLower(sorted[0]))
	return sorted[0], d <= max(2, utf8.RuneCountInString(s)/3)
}

// ByDistance returns names sorted by their edit distance to s, nearest
// first, then by name.
func ByDistance(s string, names []string) []string {
	out := append([]string(nil), names...)
	ls := strings.ToLower(s)
	dist := make(map[string]int, len(out))
	for _, n := range out {
		dist[n] = distance(ls, strings.ToLower(n))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if dist[out[i]] != dist[out[j]] {
			return dist[out[i]] < dist[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// distance is the edit distance between a and b, in characters: the
// Levenshtein distance with two neighbours swapped counted as one edit
// (optimal string alignment), the commonest typo.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
