package mention

import (
	"fmt"
	"math/rand/v2"
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
