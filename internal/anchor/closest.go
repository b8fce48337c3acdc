package anchor

import "unicode/utf8"

// closest returns the passage of the text with the smallest edit distance
// (Levenshtein: insert, delete, substitute one rune) to pat, a normalised,
// non-empty quote that does not occur in the text.
//
// It is Sellers' semi-global alignment: the dynamic programme of edit distance
// where skipping text before and after the passage is free. The text is read
// once, one column of m+1 cells per rune, so it takes O(n·m) time and O(m)
// memory; each cell also carries the offset where its alignment starts, so the
// passage's start is known without a traceback. It runs only for quotes that
// are not found, to name the closest passage in the error message.
func (t *Text) closest(pat string) Near {
	p := []rune(pat)
	m := len(p)
	// prev and cur are columns of the programme: cell i is the edit distance of
	// p[:i] to the best passage ending at the current text offset, and
	// prevStart/curStart the byte offset in norm where that passage starts.
	prev := make([]int32, m+1)
	cur := make([]int32, m+1)
	prevStart := make([]int32, m+1)
	curStart := make([]int32, m+1)
	for i := range prev {
		prev[i] = int32(i) // before any text, p[:i] costs i deletions
	}
	best, bestStart, bestEnd := prev[m], int32(0), int32(0)

	for off, c := range t.norm {
		// norm is valid UTF-8 (NewText wrote it rune by rune), so
		// RuneLen is the width of c as it stands there.
		next := int32(off + utf8.RuneLen(c))
		cur[0], curStart[0] = 0, next // the empty pattern matches anywhere for free
		for i := 1; i <= m; i++ {
			// Prefer the diagonal (match or substitute) on a tie, then
			// skipping a pattern rune, then skipping a text rune.
			d, s := prev[i-1], prevStart[i-1]
			if p[i-1] != c {
				d++
			}
			if v := cur[i-1] + 1; v < d {
				d, s = v, curStart[i-1]
			}
			if v := prev[i] + 1; v < d {
				d, s = v, prevStart[i]
			}
			cur[i], curStart[i] = d, s
		}
		if cur[m] < best {
			best, bestStart, bestEnd = cur[m], curStart[m], next
		}
		prev, cur = cur, prev
		prevStart, curStart = curStart, prevStart
	}

	// Trim the spaces an alignment may have swallowed at either end, so that
	// the passage maps to code points of plain rune for rune.
	start, end := int(bestStart), int(bestEnd)
	for start < end && t.norm[start] == ' ' {
		start++
	}
	for end > start && t.norm[end-1] == ' ' {
		end--
	}
	sim := 1 - float64(best)/float64(m)
	if sim < 0 {
		sim = 0
	}
	if start == end {
		return Near{Similarity: sim}
	}
	sp := t.span(start, end)
	return Near{Span: sp, Text: t.slice(sp), Similarity: sim}
}
