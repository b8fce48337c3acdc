// Package coverage finds the sentences of a source that state something an
// editor could check — a figure, a date, a statement quoted from someone —
// and that no claim quotes yet.
//
// A source's plain text (the text quotes are anchored in) is split into
// sentences with package sentence; a line break inside a paragraph does
// not end a sentence, a blank line (a new block) does. A sentence is
// checkable when it holds at least one of:
//
//   - a number: digits ("300,000", "1.5", "40%", "$2 billion"), not when
//     they are part of a name ("F-35", "G7", "COVID-19") or an ordinal
//     ("21st"); or a number word: two to twenty, the tens, hundred(s),
//     thousand(s), million(s), billion(s), trillion(s), dozen(s), half,
//     "a third of", "a quarter of", "two-thirds of", doubled, tripled,
//     halved, but not after "the", "both", "these" or "those", which
//     refer back to a count ("the two countries"), nor "doubled down"; and
//     "one", except in phrases where it is not a count ("no one", "one of",
//     "one another", "the one", "one day", ...);
//   - a date: a month name ("March", "Sept. 4"; "May", "March", "April"
//     and "June" only next to a day or year or after a word such as "in",
//     "early", "since", as they are also words and names), a weekday
//     ("Tuesday"), an ISO date ("2025-03-01") or a day/month/year date
//     ("3/1/2025"), a year (a bare four-digit number from 1900 to 2099: a
//     year is a date, never a number) or a decade ("the 1990s");
//   - a quotation: two or more words in quotation marks (“…” or "..."),
//     single words being mostly scare quotes, attributed in the same
//     paragraph, in a sentence it overlaps or the sentence just before or
//     after, by a speech verb (said, told, added, according to, wrote,
//     warned, ...) outside the quotation marks, with a plausible speaker
//     near the verb: a capitalised word, a pronoun, or a noun phrase
//     opened by a determiner ("the official said", "as one analyst put
//     it"). A passive
//     ("was said") is not an attribution. Every sentence the quotation
//     overlaps is a quotation: “No. Next question.” is two.
//
// A checkable sentence is covered when any quote of the source overlaps
// it, by one character or more: a quote of part of a sentence shows that
// an editor has read it and taken from it what a claim needs.
//
// [Source] does this for one plain text and the [start, end) ranges of its
// quotes; [Dossier] for every source of a built model, with the line of
// the source file each uncovered sentence starts on.
package coverage

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/sentence"
)

// Kind is what makes a sentence checkable.
type Kind string

const (
	Number    Kind = "number"
	Date      Kind = "date"
	Quotation Kind = "quotation"
)

// kindOrder is the order kinds are listed in.
var kindOrder = []Kind{Number, Date, Quotation}

// Gap is a checkable sentence no quote overlaps.
type Gap struct {
	Start, End int    // in code points of the plain text
	Sentence   string // the sentence's text, line breaks as spaces
	Kinds      []Kind // in the order number, date, quotation
}

// Result is what Source finds in one text.
type Result struct {
	Checkable int   // sentences with at least one kind
	Covered   int   // of them, those a quote overlaps
	Gaps      []Gap // the checkable sentences not covered, in text order
}

// Share is the covered share of the checkable sentences, from 0 to 1; 1
// when nothing is checkable, as nothing is then left to cover.
func (r Result) Share() float64 {
	if r.Checkable == 0 {
		return 1
	}
	return float64(r.Covered) / float64(r.Checkable)
}

// Source finds the checkable sentences of plain, a source's plain text,
// and those that no range of quoted overlaps. quoted holds the anchored
// quotes' [start, end) in code points of plain; empty ranges are ignored.
func Source(plain string, quoted [][2]int) Result {
	text := []rune(plain)
	sents := split(text)
	kinds := make([][]Kind, len(sents))
	for i, s := range sents {
		kinds[i] = figures(string(text[s[0]:s[1]]))
	}
	for _, i := range quotations(text, sents) {
		kinds[i] = addKind(kinds[i], Quotation)
	}
	covered := coveredBy(sents, quoted)
	var r Result
	for i, s := range sents {
		if len(kinds[i]) == 0 {
			continue
		}
		r.Checkable++
		if covered[i] {
			r.Covered++
			continue
		}
		r.Gaps = append(r.Gaps, Gap{Start: s[0], End: s[1], Sentence: oneLine(string(text[s[0]:s[1]])), Kinds: kinds[i]})
	}
	return r
}

