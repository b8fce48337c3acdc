package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// copyDir copies the files of from into a new folder to, as cp -r does.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.Mkdir(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// replace does mv content content.old && cp -r content.old content, and
// changes the claim's title in the copy.
func (p *preview) replace(title string) {
	p.t.Helper()
	old := p.dir + ".old"
	os.RemoveAll(old)
	if err := os.Rename(p.dir, old); err != nil {
		p.t.Fatal(err)
	}
	copyDir(p.t, old, p.dir)
	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", title, 1))
}

const goneNotice = "The content folder content is gone"

// TestFolderReplaced: a content folder moved away and copied back (a new
// folder at the same path) is opened anew and built from what it holds;
// later saves in it are served, and the old folder is no longer read.
func TestFolderReplaced(t *testing.T) {
	p := start(t, dossier)
	p.replace("Replaced title")
	p.change(change{root: true})
	if e := p.built(); e.Errors != 0 {
		t.Errorf("reload event %+v, want no errors", e)
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "Replaced title") || strings.Contains(body, "dossier-errors") {
		t.Errorf("the replaced folder is not served:\n%s", body)
	}
	if !strings.Contains(p.log.String(), "the content folder content was replaced by another") {
		t.Errorf("the terminal does not say the folder was replaced:\n%s", p.log)
	}
	// A save in the new folder is read from it, not from the old one.
	p.save("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Saved title", 1))
	p.built()
	if body := p.page("/claims/c/"); !strings.Contains(body, "Saved title") {
		t.Error("a save in the new folder is not served")
	}
	os.WriteFile(filepath.Join(p.dir+".old", "claims/c.md"), []byte(strings.Replace(dossier["claims/c.md"], "First title", "Old folder", 1)), 0o644)
	p.change(change{all: true})
	p.built()
	if body := p.page("/claims/c/"); strings.Contains(body, "Old folder") {
		t.Error("the folder moved away is still read")
	}
}

// TestFolderGoneAndBack: while the content folder is missing, the last
// good build is served with an overlay saying so; once a folder is there
// again, it is built and the overlay clears.
func TestFolderGoneAndBack(t *testing.T) {
	p := start(t, dossier)
	if err := os.RemoveAll(p.dir); err != nil {
		t.Fatal(err)
	}
	p.change(change{root: true})
	p.built()
	for _, path := range []string{"/claims/c/", "/"} {
		body := p.page(path)
		if !strings.Contains(body, `id="dossier-errors"`) || !strings.Contains(body, goneNotice) {
			t.Errorf("%s: no overlay saying the folder is gone:\n%s", path, body)
		}
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "First title") {
		t.Error("the last good build is not served while the folder is missing")
	}
	if n := strings.Count(p.log.String(), "is gone"); n != 1 {
		t.Errorf("the terminal says the folder is gone %d times, want once:\n%s", n, p.log)
	}
	// Looking again while it is still missing builds nothing.
	builds := p.builds.Load()
	p.change(change{root: true})
	p.clk.waitTimer(t, testDebounce, "the debounce")
	p.advance(testDebounce)
	p.change(change{paths: []string{"claims/c.md"}})
	p.clk.waitTimer(t, testDebounce, "the debounce") // the first is done with

	// Back, with a claim of its own.
	p.write("sources/s.md", dossier["sources/s.md"])
	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Back title", 1))
	p.change(change{root: true})
	if e := p.built(); e.Errors != 0 {
		t.Errorf("reload event %+v, want no errors", e)
	}
	if body := p.page("/claims/c/"); strings.Contains(body, "dossier-errors") || !strings.Contains(body, "Back title") {
		t.Errorf("the folder that came back is not served, or the overlay stayed:\n%s", body)
	}
	if n := p.builds.Load() - builds; n != 1 {
		t.Errorf("%d builds, want 1: none while the folder is missing", n)
	}
	if !strings.Contains(p.log.String(), "the content folder content is back") {
		t.Errorf("the terminal does not say the folder is back:\n%s", p.log)
	}
}

// TestPollingFollowsFolder: the polling watcher tells the folder moved
// away and copied back from its identity, on the test's clock.
func TestPollingFollowsFolder(t *testing.T) {
	const interval = 50 * time.Millisecond
	p := startWith(t, dossier, Options{Poll: interval}, polled)
	poll := func() {
		p.advance(interval)
		p.clk.waitTimer(t, interval, "the next poll")
	}
	poll()
	if err := os.Rename(p.dir, p.dir+".old"); err != nil {
		t.Fatal(err)
	}
	poll()
	p.reloadAfterDebounce()
	if body := p.page("/claims/c/"); !strings.Contains(body, goneNotice) {
		t.Errorf("no overlay while the folder is missing:\n%s", body)
	}
	copyDir(t, p.dir+".old", p.dir)
	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Copied title", 1))
	poll()
	p.reloadAfterDebounce()
	if body := p.page("/claims/c/"); !strings.Contains(body, "Copied title") || strings.Contains(body, "dossier-errors") {
		t.Errorf("the copied folder is not served:\n%s", body)
	}
	// The same, in one step between two polls.
	p.replace("Replaced title")
	poll()
	p.reloadAfterDebounce()
	if body := p.page("/claims/c/"); !strings.Contains(body, "Replaced title") {
		t.Errorf("the replaced folder is not served:\n%s", body)
	}
}

