// Package browser tests the built dossier the way a reader meets it: in a
// real browser. It builds the project's own dossier (content/) with the
// real pipeline, serves it from a loopback test server and drives Debian's
// headless Chromium with chromedp.
//
// Without a browser the tests skip and say why, except under CI (the
// environment variable CI set, as CI=true), where a missing browser fails
// them: CI must never be the place where they skip. $DOSSIER_CHROME names
// the browser to use; otherwise chromium, chromium-browser, google-chrome
// and google-chrome-stable are looked up on PATH.
//
// One browser serves the whole package (started on first use, stopped by
// TestMain); each test opens its own tab with its own timeout.
package browser

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dossier/internal/dossier"
	"dossier/internal/site"
)

// testTimeout bounds each test (or each subtest that opens its own tab).
const testTimeout = 60 * time.Second

// Viewports: a desktop window and a phone.
const (
	wideW, wideH     = 1280, 900
	narrowW, narrowH = 375, 812
)

func TestMain(m *testing.M) {
	code := m.Run()
	shutdown()
	os.Exit(code)
}

// inCI reports whether the tests run in CI, where a missing browser is a
// failure and not a reason to skip.
func inCI() bool {
	v := strings.TrimSpace(os.Getenv("CI"))
	return v != "" && v != "0" && !strings.EqualFold(v, "false")
}

// findChrome returns the browser to drive, or an explanation of why there
// is none.
func findChrome() (string, error) {
	if p := os.Getenv("DOSSIER_CHROME"); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("DOSSIER_CHROME=%s is not an executable browser: %v", p, err)
		}
		return found, nil
	}
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found: looked for $DOSSIER_CHROME and %s on PATH; install one (Debian: apt-get install -y chromium) or set DOSSIER_CHROME", strings.Join(names, ", "))
}

// harness is what every test shares: the built site, its server and the
// browser.
type harness struct {
	tmp     string   // a temporary folder holding the built site
	dir     string   // the built site, in tmp
	root    *os.Root // dir, as the server reads it
	srv     *httptest.Server
	pages   []pageRef       // one page of each main type
	files   map[string]bool // every built path, slash-separated
	browser context.Context // a chromedp context holding the running browser
	version string          // the browser's product and version

	cancelBrowser, cancelAlloc context.CancelFunc
	chromeOutput               *syncBuffer
}

// pageRef is one page of a main page type.
type pageRef struct {
	Kind string // home, source, claim, figure, conflicts, verdicts, entity, timeline
	Path string // site path, e.g. "sources/some-slug/index.html"
}

var shared struct {
	once sync.Once
	h    *harness
	err  error
}

