package annotate

import (
	"fmt"
	"os"
	"testing"
	"time"
	"unicode/utf8"

	"dossier/internal/content"
)

// BenchmarkCreateLarge measures a new claim written into a large dossier
// (DOSSIER_ANNOTATE_BENCH names its folder, e.g. one written by
// tools/gendossier): each write reads and models the dossier three times.
func BenchmarkCreateLarge(b *testing.B) {
	dir := os.Getenv("DOSSIER_ANNOTATE_BENCH")
	if dir == "" {
		b.Skip("set DOSSIER_ANNOTATE_BENCH to a dossier folder (it is written to)")
	}
	a := New(dir, "content")
	root, _ := os.OpenRoot(dir)
	d, _ := a.model(content.RootFS(root), nil)
	root.Close()
	src := d.Sources[0]
	r := []rune(src.Plain)
	sel := Selection{Source: src.Slug, Start: 0, End: 20, Exact: string(r[:20])}
	for utf8.RuneCountInString(sel.Exact) > 0 && (sel.Exact[len(sel.Exact)-1] == ' ') {
		sel.End--
		sel.Exact = string(r[:sel.End])
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		id := fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), i)
		if _, err := a.CreateClaim(sel, Claim{ID: id, Title: "Bench."}, nil); err != nil {
			b.Fatal(err)
		}
		os.Remove(dir + "/claims/" + id + ".md")
	}
}
