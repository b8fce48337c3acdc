package content

import (
	"testing"
	"testing/fstest"
)

// TestFailedFilesAreRemembered checks that files that are there but could
// not be read are named in Failed, with their text when it could be read,
// on a first read and on a read from the cache alike, and that files read
// well, and files with an error that still give a value, are not.
func TestFailedFilesAreRemembered(t *testing.T) {
	fsys := fstest.MapFS{
		"sources/good.md":     {Data: []byte("---\ntitle: Good\n---\nText.\n")},
		"sources/Bad Name.md": {Data: []byte("---\ntitle: Bad\n---\nText.\n")},
		"claims/broken.md":    {Data: []byte("---\ntitle: \"Broken\nquotes: []\n---\n")},
		"claims/dated.md":     {Data: []byte("---\ntitle: Dated\ndate: someday\nquotes:\n  - source: good\n    text: Text\n---\n")},
		"entities/binary.md":  {Data: []byte("---\nname: \xff\n---\n")},
	}
	r := NewReader()
	r.Trust()
	for _, pass := range []string{"first read", "cached read"} {
		d, errs := r.Read(fsys, "content")
		if len(errs) != 4 {
			t.Errorf("%s: %d errors, want 4: %v", pass, len(errs), errs)
		}
		want := map[string]bool{"claims/broken.md": true, "entities/binary.md": false, "sources/bad-name.md": false}
		if len(d.Failed) != len(want) {
			t.Errorf("%s: Failed = %v, want %v", pass, d.Failed, want)
		}
		for p, hasText := range want {
			f, ok := d.Failed[p]
			if !ok || (f != nil) != hasText {
				t.Errorf("%s: Failed[%q] = %v, %v; want there, with text %v", pass, p, f, ok, hasText)
			}
		}
		if !d.HasFailed("claims", "broken") || d.HasFailed("claims", "dated") || d.HasFailed("sources", "good") {
			t.Errorf("%s: HasFailed wrong: %v", pass, d.Failed)
		}
	}
}
