package mention

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"

	"dossier/internal/anchor"
)

var entities = []Name{
	{"Claudia Sheinbaum", "claudia-sheinbaum"},
	{"Sheinbaum", "claudia-sheinbaum"},
	{"Donald Trump", "donald-trump"},
	{"Trump", "donald-trump"},
	{"US", "united-states"},
	{"United States", "united-states"},
	{"México", "mexico"},
	{"Peña", "enrique-pena-nieto"},
	{"O’Brien", "conan-obrien"},
	{"Jean-Luc", "jean-luc"},
	{"CDC", "cdc"},
}

// mentions renders Find's answer as "entity=passage" strings, which read
// better in failures than spans.
func mentions(m *Matcher, plain string) []string {
	runes := []rune(plain)
	var out []string
	for _, x := range m.Find(plain) {
		out = append(out, x.Entity+"="+string(runes[x.Span.Start:x.Span.End]))
	}
	return out
}

func TestFind(t *testing.T) {
	m := NewMatcher(entities)
	tests := []struct {
		name  string
		plain string
		want  []string
	}{
		{"nothing", "No one is named here.", nil},
		{"longest of overlapping aliases", "Claudia Sheinbaum spoke; Sheinbaum left.",
			[]string{"claudia-sheinbaum=Claudia Sheinbaum", "claudia-sheinbaum=Sheinbaum"}},
		{"adjacent", "Trump US.", []string{"donald-trump=Trump", "united-states=US"}},
		{"not inside a word", "USA Busy USB Trumped CDCs", nil},
		{"between punctuation", "(US), “US” and US-made and US.",
			[]string{"united-states=US", "united-states=US", "united-states=US", "united-states=US"}},
		{"digits are word runes", "US2 2US", nil},
		{"case-sensitive", "us Us uS", nil},
		{"apostrophe after a name", "Sheinbaum’s plan and Trump's.",
			[]string{"claudia-sheinbaum=Sheinbaum", "donald-trump=Trump"}},
		{"straight apostrophe for curly", "O'Brien said", []string{"conan-obrien=O'Brien"}},
		{"en dash for hyphen", "Jean–Luc said", []string{"jean-luc=Jean–Luc"}},
		{"non-ASCII letters", "Nuevo México, Peña: Méxicos Peñalosa Pe", []string{"mexico=México", "enrique-pena-nieto=Peña"}},
		{"combining mark continues the word", "México\u0301 Peña\u0303", nil},
		{"across a soft line break", "said Claudia\nSheinbaum today",
			[]string{"claudia-sheinbaum=Claudia\nSheinbaum"}},
		{"across a paragraph with spaces", "United \n\n\tStates", []string{"united-states=United \n\n\tStates"}},
		{"no-break space", "Donald\u00a0Trump", []string{"donald-trump=Donald\u00a0Trump"}},
		{"at the very ends", "US", []string{"united-states=US"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := mentions(m, tc.plain); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Find(%q) = %q, want %q", tc.plain, got, tc.want)
			}
		})
	}
}

func TestFindSpans(t *testing.T) {
	// Code points, not bytes: "México " is 7 code points and 8 bytes.
	got := NewMatcher(entities).Find("México y Peña")
	want := []Match{
		{anchor.Span{Start: 0, End: 6}, "mexico"},
		{anchor.Span{Start: 9, End: 13}, "enrique-pena-nieto"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Find = %v, want %v", got, want)
	}
}

func TestLeftmostLongest(t *testing.T) {
	tests := []struct {
		name  string
		names []string
		plain string
		want  []string
	}{
		{"leftmost beats longer", []string{"A B", "B C D"}, "A B C D", []string{"A B=A B"}},
		{"longest at the same start", []string{"A", "A B", "A B C"}, "A B C", []string{"A B C=A B C"}},
		{"order of names does not matter", []string{"A B C", "A B", "A"}, "A B C", []string{"A B C=A B C"}},
		{"longer fails the boundary, shorter is kept", []string{"Sheinbaum", "Sheinbaum Par"},
			"Sheinbaum Pardo", []string{"Sheinbaum=Sheinbaum"}},
		{"suffix name inside a longer one", []string{"New York Times", "York"},
			"New York Times in York", []string{"New York Times=New York Times", "York=York"}},
		{"overlapping occurrences of one name", []string{"A A"}, "A A A", []string{"A A=A A"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var names []Name
			for _, n := range tc.names {
				names = append(names, Name{Text: n, Entity: n})
			}
			if got := mentions(NewMatcher(names), tc.plain); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Find(%q) = %q, want %q", tc.plain, got, tc.want)
			}
		})
	}
}

