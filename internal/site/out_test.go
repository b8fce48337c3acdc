package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func smallDossier() fstest.MapFS {
	return fstest.MapFS{
		"sources/s.md": {Data: []byte("---\ntitle: S\n---\nSome text.\n")},
		"claims/a.md":  {Data: []byte("---\ntitle: A.\nverdict: false\nrationale: R.\nquotes:\n  - source: s\n    text: Some text\n---\n")},
		"claims/b.md":  {Data: []byte("---\ntitle: B.\nverdict: supported\nrationale: R.\nquotes:\n  - source: s\n    text: Some\n---\n")},
	}
}

// TestBaseURLCheckedOnce: a bad base URL, given as an option or in
// dossier.yaml, fails the build once, before any page is rendered, not
// once per page that would use it.
func TestBaseURLCheckedOnce(t *testing.T) {
	_, err := Build(Options{Content: smallDossier(), Name: "content", BaseURL: "ftp://example.org/"})
	var ce *ContentError
	if err == nil || errors.As(err, &ce) {
		t.Fatalf("bad base URL option: %v", err)
	}
	if msg := err.Error(); strings.Count(msg, "base URL") != 1 || !strings.Contains(msg, "http:// or https://") || strings.Contains(msg, "claims/") {
		t.Errorf("error: %s", msg)
	}

	fsys := smallDossier()
	fsys["dossier.yaml"] = &fstest.MapFile{Data: []byte("baseURL: https://example.org/?page=1\n")}
	_, err = Build(Options{Content: fsys, Name: "content"})
	if !errors.As(err, &ce) || len(ce.List) != 1 || ce.List[0].Path != "content/dossier.yaml" {
		t.Fatalf("bad baseURL in dossier.yaml: %v", err)
	}

	// A good one without its last slash gets it, everywhere.
	res, err := Build(Options{Content: smallDossier(), Name: "content", BaseURL: "https://example.org/d"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Path == "sitemap.xml" && !strings.Contains(string(f.Data), "<loc>https://example.org/d/claims/a/</loc>") {
			t.Errorf("sitemap.xml:\n%s", f.Data)
		}
	}
}

// TestWriteCountsAndMarks: the number of files Snapshot.Write says is the number
// on disk, the marker among them, and the marker lets the next write
// replace the folder while a folder without it is refused.
func TestWriteCountsAndMarks(t *testing.T) {
	snap, err := NewBuilder(Options{Content: smallDossier(), Name: "content"}).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	n, err := snap.Write(out, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			count++
		}
		return err
	})
	if n != count || n != len(snap.Site.Paths())+1 {
		t.Errorf("Write said %d files; %d on disk, %d paths", n, count, len(snap.Site.Paths()))
	}
	if _, err := snap.Write(out, WriteOptions{}); err != nil {
		t.Errorf("second write over a marked folder: %v", err)
	}

	// Without the marker, the folder is someone's.
	if err := os.Remove(filepath.Join(out, Marker)); err != nil {
		t.Fatal(err)
	}
	_, err = snap.Write(out, WriteOptions{})
	var oe *OutError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "holds files dossier did not write (404.html, annotations.jsonld, chroma.") || !strings.Contains(err.Error(), " more)") ||
		!strings.Contains(err.Error(), "if it is a site built by an earlier dossier, which wrote no .dossier-site file, --force once is safe") {
		t.Errorf("write over an unmarked folder: %v", err)
	}
	// A marker that is a folder is no marker.
	if err := os.Mkdir(filepath.Join(out, Marker), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := CheckOut(out, WriteOptions{}); err == nil {
		t.Error("a folder named like the marker passed for it")
	}
	if err := CheckOut(out, WriteOptions{Force: true}); err != nil {
		t.Errorf("--force: %v", err)
	}
	// A file, or a link, is not an output folder, even with Force.
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("mine"), 0o644)
	if err := CheckOut(file, WriteOptions{Force: true}); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("a file as output: %v", err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if os.Symlink(out, link) == nil {
		if err := CheckOut(link, WriteOptions{Force: true}); err == nil || !strings.Contains(err.Error(), "is a link to") {
			t.Errorf("a link as output: %v", err)
		}
	}
}

// TestTemplateErrorsGrouped: a template that fails on every claim page is
// one error with the number of pages, in memory as on disk, and the pages
// that render are not written.
func TestTemplateErrorsGrouped(t *testing.T) {
	fsys := smallDossier()
	fsys["templates/claim.html"] = &fstest.MapFile{Data: []byte("{{define \"content\"}}{{.Claim.Verdikt}}{{end}}")}
	_, err := Build(Options{Content: fsys, Name: "content"})
	var ce *ContentError
	if !errors.As(err, &ce) || len(ce.List) != 1 {
		t.Fatalf("in memory: %v", err)
	}
	want := "content/templates/claim.html:1:29: can't evaluate field Verdikt in type *render.ClaimView: did you mean .Verdict? (2 pages: /claims/a/, /claims/b/)"
	if got := ce.List[0].Error(); got != want {
		t.Errorf("in memory:\n%s\nwant\n%s", got, want)
	}

	snap, err := NewBuilder(Options{Content: fsys, Name: "content"}).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	_, err = snap.Write(out, WriteOptions{})
	if !errors.As(err, &ce) || len(ce.List) != 1 || ce.List[0].Error() != want {
		t.Errorf("on disk: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed write left %v", entries)
	}
}
