package coverage

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// speechRe finds the verbs that attribute a quotation to a speaker, in
// the past, the present and as participles ("stating, “…”").
// "states", "claims" and "notes" are left out: they are mostly nouns, or
// the United States.
var speechRe = regexp.MustCompile(`(?i)\b(?:` +
	`said|says|say|saying|told|tells|telling|added|adds|adding|asked|asks|asking|wrote|writes|writing|` +
	`stated|stating|declared|declares|declaring|insisted|insists|insisting|warned|warns|warning|` +
	`claimed|claiming|tweeted|posted|acknowledged|acknowledges|acknowledging|argued|argues|arguing|` +
	`explained|explains|explaining|noted|noting|replied|responded|answered|announced|announcing|` +
	`remarked|testified|vowed|vows|vowing|promised|promising|pledged|pledging|cautioned|cautioning|` +
	`conceded|admitted|recalled|called|calling|observed|emphasized|emphasizing|stressed|stressing|` +
	`put it|according to)\b`)

// pronouns may be a quotation's speaker.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "i": true, "we": true, "it": true, "you": true}

// determiners open a noun phrase that may be a speaker before its verb:
// "the official said", "as one analyst put it".
var determiners = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"one": true, "another": true, "some": true, "several": true}

// passive are the words before a verb that make it passive: "is said to".
var passive = map[string]bool{"is": true, "was": true, "were": true, "are": true, "be": true, "been": true, "being": true}

// quotations returns, in order, the indexes of the sentences in sents
// that an attributed quotation of two words or more overlaps.
func quotations(text []rune, sents [][2]int) []int {
	spans := quoteSpans(text)
	var out []int
	for _, q := range spans {
		if wordCount(text[q[0]+1:q[1]-1]) < 2 {
			continue
		}
		// The sentences the quotation overlaps: sents are in order and
		// do not overlap.
		first := sort.Search(len(sents), func(i int) bool { return sents[i][1] > q[0] })
		last := sort.Search(len(sents), func(i int) bool { return sents[i][0] >= q[1] }) - 1
		if first >= len(sents) || last < first {
			continue
		}
		lo, hi := first, last
		if lo > 0 && samePara(text, sents[lo-1][1], sents[lo][0]) {
			lo--
		}
		if hi+1 < len(sents) && samePara(text, sents[hi][1], sents[hi+1][0]) {
			hi++
		}
		if attributed(masked(text, spans, sents[lo][0], sents[hi][1])) {
			for i := first; i <= last; i++ {
				out = append(out, i)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// quoteSpans returns the quotations of text, from the opening mark to
// the closing one included: “…” pairs and pairs of straight quotes "…",
// each within a paragraph.
func quoteSpans(text []rune) [][2]int {
	var out [][2]int
	curly, straight := -1, -1
	for i, r := range text {
		switch r {
		case '“':
			curly = i
		case '”':
			if curly >= 0 {
				out = append(out, [2]int{curly, i + 1})
				curly = -1
			}
		case '"':
			if straight < 0 {
				straight = i
			} else {
				out = append(out, [2]int{straight, i + 1})
				straight = -1
			}
		case '\n':
			if i+1 < len(text) && text[i+1] == '\n' {
				curly, straight = -1, -1 // an unclosed quotation ends with its paragraph
			}
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}

func wordCount(r []rune) int {
	n := 0
	for _, f := range strings.Fields(string(r)) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// samePara reports whether nothing between a and b is a blank line.
func samePara(text []rune, a, b int) bool {
	return !strings.Contains(string(text[a:b]), "\n\n")
}

// masked returns text[lo:hi] with every quotation in spans blanked out,
// so that words inside quotation marks are not taken for an attribution.
func masked(text []rune, spans [][2]int, lo, hi int) string {
	w := make([]rune, hi-lo)
	copy(w, text[lo:hi])
	// spans are in order of their start, and none reaches past the
	// paragraph it opens in.
	from := sort.Search(len(spans), func(i int) bool { return spans[i][1] > lo })
	for _, q := range spans[from:] {
		if q[0] >= hi {
			break
		}
		for i := max(q[0], lo); i < min(q[1], hi); i++ {
			w[i-lo] = ' '
		}
	}
	return string(w)
}

// attributed reports whether s holds a speech verb with a plausible
// speaker: a capitalised word or a pronoun among the four words before
// it or the three after, or a determiner among the four before.
func attributed(s string) bool {
	for _, m := range speechRe.FindAllStringIndex(s, -1) {
		before := words(s[:m[0]])
		after := words(s[m[1]:])
		before = before[max(0, len(before)-4):]
		after = after[:min(len(after), 3)]
		verb := strings.ToLower(s[m[0]:m[1]])
		if len(before) > 0 && passive[strings.ToLower(before[len(before)-1])] && (verb == "said" || verb == "stated" || verb == "claimed") {
			continue
		}
		for _, w := range before {
			if speaker(w) || determiners[strings.ToLower(w)] {
				return true
			}
		}
		for _, w := range after {
			if speaker(w) {
				return true
			}
		}
	}
	return false
}

// words splits s into words, dropping punctuation; a sentence's end stops
// nothing, as the window is a few sentences at most.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '.' })
}

func speaker(w string) bool {
	w = strings.Trim(w, "'’.")
	if w == "" {
		return false
	}
	r := []rune(w)[0]
	return unicode.IsUpper(r) || pronouns[strings.ToLower(w)]
}
