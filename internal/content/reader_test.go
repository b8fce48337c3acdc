package content

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReaderReusesUnchangedFiles checks that a second Read returns the very
// same values for files that did not change, new ones for files that did,
// and drops files that were deleted.
func TestReaderReusesUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("sources/a.md", "---\ntitle: A\n---\nText a.\n")
	write("sources/b.md", "---\ntitle: B\n---\nText b.\n")
	write("claims/c.md", "---\ntitle: C\nquotes:\n  - source: a\n    text: Text a\n---\n")
	r := NewReader()
	fsys := os.DirFS(dir)
	first, errs := r.Read(fsys, "content")
	if len(errs) > 0 || len(first.Sources) != 2 {
		t.Fatalf("first read: %v, %d sources", errs, len(first.Sources))
	}

	// Change b (size changes), break c, delete nothing yet.
	write("sources/b.md", "---\ntitle: B changed\n---\nText b.\n")
	write("claims/c.md", "---\ntitle: C\nverdict: nope\nquotes:\n  - source: a\n    text: Text a\n---\n")
	second, errs := r.Read(fsys, "content")
	if second.Sources[0] != first.Sources[0] {
		t.Error("unchanged source a was read again")
	}
	if second.Sources[1] == first.Sources[1] || second.Sources[1].Title != "B changed" {
		t.Error("changed source b was not read again")
	}
	if len(errs) != 1 || errs[0].Line != 3 {
		t.Errorf("errors after breaking c: %v", errs)
	}
	// The error of an unchanged broken file is reported again.
	if _, errs := r.Read(fsys, "content"); len(errs) != 1 {
		t.Errorf("cached errors not reported: %v", errs)
	}

	// Same size, same time: only Forget makes the reader look again.
	info, _ := os.Stat(filepath.Join(dir, "sources/a.md"))
	write("sources/a.md", "---\ntitle: X\n---\nText a.\n")
	os.Chtimes(filepath.Join(dir, "sources/a.md"), time.Time{}, info.ModTime())
	if d, _ := r.Read(fsys, "content"); d.Sources[0].Title != "A" {
		t.Fatal("test setup: the edit was seen without Forget")
	}
	r.Forget("sources/a.md")
	if d, _ := r.Read(fsys, "content"); d.Sources[0].Title != "X" {
		t.Error("Forget did not make the reader read the file again")
	}

	os.Remove(filepath.Join(dir, "sources/b.md"))
	if d, _ := r.Read(fsys, "content"); len(d.Sources) != 1 {
		t.Errorf("deleted source still read: %d sources", len(d.Sources))
	}
}

// TestTrustedReaderRelistsOnlyChangedFolders checks the preview server's
// mode: files and listings are reused until Forget names them.
func TestTrustedReaderRelistsOnlyChangedFolders(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	write("sources/a.md", "---\ntitle: A\n---\nText.\n")
	r := NewReader()
	r.Trust()
	fsys := os.DirFS(dir)
	r.Read(fsys, "content")

	write("sources/b.md", "---\ntitle: B\n---\nText.\n")
	write("sources/a.md", "---\ntitle: A changed, longer\n---\nText.\n")
	if d, _ := r.Read(fsys, "content"); len(d.Sources) != 1 || d.Sources[0].Title != "A" {
		t.Fatalf("a trusted reader looked at files nobody said changed: %d sources", len(d.Sources))
	}
	r.Forget("sources/b.md")
	if d, _ := r.Read(fsys, "content"); len(d.Sources) != 1 {
		t.Fatal("Forget of a file relisted its folder")
	}
	r.Relist("sources/b.md")
	d, _ := r.Read(fsys, "content")
	if len(d.Sources) != 2 || d.Sources[0].Title != "A" {
		t.Fatalf("after Relist(b): %d sources, first %q; want b listed and a still cached", len(d.Sources), d.Sources[0].Title)
	}
	r.Verify()
	if d, _ := r.Read(fsys, "content"); d.Sources[0].Title != "A changed, longer" {
		t.Error("Verify did not make the reader look at a's size and time")
	}
}
