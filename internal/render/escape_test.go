package render

import (
	"bytes"
	"html/template"
	"testing"
)

// TestEscapers holds the compiled page's escapers to html/template's, in
// the contexts the claim page writes strings in.
func TestEscapers(t *testing.T) {
	tm := template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}">x</a><a href="/v#{{.}}">y</a>`))
	for _, s := range []string{
		"", "plain", `<b>&amp; "it's" 1+1`, "\x00nul", "é—“x”", "\xff\xfe bad utf-8",
		"%zz %41 %4", "a b/c?d=e&f#g", "javascript:alert(1)", "JavaScript:x", "mailto:a@b", "HTTPS://x/y", "httpſ://x",
		"../../claims/x/index.html", "/a:b", "a/b:c", ":x", "x:", "{}[]|\\^`'()*!$,;=@~",
	} {
		var want bytes.Buffer
		if err := tm.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
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
}
