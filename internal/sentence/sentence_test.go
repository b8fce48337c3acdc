package sentence

import "testing"

func TestBounds(t *testing.T) {
	for _, tc := range []struct {
		text, passage, want string
	}{
		{"First one. The U.S. military said no. Last one.", "military", "The U.S. military said no."},
		{"Before. Vice President J. D. Vance said “No.” Then more.", "Vance", "Vice President J. D. Vance said “No.”"},
		{"Gen. Smith spoke. Mr. Jones left early.", "Jones", "Mr. Jones left early."},
		{"It was roughly 300,000 a year. and a lower-case word goes on.", "300,000", "It was roughly 300,000 a year. and a lower-case word goes on."},
		{"Read No. 5 again. Then stop.", "Read", "Read No. 5 again."},
		{"Line one\nline two with name\nline three", "name", "line two with name"},
		{"Did he? Yes! He did.", "Yes", "Yes!"},
	} {
		runes := []rune(tc.text)
		start := indexRunes(runes, []rune(tc.passage))
		if start < 0 {
			t.Fatalf("test setup: %q not in %q", tc.passage, tc.text)
		}
		lo, hi := Bounds(runes, start, start+len([]rune(tc.passage)), 200)
		if got := string(runes[lo:hi]); got != tc.want && got != tc.want+" " {
			t.Errorf("sentence of %q in %q = %q, want %q", tc.passage, tc.text, got, tc.want)
		}
	}
}

func TestBoundsLimit(t *testing.T) {
	runes := []rune("a b c d e f g h i j k l m n o p")
	lo, hi := Bounds(runes, 14, 15, 4) // "h", no sentence ends at all
	if lo != 10 || hi != 19 {
		t.Errorf("Bounds with limit 4 = [%d, %d), want [10, 19)", lo, hi)
	}
}

func indexRunes(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if string(s[i:i+len(sub)]) == string(sub) {
			return i
		}
	}
	return -1
}
