package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// preview is a running server over a temporary dossier, with one browser
// connected for reload events.
type preview struct {
	t      *testing.T
	dir    string
	srv    *Server
	base   string
	events chan event
}

type event struct {
	Version int    `json:"version"`
	Page    string `json:"page"`
	Errors  int    `json:"errors"`
}

func start(t *testing.T, files map[string]string) *preview {
	t.Helper()
	return startWith(t, files, Options{})
}

// startWith starts a preview with options (ContentDir, Name, Debounce and
// Log are set here).
func startWith(t *testing.T, files map[string]string, opts Options) *preview {
	t.Helper()
	dir := t.TempDir()
	p := &preview{t: t, dir: dir, events: make(chan event, 100)}
	for name, text := range files {
		p.write(name, text)
	}
	opts.ContentDir, opts.Name, opts.Debounce, opts.Log = dir, "content", 40*time.Millisecond, io.Discard
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	p.srv = srv
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
	p.waitBuilt()
	p.listen("/claims/c/")
	return p
}

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
	case <-time.After(5 * time.Second):
		p.t.Fatal("no build within 5s")
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

// reload waits for the next reload event.
func (p *preview) reload() event {
	p.t.Helper()
	select {
	case e := <-p.events:
		return e
	case <-time.After(5 * time.Second):
		p.t.Fatal("no reload event within 5s")
	}
	return event{}
}

// quiet checks that no reload event comes for a while.
func (p *preview) quiet(d time.Duration) {
	p.t.Helper()
	select {
	case e := <-p.events:
		p.t.Fatalf("unexpected reload event %+v", e)
	case <-time.After(d):
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

func TestEditRenameBreakFix(t *testing.T) {
	p := start(t, dossier)
	if body := p.page("/claims/c/"); !strings.Contains(body, "First title") || !strings.Contains(body, scriptPath) {
		t.Fatalf("claim page lacks its title or the live script:\n%s", body)
	}

	// An edit in place: one reload, naming the claim's page.
	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Second title", 1))
	if e := p.reload(); e.Page != "/claims/c/" || e.Errors != 0 {
		t.Errorf("reload event %+v, want page /claims/c/ and no errors", e)
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "Second title") {
		t.Error("the edit is not served")
	}

	// An editor's safe save: a swap file, a temporary file renamed over
	// the original. Exactly one reload, and no page for the temporary file.
	p.write("claims/.c.md.swp", "swap")
	p.write("claims/4913", "")
	p.write("claims/c.md.tmp", strings.Replace(dossier["claims/c.md"], "First title", "Third title", 1))
	if err := os.Rename(filepath.Join(p.dir, "claims/c.md.tmp"), filepath.Join(p.dir, "claims/c.md")); err != nil {
		t.Fatal(err)
	}
	p.write("claims/c.md~", "backup")
	p.reload()
	p.quiet(300 * time.Millisecond)
	if body := p.page("/claims/c/"); !strings.Contains(body, "Third title") {
		t.Error("the renamed save is not served")
	}
	if code, _ := p.get("/claims/c-md/"); code != 404 {
		t.Error("a page was made for a temporary file")
	}

	// Broken YAML: the last good build stays, with an overlay on every page.
	p.write("claims/c.md", "---\ntitle: [unclosed\nquotes:\n---\n")
	if e := p.reload(); e.Errors != 1 {
		t.Errorf("reload event %+v, want 1 error", e)
	}
	for _, path := range []string{"/claims/c/", "/", "/sources/s/"} {
		body := p.page(path)
		if !strings.Contains(body, `id="dossier-errors"`) || !strings.Contains(body, "content/claims/c.md:2:1</strong>") ||
			!strings.Contains(body, "invalid YAML") {
			t.Errorf("%s: no error overlay naming the file:\n%s", path, body)
		}
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "Third title") {
		t.Error("the last good build is not served under the overlay")
	}

	// Fixed: the overlay clears by itself.
	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Fixed title", 1))
	if e := p.reload(); e.Errors != 0 {
		t.Errorf("reload event %+v, want no errors", e)
	}
	if body := p.page("/claims/c/"); strings.Contains(body, "dossier-errors") || !strings.Contains(body, "Fixed title") {
		t.Error("the overlay did not clear, or the fix is not served")
	}

	// A folder created while running is watched.
	p.write("static/img/logo.svg", "<svg/>")
	p.reload()
	if code, _ := p.get("/img/logo.svg"); code != 200 {
		t.Errorf("a file in a new folder is not served: %d", code)
	}
	p.write("static/img/other.svg", "<svg/>")
	p.reload()
	if code, _ := p.get("/img/other.svg"); code != 200 {
		t.Errorf("a file added later to the new folder is not served: %d", code)
	}

	// A change of mode changes nothing.
	os.Chmod(filepath.Join(p.dir, "claims/c.md"), 0o600)
	p.quiet(300 * time.Millisecond)

	// A deleted claim's page is gone.
	os.Remove(filepath.Join(p.dir, "claims/c.md"))
	p.reload()
	if code, _ := p.get("/claims/c/"); code != 404 {
		t.Errorf("deleted claim still served: %d", code)
	}
}

func TestBurstGivesOneRebuild(t *testing.T) {
	p := start(t, dossier)
	// Like a git checkout: many files at once.
	for i := 0; i < 200; i++ {
		p.write("sources/s"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+".md", "---\ntitle: T\n---\nText.\n")
	}
	p.reload()
	p.quiet(400 * time.Millisecond)
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
	p.reload()
	body := p.page("/sources/s/")
	if !strings.Contains(body, "The build failed") || !strings.Contains(body, "templates/claim.html") {
		t.Errorf("no overlay for a broken template:\n%s", body)
	}
	p.write("templates/claim.html", `{{define "content"}}{{index .Dossier.Claims 99}}{{end}}`)
	p.reload()
	code, body := p.get("/claims/c/")
	if code != 500 || !strings.Contains(body, "dossier-errors") || !strings.Contains(body, "index out of range") {
		t.Errorf("failing page: %d\n%s", code, body)
	}
	if body := p.page("/sources/s/"); strings.Contains(body, "dossier-errors") {
		t.Error("other pages show an overlay for one failing page")
	}
	os.Remove(filepath.Join(p.dir, "templates/claim.html"))
	p.reload()
	if body := p.page("/claims/c/"); strings.Contains(body, "dossier-errors") || !strings.Contains(body, "First title") {
		t.Error("the default template is not back")
	}
}

// TestPolling checks the fallback used when the system cannot watch any
// more folders: changes are still seen, and only real ones.
func TestPolling(t *testing.T) {
	p := startWith(t, dossier, Options{Poll: 50 * time.Millisecond})
	p.quiet(200 * time.Millisecond)
	time.Sleep(20 * time.Millisecond) // a new modification time, even on coarse clocks
	p.write("claims/c.md", strings.Replace(dossier["claims/c.md"], "First title", "Polled title", 1))
	if e := p.reload(); e.Page != "/claims/c/" {
		t.Errorf("reload event %+v, want page /claims/c/", e)
	}
	if body := p.page("/claims/c/"); !strings.Contains(body, "Polled title") {
		t.Error("the polled change is not served")
	}
	p.write("sources/new.md", "---\ntitle: New\n---\nText.\n")
	p.reload()
	p.page("/sources/new/")
}
