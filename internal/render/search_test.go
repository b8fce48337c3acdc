package render

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/internal/content"
	"dossier/internal/gen"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// searchIndex is search-index.js, whole.
func searchIndex(d *model.Dossier, l *links) ([]byte, error) {
	var b bytes.Buffer
	err := writeSearchIndex(&b, d, l)
	return b.Bytes(), err
}

// TestSearchDocs: the index holds every block of a source's text as a
// passage of its own, linked to its first quoted passage or, unquoted, by
// a text fragment naming its first and last words; a claim with its
// verdict's label, speaker and quotes.
func TestSearchDocs(t *testing.T) {
	fsys := fstest.MapFS{
		"sources/s.md": {Data: []byte("---\ntitle: The Source\nshort: Src\noutlet: Daily\n---\n" +
			"# A heading\n\nFirst paragraph, short.\n\nThe second paragraph says that 300,000 people\nwere counted, and more.\n\n" +
			"A third, long paragraph with well over ten words: R&D, 1.5, rock-solid end.\n")},
		"entities/ann.md": {Data: []byte("---\nname: Ann Example\n---\n")},
		"claims/c.md": {Data: []byte("---\ntitle: Three hundred thousand were counted.\nverdict: supported\nrationale: The source counts them.\nspeaker: ann\n" +
			"quotes:\n  - source: s\n    text: 300,000 people were counted\n---\n")},
	}
	c, errs := content.Read(fsys, "content")
	if len(errs) > 0 {
		t.Fatalf("content:\n%s", errs.Format())
	}
	d, errs := model.Build(c, markdown.New(), nil)
	if len(errs) > 0 {
		t.Fatalf("model:\n%s", errs.Format())
	}
	var got []string
	for _, doc := range searchDocs(d, newLinks("")) {
		got = append(got, strings.Join([]string{doc.Kind, doc.Title, doc.Text, doc.Verdict, doc.URL}, " | "))
	}
	want := []string{
		"claim | Three hundred thousand were counted. | Ann Example · 300,000 people were counted | Supported | claims/c/index.html",
		"source | The Source | Src · Daily |  | sources/s/index.html",
		"passage | Src | A heading |  | sources/s/index.html#:~:text=A%20heading",
		"passage | Src | First paragraph, short. |  | sources/s/index.html#:~:text=First%20paragraph%2C%20short.",
		"passage | Src | The second paragraph says that 300,000 people were counted, and more. |  | sources/s/index.html#q-c-1",
		"passage | Src | A third, long paragraph with well over ten words: R&D, 1.5, rock-solid end. |  | " +
			"sources/s/index.html#:~:text=A%20third%2C%20long%20paragraph%20with,words%3A%20R%26D%2C%201.5%2C%20rock%2Dsolid%20end.",
		"entity | Ann Example |  |  | entities/ann/index.html",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the search documents are\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	js, err := searchIndex(d, newLinks(""))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(js); !strings.HasPrefix(s, "window.DOSSIER_SEARCH = [") || !strings.HasSuffix(s, "];\n") || strings.Contains(s, "R&D") {
		t.Errorf("search-index.js is not a script assigning the documents, with & escaped:\n%.300s", s)
	}
}

// TestSearchIndexJSON: the index, written directly, is what encoding/json's
// Encoder writes for its documents, for the project's dossier and a
// generated one with hostile words.
func TestSearchIndexJSON(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fsys    fs.FS
		hostile bool
	}{
		{"content", os.DirFS("../../content"), false},
		{"generated-hostile", gen.FS(gen.Generate(gen.Options{Sources: 40, Seed: 3})), true},
		{"empty", gen.FS(withoutClaims(gen.Generate(gen.Options{Sources: 1, Seed: 1}))), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := claimPageDossier(t, tc.fsys)
			if tc.hostile {
				hostile(d)
				d.Claims[1].Title += "\u2028\u2029\x01\t\xff"
			}
			l := newLinks("")
			got, err := searchIndex(d, l)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			want.WriteString("window.DOSSIER_SEARCH = ")
			if err := json.NewEncoder(&want).Encode(searchDocs(d, l)); err != nil {
				t.Fatal(err)
			}
			want.Truncate(want.Len() - 1)
			want.WriteString(";\n")
			if !bytes.Equal(got, want.Bytes()) {
				at := diffAt(got, want.Bytes())
				t.Fatalf("at byte %d:\ngot:  %q\nwant: %q", at, around(got, at), around(want.Bytes(), at))
			}
		})
	}
}
