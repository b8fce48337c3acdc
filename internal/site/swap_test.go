package site

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"dossier/internal/render"
)

// twoSites returns two builds of a small dossier that differ in every
// page's text, so that a reader can tell which one it read.
func twoSites(t *testing.T) (a, b []render.File) {
	t.Helper()
	for i, title := range []string{"Version one.", "Version two."} {
		fsys := smallDossier()
		fsys["dossier.yaml"] = &fstest.MapFile{Data: []byte("title: " + title + "\n")}
		res, err := Build(Options{Content: fsys, Name: "content"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			a = res.Files
		} else {
			b = res.Files
		}
	}
	return a, b
}

func fileData(files []render.File, p string) []byte {
	for _, f := range files {
		if f.Path == p {
			return f.Data
		}
	}
	return nil
}

// poll reads paths under out in a loop until stop is closed, and counts
// the reads and those that found no file, or a file that is neither
// version's.
type poll struct {
	reads, missing, wrong atomic.Int64
	firstMiss             atomic.Value
}

func (p *poll) run(out string, paths []string, want map[string][][]byte, stop <-chan struct{}, done *sync.WaitGroup) {
	defer done.Done()
	for {
		for _, rel := range paths {
			select {
			case <-stop:
				return
			default:
			}
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
			p.reads.Add(1)
			switch {
			case err != nil:
				if p.missing.Add(1) == 1 {
					p.firstMiss.Store(err.Error())
				}
			case want[rel] != nil && !slices.ContainsFunc(want[rel], func(w []byte) bool { return bytes.Equal(w, data) }):
				p.wrong.Add(1)
			}
		}
	}
}

// swapPoll writes the two sites in turn into out, rounds times, while two
// goroutines read the home page, a page two folders down and a kept CNAME.
func swapPoll(t *testing.T, rounds int) *poll {
	t.Helper()
	a, b := twoSites(t)
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(a, out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "CNAME"), []byte("example.org\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := []string{"index.html", "claims/a/index.html", "CNAME"}
	want := map[string][][]byte{"CNAME": {[]byte("example.org\n")}}
	for _, p := range paths[:2] {
		want[p] = [][]byte{fileData(a, p), fileData(b, p)}
		if want[p][0] == nil || bytes.Equal(want[p][0], want[p][1]) {
			t.Fatalf("%s: the two sites must both have it, differently", p)
		}
	}
	p := &poll{}
	stop := make(chan struct{})
	var done sync.WaitGroup
	for range 2 {
		done.Add(1)
		go p.run(out, paths, want, stop, &done)
	}
	for i := range rounds {
		files := a
		if i%2 == 0 {
			files = b
		}
		if err := Write(files, out); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	done.Wait()
	if p.wrong.Load() > 0 {
		t.Errorf("%d of %d reads found a file of neither version", p.wrong.Load(), p.reads.Load())
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("beside the output after the builds: %v", entries)
	}
	return p
}

// TestSwapNeverMissing is what a web server serving the output folder
// sees while builds swap in: every page is there at every moment, whole,
// the previous version or the new one. On Linux the folders are exchanged
// in one step (renameat2 RENAME_EXCHANGE).
func TestSwapNeverMissing(t *testing.T) {
	if !canExchange(t) {
		t.Skip("this system or file system cannot exchange two folders in one step; builds fall back to two renames")
	}
	p := swapPoll(t, 20)
	t.Logf("%d reads during 20 swaps, %d missing", p.reads.Load(), p.missing.Load())
	if p.missing.Load() > 0 {
		t.Errorf("%d of %d reads found no file during the swaps (first: %v)", p.missing.Load(), p.reads.Load(), p.firstMiss.Load())
	}
}

// TestSwapFallback checks the two renames used where folders cannot be
// exchanged: the builds succeed and keep what the publisher put in the
// folder. The moment between the renames, where the folder is missing,
// is only counted.
func TestSwapFallback(t *testing.T) {
	exchange = func(a, b string) error { return errNoExchange }
	t.Cleanup(func() { exchange = exchangeDirs })
	p := swapPoll(t, 20)
	t.Logf("without exchange: %d reads during 20 swaps, %d missing", p.reads.Load(), p.missing.Load())
}

// canExchange reports whether folders in the test's temporary folder can
// be exchanged in one step.
func canExchange(t *testing.T) bool {
	dir := t.TempDir()
	x, y := filepath.Join(dir, "x"), filepath.Join(dir, "y")
	os.Mkdir(x, 0o755)
	os.Mkdir(y, 0o755)
	err := exchangeDirs(x, y)
	if err != nil && !errors.Is(err, errNoExchange) {
		t.Fatal(err)
	}
	return err == nil
}

// TestConcurrentBuilds: builds into one output folder at the same time
// take turns; none fails, and the folder ends up holding one whole site.
func TestConcurrentBuilds(t *testing.T) {
	a, b := twoSites(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for i := range 2 {
		files := a
		if i == 1 {
			files = b
		}
		wg.Go(func() {
			for range 5 {
				if err := Write(files, out); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a concurrent build failed: %v", err)
	}
	got := map[string]bool{}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			got[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if len(got) != len(a)+1 || !got[Marker] {
		t.Errorf("the output holds %d files, want %d and the marker", len(got), len(a))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("beside the output: %v, want nothing (no lock, no leftovers)", entries)
	}
}

// TestSecondBuildWaits: a build that finds another writing to its output
// folder says so, waits, and writes once the other is done.
func TestSecondBuildWaits(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("builds are not kept apart on Windows")
	}
	a, _ := twoSites(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	unlock, err := lockOut(filepath.Join(dir, ".public.lock"), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	said := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		_, err := write(list(a), out, WriteOptions{Waiting: func(msg string) { said <- msg }})
		done <- err
	}()
	select {
	case msg := <-said:
		if !strings.Contains(msg, "another build is writing "+out) || !strings.Contains(msg, "waiting for it to finish") {
			t.Errorf("message: %q", msg)
		}
	case err := <-done:
		t.Fatalf("the second build did not wait: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no message within 10s")
	}
	select {
	case err := <-done:
		t.Fatalf("the second build ended while the first held the lock: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	unlock()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second build did not finish once the first was done")
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

// crashing is a site whose rendering kills the process once a few files
// are written, as a build killed in the middle of writing.
type crashing struct {
	list
	n atomic.Int32
}

func (c *crashing) RenderTo(p string, use func([]byte) error) error {
	if c.n.Add(1) > 4 {
		os.Exit(3)
	}
	return c.list.RenderTo(p, use)
}

// TestHelperCrashingBuild is the process TestInterruptedBuild kills.
func TestHelperCrashingBuild(t *testing.T) {
	out := os.Getenv("DOSSIER_TEST_CRASH_OUT")
	if out == "" {
		t.Skip("run by TestInterruptedBuild")
	}
	a, _ := twoSites(t)
	write(&crashing{list: list(a)}, out, WriteOptions{})
	t.Fatal("the build was not killed")
}

// TestInterruptedBuild: a build killed while writing leaves the output as
// it was, and what it left beside it is removed by the next build, which
// does not wait for the dead one. Leftovers of builds killed at other
// moments are cleaned up too, giving back what the publisher keeps in the
// output; folders that are not a build's are left alone.
func TestInterruptedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	a, b := twoSites(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(a, out); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrashingBuild$")
	cmd.Env = append(os.Environ(), "DOSSIER_TEST_CRASH_OUT="+out)
	outp, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("the crashing build: %v\n%s", err, outp)
	}
	if !equalTrees(tree(t, out), before) {
		t.Error("a killed build changed the output")
	}
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.new-") {
			left = append(left, e.Name())
		}
	}
	if len(left) != 1 {
		t.Fatalf("the killed build left %v, want one .public.new-* folder", entries)
	}

	// Leftovers of builds killed elsewhere: just after the swap (the
	// previous site, whose .git was moved into the new), between the two
	// renames where folders cannot be exchanged, and before the marker.
	mk := func(name string, files map[string]string, age time.Duration) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, text := range files {
			os.MkdirAll(filepath.Dir(filepath.Join(p, f)), 0o755)
			if err := os.WriteFile(filepath.Join(p, f), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if age > 0 {
			old := time.Now().Add(-age)
			os.Chtimes(p, old, old)
		}
	}
	mk(".public.new-111", map[string]string{Marker: markerText, "index.html": "old", ".git/HEAD": "ref: refs/heads/gh-pages\n"}, 0)
	mk(".public.old-222", map[string]string{Marker: markerText, "index.html": "older", "CNAME": "example.org\n"}, 0)
	mk(".public.new-333", nil, 2*time.Hour)                       // killed before its marker, long ago
	mk(".public.new-444", nil, 0)                                 // without a marker and new: maybe another's
	mk(".public.new-x", map[string]string{Marker: markerText}, 0) // not a name a build gives
	mk(".other.new-555", map[string]string{Marker: markerText}, 0)
	mk("public.new-666", map[string]string{Marker: markerText}, 0)

	if _, err := write(list(b), out, WriteOptions{Waiting: func(msg string) { t.Errorf("waited for a dead build: %s", msg) }}); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ = os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{".other.new-555", ".public.new-444", ".public.new-x", "public", "public.new-666"}; !slices.Equal(names, want) {
		t.Errorf("beside the output: %v, want %v", names, want)
	}
	after := tree(t, out)
	if after[".git/HEAD"] != "ref: refs/heads/gh-pages\n" {
		t.Error("the .git a killed build had moved was not given back")
	}
	if string(after["index.html"]) != string(fileData(b, "index.html")) {
		t.Error("the new site is not in place")
	}

	// Killed between its two renames: there is no output, and the
	// previous site is beside it; it is put back (and what it keeps kept).
	if err := os.Rename(out, filepath.Join(dir, ".public.old-777")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".public.old-777", "CNAME"), []byte("kept.example.org\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(a, out); err != nil {
		t.Fatal(err)
	}
	after = tree(t, out)
	if after["CNAME"] != "kept.example.org\n" || after[".git/HEAD"] == "" {
		t.Errorf("the previous site's kept files were lost: CNAME %q", after["CNAME"])
	}
	if _, err := os.Stat(filepath.Join(dir, ".public.old-777")); err == nil {
		t.Error("the previous site was left beside the output")
	}
}

// tree returns the files under dir, by slash-separated path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
