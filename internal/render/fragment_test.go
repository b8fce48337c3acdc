package render

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// oldTextFragment is textFragment as strings.Fields and strings.Join
// give it: joinFields and fieldsFragment must give the same.
func oldTextFragment(text string, words int) string {
	fields := strings.Fields(text)
	if len(fields) <= 2*words {
		return ":~:text=" + fragmentEscape(strings.Join(fields, " "))
	}
	return ":~:text=" + fragmentEscape(strings.Join(fields[:words], " ")) + "," +
		fragmentEscape(strings.Join(fields[len(fields)-words:], " "))
}

func TestJoinFields(t *testing.T) {
	cases := []string{"", " ", "a", " a", "a ", "a b", "a  b", "a\nb", "a\u00a0b", "\u2003a\u2003", "a \xff b", "\xff", "a b c d e f g h i j k l",
		"  one two\tthree\n\nfour  five six seven eight nine ten eleven  ", "é—“x” %zz a:b"}
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "bc", " ", "  ", "\n", "\t", "\u00a0", "\u0085", "é", "—", "\xff", "+", "%", ",", "-"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		want := strings.Join(strings.Fields(s), " ")
		got, n, runes := joinFieldsCount(s)
		if runes != utf8.RuneCountInString(s) {
			t.Fatalf("joinFieldsCount(%q): %d code points; want %d", s, runes, utf8.RuneCountInString(s))
		}
		if got != want || n != len(strings.Fields(s)) {
			t.Fatalf("joinFields(%q) = %q, %d; want %q, %d", s, got, n, want, len(strings.Fields(s)))
		}
		for _, words := range []int{1, 2, 4, 5} {
			if got, want := textFragment(s, words), oldTextFragment(s, words); got != want {
				t.Fatalf("textFragment(%q, %d) = %q; want %q", s, words, got, want)
			}
		}
	}
}
