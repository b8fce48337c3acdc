package serve

import (
	"bufio"
	"bytes"
	"context"
	"dossier/internal/diag"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"dossier/internal/site"
)

// preview is a running server over a temporary dossier, with one browser
// connected for reload events. Most tests tell it of changes themselves
// (save, change) and move its clock by hand (advance): nothing in them
// waits for real time to pass, and no file system events are involved.
type preview struct {
	t      *testing.T
	dir    string
	srv    *Server
	base   string
	events chan event

	log    *syncBuffer
	clk    *fakeClock  // nil when the server runs on real time
	feed   chan change // nil when the server watches the disk
	builds atomic.Int32
	// hold, when set, runs at the start of the next build, which then
	// fails if it returns an error.
	hold func(ctx context.Context) error
	// parsing, when set, is called before each body is parsed, in the
	// goroutine parsing it: a test makes a parse slow with it.
	parsing atomic.Pointer[func(path, body string)]
}

type event struct {
	Version int    `json:"version"`
	Page    string `json:"page"`
	Errors  int    `json:"errors"`
}

// How a preview learns of changes.
type mode int

const (
	fed     mode = iota // the test tells it, and moves its clock
	polled              // it polls the disk (opts.Poll), on the test's clock
	watched             // it watches the disk with fsnotify, on real time
)

// Timings of the tests' servers. Debounce and settle differ, so that
// waitTimer tells them apart.
const (
	testDebounce = 40 * time.Millisecond
	testSettle   = 120 * time.Millisecond
)

func start(t *testing.T, files map[string]string) *preview {
	t.Helper()
	return startWith(t, files, Options{}, fed)
}

// startWith starts a preview with options (ContentDir, Name, Debounce and
// Log are set here, Settle unless given).
func startWith(t *testing.T, files map[string]string, opts Options, m mode) *preview {
	t.Helper()
	p := prepare(t, files, opts, m)
	p.run()
	p.waitBuilt()
	p.listen("/claims/c/")
	return p
}

// prepare makes the server of a preview, for run to start.
func prepare(t *testing.T, files map[string]string, opts Options, m mode) *preview {
	t.Helper()
	dir := t.TempDir()
	p := &preview{t: t, dir: dir, events: make(chan event, 100), log: &syncBuffer{}}
	for name, text := range files {
		p.write(name, text)
	}
	opts.ContentDir, opts.Name, opts.Log = dir, "content", p.log
	opts.Debounce = testDebounce
	if opts.Settle == 0 {
		opts.Settle = testSettle
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if m != watched {
		p.clk = newFakeClock()
		srv.clock = p.clk
	}
	if m == fed {
		p.feed = make(chan change, 256)
		srv.watch = feed(p.feed)
	}
	srv.parsing = func(path, body string) {
		if f := p.parsing.Load(); f != nil {
			(*f)(path, body)
		}
	}
	build := srv.buildSite
	srv.buildSite = func(ctx context.Context) (*site.Snapshot, error) {
		p.builds.Add(1)
		if hold := p.hold; hold != nil {
			p.hold = nil
			if err := hold(ctx); err != nil {
				return nil, err
			}
		}
		return build(ctx)
	}
	p.srv = srv
	return p
}

// run starts serving, and stops when the test ends.
func (p *preview) run() {
	t, srv := p.t, p.srv
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.base = "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
}

// feed is a source of changes the test sends itself.
type feed chan change

func (f feed) start(context.Context) <-chan change { return f }

// syncBuffer is the server's log, read by the test while the server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// change tells the server of a change, seen now.
func (p *preview) change(c change) {
	c.at = p.clk.Now()
	p.feed <- c
}

// save writes a file in place and tells the server.
func (p *preview) save(name, text string) {
	p.t.Helper()
	p.write(name, text)
	p.change(change{paths: []string{name}})
}

// advance moves the server's clock on.
func (p *preview) advance(d time.Duration) { p.clk.Advance(d) }

// settling waits until the server has read a broken file that just
// changed and is waiting to read it again.
func (p *preview) settling() {
	p.t.Helper()
	p.clk.waitTimer(p.t, testSettle, "reading a broken file again")
}

// built lets the debounce pass and returns the reload event of the
// build that follows, letting the settle delay pass too if the server
// waits to read broken files again. For changes whose errors may or may
// not be the content's.
func (p *preview) built() event {
	p.t.Helper()
	p.advance(testDebounce)
	timeout := time.After(10 * time.Second)
	for {
		settling, armed := p.clk.timerSet(testSettle)
		if settling {
			p.advance(testSettle)
			return p.reload()
		}
		select {
		case e := <-p.events:
			return e
		case <-armed:
		case <-timeout:
			p.t.Fatal("no reload event within 10s")
		}
	}
}

// version is the version of the build served.
func (p *preview) version() int { return p.srv.state.Load().version }

func (p *preview) write(name, text string) {
	p.t.Helper()
	path := filepath.Join(p.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *preview) waitBuilt() {
	select {
	case <-p.srv.built:
	case <-time.After(10 * time.Second):
		p.t.Fatal("no build within 10s")
	}
}

// listen connects like a browser showing page and forwards reload events.
func (p *preview) listen(page string) {
	req, _ := http.NewRequest("GET", p.base+eventsPath+"?page="+page, nil)
	req.Header.Set("Origin", p.base)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		p.t.Fatalf("events: %s", resp.Status)
	}
	p.t.Cleanup(func() { resp.Body.Close() })
	ready := make(chan bool)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "event: hello":
				close(ready)
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name == "reload":
				var e event
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &e)
				p.events <- e
			}
		}
	}()
	<-ready
}