// symlinked is the dossier with its source a link into another folder of
// the content folder, as os.Root allows.
func symlinked(t *testing.T, p *preview, target string) {
	t.Helper()
	p.write(target, dossier["sources/s.md"])
	os.Remove(filepath.Join(p.dir, "sources/s.md"))
	os.MkdirAll(filepath.Join(p.dir, "sources"), 0o755)
	rel, _ := filepath.Rel(filepath.Join(p.dir, "sources"), filepath.Join(p.dir, target))
	if err := os.Symlink(rel, filepath.Join(p.dir, "sources/s.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

// TestPollingFollowsLinks: editing the file a source links to rebuilds
// the source's page, even in a folder the watcher skips.
func TestPollingFollowsLinks(t *testing.T) {
	const interval = 50 * time.Millisecond
	p := startWith(t, nil, Options{Poll: interval}, polled)
	p.write("claims/c.md", dossier["claims/c.md"])
	symlinked(t, p, ".shared/s.md")
	poll := func() {
		p.advance(interval)
		p.clk.waitTimer(t, interval, "the next poll")
	}
	poll()
	p.advance(testDebounce)
	p.reload()
	if body := p.page("/sources/s/"); !strings.Contains(body, "The minister said") {
		t.Fatalf("the linked source is not served:\n%s", body)
	}
	p.write(".shared/s.md", dossier["sources/s.md"]+"\nA linked edit.\n")
	poll()
	p.advance(testDebounce)
	p.reload()
	if body := p.page("/sources/s/"); !strings.Contains(body, "A linked edit.") {
		t.Errorf("the edit of the link's target is not served:\n%s", body)
	}
}

// TestWatchLinks: with file system events, a change to a link's target is
// a change to the link, and the target's folder is watched even where the
// watcher skips it.
func TestWatchLinks(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"elsewhere/x.md", ".shared/y.md", "sources/other.md"} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(root, f), []byte("x"), 0o644)
	}
	outside := filepath.Join(t.TempDir(), "z.md")
	os.WriteFile(outside, []byte("z"), 0o644)
	for link, target := range map[string]string{"sources/x.md": "../elsewhere/x.md", "sources/y.md": "../.shared/y.md", "sources/z.md": outside} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		t.Skip(err)
	}
	defer fw.Close()
	w := newWatcher(root, 0, realClock{}, t.Logf)
	if err := w.addTree(fw, root); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(fw.WatchList(), ","), filepath.Join(root, ".shared")) {
		t.Errorf("the hidden folder a link leads to is not watched: %v", fw.WatchList())
	}
	for _, tc := range []struct {
		file string
		want string // paths of the change, or "" for none
	}{
		{"elsewhere/x.md", "elsewhere/x.md,sources/x.md"},
		{".shared/y.md", ".shared/y.md,sources/y.md"},
		{".shared/other.md", ""}, // watched only for the link's sake
		{"sources/other.md", "sources/other.md"},
	} {
		c, ok := w.changeOf(fsnotify.Event{Name: filepath.Join(root, filepath.FromSlash(tc.file)), Op: fsnotify.Write})
		if got := strings.Join(c.paths, ","); ok != (tc.want != "") || got != tc.want {
			t.Errorf("a write to %s: change %q (%t), want %q", tc.file, got, ok, tc.want)
		}
	}
	if len(w.links) != 2 {
		t.Errorf("links %v: the one leading out of the folder must not be followed", w.links)
	}
}

// TestFollowingTheDisk is the real-time counterpart of the tests above,
// on real file system events: a link's target edited, the folder moved
// away and copied back, deleted and made again. Like TestWatchingTheDisk,
// it waits generously for what must happen, never for something not to.
func TestFollowingTheDisk(t *testing.T) {
	p := startWith(t, dossier, Options{}, watched)

	symlinked(t, p, "elsewhere/s.md")
	p.until("the linked source is served", func() bool { return strings.Contains(p.page("/sources/s/"), "The minister said") })
	p.write("elsewhere/s.md", dossier["sources/s.md"]+"\nA linked edit.\n")
	p.until("the edit of the link's target is served", func() bool { return strings.Contains(p.page("/sources/s/"), "A linked edit.") })

	p.replace("Replaced title")
	p.until("the replaced folder is served", func() bool { return strings.Contains(p.page("/claims/c/"), "Replaced title") })
	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Saved title", 1))
	p.until("a save in the new folder is served", func() bool { return strings.Contains(p.page("/claims/c/"), "Saved title") })

	if err := os.RemoveAll(p.dir); err != nil {
		t.Fatal(err)
	}
	p.until("the overlay says the folder is gone", func() bool { return strings.Contains(p.page("/claims/c/"), goneNotice) })
	copyDir(t, p.dir+".old", p.dir)
	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Back title", 1))
	p.until("the folder made again is served", func() bool {
		body := p.page("/claims/c/")
		return strings.Contains(body, "Back title") && !strings.Contains(body, "dossier-errors")
	})
}

// reloadAfterDebounce lets the debounce pass and returns the reload event
// that follows. The clock is moved on again, a debounce at a time, until
// the event comes: on a loaded machine the server may still be on its way
// to the timer it waits on (a debounce after a replaced folder, a second
// one after a cancelled build) when the clock first moves, and once
// failed this test that way in CI.
func (p *preview) reloadAfterDebounce() event {
	p.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		p.advance(testDebounce)
		select {
		case e := <-p.events:
			return e
		case <-time.After(100 * time.Millisecond):
		case <-deadline:
			p.t.Fatal("no reload event within 10s")
			return event{}
		}
	}
}
