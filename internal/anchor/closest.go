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

// Parting returns where a quote and a text it was meant to copy part: the
// offsets, in code points of each as written, of the first character at
// which they differ when compared as quotes are (see [Normalize]). White
// space at the start of quote is passed over. When one ends before they
// differ, its offset is its length. Given the text of a source from the
// closest passage on, it says where the editor's copy goes wrong.
func Parting(quote, text string) (q, t int) {
	a, b := folded{r: []rune(quote)}, folded{r: []rune(text)}
	a.skipSpace()
	b.skipSpace()
	for {
		ra, ia, okA := a.next()
		rb, ib, okB := b.next()
		if !okA || !okB || ra != rb {
			return ia, ib
		}
	}
}

// folded reads a text one folded rune at a time, a run of white space as
// one space, as [Normalize] writes it.
type folded struct {
	r []rune
	i int
}

func (f *folded) skipSpace() {
	for f.i < len(f.r) && Fold(f.r[f.i]) == ' ' {
		f.i++
	}
}

// next returns the next folded rune and the offset where it starts, or
// false, with the length of the text, at its end. White space at the end
// counts as the end.
func (f *folded) next() (rune, int, bool) {
	start := f.i
	if start >= len(f.r) {
		return 0, len(f.r), false
	}
	c := Fold(f.r[start])
	f.i++
	if c == ' ' {
		f.skipSpace()
		if f.i == len(f.r) {
			return 0, len(f.r), false
		}
	}
	return c, start, true
}