// reload waits for the next reload event. The time allowed is only there
// to end a test that fails: nothing waits for it to pass.
func (p *preview) reload() event {
	p.t.Helper()
	select {
	case e := <-p.events:
		return e
	case <-time.After(10 * time.Second):
		p.t.Fatal("no reload event within 10s")
	}
	return event{}
}

// until waits, over reload events, until ok holds: what a server watching
// the disk will do, but not when, nor in how many builds.
func (p *preview) until(what string, ok func() bool) {
	p.t.Helper()
	timeout := time.After(20 * time.Second)
	for !ok() {
		select {
		case <-p.events:
		case <-timeout:
			p.t.Fatalf("not within 20s: %s\nlog:\n%s", what, p.log)
		}
	}
}

func (p *preview) get(path string, host ...string) (int, string) {
	p.t.Helper()
	req, _ := http.NewRequest("GET", p.base+path, nil)
	if len(host) > 0 {
		req.Host = host[0]
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (p *preview) page(path string) string {
	p.t.Helper()
	code, body := p.get(path)
	if code != 200 {
		p.t.Fatalf("GET %s: %d\n%s", path, code, body)
	}
	return body
}

var dossier = map[string]string{
	"sources/s.md": "---\ntitle: Source S\n---\nThe minister said roughly 300,000 people.\n",
	"claims/c.md":  "---\ntitle: First title\nquotes:\n  - source: s\n    text: roughly 300,000 people\n---\nCommentary.\n",
}

// TestEditRenameBreakFix follows an editor's session: edits, a save by
// renaming, an error and its fix, a new folder, a deletion.
func TestEditRenameBreakFix(t *testing.T) {
	p := start(t, dossier)
	if body := p.page("/claims/c/"); !strings.Contains(body, "First title") || !strings.Contains(body, scriptPath) {
		t.Fatalf("claim page lacks its title or the live script:\n%s", body)
	}

	// An edit in place: one reload once the burst is over, naming the
	// claim's page; a good build is not held back.
	p.save("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Second title", 1))
	p.advance(testDebounce)
	if e := p.reload(); e.Page != "/claims/c/" || e.Errors != 0 {
		t.Errorf("reload event %+v, want page /claims/c/ and no errors", e)
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "Second title") {
		t.Error("the edit is not served")
	}

	// A safe save: a temporary file renamed over the original.
	p.write("claims/c.md.tmp", strings.Replace(dossier["claims/c.md"], "First title", "Third title", 1))
	if err := os.Rename(filepath.Join(p.dir, "claims/c.md.tmp"), filepath.Join(p.dir, "claims/c.md")); err != nil {
		t.Fatal(err)
	}
	p.change(change{paths: []string{"claims/c.md"}, structural: true})
	p.advance(testDebounce)
	p.reload()
	if body := p.page("/claims/c/"); !strings.Contains(body, "Third title") {
		t.Error("the renamed save is not served")
	}

	// Broken YAML: the last good build stays, with an overlay on every
	// page, once the file has been read again and is still broken.
	p.save("claims/c.md", "---\ntitle: [unclosed\nquotes:\n---\n")
	p.advance(testDebounce)
	p.settling()
	p.advance(testSettle)
	if e := p.reload(); e.Errors != 1 {
		t.Errorf("reload event %+v, want 1 error", e)
	}
	for _, path := range []string{"/claims/c/", "/", "/sources/s/"} {
		body := p.page(path)
		if !strings.Contains(body, `id="dossier-errors"`) || !strings.Contains(body, "content/claims/c.md:2:") ||
			!strings.Contains(body, "invalid YAML") {
			t.Errorf("%s: no error overlay naming the file:\n%s", path, body)
		}
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "Third title") {
		t.Error("the last good build is not served under the overlay")
	}
	if n := strings.Count(p.log.String(), "content/claims/c.md:2:"); n != 1 {
		t.Errorf("the terminal shows the error %d times, want once:\n%s", n, p.log)
	}

	// Any build with errors after a change waits to settle, even when the
	// errors are in a file that did not change: a source caught half-saved
	// makes other files' quotes fail to anchor.
	p.save("sources/s.md", dossier["sources/s.md"]+"Another sentence.\n")
	p.advance(testDebounce)
	p.settling()
	p.advance(testSettle)
	if e := p.reload(); e.Errors != 1 {
		t.Errorf("reload event %+v, want 1 error", e)
	}

	// Fixed: the overlay clears by itself.
	p.save("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Fixed title", 1))
	p.advance(testDebounce)
	if e := p.reload(); e.Errors != 0 {
		t.Errorf("reload event %+v, want no errors", e)
	}
	if body := p.page("/claims/c/"); strings.Contains(body, "dossier-errors") || !strings.Contains(body, "Fixed title") {
		t.Error("the overlay did not clear, or the fix is not served")
	}
	if !strings.Contains(p.log.String(), "errors fixed") {
		t.Errorf("the terminal does not say the errors are fixed:\n%s", p.log)
	}

	// A new folder: the watcher does not know what is in it.
	p.write("static/img/logo.svg", "<svg/>")
	p.change(change{all: true})
	p.advance(testDebounce)
	p.reload()
	if code, _ := p.get("/img/logo.svg"); code != 200 {
		t.Errorf("a file in a new folder is not served: %d", code)
	}

	// A deleted claim's page is gone.
	os.Remove(filepath.Join(p.dir, "claims/c.md"))
	p.change(change{paths: []string{"claims/c.md"}, structural: true})
	p.advance(testDebounce)
	p.reload()
	if code, _ := p.get("/claims/c/"); code != 404 {
		t.Errorf("deleted claim still served: %d", code)
	}
}

