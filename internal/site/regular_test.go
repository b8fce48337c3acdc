//go:build unix

package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/internal/content"
)

// inTime runs f, failing the test if it has not returned within 10
// seconds; unblock then frees what f waits on.
func inTime(t *testing.T, what string, f func(), unblock func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		unblock()
		<-done
		t.Fatalf("%s did not return within 10s", what)
	}
}

// pipeDossier is a dossier folder on disk with a named pipe where a claim
// goes; writePipe unblocks a reader of the pipe.
func pipeDossier(t *testing.T) (dir string, writePipe func()) {
	t.Helper()
	dir = t.TempDir()
	for name, text := range map[string]string{
		"sources/s.md": "---\ntitle: S\n---\nSome text.\n",
		"claims/a.md":  "---\ntitle: A.\nquotes:\n  - source: s\n    text: Some text\n---\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pipe := filepath.Join(dir, "claims/x.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	return dir, func() {
		if f, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	}
}

// TestNamedPipeInContent: a named pipe saved as claims/x.md, read as
// `dossier build` reads the content folder, is an error naming it, not a
// build that never ends; once it is gone the next build succeeds.
func TestNamedPipeInContent(t *testing.T) {
	dir, unblock := pipeDossier(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	b := NewBuilder(Options{Content: root.FS(), Name: "content"})
	inTime(t, "a build over a named pipe", func() { _, err = b.Build(t.Context()) }, unblock)
	var ce *ContentError
	if !errors.As(err, &ce) || len(ce.List) != 1 || ce.List[0].Error() != "content/claims/x.md: is not a regular file (a named pipe): remove it" {
		t.Fatalf("build: %v", err)
	}
	os.Remove(filepath.Join(dir, "claims/x.md"))
	b.Relist("claims/x.md")
	inTime(t, "the next build", func() { _, err = b.Build(t.Context()) }, unblock)
	if err != nil {
		t.Fatalf("the build after the pipe was removed: %v", err)
	}
}

// TestRootFSOpensOnlyFiles: content.RootFS, which the preview reads
// through, refuses to open a named pipe, without waiting for a writer,
// even when asked without a look first (a pipe put in place of a file
// between the look and the opening); files, folders and links work as
// through root.FS().
func TestRootFSOpensOnlyFiles(t *testing.T) {
	dir, unblock := pipeDossier(t)
	if err := os.Symlink("a.md", filepath.Join(dir, "claims/link.md")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := content.RootFS(root)
	inTime(t, "opening a named pipe", func() { _, err = fs.ReadFile(fsys, "claims/x.md") }, unblock)
	if err == nil || !strings.Contains(err.Error(), "claims/x.md: is not a regular file (a named pipe)") {
		t.Errorf("reading a pipe: %v", err)
	}
	if b, err := fs.ReadFile(fsys, "claims/link.md"); err != nil || !strings.Contains(string(b), "title: A.") {
		t.Errorf("reading through a link: %q, %v", b, err)
	}
	if entries, err := fs.ReadDir(fsys, "claims"); err != nil || len(entries) != 3 {
		t.Errorf("listing: %v, %v", entries, err)
	}
	if info, err := fs.Stat(fsys, "claims/x.md"); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("stat of the pipe: %v, %v", info, err)
	}
	if to, err := fs.ReadLink(fsys, "claims/link.md"); err != nil || to != "a.md" {
		t.Errorf("readlink: %q, %v", to, err)
	}
	if _, err := fsys.Open("../x"); err == nil {
		t.Error("a path out of the folder was opened")
	}
	b := NewBuilder(Options{Content: fsys, Name: "content"})
	inTime(t, "a build over a named pipe", func() { _, err = b.Build(t.Context()) }, unblock)
	if err == nil || !strings.Contains(err.Error(), "content/claims/x.md: is not a regular file (a named pipe): remove it") {
		t.Errorf("build: %v", err)
	}
}