// setup returns the shared harness, starting it on first use. Without a
// browser it skips the test (or fails it under CI).
func setup(t *testing.T) *harness {
	t.Helper()
	chrome, err := findChrome()
	if err != nil {
		switch {
		case inCI():
			t.Fatalf("CI is set, so the browser tests must run, but: %v", err)
		case os.Getenv("DOSSIER_CHROME") != "":
			t.Fatal(err) // asked for a browser that is not there
		}
		t.Skipf("skipping browser test: %v", err)
	}
	first := false
	shared.once.Do(func() {
		first = true
		shared.h, shared.err = start(chrome)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	if first {
		t.Logf("browser: %s (%s); site served at %s from %s", shared.h.version, chrome, shared.h.srv.URL, shared.h.dir)
	}
	return shared.h
}

// start builds the project's dossier, writes it to a temporary folder,
// serves it on loopback and starts the browser.
func start(chrome string) (_ *harness, err error) {
	h := &harness{files: map[string]bool{}}
	defer func() {
		if err != nil {
			h.stop() // whatever was started
		}
	}()

	root, err := os.OpenRoot("../../content")
	if err != nil {
		return nil, fmt.Errorf("the project's dossier: %w", err)
	}
	defer root.Close()
	res, err := site.Build(site.Options{Content: root.FS(), Name: "content"})
	if ce, ok := errors.AsType[*site.ContentError](err); ok {
		return nil, fmt.Errorf("content/ does not build:\n%s", ce.List.Format())
	}
	if err != nil {
		return nil, fmt.Errorf("building content/: %w", err)
	}
	for _, f := range res.Files {
		h.files[f.Path] = true
	}
	h.tmp, err = os.MkdirTemp("", "dossier-browser-")
	if err != nil {
		return nil, err
	}
	h.dir = filepath.Join(h.tmp, "public")
	if err := site.Write(res.Files, h.dir); err != nil {
		return nil, fmt.Errorf("writing the site: %w", err)
	}
	if h.pages, err = pickPages(res.Dossier, h.files); err != nil {
		return nil, err
	}

	if h.root, err = os.OpenRoot(h.dir); err != nil {
		return nil, err
	}
	h.srv = httptest.NewServer(staticHandler(h.root.FS())) // listens on 127.0.0.1

	// chromedp gives the browser a fresh user-data-dir of its own, and on
	// cancel kills it, every process that still uses that folder, and
	// removes the folder.
	h.chromeOutput = &syncBuffer{}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.CombinedOutput(h.chromeOutput),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	h.cancelAlloc = cancelAlloc
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	h.cancelBrowser = cancelBrowser
	// The first Run starts the browser; it must not carry a timeout (that
	// would stop the browser with it), so a watchdog bounds it instead.
	startErr := make(chan error, 1)
	go func() { startErr <- chromedp.Do(browserCtx) }()
	select {
	case err = <-startErr:
	case <-time.After(30 * time.Second):
		cancelBrowser()
		err = errors.New("timed out after 30s")
	}
	if err != nil {
		return nil, fmt.Errorf("starting %s: %v\nbrowser output:\n%s", chrome, err, h.chromeOutput)
	}
	h.browser = browserCtx
	v, err := chromedp.CallBrowser(browserCtx, cdpbrowser.GetVersion, cdp.Empty{})
	if err != nil {
		return nil, fmt.Errorf("asking %s its version: %v", chrome, err)
	}
	h.version = v.Product
	return h, nil
}

// shutdown stops the shared browser and server, if they were started.
func shutdown() {
	if shared.h != nil {
		shared.h.stop()
	}
}

func (h *harness) stop() {
	if h.cancelBrowser != nil {
		h.cancelBrowser()
	}
	if h.cancelAlloc != nil {
		h.cancelAlloc() // waits for the browser to exit and its folder to go
	}
	if h.srv != nil {
		h.srv.Close()
	}
	if h.root != nil {
		h.root.Close()
	}
	if h.tmp != "" {
		os.RemoveAll(h.tmp)
	}
}

// pickPages chooses one page of each main type, preferring the pages of
// the first conflict so that the richest pages are the ones checked.
func pickPages(d *dossier.Dossier, files map[string]bool) ([]pageRef, error) {
	if len(d.Claims) == 0 || len(d.Sources) == 0 || len(d.Figures) == 0 || len(d.Entities) == 0 {
		return nil, fmt.Errorf("content/ lacks a claim, source, figure or entity to test pages with")
	}
	claim, figure := d.Claims[0], d.Figures[0]
	if i := slices.IndexFunc(d.Conflicts, func(c *dossier.Conflict) bool { return c.Figure != nil }); i >= 0 {
		claim, figure = d.Conflicts[i].Claims[0], d.Conflicts[i].Figure
	}
	source := d.Sources[0]
	if len(claim.Quotes) > 0 {
		source = claim.Quotes[0].Source
	}
	entity := d.Entities[0]
	if e := d.Entity(sheinbaum); e != nil {
		entity = e
	}
	pages := []pageRef{
		{"home", "index.html"},
		{"source", "sources/" + source.Slug + "/index.html"},
		{"claim", "claims/" + claim.ID + "/index.html"},
		{"figure", "figures/" + figure.Key + "/index.html"},
		{"conflicts", "conflicts/index.html"},
		{"verdicts", "verdicts/index.html"},
		{"entity", "entities/" + entity.Slug + "/index.html"},
		{"timeline", "timeline/index.html"},
	}
	for _, p := range pages {
		if !files[p.Path] {
			return nil, fmt.Errorf("the build has no %s page %s", p.Kind, p.Path)
		}
	}
	return pages, nil
}

// page returns the chosen page of a type.
func (h *harness) page(t *testing.T, kind string) pageRef {
	t.Helper()
	for _, p := range h.pages {
		if p.Kind == kind {
			return p
		}
	}
	t.Fatalf("no %s page chosen", kind)
	return pageRef{}
}

// url is the served address of a site path.
func (h *harness) url(p string) string { return h.srv.URL + "/" + strings.TrimPrefix(p, "/") }

// staticHandler serves the built folder as a static host does: a path
// ending in "/" serves its index.html, a folder without the slash is
// redirected to it, a missing file gets 404.html with status 404. Unlike
// http.FileServer it does not redirect ".../index.html" away, so that the
// site's own links (which name index.html) load as written.
func staticHandler(fsys fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" || strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		info, err := fs.Stat(fsys, name)
		if err == nil && info.IsDir() {
			http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
			return
		}
		status := http.StatusOK
		if err != nil {
			name, status = "404.html", http.StatusNotFound
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		if status != http.StatusOK {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			w.Write(data)
			return
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	})
}

// tab is a browser tab of one test, at one viewport size.
type tab struct {
	t   *testing.T
	h   *harness
	ctx context.Context
	w   int64 // viewport width
}

// newTab opens a tab at a viewport size for the test, bounded by
// testTimeout, and closes it when the test ends. opts add emulation
// options (mobile, touch). Uncaught page errors are logged.
func (h *harness) newTab(t *testing.T, w, hgt int64, opts ...chromedp.EmulateViewportOption) *tab {
	t.Helper()
	tctx, cancelTimeout := context.WithTimeout(h.browser, testTimeout)
	ctx, cancelTab := chromedp.NewContext(tctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, hgt, opts...)); err != nil {
		cancelTab()
		cancelTimeout()
		t.Fatalf("opening a %d×%d tab: %v", w, hgt, err)
	}

	// Collect what the pages throw or log as errors, to explain failures.
	var mu sync.Mutex
	var problems []string
	done := make(chan struct{})
	messages := chromedp.Console(ctx)
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			// Browsers ask for /favicon.ico by themselves; the site has none.
			if strings.HasSuffix(m.URL, "/favicon.ico") {
				continue
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				mu.Lock()
				problems = append(problems, fmt.Sprintf("%s:%d: %s", m.URL, m.Line+1, m))
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancelTab()
		cancelTimeout()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Logf("the page reported: %s", p)
		}
	})
	return &tab{t: t, h: h, ctx: ctx, w: w}
}