// TestHalfWrittenFile checks that a save caught in the middle, a claim
// whose front matter is cut off, never shows its errors: the file is read
// again after the settle delay, by then whole.
func TestHalfWrittenFile(t *testing.T) {
	for _, file := range []struct {
		name, path, full, half, page, shows string
	}{
		// A claim cut off in its front matter does not parse.
		{name: "claim", path: "claims/c.md", page: "/claims/c/", shows: "Second title",
			full: strings.Replace(dossier["claims/c.md"], "First title", "Second title", 1),
			half: dossier["claims/c.md"][:strings.Index(dossier["claims/c.md"], "First title")] + "Second ti"},
		// A source cut off before the passage a claim quotes makes the
		// claim's quote fail to anchor: an error in another file.
		{name: "source", path: "sources/s.md", page: "/sources/s/", shows: "Second sentence",
			full: dossier["sources/s.md"] + "\nSecond sentence.\n",
			half: "---\ntitle: Source S\n---\nThe minister said rough"},
	} {
		for _, tc := range []struct {
			name   string
			finish func(p *preview)
		}{
			{"the rest is written without an event of its own", func(p *preview) {
				p.write(file.path, file.full)
				p.advance(testSettle)
			}},
			{"the rest is written with its own event", func(p *preview) {
				p.save(file.path, file.full)
				p.advance(testDebounce)
			}},
		} {
			t.Run(file.name+"/"+tc.name, func(t *testing.T) {
				p := start(t, dossier)
				builds, version := p.builds.Load(), p.version()

				p.save(file.path, file.half)
				p.advance(testDebounce)
				p.settling() // the half file was read, and failed
				if p.version() != version || strings.Contains(p.page(file.page), "dossier-errors") {
					t.Error("the half-written file's errors are shown before it is read again")
				}

				tc.finish(p)
				if e := p.reload(); e.Errors != 0 || e.Page != file.page {
					t.Errorf("reload event %+v, want page %s and no errors", e, file.page)
				}
				if body := p.page(file.page); strings.Contains(body, "dossier-errors") || !strings.Contains(body, file.shows) {
					t.Errorf("the whole file is not served, or with an overlay:\n%s", body)
				}
				if got := p.builds.Load() - builds; got != 2 {
					t.Errorf("%d builds, want 2 (the half file, then the whole one)", got)
				}
				if p.version() != version+1 {
					t.Errorf("version %d, want %d: a build was shown in between", p.version(), version+1)
				}
				if log := p.log.String(); strings.Contains(log, "error") || strings.Contains(log, ".md:") {
					t.Errorf("the terminal shows the half file's errors:\n%s", log)
				}
			})
		}
	}
}

