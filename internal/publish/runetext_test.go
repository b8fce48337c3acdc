package publish

import (
	"strings"
	"testing"
)

// TestRuneText slices texts by code points as a conversion to []rune does,
// across the index's steps, in multi-byte and invalid UTF-8 text.
func TestRuneText(t *testing.T) {
	for _, s := range []string{
		"",
		"plain ASCII text",
		strings.Repeat("Grüße, 東京 — “quoted” 🙂 ", 20),
		"invalid \xff byte and \xe2\x82 cut sequence " + strings.Repeat("é", 100),
	} {
		runes := []rune(s)
		text := newRuneText(s)
		if text.n != len(runes) {
			t.Fatalf("%q: %d code points, want %d", s, text.n, len(runes))
		}
		for from := 0; from <= len(runes); from += 7 {
			for _, to := range []int{from, from + 1, from + 32, from + 65, len(runes)} {
				to = min(to, len(runes))
				if got, want := text.slice(from, to), string(runes[from:to]); got != want {
					t.Fatalf("%q [%d:%d] = %q, want %q", s, from, to, got, want)
				}
			}
		}
	}
}
