package render

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	theme "dossier"
	"dossier/internal/model"
)

func TestDateParts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Date
	}{
		{"2025-08-10", Date{Key: "2025-08-10", Year: 2025, Month: 8, Day: 10}},
		{"2025-08", Date{Key: "2025-08", Year: 2025, Month: 8}},
		{"2025", Date{Key: "2025", Year: 2025}},
		{"2025-13", Date{Key: "2025-13"}},
		{"soon", Date{Key: "soon"}},
		{"", Date{}},
	} {
		if got := dateParts(tc.in); got != tc.want {
			t.Errorf("dateParts(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// relationWords is how the default theme's "relation" partial says
// relationOf(other, this); "" when nothing can be said.
func relationWords(t testing.TB, other, this *model.Value) string {
	t.Helper()
	rel := relationOf(other, this)
	if rel.Way == "" {
		return ""
	}
	return partialWords(t, "relation", rel)
}

// partialWords executes a partial of the default theme.
func partialWords(t testing.TB, name string, data any) string {
	t.Helper()
	tm, err := template.New("").Funcs(funcs).ParseFS(theme.Templates(), "partials/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tm.ExecuteTemplate(&b, name, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSummaryPartial checks that the default theme's "summary" partial
// says what summary, still used by the charts' descriptions, says.
func TestSummaryPartial(t *testing.T) {
	at := func(x float64, words, short string) *model.Value {
		v := value(x, x)
		v.Words = words
		v.Quote = &model.Quote{Source: &model.Source{Short: short, Title: "T"}}
		return v
	}
	hi, lo := at(300000, "roughly 300,000", "AP"), at(100000, "", "Washington Post")
	for _, d := range []*model.Disagreement{
		{With: 1, Above: 1, LowestAbove: hi},
		{With: 1, Below: 1, HighestBelow: lo},
		{With: 3, Above: 3, LowestAbove: hi},
		{With: 1200, Below: 1200, HighestBelow: lo},
		{With: 5, Above: 3, Below: 2, LowestAbove: hi, HighestBelow: lo},
	} {
		want := summary(d)
		if got := partialWords(t, "summary", disagreement(d)); got != template.HTMLEscapeString(want) {
			t.Errorf("summary partial = %q, want %q", got, want)
		}
		if got := partialWords(t, "summary-start", disagreement(d)); got != template.HTMLEscapeString(capitalize(want)) {
			t.Errorf("summary-start partial = %q, want %q", got, capitalize(want))
		}
	}
}

// What the "summary" partial says, as Go said it before the words
// moved to the theme.

// valueAt is a value with the source it is cited from: “roughly 300,000”
// (Washington Post).
func valueAt(v *model.Value) string {
	s := reading(v).Quote()
	if c := cite(v.Quote.Source); c != "" {
		s += " (" + c + ")"
	}
	return s
}

// summary says whom a value of a figure's conflict disagrees with, in
// constant space however many they are: "disagrees with 1 value, lower:
// “closer to 100,000” (Washington Post)", "disagrees with 3 values, all
// higher, the closest being “eight” (AP)", "disagrees with 5 values: 3
// higher, the closest being …; 2 lower, the closest being …". "" when it
// disagrees with none.
func summary(d *model.Disagreement) string {
	if d == nil || d.With == 0 {
		return ""
	}
	s := "disagrees with " + countS(d.With, "value")
	switch {
	case d.Below == 0 && d.With == 1:
		return s + ", higher: " + valueAt(d.LowestAbove)
	case d.Above == 0 && d.With == 1:
		return s + ", lower: " + valueAt(d.HighestBelow)
	case d.Below == 0:
		return s + ", all higher, the closest being " + valueAt(d.LowestAbove)
	case d.Above == 0:
		return s + ", all lower, the closest being " + valueAt(d.HighestBelow)
	}
	return s + ": " + strconv.Itoa(d.Above) + " higher, the closest being " + valueAt(d.LowestAbove) +
		"; " + strconv.Itoa(d.Below) + " lower, the closest being " + valueAt(d.HighestBelow)
}

// count writes a number with a noun, singular or plural, for the words
// still written in Go: "1 mention", "3 mentions". The plural is given
// when adding "s" would be wrong.
func countS(n int, singular string, plural ...string) string {
	if n == 1 {
		return "1 " + singular
	}
	p := singular + "s"
	if len(plural) > 0 {
		p = plural[0]
	}
	return number(float64(n)) + " " + p
}

// times writes a ratio: "3×", "1.3×", "12×", "more than 1,000,000×".
func times(r float64) string {
	t, more := ratio(r)
	if more {
		return "more than " + number(t) + "×"
	}
	return number(t) + "×"
}

// TestTickDatePartial checks that the "tick-date" partial writes a time
// axis's ticks as the English labels Go measures.
func TestTickDatePartial(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, span := range [][2]time.Time{
		{day(2025, 1, 3), day(2025, 1, 20)}, {day(2024, 12, 1), day(2025, 3, 1)},
		{day(2024, 6, 1), day(2025, 6, 1)}, {day(2020, 1, 1), day(2025, 1, 1)}, {day(5, 1, 1), day(9000, 1, 1)},
	} {
		for _, w := range []float64{200, 520} {
			for _, tk := range timeTicks(span[0], span[1], w) {
				if got := partialWords(t, "tick-date", tk.when); got != tk.label {
					t.Errorf("tick %v: partial wrote %q, want %q", tk.at, got, tk.label)
				}
			}
		}
	}
}

// TestWordsPartial checks that the "words" and "amount" partials say a
// value as package model writes it: its Text, and its Interval read as.
func TestWordsPartial(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	inf := math.Inf(1)
	for _, v := range []*model.Value{
		{Value: f(300000), Approx: true, Lo: 270000, Hi: 330000, Unit: "deaths a year"},
		{Value: f(8), Lo: 8, Hi: 8, Unit: "cartels"},
		{Min: f(6), Max: f(8), Lo: 6, Hi: 8},
		{Min: f(500), Lo: 500, Hi: inf, Unit: "groups"},
		{Max: f(10), Lo: -inf, Hi: 10, Unit: "officials"},
		{Words: "roughly 300,000", Value: f(300000), Approx: true, Lo: 270000, Hi: 330000, Unit: "deaths"},
		{Words: "hundreds", Lo: -inf, Hi: inf, Unit: "deaths"},
		{Value: f(1234.5), Lo: 1234.5, Hi: 1234.5},
	} {
		if got, want := partialWords(t, "words", labelWords(v)), template.HTMLEscapeString(label(v)); got != want {
			t.Errorf("words partial for a chart label = %q, want %q", got, want)
		}
		rd := reading(v)
		if got, want := partialWords(t, "words", rd), template.HTMLEscapeString(rd.Quote()); got != want {
			t.Errorf("words partial = %q, want %q", got, want)
		}
		if rd.Read == nil {
			if rd.ReadAs != "" {
				t.Errorf("%q is read as %q but Read is nil", rd.Words, rd.ReadAs)
			}
			continue
		}
		if got, want := partialWords(t, "amount", rd.Read), template.HTMLEscapeString(rd.ReadAs); got != want {
			t.Errorf("amount partial = %q, want %q", got, want)
		}
	}
}

func TestQuoted(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain words", "“plain words”"},
		{"an answer: “No. Next question.”", "“an answer: “No. Next question.”"},
		{"“whenever these things happen,” he said", "“whenever these things happen,” he said”"},
		{"“All of it.”", "“All of it.”"},
		{"…an online post", "“…an online post”"},
		{"  spaced  ", "“spaced”"},
		{"", "“”"},
	} {
		if got := quoted(tc.in); got != tc.want {
			t.Errorf("quoted(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