// TestBrokenFileShownAfterSettle checks that a file that stays broken
// shows its errors once it has been read again, after the settle delay.
func TestBrokenFileShownAfterSettle(t *testing.T) {
	p := start(t, dossier)
	builds, version := p.builds.Load(), p.version()
	p.save("claims/c.md", "---\ntitle: Cut off\n")
	p.advance(testDebounce)
	p.settling()
	if p.version() != version {
		t.Error("errors shown before the file is read again")
	}
	p.advance(testSettle)
	if e := p.reload(); e.Errors != 1 || e.Version != version+1 {
		t.Errorf("reload event %+v, want version %d with 1 error", e, version+1)
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "dossier-errors") || !strings.Contains(body, "content/claims/c.md:") {
		t.Errorf("no overlay for the broken file:\n%s", body)
	}
	if got := p.builds.Load() - builds; got != 2 {
		t.Errorf("%d builds, want 2 (a read, and one more after the settle delay)", got)
	}
	if n := strings.Count(p.log.String(), "content/claims/c.md:"); n != 1 {
		t.Errorf("the terminal shows the error %d times, want once:\n%s", n, p.log)
	}
}

// TestSettleOff checks that a negative Settle shows errors at once.
func TestSettleOff(t *testing.T) {
	p := startWith(t, dossier, Options{Settle: -1}, fed)
	p.save("claims/c.md", "---\ntitle: Cut off\n")
	p.advance(testDebounce)
	if e := p.reload(); e.Errors != 1 {
		t.Errorf("reload event %+v, want 1 error", e)
	}
}

