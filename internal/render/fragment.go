package render

import (
	"unicode"
	"unicode/utf8"
)

// How many words a text fragment names at each end: enough to find the
// text, few enough that the range does not run into a mark or a note
// number that the source page puts inside a passage (a sentence on an
// entity page), or to keep the search index small (a block).
const (
	sentenceFragmentWords = 4
	blockFragmentWords    = 5
)

// textFragment is a text fragment directive (":~:text=…", the WICG text
// fragments that browsers scroll to and mark) that finds text in a page:
// the text itself when it has at most 2×words words, else its first and
// last words as the start and end of a range.
func textFragment(text string, words int) string {
	text, n := joinFields(text)
	return fieldsFragment(text, n, words)
}

// fieldsFragment is textFragment of text, which is joinFields' text of n
// words: its words separated by single spaces.
func fieldsFragment(text string, n, words int) string {
	b := make([]byte, 0, len(":~:text=")+len(text)+len(text)/4+8)
	b = append(b, ":~:text="...)
	if n <= 2*words {
		return string(appendFragmentEscape(b, text))
	}
	// The words-th space ends the first words, the (n-words)-th starts
	// the last.
	head, tail := 0, 0
	spaces := 0
	for i := 0; i < len(text); i++ {
		if text[i] == ' ' {
			spaces++
			if spaces == words {
				head = i
			}
			if spaces == n-words {
				tail = i + 1
				break
			}
		}
	}
	b = appendFragmentEscape(b, text[:head])
	b = append(b, ',')
	return string(appendFragmentEscape(b, text[tail:]))
}

// joinFields is strings.Join(strings.Fields(s), " ") and the number of
// fields, in one pass: s itself when it is already so.
func joinFields(s string) (string, int) {
	text, n, _ := joinFieldsCount(s)
	return text, n
}

// joinFieldsCount is joinFields, with the number of code points of s
// (utf8.RuneCountInString(s)).
func joinFieldsCount(s string) (text string, n, runes int) {
	var b []byte // the text, once it differs from s's start
	i := 0       // the end of the last field
	for {
		j := i
		for j < len(s) {
			space, size := spaceAt(s, j)
			if !space {
				break
			}
			j += size
			runes++
		}
		if j == len(s) {
			if j > i && b == nil {
				b = append(make([]byte, 0, i), s[:i]...)
			}
			break
		}
		// Until b is made, the text so far is s[:i]; it stays s's own
		// when one space separates this field from the last.
		if b == nil && (n == 0 && j > 0 || n > 0 && (j != i+1 || s[i] != ' ')) {
			b = append(make([]byte, 0, len(s)), s[:i]...)
		}
		k := j
		for k < len(s) {
			if c := s[k]; c < utf8.RuneSelf { // the common case, inline
				if asciiSpace[c] != 0 {
					break
				}
				k++
				runes++
				continue
			}
			space, size := spaceAt(s, k)
			if space {
				break
			}
			k += size
			runes++
		}
		if b != nil {
			if n > 0 {
				b = append(b, ' ')
			}
			b = append(b, s[j:k]...)
		}
		n++
		i = k
	}
	if b == nil {
		return s, n, runes
	}
	return string(b), n, runes
}

// spaceAt reports whether s has white space (to strings.Fields) at byte
// i, and the size of the character there.
func spaceAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiSpace[c] != 0, 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), size
}

// asciiSpace marks the ASCII bytes that are white space to strings.Fields.
var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// fragmentEscape percent-encodes text for a text directive: every byte but
// letters, digits and ".", "_", "~" (the directive's syntax gives "-", ","
// and "&" meanings of their own).
func fragmentEscape(s string) string {
	return string(appendFragmentEscape(make([]byte, 0, len(s)+len(s)/4), s))
}

// appendFragmentEscape appends fragmentEscape(s) to b.
func appendFragmentEscape(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == '~':
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}
