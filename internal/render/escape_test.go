package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// TestEscapers holds the compiled page's escapers to html/template's, in
// the contexts the claim page writes strings in.
func TestEscapers(t *testing.T) {
	for _, s := range escaperSeeds {
		checkEscapers(t, s)
	}
}

// escaperSeeds are strings for every branch of the escapers; the long
// ones put escaped bytes at each place of an eight-byte word, and after
// a run of bytes that are not, where text skips eight at a time.
var escaperSeeds = []string{
	"", "plain", `<b>&amp; "it's" 1+1`, "\x00nul", "é—“x”", "\xff\xfe bad utf-8",
	"%zz %41 %4", "a b/c?d=e&f#g", "javascript:alert(1)", "JavaScript:x", "mailto:a@b", "HTTPS://x/y", "httpſ://x",
	"../../claims/x/index.html", "/a:b", "a/b:c", ":x", "x:", "{}[]|\\^`'()*!$,;=@~",
	"sixteen bytes ok<", "fifteen bytes >", "seventeen bytes &x", "0123456'89abcdef+0123456\x00", ",*;=?@[]^_`{|}~!#$%()-./:0123456789",
	"The figure was 300,000 a year — three times the CDC's \"estimate\" & more <sic>.",
}

// FuzzEscapers holds the escapers to html/template's on any string.
func FuzzEscapers(f *testing.F) {
	for _, s := range escaperSeeds {
		f.Add(s)
	}
	f.Fuzz(checkEscapers)
}

var escaperTemplate = template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}">x</a><a href="/v#{{.}}">y</a>`))

// checkEscapers writes s in each context as the template does and
// compares the bytes.
func checkEscapers(t *testing.T, s string) {
	var want bytes.Buffer
	if err := escaperTemplate.Execute(&want, s); err != nil {
		t.Fatal(err)
	}
	var got pageBuffer
	w := pageWriter{&got}
	w.raw(`<p title="`)
	w.text(s)
	w.raw(`">`)
	w.text(s)
	w.raw(`</p><a href="`)
	w.url(s)
	w.raw(`">x</a><a href="/v#`)
	w.urlPart(s)
	w.raw(`">y</a>`)
	if got.String() != want.String() {
		t.Errorf("%q:\n got %q\nwant %q", s, got.String(), want.String())
	}
}

// BenchmarkText writes a paragraph of a source's text, a few bytes of it
// escaped, as the claim page writes quotations.
func BenchmarkText(b *testing.B) {
	s := strings.Repeat("The insurers are dragging their feet on claims from Clayhaven, said the mayor's office; 300,000 homes & more. ", 8)
	var buf pageBuffer
	w := pageWriter{&buf}
	b.SetBytes(int64(len(s)))
	for range b.N {
		buf.Reset()
		w.text(s)
	}
}