func TestNewMatcher(t *testing.T) {
	t.Run("empty matcher", func(t *testing.T) {
		for _, m := range []*Matcher{NewMatcher(nil), NewMatcher([]Name{{" \n", "blank"}, {"", "empty"}})} {
			if got := m.Find("Anything at all, even US."); got != nil {
				t.Errorf("Find = %v, want nil", got)
			}
		}
	})
	t.Run("first of duplicate names wins", func(t *testing.T) {
		m := NewMatcher([]Name{{"Sheinbaum", "first"}, {" Sheinbaum\n", "second"}, {"Sheinbaum", "third"}})
		if got := mentions(m, "Sheinbaum"); !reflect.DeepEqual(got, []string{"first=Sheinbaum"}) {
			t.Errorf("Find = %q, want the first entity", got)
		}
	})
	t.Run("names are normalised", func(t *testing.T) {
		m := NewMatcher([]Name{{"  Claudia \n Sheinbaum ", "cs"}, {"O'Brien", "ob"}})
		want := []string{"cs=Claudia Sheinbaum", "ob=O’Brien"}
		if got := mentions(m, "Claudia Sheinbaum and O’Brien"); !reflect.DeepEqual(got, want) {
			t.Errorf("Find = %q, want %q", got, want)
		}
	})
}

// TestFindAgainstNaive compares Find with a direct search: every name at
// every position, boundaries checked, then leftmost-longest.
func TestFindAgainstNaive(t *testing.T) {
	alphabet := []rune("abAé’' -—\n")
	rng := rand.New(rand.NewPCG(3, 4))
	random := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	for range 3000 {
		var names []Name
		for i := range 1 + rng.IntN(6) {
			names = append(names, Name{Text: random(1 + rng.IntN(4)), Entity: fmt.Sprint(i)})
		}
		plain := random(rng.IntN(30))
		got := NewMatcher(names).Find(plain)
		if want := naiveFind(names, plain); !reflect.DeepEqual(got, want) {
			t.Fatalf("names %q in %q: Find = %v, want %v", names, plain, got, want)
		}
	}
}

func naiveFind(names []Name, plain string) []Match {
	// The normalised text, with the plain offset of each rune.
	var norm []rune
	var at []int
	for i, r := range []rune(plain) {
		f := anchor.Fold(r)
		if f == ' ' && len(norm) > 0 && norm[len(norm)-1] == ' ' {
			continue
		}
		norm = append(norm, f)
		at = append(at, i)
	}
	seen := map[string]bool{}
	bestLen := map[int]int{} // start in norm -> length kept
	for _, n := range names {
		pat := anchor.Normalize(n.Text)
		if pat == "" || seen[pat] {
			continue
		}
		seen[pat] = true
		p := []rune(pat)
		for s := 0; s+len(p) <= len(norm); s++ {
			if string(norm[s:s+len(p)]) != pat {
				continue
			}
			if s > 0 && isWord(norm[s-1]) || s+len(p) < len(norm) && isWord(norm[s+len(p)]) {
				continue
			}
			if len(p) > bestLen[s] {
				bestLen[s] = len(p)
			}
		}
	}
	// Leftmost-longest, walking the text.
	var out []Match
	for s := 0; s < len(norm); s++ {
		l, ok := bestLen[s]
		if !ok {
			continue
		}
		pat := string(norm[s : s+l])
		entity := ""
		for _, n := range names {
			if anchor.Normalize(n.Text) == pat {
				entity = n.Entity
				break
			}
		}
		out = append(out, Match{anchor.Span{Start: at[s], End: at[s+l-1] + 1}, entity})
		s += l - 1
	}
	return out
}

func TestFindConcurrent(t *testing.T) {
	m := NewMatcher(entities)
	plain := strings.Repeat("Claudia Sheinbaum met Trump in México. ", 50)
	want := m.Find(plain)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := m.Find(plain); !reflect.DeepEqual(got, want) {
				t.Errorf("concurrent Find differs")
			}
		})
	}
	wg.Wait()
}
