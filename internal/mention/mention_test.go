package mention

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
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
		{"not across a paragraph break", "United\n\nStates", nil},
		{"not across a paragraph break with spaces", "United \n \n\tStates", nil},
		{"across a line break with spaces", "United \n\tStates", []string{"united-states=United \n\tStates"}},
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
	// The normalised text, with the plain offset of each rune: a white
	// space run is one space, or a line break if it holds two (a blank
	// line), which no name holds.
	var norm []rune
	var at []int
	runes := []rune(plain)
	for i := 0; i < len(runes); i++ {
		if anchor.Fold(runes[i]) != ' ' {
			norm = append(norm, anchor.Fold(runes[i]))
			at = append(at, i)
			continue
		}
		j := i
		for j < len(runes) && anchor.Fold(runes[j]) == ' ' {
			j++
		}
		if strings.Count(string(runes[i:j]), "\n") >= 2 {
			norm = append(norm, '\n')
		} else {
			norm = append(norm, ' ')
		}
		at = append(at, i)
		i = j - 1
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

// TestBlockBreaks: a blank line, which the plain text puts between two
// blocks (paragraphs, headings, list items…; see markdown's plainWalk), is
// not white space inside a name, as a single line break is (issue #16).
func TestBlockBreaks(t *testing.T) {
	full := NewMatcher([]Name{{"Donald Trump", "dt"}, {"United States of America", "usa"}})
	alias := NewMatcher([]Name{{"Donald Trump", "dt"}, {"Trump", "dt"}})
	tests := []struct {
		name  string
		m     *Matcher
		plain string
		want  []string
	}{
		{"paragraph break", full, "Donald\n\nTrump", nil},
		{"paragraph break in prose", full, "They met Donald\n\nTrump said no.", nil},
		{"heading then paragraph", full, "Why Donald\n\nTrump won", nil},
		{"blank line holding spaces", full, "Donald \n \t\nTrump", nil},
		{"CRLF blank line", full, "Donald\r\n\r\nTrump", nil},
		{"three line breaks", full, "Donald\n\n\nTrump", nil},
		{"longer name, break in the middle", full, "United States\n\nof America", nil},
		{"line break inside a paragraph", full, "Donald\nTrump", []string{"dt=Donald\nTrump"}},
		{"line break with spaces", full, "Donald \n Trump", []string{"dt=Donald \n Trump"}},
		{"CRLF line break", full, "Donald\r\nTrump", []string{"dt=Donald\r\nTrump"}},
		{"names on both sides of a break", full, "Donald Trump\n\nDonald Trump",
			[]string{"dt=Donald Trump", "dt=Donald Trump"}},
		{"the alias after the break", alias, "met Donald\n\nTrump said", []string{"dt=Trump"}},
		{"the alias before the break", alias, "Trump\n\nTrump", []string{"dt=Trump", "dt=Trump"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := mentions(tc.m, tc.plain); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Find(%q) = %q, want %q", tc.plain, got, tc.want)
			}
		})
	}
	// Spans after collapsed runs are still in code points of plain.
	got := alias.Find("a  \n\n  Trump  b\n\n\n Donald\n Trump")
	want := []Match{{anchor.Span{Start: 7, End: 12}, "dt"}, {anchor.Span{Start: 19, End: 32}, "dt"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans after blank lines: Find = %v, want %v", got, want)
	}
}

// TestNestedNames: with names nested in each other, each mention is the
// longest name at the leftmost place, whatever the order of the names.
func TestNestedNames(t *testing.T) {
	names := nestedNames(50)
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	xa := func(n int) string { return fmt.Sprintf("x%d=%s", n, strings.TrimSpace(strings.Repeat("Xa ", n))) }
	for _, ns := range [][]Name{names, reversed} {
		m := NewMatcher(ns)
		if got, want := mentions(m, nestedText(120)), []string{xa(50), xa(50), xa(20)}; !reflect.DeepEqual(got, want) {
			t.Errorf("Find(120 words) = %q, want %q", got, want)
		}
		// A word that is no name cuts the run; "Xab" is no word boundary.
		plain := "Xa Xa Xa Xab Xa Xa, Xa\n\nXa Xa."
		if got, want := mentions(m, plain), []string{xa(3), xa(2), xa(1), xa(2)}; !reflect.DeepEqual(got, want) {
			t.Errorf("Find(%q) = %q, want %q", plain, got, want)
		}
	}
}

// TestFindMemory: what Find allocates is proportional to the text, not to
// the text times the names (issue #16: 2,000 nested names over a paragraph
// of 40,000 words took 4.9 GB, one candidate per name ending anywhere).
func TestFindMemory(t *testing.T) {
	cases := []struct {
		name  string
		m     *Matcher
		plain string
	}{
		{"nested names", NewMatcher(nestedNames(1000)), nestedText(20000)},
		{"dense line", NewMatcher(benchNames(200)), denseLine(256<<10, benchNames(200))},
		{"prose", NewMatcher(benchNames(2000)), benchText(256<<10, benchNames(2000))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			const runs = 3
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for range runs {
				if len(tc.m.Find(tc.plain)) == 0 {
					t.Fatal("no mention found")
				}
			}
			runtime.ReadMemStats(&after)
			perByte := float64(after.TotalAlloc-before.TotalAlloc) / runs / float64(len(tc.plain))
			// The normalised text and the longest name at each rune: 8 bytes
			// a rune, plus the matches.
			if perByte > 16 {
				t.Errorf("Find allocates %.1f bytes per byte of text, want at most 16", perByte)
			}
		})
	}
}

// TestFindAgainstNaiveWords is TestFindAgainstNaive with names of several
// words, nested and overlapping, over texts with line and block breaks.
func TestFindAgainstNaiveWords(t *testing.T) {
	words := []string{"A", "A", "B", "Ab", "é", "O’B"}
	seps := []string{" ", " ", " ", "-", ", ", "\n", "\n\n", " \n ", "’", ""}
	rng := rand.New(rand.NewPCG(9, 10))
	random := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	for range 3000 {
		var names []Name
		for i := range 1 + rng.IntN(8) {
			names = append(names, Name{Text: random(1 + rng.IntN(4)), Entity: fmt.Sprint(i)})
		}
		plain := random(rng.IntN(40))
		got := NewMatcher(names).Find(plain)
		if want := naiveFind(names, plain); !reflect.DeepEqual(got, want) {
			t.Fatalf("names %q in %q: Find = %v, want %v", names, plain, got, want)
		}
	}
}

// FuzzFind compares Find with naiveFind: names are the lines of the first
// argument.
func FuzzFind(f *testing.F) {
	f.Add("Donald Trump\nTrump\nXa\nXa Xa", "met Donald\n\nTrump; Xa Xa Xa.")
	f.Add("US\nUnited States", "(US), “US” and the United\nStates")
	f.Fuzz(func(t *testing.T, names, plain string) {
		if len(names) > 1000 || len(plain) > 1000 {
			return
		}
		var ns []Name
		for i, n := range strings.Split(names, "\n") {
			ns = append(ns, Name{Text: n, Entity: fmt.Sprint(i)})
		}
		got := NewMatcher(ns).Find(plain)
		if want := naiveFind(ns, plain); !reflect.DeepEqual(got, want) {
			t.Fatalf("names %q in %q: Find = %v, want %v", ns, plain, got, want)
		}
	})
}
