package coverage

import (
	"testing"
	"testing/fstest"

	"dossier/internal/site"
)

// TestDossier checks the report on a small dossier: a quote covers its
// sentence, and each gap is placed on the line of the source file where
// its sentence starts, across front matter, blank lines and soft breaks.
func TestDossier(t *testing.T) {
	fsys := fstest.MapFS{
		"sources/a.md": {Data: []byte("---\ntitle: A\n---\n\n# A *heading*\n\nThe CDC counts closer to 100,000 deaths.\nNobody\nargues. It rose\nin 2023.\n\n> “We will act,” she said.\n")},
		"claims/c.md":  {Data: []byte("---\ntitle: C\nquotes:\n  - source: a\n    text: closer to 100,000\n---\n")},
	}
	d, errs := site.Check(site.Options{Content: fsys, Name: "content"})
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	r := Dossier(d)
	if len(r.Sources) != 1 {
		t.Fatalf("sources = %d", len(r.Sources))
	}
	s := r.Sources[0]
	if s.Path != "content/sources/a.md" || s.Checkable != 3 || s.Covered != 1 || r.Checkable != 3 || r.Covered != 1 {
		t.Fatalf("report = %+v", s)
	}
	want := []struct {
		line int
		text string
	}{{9, "It rose in 2023."}, {12, "“We will act,” she said."}}
	if len(s.Gaps) != len(want) || len(s.Lines) != len(want) {
		t.Fatalf("gaps = %+v, lines %v", s.Gaps, s.Lines)
	}
	for i, w := range want {
		if s.Lines[i] != w.line || s.Gaps[i].Sentence != w.text {
			t.Errorf("gap %d = %d: %q, want %d: %q", i, s.Lines[i], s.Gaps[i].Sentence, w.line, w.text)
		}
	}
}
