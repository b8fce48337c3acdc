package anchor

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSpanCodePoints checks the sparse map from norm to plain against a
// table of every byte, on texts of ASCII, several-byte runes and runs of
// white space of every kind, at their start and end.
func TestSpanCodePoints(t *testing.T) {
	pieces := []string{"a", "B", " ", "  ", "\n", "\t \n", "é", "東京", "🙂", "ß", "İ", "“", "—", "\u00a0", "\u2003\u2003", "ﬁ"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 500; round++ {
		var b strings.Builder
		for k := rng.IntN(40); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		plain := b.String()
		text := NewText(plain)
		at := table(plain)
		for i := 0; i < len(text.norm); i++ {
			if !utf8.RuneStart(text.norm[i]) {
				continue
			}
			if got := text.cp(i); got != int(at[i]) {
				t.Fatalf("%q: norm byte %d is code point %d, want %d", plain, i, got, at[i])
			}
			for end := i + 1; end <= len(text.norm); end++ {
				if end < len(text.norm) && !utf8.RuneStart(text.norm[end]) {
					continue
				}
				want := Span{Start: int(at[i]), End: int(at[end-1]) + 1}
				if got := text.span(i, end); got != want {
					t.Fatalf("%q: span(%d, %d) = %v, want %v", plain, i, end, got, want)
				}
			}
		}
	}
}

// table maps every byte of norm to the code point of plain it belongs to,
// as NewText once did.
func table(plain string) []int32 {
	var norm []byte
	var at []int32
	n := int32(0)
	space := false
	for _, r := range plain {
		f := Fold(r)
		if f == ' ' && space {
			n++
			continue
		}
		space = f == ' '
		norm = utf8.AppendRune(norm, f)
		for len(at) < len(norm) {
			at = append(at, n)
		}
		n++
	}
	return append(at, n)
}
