package browser

// The browser tests read the built dossier the way a reader meets it: the
// project's own dossier (content/), built with the real pipeline, served
// from loopback, in Debian's headless Chromium.
//
// They run only when asked: DOSSIER_BROWSER=1 go test ./internal/browser
// (.ci/run sets it). Unset (or 0), every test skips and says so; set, a
// missing browser fails them, never skips. $DOSSIER_CHROME names the
// browser to use; otherwise chromium, chromium-browser, google-chrome and
// google-chrome-stable are looked up on PATH.
//
// One browser and one served site serve the whole package (started on
// first use, stopped by TestMain); each test opens its own tab with its
// own timeout.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// testTimeout bounds each test (or each subtest that opens its own tab).
const testTimeout = 60 * time.Second

// Viewports: a desktop window and a phone.
const (
	wideW, wideH     = 1280, 900
	narrowW, narrowH = 375, 812
)

var (
	wide   = Viewport{W: wideW, H: wideH}
	narrow = Viewport{W: narrowW, H: narrowH, Phone: true}
)

func TestMain(m *testing.M) {
	code := m.Run()
	shutdown()
	os.Exit(code)
}

// howToRun says how to run the browser tests.
const howToRun = "run them with DOSSIER_BROWSER=1 go test ./internal/browser (needs Chromium: apt-get install -y chromium)"

// wanted reports whether DOSSIER_BROWSER asks for the browser tests, or
// an error when it holds no yes or no.
func wanted() (bool, error) {
	v := strings.TrimSpace(os.Getenv("DOSSIER_BROWSER"))
	if v == "" {
		return false, nil
	}
	on, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("DOSSIER_BROWSER=%s: want 1 to run the browser tests, 0 or nothing to skip them", v)
	}
	return on, nil
}

// harness is what every test shares: the built site, its server and the
// browser.
type harness struct {
	site    *Site
	browser *Browser
	pages   []Page          // one page of each main type
	files   map[string]bool // every built path, slash-separated
}

var shared struct {
	once sync.Once
	h    *harness
	err  error
}

// setup returns the shared harness, starting it on first use. Without
// DOSSIER_BROWSER=1 it skips the test; with it, a missing browser fails
// the test.
func setup(t *testing.T) *harness {
	t.Helper()
	on, err := wanted()
	if err != nil {
		t.Fatal(err)
	}
	if !on {
		t.Skip("browser tests are off: " + howToRun)
	}
	chrome, err := FindChrome()
	if err != nil {
		t.Fatalf("DOSSIER_BROWSER is set, so the browser tests must run, but: %v", err)
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
		t.Logf("browser: %s (%s); site served at %s from %s", shared.h.browser.Version, chrome, shared.h.site.URL, shared.h.site.Dir)
	}
	return shared.h
}

// start builds the project's dossier, serves it on loopback and starts
// the browser.
func start(chrome string) (*harness, error) {
	s, err := BuildSite("../../content", sheinbaum)
	if err != nil {
		return nil, err
	}
	b, err := Start(chrome)
	if err != nil {
		s.Close()
		return nil, err
	}
	return &harness{site: s, browser: b, pages: s.Pages, files: s.Files}, nil
}

// shutdown stops the shared browser and server, if they were started.
func shutdown() {
	closeDense()
	if h := shared.h; h != nil {
		h.browser.Close()
		h.site.Close()
	}
}

// page returns the chosen page of a type.
func (h *harness) page(t *testing.T, kind string) Page {
	t.Helper()
	p, ok := h.site.Page(kind)
	if !ok {
		t.Fatalf("no %s page chosen", kind)
	}
	return p
}

// tab is a browser tab of one test, at one viewport size.
type tab struct {
	t   *testing.T
	h   *harness
	ctx context.Context
	w   int64 // viewport width
}

// newTab opens a tab at a viewport size for the test, bounded by
// testTimeout, and closes it when the test ends. Uncaught page errors are
// logged.
func (h *harness) newTab(t *testing.T, vp Viewport) *tab {
	t.Helper()
	ctx, cancel, err := h.browser.NewTab(vp, testTimeout)
	if err != nil {
		t.Fatal(err)
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
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Logf("the page reported: %s", p)
		}
	})
	return &tab{t: t, h: h, ctx: ctx, w: vp.W}
}

// open loads a site path and waits for it to load.
func (tb *tab) open(p string) {
	tb.t.Helper()
	if err := Open(tb.ctx, tb.h.site.Addr(p)); err != nil {
		tb.t.Fatal(err)
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
