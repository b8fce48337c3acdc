package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestBOMAndCRLFKeepPositions(t *testing.T) {
	claim := "\uFEFF---\r\ntitle: T\r\nverdict: nope\r\nquotes:\r\n  - source: s\r\n    text: x\r\n---\r\nBody\r\n"
	d, errs := Read(fstest.MapFS{"claims/c.md": {Data: []byte(claim)}}, "content")
	if len(errs) != 1 {
		t.Fatalf("errors: %v", errs)
	}
	e := errs[0]
	if e.Path != "content/claims/c.md" || e.Line != 3 || e.Col != 10 || e.Source != "verdict: nope" {
		t.Errorf("error at %s:%d:%d (%q), want content/claims/c.md:3:10 (\"verdict: nope\")", e.Path, e.Line, e.Col, e.Source)
	}
	if got := d.Claims[0].File.Body; got != "Body\n" {
		t.Errorf("body = %q", got)
	}
}

func TestLimits(t *testing.T) {
	big := "---\ntitle: Big\n---\n" + strings.Repeat("word ", MaxFileSize/5+1)
	fsys := fstest.MapFS{
		"sources/big.md":    {Data: []byte(big)},
		"sources/bad.md":    {Data: []byte("---\ntitle: Bad\n---\nok line\nbad \xff byte\n")},
		"sources/Upper.md":  {Data: []byte("---\ntitle: U\n---\n")},
		"sources/.draft.md": {Data: []byte("not front matter")},
		"sources/notes.txt": {Data: []byte("ignored")},
		"sources/x.md~":     {Data: []byte("backup")},
	}
	d, errs := Read(fsys, "content")
	want := []string{
		`content/sources/Upper.md: the file name "Upper.md" is not a valid slug: use lowercase letters, digits and single hyphens, e.g. "upper.md"`,
		`content/sources/bad.md:5:5: is not valid UTF-8 text (byte 0xff): save the file as UTF-8`,
		`content/sources/big.md: is 10485784 bytes, over the limit of 10 MB: split it or shorten it`,
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(errs), len(want), errs)
	}
	for i, e := range errs {
		if e.Error() != want[i] {
			t.Errorf("error %d:\n got %s\nwant %s", i, e.Error(), want[i])
		}
	}
	if len(d.Sources) != 0 {
		t.Errorf("sources read: %d, want 0", len(d.Sources))
	}
}
