package model

import (
	"testing"

	"dossier/internal/anchor"
)

// TestParting checks how a quote not found is told apart from the source's
// text: the words of each where they part.
func TestParting(t *testing.T) {
	tests := []struct{ quote, text, want string }{
		{"roughly 300,000 Americans a year", "roughly 300,000 U.S. residents a year. The CDC",
			`the quote has "Americans" where the source has "U.S."`},
		{"deaths anually", "deaths annually, a figure", `the quote has "anually" where the source has "annually"`},
		{"closer to 100.000", "closer to 100,000. It", `the quote has "100.000" where the source has "100,000"`},
		// A space on one side only: a word more on both.
		{"place annual overdose", "places annual overdose", `the quote has "place annual" where the source has "places annual"`},
		{"300,000US deaths", "300,000 U.S. deaths", `the quote has "300,000US deaths" where the source has "300,000 U.S."`},
		{"closer to 100,000 deaths", "closer to 100,000", `the quote goes on with "deaths" where the source ends`},
		{"roughly supercalifragilisticexpialidocious-and-then-some-more-words here", "roughly superb day",
			`the quote has "supercalifragilisticexpialidocious-and-t…" where the source has "superb"`},
	}
	for _, tc := range tests {
		q, x := []rune(tc.quote), []rune(tc.text)
		qi, ti := anchor.Parting(tc.quote, tc.text)
		if got := parting(q, qi, x, ti); got != tc.want {
			t.Errorf("parting(%q, %q) = %s, want %s", tc.quote, tc.text, got, tc.want)
		}
	}
}
