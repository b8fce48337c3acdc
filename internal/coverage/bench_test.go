package coverage

import (
	"strings"
	"testing"
)

// BenchmarkSource measures a long source with many quotes: the work must
// grow with the text, not with sentences times quotes.
func BenchmarkSource(b *testing.B) {
	para := "“We will not allow it,” Sheinbaum said on Tuesday. The U.S. sent 10,000 troops in March 2025. Nothing else happened here.\n\n"
	text := strings.Repeat(para, 20000) // 2.5 MB
	var quoted [][2]int
	n := len([]rune(para))
	for i := range 20000 {
		quoted = append(quoted, [2]int{i*n + 60, i*n + 80})
	}
	b.ResetTimer()
	for b.Loop() {
		r := Source(text, quoted)
		if r.Checkable != 40000 || r.Covered != 20000 {
			b.Fatalf("%d of %d", r.Covered, r.Checkable)
		}
	}
}
