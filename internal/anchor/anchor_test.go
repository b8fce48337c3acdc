package anchor

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// article is the seed case: curly quotes, an em dash, non-ASCII letters before
// the passages (so bytes and code points differ), soft and hard line breaks.
const article = "Mr. Trump said “roughly 300,000 U.S. deaths annually” come from\n" +
	"drugs that cross from México.\n\n" +
	"The CDC’s estimate — closer to 100,000 — is a third of that.\n" +
	"Peña said: \"the figure is 100,000\"; the figure is disputed."

// at returns the span of the first occurrence of s in plain, in code points.
func at(t *testing.T, plain, s string) Span {
	t.Helper()
	i := strings.Index(plain, s)
	if i < 0 {
		t.Fatalf("test setup: %q not in text", s)
	}
	start := utf8.RuneCountInString(plain[:i])
	return Span{start, start + utf8.RuneCountInString(s)}
}

// nth returns the span of the n-th (from 0) occurrence of s in plain.
func nth(t *testing.T, plain, s string, n int) Span {
	t.Helper()
	shift := 0
	for range n {
		shift += at(t, plain, s).End
		plain = plain[strings.Index(plain, s)+len(s):]
	}
	sp := at(t, plain, s)
	return Span{sp.Start + shift, sp.End + shift}
}