// coveredBy reports for each sentence whether a non-empty range of
// quoted overlaps it.
func coveredBy(sents, quoted [][2]int) []bool {
	covered := make([]bool, len(sents))
	for _, q := range quoted {
		if q[1] <= q[0] {
			continue
		}
		i := sort.Search(len(sents), func(i int) bool { return sents[i][1] > q[0] })
		for ; i < len(sents) && sents[i][0] < q[1]; i++ {
			covered[i] = true
		}
	}
	return covered
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// addKind adds k to ks, keeping kindOrder.
func addKind(ks []Kind, k Kind) []Kind {
	var out []Kind
	for _, o := range kindOrder {
		if o == k || contains(ks, o) {
			out = append(out, o)
		}
	}
	return out
}

func contains(ks []Kind, k Kind) bool {
	for _, o := range ks {
		if o == k {
			return true
		}
	}
	return false
}

// split returns the sentences of text as [start, end) without the white
// space around them.
func split(text []rune) [][2]int {
	// A line break with text on both sides is a soft break inside a
	// paragraph: the sentence goes on over it.
	view := make([]rune, len(text))
	copy(view, text)
	for i, r := range view {
		if r == '\n' && i > 0 && i+1 < len(view) && view[i-1] != '\n' && view[i+1] != '\n' {
			view[i] = ' '
		}
	}
	var out [][2]int
	start := -1
	for i := 0; i <= len(view); i++ {
		if i == len(view) || sentence.End(view, i) {
			if start >= 0 {
				end := i
				for end > start && unicode.IsSpace(view[end-1]) {
					end--
				}
				out = append(out, [2]int{start, end})
				start = -1
			}
			continue
		}
		if start < 0 && !unicode.IsSpace(view[i]) {
			start = i
		}
	}
	return out
}

var (
	monthRe = regexp.MustCompile(`(?:\b\d{1,2}(?:st|nd|rd|th)?\s+)?\b(January|February|March|April|May|June|July|August|September|October|November|December)\b(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+(?:19|20)\d\d\b)?`)
	abbrRe  = regexp.MustCompile(`\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s*\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?`)
	dayRe   = regexp.MustCompile(`\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b`)
	isoRe   = regexp.MustCompile(`\b(?:19|20)\d\d-[01]\d-[0-3]\d\b|\b\d{1,2}/\d{1,2}/(?:\d\d){1,2}\b`)
	yearRe  = regexp.MustCompile(`\b(?:19|20)\d\d(?:s|['’]s)?\b`)
	digitRe = regexp.MustCompile(`\$?\d+(?:[.,]\d+)*(?:st|nd|rd|th)?`)
)

// numberWords are the words that count; "third" and "quarter" count as
// fractions, after "a" or a number and before "of" ("a third of").
var numberWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`one two three four five six seven eight nine ten eleven twelve
		thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
		seventy eighty ninety hundred hundreds thousand thousands million millions billion billions
		trillion trillions dozen dozens half halved doubled tripled quadrupled`) {
		numberWords[w] = true
	}
}

// eachWord calls f with the start and end of each run of letters in s.
func eachWord(s string, f func(lo, hi int) bool) {
	lo := -1
	for i, r := range s {
		letter := unicode.IsLetter(r)
		switch {
		case letter && lo < 0:
			lo = i
		case !letter && lo >= 0:
			if !f(lo, i) {
				return
			}
			lo = -1
		}
	}
	if lo >= 0 {
		f(lo, len(s))
	}
}

// numberWord reports whether s holds a number word that counts.
func numberWord(s string, taken []bool) bool {
	found := false
	prev := ""
	eachWord(s, func(lo, hi int) bool {
		w := strings.ToLower(s[lo:hi])
		switch {
		case taken[lo]:
		case numberWords[w]:
			found = countingWord(s, lo, hi)
		case w == "third" || w == "thirds" || w == "quarter" || w == "quarters":
			next := strings.Fields(s[hi:])
			found = (prev == "a" || numberWords[prev]) && len(next) > 0 && next[0] == "of"
		}
		prev = w
		return !found
	})
	return found
}

// ambiguousMonths are month names that are also common words or names:
// they are dates only in a date's context.
var ambiguousMonths = map[string]bool{"May": true, "March": true, "April": true, "June": true}

