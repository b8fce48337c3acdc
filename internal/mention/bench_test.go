package mention

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// benchNames returns n names: half full names, half the surnames alone, as
// entities with an alias would give. Some carry non-ASCII letters.
func benchNames(n int) []Name {
	first := []string{"Claudia", "Donald", "Enrique", "Andrés", "Marcelo", "Ana", "Luisa", "José", "María", "Xóchitl"}
	var names []Name
	for i := range n / 2 {
		last := fmt.Sprintf("Apellido%dñ", i)
		slug := fmt.Sprintf("person-%d", i)
		names = append(names,
			Name{Text: first[i%len(first)] + " " + last, Entity: slug},
			Name{Text: last, Entity: slug})
	}
	return names
}

// benchText returns about size bytes of prose in which one word in ten is
// (part of) a name.
func benchText(size int, names []Name) string {
	rng := rand.New(rand.NewPCG(5, 6))
	filler := strings.Fields("the government said on Monday that officials from the US and México " +
		"would meet about tariffs, drugs and the border; critics’ reports disagree")
	var b strings.Builder
	for b.Len() < size {
		if rng.IntN(10) == 0 {
			b.WriteString(names[rng.IntN(len(names))].Text)
		} else {
			b.WriteString(filler[rng.IntN(len(filler))])
		}
		if rng.IntN(15) == 0 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	names := benchNames(200)
	plain := benchText(100<<10, names)
	m := NewMatcher(names)
	b.Run("names=200/text=100KB", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		for b.Loop() {
			if len(m.Find(plain)) == 0 {
				b.Fatal("no mention found")
			}
		}
	})
}

func BenchmarkNewMatcher(b *testing.B) {
	names := benchNames(200)
	for b.Loop() {
		NewMatcher(names)
	}
}

// Issue #16: Find takes time and memory linear in the text, whatever the
// names. Each case runs at two sizes, N and 2N; the time and the bytes
// allocated (B/op, and B-alloc/B-text per byte of text) at 2N should be
// about twice those at N, or, for the nested names, where only the names
// double, about the same.
//
//	go test ./internal/mention -run '^$' -bench FindScaling -count 5 -cpu 1
func BenchmarkFindScaling(b *testing.B) {
	// One line of 1 and 2 MB, one mention every 80 characters.
	for _, mb := range []int{1, 2} {
		benchFind(b, fmt.Sprintf("dense-line/text=%dMB", mb), func() (*Matcher, string) {
			names := benchNames(200)
			return NewMatcher(names), denseLine(mb<<20, names)
		})
	}
	// 1,000 and 2,000 names, each the one before and one word more ("Xa",
	// "Xa Xa", …), over a paragraph of 40,000 of their words.
	for _, n := range []int{1000, 2000} {
		benchFind(b, fmt.Sprintf("nested/names=%d", n), func() (*Matcher, string) {
			return NewMatcher(nestedNames(n)), nestedText(40000)
		})
	}
	// 2,000 names over ordinary prose of 1 and 2 MB.
	for _, mb := range []int{1, 2} {
		benchFind(b, fmt.Sprintf("prose/names=2000/text=%dMB", mb), func() (*Matcher, string) {
			names := benchNames(2000)
			return NewMatcher(names), benchText(mb<<20, names)
		})
	}
}

func benchFind(b *testing.B, name string, setup func() (*Matcher, string)) {
	b.Run(name, func(b *testing.B) {
		m, plain := setup()
		b.SetBytes(int64(len(plain)))
		b.ReportAllocs()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for b.Loop() {
			if len(m.Find(plain)) == 0 {
				b.Fatal("no mention found")
			}
		}
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(len(plain)), "B-alloc/B-text")
	})
}

// denseLine returns about size bytes of text on a single line, with one of
// names every 80 bytes or so.
func denseLine(size int, names []Name) string {
	rng := rand.New(rand.NewPCG(7, 8))
	var b strings.Builder
	filler := "the officials said on Monday that they would meet about the tariffs. "
	for b.Len() < size {
		n := names[rng.IntN(len(names))].Text
		b.WriteString(filler[:max(0, 79-len(n))])
		b.WriteString(n)
		b.WriteString(" ")
	}
	return b.String()
}

// nestedNames returns n names, each the one before and one word more: "Xa",
// "Xa Xa", "Xa Xa Xa", ….
func nestedNames(n int) []Name {
	names := make([]Name, n)
	for i := range names {
		names[i] = Name{Text: strings.TrimSpace(strings.Repeat("Xa ", i+1)), Entity: fmt.Sprint("x", i+1)}
	}
	return names
}

// nestedText returns a paragraph of words "Xa", ending with a full stop.
func nestedText(words int) string {
	return strings.Repeat("Xa ", words-1) + "Xa."
}
