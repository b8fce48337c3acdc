package anchor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// words is a vocabulary for generated news-like text; a few words carry the
// characters that normalisation folds.
var words = strings.Fields(`the a of to in and for on that with said was is by as at from
it his her their has have had were will would could more than about after before
president government officials minister report reports data deaths people percent
million thousand year years week month Monday Tuesday country countries border drug
drugs fentanyl trade tariffs economy market markets police health agency CDC estimate
figure figures number numbers roughly nearly closer according analysis federal state
states city cities México Peña Sheinbaum Trump O’Brien “not” — – 300,000 100,000
2024 2025 U.S. Mexico’s isn’t don’t can’t officials’ week’s new old first last
public private support opposed policy policies law laws court judge vote votes`)

// genText returns about size bytes of text: sentences, soft line breaks and
// paragraphs, reproducible for a seed.
func genText(size int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	var b strings.Builder
	for b.Len() < size {
		n := 8 + rng.IntN(20)
		for i := range n {
			if i > 0 {
				if rng.IntN(12) == 0 {
					b.WriteByte('\n')
				} else {
					b.WriteByte(' ')
				}
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		b.WriteString(".")
		if rng.IntN(5) == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// genQuotes returns n passages of 4–25 whole words of plain, the way an
// editor would paste them (line breaks as spaces, straight apostrophes).
func genQuotes(plain string, n int, seed uint64) []Quote {
	rng := rand.New(rand.NewPCG(seed, seed+7))
	fields := strings.Fields(plain)
	qs := make([]Quote, n)
	for i := range qs {
		k := 4 + rng.IntN(22)
		s := rng.IntN(len(fields) - k)
		exact := strings.Join(fields[s:s+k], " ")
		qs[i] = Quote{Exact: strings.ReplaceAll(exact, "’", "'")}
	}
	return qs
}

var benchSizes = []int{5 << 10, 20 << 10, 100 << 10}
var benchQuotes = []int{5, 50, 500}

// BenchmarkFind measures what a build pays for one source: NewText, then
// Find for each of its quotes. Besides the default, which scans for the first
// scanFinds quotes and then builds a suffix array, it measures each way alone:
// that is where the threshold comes from.
func BenchmarkFind(b *testing.B) {
	strategies := []struct {
		name      string
		scanFinds int64
	}{
		{"default", scanFinds},
		{"scan", math.MaxInt64},
		{"suffixarray", 0},
	}
	for _, size := range benchSizes {
		plain := genText(size, 1)
		for _, nq := range benchQuotes {
			qs := genQuotes(plain, nq, 2)
			for _, s := range strategies {
				b.Run(fmt.Sprintf("text=%dKB/quotes=%d/%s", size>>10, nq, s.name), func(b *testing.B) {
					for b.Loop() {
						t := NewText(plain)
						t.scanFinds = s.scanFinds
						for _, q := range qs {
							if r := t.Find(q); len(r.Occurrences) == 0 {
								b.Fatalf("quote %q not found", q.Exact)
							}
						}
					}
				})
			}
		}
	}
}

// BenchmarkClosest measures the error path: a quote with a typo, not found.
func BenchmarkClosest(b *testing.B) {
	for _, size := range benchSizes {
		plain := genText(size, 1)
		q := genQuotes(plain, 1, 3)[0]
		q.Exact = "Xq" + q.Exact // no longer occurs
		b.Run(fmt.Sprintf("text=%dKB/quote=%dB", size>>10, len(q.Exact)), func(b *testing.B) {
			t := NewText(plain)
			for b.Loop() {
				if r := t.Find(q); r.Closest.Similarity < 0.8 {
					b.Fatalf("closest %q at %.2f", r.Closest.Text, r.Closest.Similarity)
				}
			}
		})
	}
}

// BenchmarkNewText measures preparing a source's text alone, which every
// source pays once a build whatever its quotes.
func BenchmarkNewText(b *testing.B) {
	for _, size := range benchSizes[:2] {
		plain := genText(size, 1)
		b.Run(fmt.Sprintf("text=%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(plain)))
			for b.Loop() {
				NewText(plain)
			}
		})
	}
}
