package typo

import (
	"fmt"
	"reflect"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"article", "article", 0},
		{"artcle", "article", 1},    // one deleted
		{"articles", "article", 1},  // one inserted
		{"articke", "article", 1},   // one substituted
		{"artilce", "article", 1},   // two neighbours swapped
		{"kitten", "sitting", 3},    // the textbook case
		{"ca", "abc", 3},            // optimal string alignment, not full Damerau (2)
		{"café", "cafe", 1},         // characters, not bytes
		{"cdc", "donald-trump", 11}, // one letter in common
		{"cdc-overdose-death-100000", "cdc-overdose-deaths-100000", 1},
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

// TestDistanceLimit checks that giving up early never changes an answer
// within the limit, nor reports one beyond it as within.
func TestDistanceLimit(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "abc", "acb", "kitten", "sitting", "donald-trump", "donald-trumo",
		"cdc", "cdc-overdose-deaths-100000", "cdc-overdose-death-100000", "trump", "xyzzy"}
	for _, a := range words {
		for _, b := range words {
			full := Distance(a, b)
			for limit := 0; limit <= 14; limit++ {
				got := (&editor{}).distance([]rune(a), b, limit)
				if full <= limit && got != full {
					t.Errorf("distance(%q, %q, %d) = %d, want %d", a, b, limit, got, full)
				}
				if full > limit && got <= limit {
					t.Errorf("distance(%q, %q, %d) = %d, but the distance is %d", a, b, limit, got, full)
				}
			}
		}
	}
}

func TestNearest(t *testing.T) {
	claims := []string{"cdc-overdose-deaths-100000", "trump-300000-deaths", "fentanyl-seizures-halved",
		"cartels-designated-terrorist-organizations", "cdc-overdose-deaths-2019"}
	entities := []string{"donald-trump", "cdc", "cia", "claudia-sheinbaum", "pete-hegseth", "the-trump-organization"}
	tests := []struct {
		what, name string
		names      []string
		want       []string
	}{
		{"a letter missing", "cdc-overdose-death-100000", claims, []string{"cdc-overdose-deaths-100000"}},
		{"two letters swapped", "fentanyl-siezures-halved", claims, []string{"fentanyl-seizures-halved"}},
		{"a short name, one letter off", "cdd", entities, []string{"cdc"}},
		{"equally near, by name", "cda", entities, []string{"cdc", "cia"}},
		{"a short name is not three letters off", "fbi", entities, nil},
		{"a word of a longer name", "trump", entities, []string{"donald-trump", "the-trump-organization"}},
		{"words in the middle", "trump", []string{"the-trump-organization"}, []string{"the-trump-organization"}},
		{"part of a word is not a word", "rump", entities, nil},
		{"nothing close", "reuters-2024-03-01", claims, nil},
		{"no names", "cdc", nil, nil},
		{"the name itself is not suggested", "cdc", []string{"cdc"}, nil},
		{"case does not count", "base_url", []string{"title", "baseURL", "language"}, []string{"baseURL"}},
		{"duplicates once", "artcle", []string{"article", "article"}, []string{"article"}},
		{"far ones dropped when a near one exists", "article-4", []string{"article-1", "articles-22"}, []string{"article-1"}},
		{"at most three", "article-9", []string{"article-1", "article-2", "article-3", "article-4"},
			[]string{"article-1", "article-2", "article-3"}},
	}
	for _, tc := range tests {
		t.Run(tc.what, func(t *testing.T) {
			if got := Nearest(tc.name, tc.names); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Nearest(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
}

func TestThreshold(t *testing.T) {
	for _, tc := range []struct{ n, want int }{{0, 1}, {3, 1}, {5, 1}, {6, 2}, {9, 3}, {25, 8}} {
		if got := Threshold(tc.n); got != tc.want {
			t.Errorf("Threshold(%d) = %d, want %d", tc.n, got, tc.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, `did you mean "a"?`},
		{[]string{"a", "b"}, `did you mean "a" or "b"?`},
		{[]string{"a", "b", "c"}, `did you mean "a", "b" or "c"?`},
	} {
		if got := DidYouMean(tc.names); got != tc.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
}

// BenchmarkNearest looks a typo up among many names, as a dossier with
// thousands of claims does for each unknown link.
func BenchmarkNearest(b *testing.B) {
	var names []string
	for i := 0; i < 5000; i++ {
		names = append(names, fmt.Sprintf("claim-number-%d-about-something", i))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Nearest("claim-nmber-2500-about-something", names)
	}
}
