package related

import (
	"testing"
	"testing/fstest"

	"dossier/internal/content"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// TestReasons: what two claims share comes as data, in order: speaker,
// tags, figures, passage, names; a claim that shares nothing is not
// related, nor one on the other side of a statement conflict (d shares
// a tag with a but opposes it).
func TestReasons(t *testing.T) {
	fsys := fstest.MapFS{
		"sources/s.md":      {Data: []byte("---\ntitle: S\n---\nSmith said the count is 300 deaths. Jones said 100 deaths. Nothing here.\n")},
		"entities/smith.md": {Data: []byte("---\nname: Smith\nkind: person\n---\n")},
		"figures/deaths.md": {Data: []byte("---\nlabel: Deaths\nunit: deaths\n---\n")},
		"claims/a.md":       {Data: []byte("---\ntitle: A.\nspeaker: smith\ntags: [x, y]\nquotes:\n  - source: s\n    text: Smith said the count is 300 deaths.\n    figure: {key: deaths, value: 300}\n---\n")},
		"claims/b.md":       {Data: []byte("---\ntitle: B.\nspeaker: smith\ntags: [y]\nquotes:\n  - source: s\n    text: Smith said the count\n---\n")},
		"claims/c.md":       {Data: []byte("---\ntitle: C.\nquotes:\n  - source: s\n    text: Jones said 100 deaths.\n    figure: {key: deaths, value: 100}\n---\n")},
		"claims/d.md":       {Data: []byte("---\ntitle: D.\ntags: [x]\nquotes:\n  - source: s\n    text: Nothing here.\n---\n")},
		"conflicts/a-d.md":  {Data: []byte("---\ntitle: A or D\nkind: tension\nsides: [[a], [d]]\n---\n")},
	}
	c, errs := content.Read(fsys, "content")
	if len(errs) > 0 {
		t.Fatalf("content:\n%s", errs.Format())
	}
	d, errs := model.Build(c, markdown.New(), nil)
	if len(errs) > 0 {
		t.Fatalf("model:\n%s", errs.Format())
	}
	ix := New(d)
	got := map[string][]Reason{}
	for _, m := range ix.Of(d.Claim("a")) {
		got[m.Claim.ID] = m.Reasons
	}
	want := map[string][]Reason{
		"b": {{Kind: Speaker, Name: "Smith"}, {Kind: Tag, Name: "y"}, {Kind: Overlap}},
		"c": {{Kind: Figure, Name: "Deaths", Key: "deaths"}},
	}
	if len(got) != len(want) {
		t.Fatalf("related to a: %v, want %v", got, want)
	}
	for id, w := range want {
		g := got[id]
		if len(g) != len(w) {
			t.Errorf("%s: %v, want %v", id, g, w)
			continue
		}
		for i := range w {
			if g[i] != w[i] {
				t.Errorf("%s: %v, want %v", id, g, w)
				break
			}
		}
	}
}