// dateLead are the words after which an ambiguous month name is a month.
var dateLead = map[string]bool{
	"in": true, "early": true, "late": true, "mid": true, "since": true, "until": true, "till": true,
	"by": true, "of": true, "last": true, "next": true, "this": true, "on": true, "from": true,
	"through": true, "between": true, "before": true, "after": true, "during": true,
	"each": true, "every": true,
}

// figures returns the kinds number and date that s holds.
func figures(s string) []Kind {
	var ks []Kind
	// Dates first: the digits they hold ("May 1, 2025") are not numbers.
	taken := make([]bool, len(s))
	take := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			taken[i] = true
		}
	}
	date := false
	for _, m := range monthRe.FindAllStringSubmatchIndex(s, -1) {
		name := s[m[2]:m[3]]
		if ambiguousMonths[name] && m[0] == m[2] && m[1] == m[3] && !dateWordBefore(s[:m[2]]) {
			continue // "May" alone, not after "in", "early", ...: a verb or a name
		}
		date = true
		take(m[0], m[1])
	}
	for _, re := range []*regexp.Regexp{abbrRe, dayRe, isoRe} {
		for _, m := range re.FindAllStringIndex(s, -1) {
			date = true
			take(m[0], m[1])
		}
	}
	for _, m := range yearRe.FindAllStringIndex(s, -1) {
		if partOfName(s, m[0]) || continuesNumber(s, m[1]) || (m[0] > 0 && s[m[0]-1] == '$') {
			continue
		}
		date = true
		take(m[0], m[1])
	}
	number := false
	for _, m := range digitRe.FindAllStringIndex(s, -1) {
		if taken[m[0]] || partOfName(s, m[0]) || isOrdinal(s[m[0]:m[1]]) {
			continue
		}
		number = true
		break
	}
	if !number {
		number = numberWord(s, taken)
	}
	if number {
		ks = append(ks, Number)
	}
	if date {
		ks = append(ks, Date)
	}
	return ks
}

// dateWordBefore reports whether the word ending s is one after which a
// month name is a month: "in May", "mid-May".
func dateWordBefore(s string) bool {
	s = strings.TrimRight(s, " -")
	w := s[strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
	return dateLead[strings.ToLower(w)]
}

// partOfName reports whether the digits at i belong to a name or code:
// right after a letter ("G7") or after a letter and a hyphen ("F-35").
func partOfName(s string, i int) bool {
	if s[i] == '$' {
		return false
	}
	r, n := utf8.DecodeLastRuneInString(s[:i])
	if unicode.IsLetter(r) {
		return true
	}
	if r == '-' {
		r, _ = utf8.DecodeLastRuneInString(s[:i-n])
		return unicode.IsLetter(r)
	}
	return false
}

// continuesNumber reports whether the digits ending at i go on as a
// number: "2025,000", "2025.5", "2025%".
func continuesNumber(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if s[i] == '%' {
		return true
	}
	return (s[i] == ',' || s[i] == '.') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9'
}

// isOrdinal reports whether digits matched by digitRe end in an ordinal's
// suffix: "21st".
func isOrdinal(d string) bool {
	c := d[len(d)-1]
	return 'a' <= c && c <= 'z'
}

// countingWord reports whether the number word at s[lo:hi] counts
// something. After "the", "both", "these" or "those" it refers back to
// what was counted before ("the two countries"); "doubled down" is an
// idiom; "one" is not a count in "no one", "one of", "one another", ...
func countingWord(s string, lo, hi int) bool {
	word := strings.ToLower(s[lo:hi])
	before := strings.Fields(strings.ToLower(s[:lo]))
	after := strings.Fields(strings.ToLower(s[hi:]))
	if len(before) > 0 {
		switch strings.Trim(before[len(before)-1], "“”\"'(,") {
		case "the", "both", "these", "those":
			return false
		}
	}
	if word == "doubled" && len(after) > 0 && strings.Trim(after[0], ".,;:!?") == "down" {
		return false
	}
	if word != "one" {
		return true
	}
	if len(before) > 0 {
		switch strings.Trim(before[len(before)-1], "“”\"'(,") {
		case "no", "the", "this", "that", "each", "every", "any", "which", "at", "someone", "anyone":
			return false
		}
	}
	if len(after) > 0 {
		switch strings.Trim(after[0], "“”\"',.;:)") {
		case "of", "another", "day", "hand", "way", "point", "thing", "side", "":
			return false
		}
	}
	return true
}