// TestBurstGivesOneRebuild checks that many changes at once (a git
// checkout), or a stream of them closer together than the debounce, give
// one build, once the last of them is Debounce old.
func TestBurstGivesOneRebuild(t *testing.T) {
	p := start(t, dossier)
	builds := p.builds.Load()
	for i := 0; i < 200; i++ {
		name := "sources/s" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + ".md"
		p.write(name, "---\ntitle: T\n---\nText.\n")
		p.change(change{paths: []string{name}, structural: true})
	}
	p.advance(testDebounce)
	if e := p.reload(); e.Errors != 0 || e.Page != "" {
		t.Errorf("reload event %+v, want no page and no errors", e)
	}

	// Changes every 30ms keep the build waiting until the last is 40ms old.
	for i := 0; i < 10; i++ {
		p.save("sources/s.md", dossier["sources/s.md"]+strings.Repeat("More.\n", i+1))
		p.advance(testDebounce * 3 / 4)
		p.clk.waitTimer(t, testDebounce/4, "the end of the burst")
	}
	p.advance(testDebounce / 4)
	if e := p.reload(); e.Page != "/sources/s/" {
		t.Errorf("reload event %+v, want page /sources/s/", e)
	}

	// The next reload is the next change's: the bursts gave nothing more.
	p.save("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Marker", 1))
	p.advance(testDebounce)
	if e := p.reload(); e.Page != "/claims/c/" {
		t.Errorf("reload event %+v, want page /claims/c/", e)
	}
	if got := p.builds.Load() - builds; got != 3 {
		t.Errorf("%d builds for two bursts and a change, want 3", got)
	}
}

// TestNewerChangeCancelsBuild checks that a change arriving during a
// build cancels it, and that the next build has both changes.
func TestNewerChangeCancelsBuild(t *testing.T) {
	p := start(t, dossier)
	builds, version := p.builds.Load(), p.version()
	building := make(chan struct{})
	cancelled := make(chan struct{})
	p.hold = func(ctx context.Context) error {
		close(building)
		<-ctx.Done()
		close(cancelled)
		return ctx.Err()
	}
	p.save("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Second title", 1))
	p.advance(testDebounce)
	select {
	case <-building:
	case <-time.After(10 * time.Second):
		t.Fatal("no build within 10s")
	}
	p.save("sources/s.md", dossier["sources/s.md"]+"Another sentence.\n")
	select {
	case <-cancelled:
	case <-time.After(10 * time.Second):
		t.Fatal("the build was not cancelled")
	}
	p.advance(testDebounce)
	if e := p.reload(); e.Version != version+1 || e.Page != "" {
		t.Errorf("reload event %+v, want version %d for two files", e, version+1)
	}
	if got := p.builds.Load() - builds; got != 2 {
		t.Errorf("%d builds, want 2", got)
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "Second title") {
		t.Error("the first change is lost")
	}
	if log := p.log.String(); !strings.Contains(log, "built claims/c.md and 1 more") || strings.Contains(log, "cancel") {
		t.Errorf("log:\n%s", log)
	}
}

func TestRequestChecks(t *testing.T) {
	p := start(t, dossier)
	for _, tc := range []struct {
		path, host string
		want       int
	}{
		{"/", "", 200},
		{"/", "localhost:1313", 200},
		{"/", "evil.example", 403},
		{"/", "attacker.example:1313", 403},
		{"/claims/c", "", 301},
		{"/%2e%2e/%2e%2e/etc/passwd", "", 400},
		{"/..%2f..%2fetc/passwd", "", 400},
		{"/%252e%252e/%252e%252e/etc/passwd", "", 404},
		{"/..\\..\\etc\\passwd", "", 400},
		{"/%5c..%5cetc%5cpasswd", "", 400},
		{"/sources/s.md", "", 404},
		{"/dossier.json", "", 200},
	} {
		var code int
		var body string
		if tc.host != "" {
			code, body = p.get(tc.path, tc.host)
		} else {
			code, body = p.get(tc.path)
		}
		if code != tc.want {
			t.Errorf("GET %s (Host %q): %d, want %d", tc.path, tc.host, code, tc.want)
		}
		if strings.Contains(body, "root:") {
			t.Errorf("GET %s served a file from outside the site", tc.path)
		}
	}
	req, _ := http.NewRequest("GET", p.base+eventsPath, nil)
	req.Header.Set("Origin", "https://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("events from a foreign Origin: %d, want 403", resp.StatusCode)
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"claims/x.md": false, "claims/.x.md.swp": true, "claims/x.md~": true, "claims/4913": true,
		"claims/.#x.md": true, "claims/#x.md#": true, "claims/x.md.tmp": true, "sources/a-b.md": false,
	} {
		if ignored(name) != want {
			t.Errorf("ignored(%q) = %v", name, !want)
		}
	}
}