func TestFold(t *testing.T) {
	for in, want := range map[rune]rune{
		'‘': '\'', '’': '\'', '‚': '\'', '‛': '\'', '′': '\'', '\'': '\'',
		'“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '"': '"',
		'-': '-', '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
		' ': ' ', '\t': ' ', '\n': ' ', '\r': ' ', '\u00a0': ' ', '\u2009': ' ', '\u3000': ' ',
		'a': 'a', 'A': 'A', 'é': 'é', '«': '«', '_': '_',
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "",
		" \n\t ":                "",
		"  a  b\n\nc ":          "a b c",
		"O’Brien — “yes”":       `O'Brien - "yes"`,
		"10\u00a0000":           "10 000",
		"Case Is Kept":          "Case Is Kept",
		"tab\tand\u2028newline": "tab and newline",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindOne(t *testing.T) {
	text := NewText(article)
	tests := []struct {
		name  string
		quote Quote
		want  string // the passage of article that must be found
		nth   int    // which occurrence of want, from 0
	}{
		{"verbatim", Quote{Exact: "closer to 100,000"}, "closer to 100,000", 0},
		{"straight quotes for curly", Quote{Exact: `"roughly 300,000 U.S. deaths annually"`},
			"“roughly 300,000 U.S. deaths annually”", 0},
		{"curly apostrophe for straight", Quote{Exact: "The CDC's estimate"}, "The CDC’s estimate", 0},
		{"hyphen for em dash", Quote{Exact: "estimate - closer"}, "estimate — closer", 0},
		{"en dash for em dash", Quote{Exact: "estimate – closer"}, "estimate — closer", 0},
		{"curly for straight in text", Quote{Exact: "“the figure is 100,000”"}, `"the figure is 100,000"`, 0},
		{"space for soft line break", Quote{Exact: "come from drugs"}, "come from\ndrugs", 0},
		{"space for paragraph break", Quote{Exact: "México. The CDC’s"}, "México.\n\nThe CDC’s", 0},
		{"runs of white space", Quote{Exact: "a  third\tof\n that"}, "a third of that", 0},
		{"no-break space", Quote{Exact: "a\u00a0third"}, "a third", 0},
		{"surrounding white space ignored", Quote{Exact: "\n  deaths annually \n"}, "deaths annually", 0},
		{"non-ASCII at both ends", Quote{Exact: "México"}, "México", 0},
		{"whole text", Quote{Exact: article}, article, 0},
		{"prefix settles", Quote{Exact: "100,000", Prefix: "closer to"}, "100,000", 0},
		{"prefix without the space", Quote{Exact: "100,000", Prefix: "closer to "}, "100,000", 0},
		{"suffix settles", Quote{Exact: "the figure", Suffix: "is 100,000"}, "the figure", 0},
		{"suffix settles the second", Quote{Exact: "the figure is", Suffix: "disputed"}, "the figure is", 1},
		{"prefix settles the second", Quote{Exact: "100,000", Prefix: "figure is"}, "100,000", 1},
		{"prefix and suffix", Quote{Exact: "the figure", Prefix: "\"", Suffix: "is 100,000"}, "the figure", 0},
		{"prefix folded", Quote{Exact: "estimate", Prefix: "The CDC's"}, "estimate", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := text.Find(tc.quote)
			want := nth(t, article, tc.want, tc.nth)
			if !got.Found || got.Span != want {
				t.Fatalf("Find(%+v) = %+v, want found at %v", tc.quote, got, want)
			}
			if got.Closest != (Near{}) {
				t.Errorf("Closest = %+v, want empty when found", got.Closest)
			}
		})
	}
}

func TestFindNot(t *testing.T) {
	text := NewText(article)
	second := func(s string) Span { return nth(t, article, s, 1) }
	tests := []struct {
		name        string
		quote       Quote
		occurrences []Span
		kept        []Span
	}{
		{"empty", Quote{}, nil, nil},
		{"only white space", Quote{Exact: " \n\t"}, nil, nil},
		{"case-sensitive", Quote{Exact: "the cdc’s estimate"}, nil, nil},
		{"white space is not nothing", Quote{Exact: "closerto"}, nil, nil},
		{"ambiguous", Quote{Exact: "100,000"},
			[]Span{at(t, article, "100,000"), second("100,000")},
			[]Span{at(t, article, "100,000"), second("100,000")}},
		{"prefix matches none", Quote{Exact: "100,000", Prefix: "about"},
			[]Span{at(t, article, "100,000"), second("100,000")}, nil},
		{"single occurrence, wrong prefix", Quote{Exact: "México", Prefix: "to"},
			[]Span{at(t, article, "México")}, nil},
		{"single occurrence, wrong suffix", Quote{Exact: "México", Suffix: "!"},
			[]Span{at(t, article, "México")}, nil},
		{"prefix is case-sensitive", Quote{Exact: "estimate", Prefix: "the cdc’s"},
			[]Span{at(t, article, "estimate")}, nil},
		{"suffix too short to settle", Quote{Exact: "the figure is", Suffix: " "},
			[]Span{at(t, article, "the figure is"), second("the figure is")},
			[]Span{at(t, article, "the figure is"), second("the figure is")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := text.Find(tc.quote)
			if got.Found {
				t.Fatalf("Find(%+v) found %v, want not found", tc.quote, got.Span)
			}
			if !reflect.DeepEqual(got.Occurrences, tc.occurrences) || !reflect.DeepEqual(got.Kept, tc.kept) {
				t.Errorf("Find(%+v): Occurrences %v, Kept %v; want %v, %v",
					tc.quote, got.Occurrences, got.Kept, tc.occurrences, tc.kept)
			}
			if len(got.Occurrences) > 0 && got.Closest != (Near{}) {
				t.Errorf("Closest = %+v, want empty when there are occurrences", got.Closest)
			}
		})
	}
}

func TestFindOverlapping(t *testing.T) {
	got := NewText("aaa").Find(Quote{Exact: "aa"})
	want := []Span{{0, 2}, {1, 3}}
	if got.Found || !reflect.DeepEqual(got.Occurrences, want) {
		t.Errorf("Find(aa in aaa) = %+v, want two overlapping occurrences %v", got, want)
	}
}

func TestPlain(t *testing.T) {
	if got := NewText(article).Plain(); got != article {
		t.Errorf("Plain() = %q, want the text given", got)
	}
}

// TestFindAgainstNaive compares Find with a direct, rune-by-rune search over
// random texts full of the characters that normalisation touches.
func TestFindAgainstNaive(t *testing.T) {
	alphabet := []rune("ab é’'\"“—-\n\u00a0\t")
	rng := rand.New(rand.NewPCG(1, 2))
	randText := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	for range 2000 {
		plain := randText(rng.IntN(40))
		exact := randText(1 + rng.IntN(4))
		got := NewText(plain).Find(Quote{Exact: exact})
		want := naiveFind([]rune(plain), exact)
		if !reflect.DeepEqual(got.Occurrences, want) {
			t.Fatalf("Find(%q in %q): occurrences %v, want %v", exact, plain, got.Occurrences, want)
		}
		sa := NewText(plain)
		sa.scanFinds = 0 // look up in the suffix array from the first quote
		if got := sa.Find(Quote{Exact: exact}); !reflect.DeepEqual(got.Occurrences, want) {
			t.Fatalf("Find(%q in %q) by suffix array: occurrences %v, want %v", exact, plain, got.Occurrences, want)
		}
		for _, sp := range got.Occurrences {
			if s := string([]rune(plain)[sp.Start:sp.End]); Normalize(s) != Normalize(exact) {
				t.Fatalf("Find(%q in %q): occurrence %v is %q", exact, plain, sp, s)
			}
		}
		if len(want) == 0 && Normalize(exact) != "" && got.Closest.Similarity >= 1 {
			t.Fatalf("Find(%q in %q): not found but similarity %v", exact, plain, got.Closest.Similarity)
		}
	}
}

// naiveFind tries every start in plain and matches the normalised quote rune
// by rune, treating any run of white space in plain as one space.
func naiveFind(plain []rune, exact string) []Span {
	pat := []rune(Normalize(exact))
	if len(pat) == 0 {
		return nil
	}
	var spans []Span
	for s := range plain {
		i, k := s, 0
		for k < len(pat) && i < len(plain) {
			if pat[k] == ' ' {
				if Fold(plain[i]) != ' ' {
					break
				}
				for i < len(plain) && Fold(plain[i]) == ' ' {
					i++
				}
				k++
				continue
			}
			if Fold(plain[i]) != pat[k] {
				break
			}
			i, k = i+1, k+1
		}
		if k == len(pat) {
			spans = append(spans, Span{s, i})
		}
	}
	return spans
}

// TestFindConcurrent has many goroutines share one Text across the switch from
// scanning to the suffix array; run it with -race.
func TestFindConcurrent(t *testing.T) {
	text := NewText(article)
	quotes := []Quote{
		{Exact: "closer to 100,000"},
		{Exact: "100,000", Prefix: "figure is"},
		{Exact: "México"},
	}
	want := make([]Result, len(quotes))
	for i, q := range quotes {
		want[i] = NewText(article).Find(q)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 3 * scanFinds {
				i := (g + k) % len(quotes)
				if got := text.Find(quotes[i]); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("Find(%+v) = %+v, want %+v", quotes[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}
