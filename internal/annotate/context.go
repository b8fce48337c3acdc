package annotate

import (
	"unicode"

	"dossier/internal/anchor"
)

// maxContextWords is how many words of context are tried on either side
// before the whole text before and after the passage is taken.
const maxContextWords = 40

// disambiguate returns the prefix and suffix a quote of runes[start:end]
// needs to anchor there and nowhere else: none when the passage occurs
// once (as anchoring counts occurrences: curly and straight quotes, dashes
// and runs of white space alike), else the fewest whole words before or
// after it (a prefix alone, then a suffix alone, then both, word by word)
// that leave only the occurrence selected. ok is false when even the whole
// text around it cannot tell it apart.
func disambiguate(t *anchor.Text, runes []rune, start, end int) (prefix, suffix string, ok bool) {
	exact := string(runes[start:end])
	want := anchor.Span{Start: start, End: end}
	only := func(p, s string) bool {
		r := t.Find(anchor.Quote{Exact: exact, Prefix: p, Suffix: s})
		return r.Found && r.Span == want
	}
	if only("", "") {
		return "", "", true
	}
	var before, after []string // 1, 2, ... words
	for i := start; ; {
		i = wordStart(runes, i)
		if i < 0 {
			break
		}
		before = append(before, trim(string(runes[i:start])))
		if len(before) == maxContextWords {
			before = append(before, trim(string(runes[:start])))
			break
		}
	}
	for i := end; ; {
		i = wordEnd(runes, i)
		if i < 0 {
			break
		}
		after = append(after, trim(string(runes[end:i])))
		if len(after) == maxContextWords {
			after = append(after, trim(string(runes[end:])))
			break
		}
	}
	for n := 0; n < max(len(before), len(after)); n++ {
		p, s := at(before, n), at(after, n)
		switch {
		case p != "" && only(p, ""):
			return p, "", true
		case s != "" && only("", s):
			return "", s, true
		case only(p, s):
			return p, s, true
		}
	}
	return "", "", false
}

// wordStart returns where the word before i starts (white space between
// it and i included in the context), or -1 at the start of the text.
func wordStart(r []rune, i int) int {
	for i > 0 && unicode.IsSpace(r[i-1]) {
		i--
	}
	if i == 0 {
		return -1
	}
	for i > 0 && !unicode.IsSpace(r[i-1]) {
		i--
	}
	return i
}

// wordEnd returns where the word after i ends, or -1 at the end.
func wordEnd(r []rune, i int) int {
	for i < len(r) && unicode.IsSpace(r[i]) {
		i++
	}
	if i == len(r) {
		return -1
	}
	for i < len(r) && !unicode.IsSpace(r[i]) {
		i++
	}
	return i
}

func at(list []string, n int) string {
	if n < len(list) {
		return list[n]
	}
	if len(list) > 0 {
		return list[len(list)-1]
	}
	return ""
}

func trim(s string) string {
	r := []rune(s)
	for len(r) > 0 && unicode.IsSpace(r[0]) {
		r = r[1:]
	}
	for len(r) > 0 && unicode.IsSpace(r[len(r)-1]) {
		r = r[:len(r)-1]
	}
	return string(r)
}
