//go:build unix

package serve

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNamedPipe: a named pipe saved where a claim goes is an error naming
// it, not a build that never ends; once it is replaced by a file, builds
// go on.
func TestNamedPipe(t *testing.T) {
	p := start(t, dossier)
	if err := syscall.Mkfifo(filepath.Join(p.dir, "claims/x.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	p.change(change{paths: []string{"claims/x.md"}, structural: true})
	if e := p.built(); e.Errors != 1 {
		t.Errorf("reload event %+v, want 1 error", e)
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "content/claims/x.md") || !strings.Contains(body, "is not a regular file (a named pipe): remove it") {
		t.Errorf("no error naming the pipe:\n%s", body)
	}
	os.Remove(filepath.Join(p.dir, "claims/x.md"))
	p.write("claims/x.md", strings.Replace(dossier["claims/c.md"], "First title", "A file at last", 1))
	p.change(change{paths: []string{"claims/x.md"}, structural: true})
	if e := p.built(); e.Errors != 0 {
		t.Errorf("reload event %+v, want no errors", e)
	}
	if body := p.page("/claims/x/"); !strings.Contains(body, "A file at last") {
		t.Errorf("the file that replaced the pipe is not served:\n%s", body)
	}
	// A pipe in static/, read by the theme, is no wait either: the build
	// fails, naming it.
	os.MkdirAll(filepath.Join(p.dir, "static"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(p.dir, "static/pipe.css"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.change(change{all: true})
	p.built()
	if body := p.page("/"); !strings.Contains(body, "dossier-errors") || !strings.Contains(body, "pipe.css") {
		t.Errorf("a pipe in static/ gave no error:\n%s", body)
	}
}
