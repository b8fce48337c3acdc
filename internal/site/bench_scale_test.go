package site

import (
	"fmt"
	"testing"
	"testing/fstest"
)

// Benchmarks of whole builds, in memory, along one dimension of the
// content at a time, at n and 2n: the time and the bytes allocated per
// build should double, not quadruple (STYLE.md, habit 9).
//
//	go test ./internal/site -run '^$' -bench 'PerPassage|PerKey' -benchtime 3x -count 5
//
// The dossiers are those of the output size tests (size_test.go).

// BenchmarkClaimsPerPassage builds n claims that all quote one passage.
func BenchmarkClaimsPerPassage(b *testing.B) {
	benchScale(b, samePassageDossier)
}

// BenchmarkValuesPerKey builds n claims that each give a value of one
// figure, most of them in conflict.
func BenchmarkValuesPerKey(b *testing.B) {
	benchScale(b, valuesDossier)
}

func benchScale(b *testing.B, make func(int) fstest.MapFS) {
	for _, n := range []int{1000, 2000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			fsys := make(n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := Build(Options{Content: fsys, Name: "content"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
