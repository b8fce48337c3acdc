package serve

import (
	"strings"
	"testing"
	"time"
)

// slowSource is the dossier's source with a body that the parse hook of
// holdParses holds: it says SLOW, and still has the passage the claim
// quotes.
var slowSource = "---\ntitle: Source S\n---\nSLOW. The minister said roughly 300,000 people.\n"

// holdParses makes every parse of a body saying SLOW wait until the
// returned release is called (at the latest when the test ends), and
// returns the paths of such parses as they start.
func (p *preview) holdParses() (entered <-chan string, release func()) {
	in, out := make(chan string, 16), make(chan struct{})
	hook := func(path, body string) {
		if strings.Contains(body, "SLOW") {
			in <- path
			<-out
		}
	}
	p.parsing.Store(&hook)
	released := false
	release = func() {
		if !released {
			released = true
			close(out)
		}
	}
	p.t.Cleanup(release)
	return in, release
}

func (p *preview) parseStarted(entered <-chan string, want string) {
	p.t.Helper()
	select {
	case path := <-entered:
		if path != want {
			p.t.Fatalf("slow parse of %s, want %s", path, want)
		}
	case <-time.After(10 * time.Second):
		p.t.Fatal("no slow parse within 10s")
	}
}

// TestSaveDuringSlowParse checks that a save arriving while a build waits
// for a file slow to parse (goldmark takes half a minute on some inputs,
// and cannot be stopped) cancels it at once: the newer build is served
// while that parse still runs, and nothing of the older one is shown.
func TestSaveDuringSlowParse(t *testing.T) {
	p := start(t, dossier)
	builds, version := p.builds.Load(), p.version()
	entered, release := p.holdParses()

	p.save("sources/s.md", slowSource)
	p.advance(testDebounce)
	p.parseStarted(entered, "content/sources/s.md")

	// The editor saves the fix while the slow parse runs.
	p.save("sources/s.md", dossier["sources/s.md"]+"\nThe fixed version.\n")
	p.advance(testDebounce)
	if e := p.reload(); e.Version != version+1 || e.Page != "/sources/s/" || e.Errors != 0 {
		t.Errorf("reload event %+v, want version %d, page /sources/s/, no errors", e, version+1)
	}
	if body := p.page("/sources/s/"); !strings.Contains(body, "The fixed version.") || strings.Contains(body, "SLOW") {
		t.Errorf("the fix is not what is served:\n%s", body)
	}
	if got := p.builds.Load() - builds; got != 2 {
		t.Errorf("%d builds, want 2 (the cancelled one, and the fix)", got)
	}

	// Once the abandoned parse ends, nothing is built or shown: the next
	// reload is the next save's.
	release()
	p.save("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Later title", 1))
	p.advance(testDebounce)
	if e := p.reload(); e.Version != version+2 || e.Page != "/claims/c/" {
		t.Errorf("reload event %+v, want version %d for the claim", e, version+2)
	}
	if body := p.page("/sources/s/"); !strings.Contains(body, "The fixed version.") {
		t.Error("the fix is no longer served")
	}
}

// TestSlowParseNamed checks that the terminal names a file that is slow to
// parse while the build waits for it, and when the build ends.
func TestSlowParseNamed(t *testing.T) {
	p := start(t, dossier)
	entered, release := p.holdParses()
	p.save("sources/s.md", slowSource)
	p.advance(testDebounce)
	p.parseStarted(entered, "content/sources/s.md")

	p.clk.waitTimer(t, time.Second, "a second into the parse")
	if log := p.log.String(); strings.Contains(log, "slow") {
		t.Errorf("a slow parse reported before a second:\n%s", log)
	}
	p.advance(time.Second)
	p.clk.waitTimer(t, time.Second, "the 2 s mark") // reported, and waiting on
	if log := p.log.String(); !strings.Contains(log, "content/sources/s.md is slow to parse (1.0 s so far)\n") {
		t.Errorf("the slow file is not named:\n%s", log)
	}

	p.advance(time.Second / 2)
	release()
	if e := p.reload(); e.Errors != 0 || e.Page != "/sources/s/" {
		t.Errorf("reload event %+v, want page /sources/s/ and no errors", e)
	}
	if log := p.log.String(); !strings.Contains(log, "took longest to parse: content/sources/s.md (1.5 s)\nbuilt sources/s.md in 1.5s\n") {
		t.Errorf("the end of the build does not name the slow file:\n%s", log)
	}
}

// TestSaveDuringSlowFirstBuild checks that the first build, when the
// server starts, is cancelled by a save too: a file slow to parse, fixed
// before it is, does not keep the fix waiting.
func TestSaveDuringSlowFirstBuild(t *testing.T) {
	files := map[string]string{"sources/s.md": slowSource, "claims/c.md": dossier["claims/c.md"]}
	p := prepare(t, files, Options{}, fed)
	entered, _ := p.holdParses()
	p.run()
	p.parseStarted(entered, "content/sources/s.md")

	p.save("sources/s.md", dossier["sources/s.md"])
	p.advance(testDebounce)
	p.waitBuilt()
	if v := p.version(); v != 1 {
		t.Errorf("version %d served, want 1: the cancelled first build was shown", v)
	}
	if body := p.page("/sources/s/"); strings.Contains(body, "SLOW") || !strings.Contains(body, "The minister said") {
		t.Errorf("the fix is not what is served:\n%s", body)
	}
	if got := p.builds.Load(); got != 2 {
		t.Errorf("%d builds, want 2 (the cancelled first one, and the fix)", got)
	}
}
