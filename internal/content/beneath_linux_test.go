package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestBeneath: openat2 reads what os.Root reads, with the same size and
// time, and leaves to os.Root whatever is not a regular file beneath the
// folder: links out of it, pipes (without waiting on them), folders and
// files that are not there.
func TestBeneath(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("claims/a.md", "---\ntitle: A\n---\nBody.\n")
	write("claims/empty.md", "")
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("a.md", filepath.Join(dir, "claims/inside.md")))
	must(os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "claims/out.md")))
	must(os.Symlink("../../"+filepath.Base(outside)+"/secret.md", filepath.Join(dir, "claims/up.md")))
	must(syscall.Mkfifo(filepath.Join(dir, "claims/pipe.md"), 0o644))
	must(os.Mkdir(filepath.Join(dir, "claims/folder.md"), 0o755))

	root, err := os.OpenRoot(dir)
	must(err)
	defer root.Close()
	b := &beneath{root: root}

	for _, name := range []string{"claims/a.md", "claims/empty.md", "claims/inside.md"} {
		info, data, ok := b.read(name)
		if !ok {
			t.Errorf("%s: not read", name)
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, name))
		must(err)
		if string(data) != string(want) || data == nil {
			t.Errorf("%s: read %q, want %q", name, data, want)
		}
		st, err := root.Stat(name)
		must(err)
		if info.Size() != st.Size() || !info.ModTime().Equal(st.ModTime()) || !info.Mode().IsRegular() || info.IsDir() {
			t.Errorf("%s: info %v %v %v, os.Root's %v %v %v", name, info.Size(), info.ModTime(), info.Mode(), st.Size(), st.ModTime(), st.Mode())
		}
	}
	// A folder lists as os.Root lists it, without looking at each entry:
	// the same names, in the same order, of the same types.
	must(os.Symlink(outside, filepath.Join(dir, "elsewhere")))
	for _, name := range []string{".", "claims"} {
		got, ok := b.readDir(name)
		if !ok {
			t.Errorf("%s: not listed", name)
			continue
		}
		want, err := fs.ReadDir(root.FS(), name)
		must(err)
		if len(got) != len(want) {
			t.Fatalf("%s: %d entries, os.Root lists %d", name, len(got), len(want))
		}
		for i := range got {
			if got[i].Name() != want[i].Name() || got[i].Type() != want[i].Type() || got[i].IsDir() != want[i].IsDir() {
				t.Errorf("%s: entry %d is %s (%v), os.Root's %s (%v)", name, i, got[i].Name(), got[i].Type(), want[i].Name(), want[i].Type())
			}
		}
	}
	for _, name := range []string{"elsewhere", "claims/a.md", "none", "../x"} {
		if got, ok := b.readDir(name); ok {
			t.Errorf("%s: listed %d entries; want it left to os.Root", name, len(got))
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, name := range []string{"claims/out.md", "claims/up.md", "claims/pipe.md", "claims/folder.md", "claims/none.md", "../x.md"} {
			if _, data, ok := b.read(name); ok {
				t.Errorf("%s: read %q; want it left to os.Root", name, data)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe waited for a writer")
	}
}
