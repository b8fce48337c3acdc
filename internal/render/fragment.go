package render

import "strings"

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
	fields := strings.Fields(text)
	if len(fields) <= 2*words {
		return ":~:text=" + fragmentEscape(strings.Join(fields, " "))
	}
	return ":~:text=" + fragmentEscape(strings.Join(fields[:words], " ")) + "," +
		fragmentEscape(strings.Join(fields[len(fields)-words:], " "))
}

// fragmentEscape percent-encodes text for a text directive: every byte but
// letters, digits and ".", "_", "~" (the directive's syntax gives "-", ","
// and "&" meanings of their own).
func fragmentEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