// open loads a site path and waits for it to load.
func (tb *tab) open(p string) {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.h.url(p)))
	if err != nil {
		tb.t.Fatalf("opening %s: %v", p, err)
	}
	if resp.Status != http.StatusOK {
		tb.t.Fatalf("opening %s: HTTP %d", p, resp.Status)
	}
}

// clickAndLoad clicks the element a selector finds, as a mouse does, and
// waits up to 10 s for the page it leads to. what names it for messages.
func clickAndLoad[S chromedp.Selectable](tb *tab, sel S, what string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(sel)))
	if err != nil {
		where, _ := chromedp.Run(tb.ctx, chromedp.Location())
		tb.t.Fatalf("clicking %s did not open a page within 10 s (the browser is still at %s): %v", what, where, err)
	}
}

// path is the path of the page the tab shows, relative to the site root.
func (tb *tab) path() string {
	tb.t.Helper()
	loc, err := eval[string](tb, `location.pathname`)
	if err != nil {
		tb.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, "/")
}

// eval evaluates a JavaScript expression in the page (awaiting a promise)
// and decodes its JSON result into T.
func eval[T any](tb *tab, expr string) (T, error) {
	return chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// call calls a JavaScript function in the page with arguments passed as
// JSON, and decodes its result into T.
func call[T any](tb *tab, fn string, args ...any) (T, error) {
	list := make([]string, len(args))
	for i, a := range args {
		b, err := json.Marshal(a)
		if err != nil {
			var zero T
			return zero, err
		}
		list[i] = string(b)
	}
	return eval[T](tb, fmt.Sprintf("(%s)(%s)", fn, strings.Join(list, ", ")))
}

// poll evaluates a JavaScript function with arguments until its result's
// OK field is true or the wait is over, and returns the last result: the
// tests then report what the reader would have seen.
func poll[T interface{ ok() bool }](tb *tab, wait time.Duration, fn string, args ...any) T {
	tb.t.Helper()
	deadline := time.Now().Add(wait)
	for {
		v, err := call[T](tb, fn, args...)
		if err != nil {
			tb.t.Fatalf("evaluating in the page: %v", err)
		}
		if v.ok() || time.Now().After(deadline) {
			return v
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// artifactDir is where a test saves files for people to look at, and a
// note on whether they outlive the run: under $DOSSIER_ARTIFACTS when set,
// else the test's artifact folder (kept with go test -artifacts
// -outputdir DIR, removed after the test otherwise).
func artifactDir(t *testing.T) (dir, note string) {
	t.Helper()
	if base := os.Getenv("DOSSIER_ARTIFACTS"); base != "" {
		if err := os.MkdirAll(base, 0o755); err != nil {
			t.Fatal(err)
		}
		dir, err := os.MkdirTemp(base, strings.ReplaceAll(t.Name(), "/", "_")+"-")
		if err != nil {
			t.Fatal(err)
		}
		return dir, "kept"
	}
	if f := flag.Lookup("test.artifacts"); f != nil && f.Value.String() == "true" {
		return t.ArtifactDir(), "kept"
	}
	return t.ArtifactDir(), "removed after the test; keep them with DOSSIER_ARTIFACTS=DIR or go test -artifacts -outputdir DIR"
}

// syncBuffer is a bytes.Buffer safe for the browser's output goroutine.
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
	return cmp.Or(strings.TrimSpace(b.buf.String()), "(none)")
}
