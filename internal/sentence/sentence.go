// Package sentence finds where sentences begin and end in a source's plain
// text, for showing a passage or a name in the sentence around it. It
// knows enough of English news prose not to end a sentence at an initial
// ("U.S.", "J. D. Vance"), a common abbreviation ("Mr.", "Gen.") or a stop
// followed by a lower-case word.
package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds returns the sentence holding text[start:end] as [lo, hi): from
// the start of the sentence the passage begins in to the end of the one it
// ends in, reaching at most limit characters either side of the passage.
func Bounds(text []rune, start, end, limit int) (lo, hi int) {
	lo = start
	for lo > 0 && start-lo < limit && !Start(text, lo) {
		lo--
	}
	hi = end
	for hi < len(text) && hi-end < limit && !End(text, hi) {
		hi++
	}
	return lo, hi
}

// Start reports whether a sentence starts at i: at the start of
// the text or of a line, or after the white space that follows a sentence
// end.
func Start(text []rune, i int) bool {
	if i == 0 || text[i-1] == '\n' {
		return true
	}
	if i >= len(text) { // the end of the text, after white space (found by FuzzAroundString)
		return false
	}
	if !unicode.IsSpace(text[i-1]) || unicode.IsSpace(text[i]) {
		return false
	}
	k := i - 1
	for k > 0 && unicode.IsSpace(text[k-1]) && text[k-1] != '\n' {
		k--
	}
	return k > 0 && End(text, k)
}

