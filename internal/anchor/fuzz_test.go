package anchor

import (
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzFind looks for a quote, with a prefix and a suffix, in a text.
//
// Invariants: Find never panics; every occurrence (and so the match, and
// every kept one) lies within the text and its passage normalises to the
// quote; the kept occurrences are among the occurrences; Found means
// exactly one kept; the closest passage, when there is no occurrence, lies
// within the text, is the text at its span and has a similarity in [0, 1];
// scanning and the suffix array agree; and, for short inputs, the
// occurrences are those of a direct rune-by-rune search.
func FuzzFind(f *testing.F) {
	f.Add(article, "closer to 100,000", "", "")
	f.Add(article, "100,000", "figure is", "")
	f.Add(article, "the figure is", "", "disputed")
	f.Add(article, `"the figure is 100,000"`, "", "")
	f.Add(article, "roughly 300,000 U.S. deaths anually", "", "")
	f.Add(article, "México. The CDC’s", "", "")
	f.Add(article, "\n  deaths annually \n", " ", " ")
	f.Add("aaa", "aa", "a", "a")
	f.Add("one\n\n two", "Xtwo", "", "")
	f.Add("", "anything", "", "")
	f.Add("a\u00a0b\u2028c\u3000d", "a b c d", "", "")
	f.Add("x \xff\xfe y", "\xff", "x", "y")
	f.Add("— – - ‐", "- - - -", "", "")
	f.Fuzz(func(t *testing.T, text, exact, prefix, suffix string) {
		q := Quote{Exact: exact, Prefix: prefix, Suffix: suffix}
		got := NewText(text).Find(q)
		plain := []rune(text)
		n := len(plain)
		want := Normalize(exact)

		inText := func(what string, sp Span) {
			t.Helper()
			if sp.Start < 0 || sp.Start >= sp.End || sp.End > n {
				t.Fatalf("Find(%+v in %q): %s %v outside the text (%d code points)", q, text, what, sp, n)
			}
			if s := runeSlice(text, sp); Normalize(s) != want {
				t.Fatalf("Find(%+v in %q): %s %v is %q, which normalises to %q, not %q", q, text, what, sp, s, Normalize(s), want)
			}
		}
		for _, sp := range got.Occurrences {
			inText("occurrence", sp)
		}
		if !slices.IsSortedFunc(got.Occurrences, func(a, b Span) int { return a.Start - b.Start }) {
			t.Fatalf("Find(%+v in %q): occurrences out of order: %v", q, text, got.Occurrences)
		}
		for _, sp := range got.Kept {
			if !slices.Contains(got.Occurrences, sp) {
				t.Fatalf("Find(%+v in %q): kept %v is not an occurrence", q, text, sp)
			}
		}
		if got.Found != (len(got.Kept) == 1) {
			t.Fatalf("Find(%+v in %q): Found %v with %d kept", q, text, got.Found, len(got.Kept))
		}
		if got.Found {
			inText("match", got.Span)
			if got.Span != got.Kept[0] {
				t.Fatalf("Find(%+v in %q): match %v is not the kept %v", q, text, got.Span, got.Kept[0])
			}
		}
		if want == "" && (got.Found || len(got.Occurrences) > 0) {
			t.Fatalf("Find(%+v in %q): an empty quote was found: %+v", q, text, got)
		}
		c := got.Closest
		if len(got.Occurrences) > 0 && c != (Near{}) {
			t.Fatalf("Find(%+v in %q): closest %+v given although there are occurrences", q, text, c)
		}
		if c.Similarity < 0 || c.Similarity > 1 {
			t.Fatalf("Find(%+v in %q): similarity %v", q, text, c.Similarity)
		}
		if c.Span != (Span{}) {
			if c.Span.Start < 0 || c.Span.Start >= c.Span.End || c.Span.End > n {
				t.Fatalf("Find(%+v in %q): closest %v outside the text (%d code points)", q, text, c.Span, n)
			}
			if s := runeSlice(text, c.Span); s != c.Text {
				t.Fatalf("Find(%+v in %q): closest %v is %q, Text says %q", q, text, c.Span, s, c.Text)
			}
		} else if c.Text != "" {
			t.Fatalf("Find(%+v in %q): closest text %q without a span", q, text, c.Text)
		}

		// The suffix array must find what the scan finds.
		sa := NewText(text)
		sa.scanFinds = 0
		if other := sa.Find(q); !reflect.DeepEqual(other, got) {
			t.Fatalf("Find(%+v in %q): scan %+v, suffix array %+v", q, text, got, other)
		}
		// A direct search, for inputs small enough to do it quickly.
		if n <= 512 && utf8.RuneCountInString(want) <= 64 {
			if naive := naiveFind(plain, exact); !reflect.DeepEqual(got.Occurrences, naive) {
				t.Fatalf("Find(%+v in %q): occurrences %v, a direct search finds %v", q, text, got.Occurrences, naive)
			}
		}
	})
}

// runeSlice returns the bytes of s from code point sp.Start to sp.End, as
// they stand (invalid UTF-8 included, each bad byte one code point).
func runeSlice(s string, sp Span) string {
	start, end, n := len(s), len(s), 0
	for i := range s {
		if n == sp.Start {
			start = i
		}
		if n == sp.End {
			end = i
			break
		}
		n++
	}
	return s[start:end]
}

// FuzzParting compares an editor's quote with the text it was meant to copy.
//
// Invariants: no panic; both offsets lie within their strings (in code
// points); what comes before them is the same once normalised; and two
// strings the same once normalised part only at their ends.
func FuzzParting(f *testing.F) {
	f.Add("roughly 300,000 Americans a year", "roughly 300,000 U.S. residents a year.")
	f.Add("  The CDC's estinate", "The CDC’s estimate — closer")
	f.Add("a  third\tof\n that ", "a third of that")
	f.Add("", "text")
	f.Add("quote", "")
	f.Add("x \xff y", "x \xfe y")
	f.Fuzz(func(t *testing.T, quote, text string) {
		q, p := Parting(quote, text)
		qr, tr := []rune(quote), []rune(text)
		if q < 0 || q > len(qr) || p < 0 || p > len(tr) {
			t.Fatalf("Parting(%q, %q) = %d, %d: outside %d and %d code points", quote, text, q, p, len(qr), len(tr))
		}
		if a, b := Normalize(string(qr[:q])), Normalize(string(tr[:p])); a != b {
			t.Fatalf("Parting(%q, %q) = %d, %d: the parts before differ: %q, %q", quote, text, q, p, a, b)
		}
		if Normalize(quote) == Normalize(text) && (q != len(qr) || p != len(tr)) {
			t.Fatalf("Parting(%q, %q) = %d, %d: the same once normalised, but parted before the ends", quote, text, q, p)
		}
	})
}
