package render

import (
	"testing"

	"dossier/internal/model"
)

// TestNumberQuotes: a source's claims are numbered in the order their
// first passage starts (the longest first at one start, then by anchor),
// a claim's passages, when it has several, lettered in the order their
// references come (by end), whatever the rest of the dossier holds.
func TestNumberQuotes(t *testing.T) {
	a, b, c := &model.Claim{ID: "a"}, &model.Claim{ID: "b"}, &model.Claim{ID: "c"}
	q := func(cl *model.Claim, n, start, end int) *model.Quote {
		return &model.Quote{Claim: cl, N: n, Start: start, End: end}
	}
	// b starts first; c and a share a start, c the longer; a quotes
	// three passages, b three, the last two of b nested in one another:
	// lettered in the order of their ends, where their references go.
	qs := []*model.Quote{q(a, 1, 50, 60), q(a, 2, 10, 20), q(b, 1, 0, 5), q(c, 1, 10, 30), q(b, 2, 70, 80), q(a, 3, 90, 95), q(b, 3, 70, 75)}
	s := &model.Source{Quotes: qs}
	n := numberQuotes(s)
	want := map[*model.Quote]string{qs[2]: "1a", qs[6]: "1b", qs[4]: "1c", qs[3]: "2", qs[1]: "3a", qs[0]: "3b", qs[5]: "3c"}
	for quote, label := range want {
		got := n.of[quote]
		if got.number+got.letter != label {
			t.Errorf("%s's passage %d at %d: labelled %q, want %q", quote.Claim.ID, quote.N, quote.Start, got.number+got.letter, label)
		}
	}
	if len(n.claims) != 3 || n.claims[0][0].Claim != b || n.claims[1][0].Claim != c || n.claims[2][0].Claim != a {
		t.Errorf("the claims in order: %v", n.claims)
	}
}

func TestLetters(t *testing.T) {
	for j, want := range map[int]string{0: "a", 1: "b", 25: "z", 26: "aa", 27: "ab", 51: "az", 52: "ba", 701: "zz", 702: "aaa"} {
		if got := letters(j); got != want {
			t.Errorf("letters(%d) = %q, want %q", j, got, want)
		}
	}
}