// End reports whether a sentence ends right before i: after a
// full stop, question or exclamation mark (and any closing quotes or
// brackets) followed by white space and not by a lower-case word, and not
// after an initial ("U.S.") or a common abbreviation ("Mr.").
func End(text []rune, i int) bool {
	if i >= len(text) || text[i] == '\n' {
		return true
	}
	if i == 0 || !unicode.IsSpace(text[i]) {
		return false
	}
	j := i - 1
	for j > 0 && strings.ContainsRune("”\"’')]»", text[j]) {
		j--
	}
	switch text[j] {
	case '!', '?', '…':
	case '.':
		w := j
		for w > 0 && unicode.IsLetter(text[w-1]) {
			w--
		}
		word := string(text[w:j])
		if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(text[w]) {
			return false // an initial: "U.S.", "J. D. Vance"
		}
		if abbreviations[strings.ToLower(word)] {
			return false
		}
		// "No." abbreviates "number" only before one ("No. 5"); otherwise it
		// is the word, as in "No. Next question."
		if strings.EqualFold(word, "no") && nextIsDigit(text, i) {
			return false
		}
	default:
		return false
	}
	// A lower-case word after the stop continues the sentence.
	for k := i; k < len(text); k++ {
		if text[k] == '\n' {
			return true
		}
		if !unicode.IsSpace(text[k]) {
			return !unicode.IsLower(text[k])
		}
	}
	return true
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "sr": true, "jr": true,
	"gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true, "sgt": true,
	"capt": true, "adm": true, "maj": true, "prof": true, "rev": true, "hon": true, "pres": true,
	"sec": true, "vs": true, "etc": true, "approx": true, "inc": true, "corp": true,
	"co": true, "ltd": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// nextIsDigit reports whether the first character after the white space
// at i is a digit.
func nextIsDigit(text []rune, i int) bool {
	for k := i; k < len(text); k++ {
		if !unicode.IsSpace(text[k]) {
			return unicode.IsDigit(text[k])
		}
	}
	return false
}

// Context is a passage with the text around it in its source: from the
// start of the sentence it begins in to the end of the sentence it ends
// in. Before starts with "…" and After ends with it where the sentence
// was cut, at a word boundary; white space at either end is trimmed.
type Context struct {
	Before, Passage, After string
}

// String is the whole context: Before, Passage and After.
func (c Context) String() string { return c.Before + c.Passage + c.After }

// Adds reports whether the context holds a word besides the passage.
func (c Context) Adds() bool { return hasWord(c.Before) || hasWord(c.After) }

// Around returns the context of text[start:end], reaching at most limit
// code points either side. ok is false when the span is not in text.
func Around(text []rune, start, end, limit int) (c Context, ok bool) {
	if start < 0 || start > end || end > len(text) {
		return Context{}, false
	}
	lo, hi := Bounds(text, start, end, limit)
	before := strings.TrimLeftFunc(string(text[lo:start]), unicode.IsSpace)
	after := strings.TrimRightFunc(string(text[end:hi]), unicode.IsSpace)
	if lo > 0 && !Start(text, lo) {
		before = "…" + trimToWord(before, true)
	}
	if hi < len(text) && !End(text, hi) {
		after = trimToWord(after, false) + "…"
	}
	return Context{Before: before, Passage: string(text[start:end]), After: after}, true
}

// AroundString is Around on a text held as a string, with start and end
// in code points: it decodes only a window around the span, so that
// finding the context of each of many passages of a long text does not
// cost the text's length each time.
func AroundString(text string, start, end, limit int) (Context, bool) {
	if start < 0 || start > end {
		return Context{}, false
	}
	// The context reaches at most limit either side, and the tests for
	// sentence ends look a few characters further.
	const pad = 16
	wlo, whi := max(0, start-limit-pad), end+limit+pad
	// Up to the first byte beyond ASCII, code points are bytes: the
	// window is found without decoding the text before it.
	ascii := asciiPrefix(text, whi)
	b0, b1, n := -1, len(text), ascii
	if wlo < ascii {
		b0 = wlo
	}
	if whi <= ascii {
		b1 = whi
	} else {
		for i := range text[ascii:] {
			if n == wlo {
				b0 = ascii + i
			}
			if n == whi {
				b1 = ascii + i
				break
			}
			n++
		}
	}
	if b0 < 0 {
		return Context{}, false
	}
	// The window's code points go on the stack when they fit: Around
	// keeps none of them, and this runs once per passage shown.
	runes := make([]rune, 0, windowRunes)
	for _, r := range text[b0:b1] {
		runes = append(runes, r)
	}
	return Around(runes, start-wlo, end-wlo, limit)
}

// windowRunes is the room AroundString makes on the stack for the code
// points of its window, enough for a passage of a few sentences and the
// context either side; a longer window goes to the heap.
const windowRunes = 1024

// asciiPrefix returns how many of the first bytes of s, up to about
// limit, are ASCII: limit or more when they all are, as far as limit.
func asciiPrefix(s string, limit int) int {
	i := 0
	for ; i+8 <= len(s) && i < limit; i += 8 {
		w := s[i : i+8]
		if (w[0]|w[1]|w[2]|w[3]|w[4]|w[5]|w[6]|w[7])&0x80 != 0 {
			break
		}
	}
	for i < len(s) && i < limit && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// trimToWord drops the partial word at the cut end of a truncated context.
func trimToWord(s string, front bool) string {
	if front {
		if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
			return strings.TrimLeftFunc(s[i:], unicode.IsSpace)
		}
		return s
	}
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		return strings.TrimRightFunc(s[:i], unicode.IsSpace)
	}
	return s
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// Part is a piece of a snippet: Mark is true for a span asked to be marked.
type Part struct {
	Text string
	Mark bool
}

// Snippet returns text[lo:hi], the sentence that Bounds gives around
// spans, as parts, the spans marked. spans are [start, end) in code
// points, in order and not overlapping, all within [lo, hi). Where lo or
// hi cut the text other than at a sentence's start or end, the snippet is
// cut back to a whole word and an ellipsis stands for what is left out,
// so that it never begins or ends in the middle of a word; white space at
// either end is trimmed. Whole is the text the snippet shows, without the
// ellipses and marks.
func Snippet(text []rune, lo, hi int, spans [][2]int) (parts []Part, whole string) {
	if len(spans) > 0 {
		lo = min(lo, spans[0][0])
		hi = max(hi, spans[len(spans)-1][1])
	}
	lo, hi = max(lo, 0), min(hi, len(text))
	var lead, tail string
	if lo > 0 && !Start(text, lo) {
		lead = "…"
		if !unicode.IsSpace(text[lo-1]) && !unicode.IsSpace(text[lo]) {
			// lo is in a word: skip to the next one, but not past a span.
			stop := hi
			if len(spans) > 0 {
				stop = spans[0][0]
			}
			k := lo
			for k < stop && !unicode.IsSpace(text[k]) {
				k++
			}
			if k < stop {
				lo = k
			}
		}
	}
	if hi < len(text) && !End(text, hi) {
		tail = "…"
		if hi > 0 && !unicode.IsSpace(text[hi-1]) && !unicode.IsSpace(text[hi]) {
			stop := lo
			if len(spans) > 0 {
				stop = spans[len(spans)-1][1]
			}
			k := hi
			for k > stop && !unicode.IsSpace(text[k-1]) {
				k--
			}
			if k > stop {
				hi = k
			}
		}
	}
	for lo < hi && unicode.IsSpace(text[lo]) {
		lo++
	}
	for hi > lo && unicode.IsSpace(text[hi-1]) {
		hi--
	}
	at := lo
	add := func(s string, mark bool) {
		if s != "" {
			parts = append(parts, Part{Text: s, Mark: mark})
		}
	}
	for _, sp := range spans {
		if sp[0] < at || sp[1] > hi || sp[0] > sp[1] {
			continue // out of order or outside: left unmarked
		}
		add(string(text[at:sp[0]]), false)
		add(string(text[sp[0]:sp[1]]), true)
		at = sp[1]
	}
	add(string(text[at:hi]), false)
	whole = string(text[lo:hi])
	if lead != "" {
		parts = append([]Part{{Text: lead}}, parts...)
	}
	if tail != "" {
		parts = append(parts, Part{Text: tail})
	}
	return parts, whole
}