// TestBrokenTemplate checks that a theme error is shown over the last good
// build, that a page whose template fails at run time is an error page
// while the server keeps serving, and that both clear when fixed.
func TestBrokenTemplate(t *testing.T) {
	p := start(t, dossier)
	p.write("templates/claim.html", `{{define "content"}}{{if}}{{end}}`)
	p.change(change{paths: []string{"templates/claim.html"}, structural: true})
	p.built()
	body := p.page("/sources/s/")
	if !strings.Contains(body, "dossier-errors") || !strings.Contains(body, "templates/claim.html") {
		t.Errorf("no overlay for a broken template:\n%s", body)
	}
	p.save("templates/claim.html", `{{define "content"}}{{index .Dossier.Claims 99}}{{end}}`)
	p.built()
	code, body := p.get("/claims/c/")
	if code != 500 || !strings.Contains(body, "dossier-errors") || !strings.Contains(body, "index out of range") {
		t.Errorf("failing page: %d\n%s", code, body)
	}
	if body := p.page("/sources/s/"); strings.Contains(body, "dossier-errors") {
		t.Error("other pages show an overlay for one failing page")
	}
	os.Remove(filepath.Join(p.dir, "templates/claim.html"))
	p.change(change{paths: []string{"templates/claim.html"}, structural: true})
	p.built()
	if body := p.page("/claims/c/"); strings.Contains(body, "dossier-errors") || !strings.Contains(body, "First title") {
		t.Error("the default template is not back")
	}
}

// TestPolling checks the fallback used when the system cannot watch any
// more folders: changes are still seen, and only real ones.
func TestPolling(t *testing.T) {
	const interval = 50 * time.Millisecond
	p := startWith(t, dossier, Options{Poll: interval}, polled)
	builds := p.builds.Load()
	// poll lets the poller look once, and waits until it has.
	poll := func() {
		p.advance(interval)
		p.clk.waitTimer(t, interval, "the next poll")
	}
	for range 3 {
		poll()
	}
	// The new title is longer: the size changes, whatever the clock of the
	// file system.
	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Polled title", 1))
	poll()
	p.advance(testDebounce)
	if e := p.reload(); e.Page != "/claims/c/" {
		t.Errorf("reload event %+v, want page /claims/c/", e)
	}
	if got := p.builds.Load() - builds; got != 1 {
		t.Errorf("%d builds, want 1: polls that find nothing changed must give none", got)
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "Polled title") {
		t.Error("the polled change is not served")
	}
	p.write("sources/new.md", "---\ntitle: New\n---\nText.\n")
	poll()
	p.advance(testDebounce)
	p.reload()
	p.page("/sources/new/")
}

