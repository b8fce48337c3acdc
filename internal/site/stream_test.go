package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"dossier/internal/gen"
)

// TestWrittenIsFile: every file a build writes to disk, the data files
// written out in pieces as they are made among them, holds what the
// site's File returns for it, minified or not.
func TestWrittenIsFile(t *testing.T) {
	for _, minify := range []bool{false, true} {
		fsys := gen.FS(gen.Generate(gen.Options{Sources: 30, Seed: 2}))
		snap, err := NewBuilder(Options{Content: fsys, Name: "content", BaseURL: "https://example.org/d/", Minify: minify}).Build(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "public")
		if _, err := snap.Write(out, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, p := range snap.Site.Paths() {
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
			if err != nil {
				t.Fatal(err)
			}
			want, _, err := snap.Site.File(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s (minify %v): %d bytes on disk, File gives %d, or other bytes", p, minify, len(got), len(want))
			}
		}
	}
}