// TestWatchEvents checks which file system events are changes: an
// editor's save through swap and temporary files is one change, of the
// real file.
func TestWatchEvents(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "static/img"), 0o755); err != nil {
		t.Fatal(err)
	}
	w := newWatcher(root, 0, realClock{}, t.Logf)
	file := func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }
	for _, tc := range []struct {
		ev   fsnotify.Event
		want *change
	}{
		{fsnotify.Event{Name: file("claims/c.md"), Op: fsnotify.Write}, &change{paths: []string{"claims/c.md"}}},
		{fsnotify.Event{Name: file("claims/c.md"), Op: fsnotify.Create}, &change{paths: []string{"claims/c.md"}, structural: true}},
		{fsnotify.Event{Name: file("claims/c.md"), Op: fsnotify.Rename}, &change{paths: []string{"claims/c.md"}, structural: true}},
		{fsnotify.Event{Name: file("claims/c.md"), Op: fsnotify.Remove}, &change{paths: []string{"claims/c.md"}, structural: true}},
		{fsnotify.Event{Name: file("claims/c.md"), Op: fsnotify.Chmod}, nil},
		{fsnotify.Event{Name: file("claims/.c.md.swp"), Op: fsnotify.Create}, nil},
		{fsnotify.Event{Name: file("claims/4913"), Op: fsnotify.Create}, nil},
		{fsnotify.Event{Name: file("claims/c.md.tmp"), Op: fsnotify.Rename}, nil},
		{fsnotify.Event{Name: file("claims/c.md~"), Op: fsnotify.Write}, nil},
		{fsnotify.Event{Name: file("static/img"), Op: fsnotify.Create}, &change{all: true}},
	} {
		c, ok := w.changeOf(tc.ev)
		switch {
		case tc.want == nil && ok:
			t.Errorf("%s: change %+v, want none", tc.ev, c)
		case tc.want != nil && !ok:
			t.Errorf("%s: no change, want %+v", tc.ev, *tc.want)
		case tc.want != nil && (strings.Join(c.paths, ",") != strings.Join(tc.want.paths, ",") ||
			c.structural != tc.want.structural || c.all != tc.want.all):
			t.Errorf("%s: change %+v, want %+v", tc.ev, c, *tc.want)
		}
	}
}

// TestWatchingTheDisk is the one test on real file system events and
// real time: saves on disk, including through a temporary file and in a
// folder created while serving, lead to rebuilds and reload events. It
// waits for what must happen, never for something not to.
func TestWatchingTheDisk(t *testing.T) {
	p := startWith(t, dossier, Options{}, watched)

	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Second title", 1))
	select {
	case e := <-p.events:
		if e.Page != "/claims/c/" {
			t.Errorf("reload event %+v, want page /claims/c/", e)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("no reload event within 20s of a save\nlog:\n%s", p.log)
	}
	p.until("the save is served", func() bool { return strings.Contains(p.page("/claims/c/"), "Second title") })

	// An editor's safe save: a swap file, a temporary file renamed over
	// the original, a backup.
	p.write("claims/.c.md.swp", "swap")
	p.write("claims/4913", "")
	p.write("claims/c.md.tmp", strings.Replace(dossier["claims/c.md"], "First title", "Third title", 1))
	if err := os.Rename(filepath.Join(p.dir, "claims/c.md.tmp"), filepath.Join(p.dir, "claims/c.md")); err != nil {
		t.Fatal(err)
	}
	p.write("claims/c.md~", "backup")
	p.until("the renamed save is served", func() bool { return strings.Contains(p.page("/claims/c/"), "Third title") })

	// A folder created while serving is watched.
	p.write("static/img/logo.svg", "<svg/>")
	p.until("a file in a new folder is served", func() bool { code, _ := p.get("/img/logo.svg"); return code == 200 })
	p.write("static/img/other.svg", "<svg/>")
	p.until("a file added later to the new folder is served", func() bool { code, _ := p.get("/img/other.svg"); return code == 200 })
	if code, _ := p.get("/claims/c-md/"); code != 404 {
		t.Error("a page was made for a temporary file")
	}
}

// TestOverlayShowsNotes checks that an error about two places shows both
// in the browser, as the terminal does.
func TestOverlayShowsNotes(t *testing.T) {
	s := &Server{}
	st := &state{errs: diag.List{{
		Path: "content/entities/b.md", Line: 4, Col: 11, Msg: `"Trump" is already a name of entity "a"`, Source: "aliases: [Trump]",
		Notes: []diag.Note{{Path: "content/entities/a.md", Line: 2, Col: 7, Msg: `"a" has it here`, Source: "name: Trump"}},
	}}}
	page := string(s.inject([]byte("<html><body><p>x</p></body></html>"), st, "/"))
	for _, want := range []string{
		"content/entities/b.md:4:11", "aliases: [Trump]",
		"content/entities/a.md:2:7</strong>: note: &#34;a&#34; has it here", "name: Trump",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the overlay lacks %q:\n%s", want, page)
		}
	}
}
