// Package browser shows a built dossier the way a reader meets it: in a
// real browser. It builds a dossier with the real pipeline, writes it to a
// temporary folder, serves it on loopback and drives headless Chromium
// (Debian's chromium package) with chromedp.
//
// Two programs use it: the browser tests of this package, which run only
// with DOSSIER_BROWSER=1 (see harness_test.go), and tools/screenshots,
// which takes pictures of every page type.
package browser

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"dossier/internal/model"
	"dossier/internal/site"
)

// FindChrome returns the browser to drive: $DOSSIER_CHROME when set, else
// the first of chromium, chromium-browser, google-chrome and
// google-chrome-stable on PATH; or an error saying how to get one.
func FindChrome() (string, error) {
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

// Page is one page of a page type.
type Page struct {
	Kind string // home, source, claim, figure, conflicts, verdicts, entity, timeline, …
	Path string // site path, e.g. "sources/some-slug/index.html"
}

// Site is a built dossier, written to a temporary folder and served on
// loopback.
type Site struct {
	Dir     string          // the built site
	URL     string          // where it is served: http://127.0.0.1:PORT
	Dossier *model.Dossier  // its model
	Files   map[string]bool // every built path, slash-separated
	Pages   []Page          // one page of each main type (MainPages)

	tmp  string
	root *os.Root
	srv  *http.Server
}

// BuildSite builds the dossier in the folder content, writes it to a
// temporary folder and serves it on 127.0.0.1. entity, when not empty, is
// the slug of the entity whose page to choose (see MainPages). Close
// removes it all.
func BuildSite(content, entity string) (_ *Site, err error) {
	s := &Site{Files: map[string]bool{}}
	defer func() {
		if err != nil {
			s.Close() // whatever was started
		}
	}()
	root, err := os.OpenRoot(content)
	if err != nil {
		return nil, fmt.Errorf("the dossier: %w", err)
	}
	defer root.Close()
	res, err := site.Build(site.Options{Content: root.FS(), Name: filepath.Base(content)})
	if ce, ok := errors.AsType[*site.ContentError](err); ok {
		return nil, fmt.Errorf("%s does not build:\n%s", content, ce.List.Format())
	}
	if err != nil {
		return nil, fmt.Errorf("building %s: %w", content, err)
	}
	s.Dossier = res.Dossier
	for _, f := range res.Files {
		s.Files[f.Path] = true
	}
	if s.Pages, err = MainPages(res.Dossier, s.Files, entity); err != nil {
		return nil, fmt.Errorf("%s: %w", content, err)
	}
	if s.tmp, err = os.MkdirTemp("", "dossier-browser-"); err != nil {
		return nil, err
	}
	s.Dir = filepath.Join(s.tmp, "public")
	if err := site.Write(res.Files, s.Dir); err != nil {
		return nil, fmt.Errorf("writing the site: %w", err)
	}
	if s.root, err = os.OpenRoot(s.Dir); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serving the site: %w", err)
	}
	s.URL = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: StaticHandler(s.root.FS()), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln) // returns http.ErrServerClosed on Close
	return s, nil
}

// Close stops the server and removes the built site.
func (s *Site) Close() {
	if s.srv != nil {
		s.srv.Close()
	}
	if s.root != nil {
		s.root.Close()
	}
	if s.tmp != "" {
		os.RemoveAll(s.tmp)
	}
}

// Page returns the chosen page of a main type.
func (s *Site) Page(kind string) (Page, bool) {
	i := slices.IndexFunc(s.Pages, func(p Page) bool { return p.Kind == kind })
	if i < 0 {
		return Page{}, false
	}
	return s.Pages[i], true
}

// Addr is the served address of a site path.
func (s *Site) Addr(p string) string { return s.URL + "/" + strings.TrimPrefix(p, "/") }

// MainPages chooses one page of each main type (home, source, claim,
// figure, conflicts, verdicts, entity, timeline), preferring the pages of
// the first figure conflict so that the richest pages are the ones shown,
// and the entity named by slug when there is one, else the most mentioned.
func MainPages(d *model.Dossier, files map[string]bool, entity string) ([]Page, error) {
	if len(d.Claims) == 0 || len(d.Sources) == 0 || len(d.Figures) == 0 || len(d.Entities) == 0 {
		return nil, fmt.Errorf("the dossier lacks a claim, source, figure or entity to show pages of")
	}
	claim, figure := d.Claims[0], d.Figures[0]
	if i := slices.IndexFunc(d.Conflicts, func(c *model.Conflict) bool { return c.Figure != nil }); i >= 0 {
		claim, figure = d.Conflicts[i].Claims[0], d.Conflicts[i].Figure
	}
	source := d.Sources[0]
	if len(claim.Quotes) > 0 {
		source = claim.Quotes[0].Source
	}
	ent := d.Entities[0] // the most mentioned, unless one is named
	for _, e := range d.Entities {
		if len(e.Mentions) > len(ent.Mentions) {
			ent = e
		}
	}
	if e := d.Entity(entity); entity != "" && e != nil {
		ent = e
	}
	pages := []Page{
		{"home", "index.html"},
		{"source", "sources/" + source.Slug + "/index.html"},
		{"claim", "claims/" + claim.ID + "/index.html"},
		{"figure", "figures/" + figure.Key + "/index.html"},
		{"conflicts", "conflicts/index.html"},
		{"verdicts", "verdicts/index.html"},
		{"entity", "entities/" + ent.Slug + "/index.html"},
		{"timeline", "timeline/index.html"},
	}
	for _, p := range pages {
		if !files[p.Path] {
			return nil, fmt.Errorf("the build has no %s page %s", p.Kind, p.Path)
		}
	}
	return pages, nil
}

// ListPages are the pages that list every item of a kind, and the page
// hosts show for a missing path, as far as the build has them.
func ListPages(files map[string]bool) []Page {
	var pages []Page
	for _, p := range []Page{
		{"sources", "sources/index.html"},
		{"claims", "claims/index.html"},
		{"figures", "figures/index.html"},
		{"entities", "entities/index.html"},
		{"404", "404.html"},
	} {
		if files[p.Path] {
			pages = append(pages, p)
		}
	}
	return pages
}

// StaticHandler serves a built folder as a static host does: a path
// ending in "/" serves its index.html, a folder without the slash is
// redirected to it, a missing file gets 404.html with status 404. Unlike
// http.FileServer it does not redirect ".../index.html" away, so that the
// site's own links (which name index.html) load as written.
func StaticHandler(fsys fs.FS) http.Handler {
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

// Browser is a running headless Chromium.
type Browser struct {
	Ctx     context.Context // a chromedp context holding the browser; tabs derive from it
	Path    string          // the executable
	Version string          // its product and version

	output                     *syncBuffer
	cancelBrowser, cancelAlloc context.CancelFunc
}

// Start starts the browser at path chrome, headless, and waits up to 30 s
// for it to answer.
func Start(chrome string) (_ *Browser, err error) {
	b := &Browser{Path: chrome, output: &syncBuffer{}}
	defer func() {
		if err != nil {
			b.Close()
		}
	}()
	// chromedp gives the browser a fresh user-data-dir of its own, and on
	// cancel kills it, every process that still uses that folder, and
	// removes the folder.
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
		chromedp.CombinedOutput(b.output),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b.cancelAlloc = cancelAlloc
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	b.cancelBrowser = cancelBrowser
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
		return nil, fmt.Errorf("starting %s: %v\nbrowser output:\n%s", chrome, err, b.output)
	}
	b.Ctx = browserCtx
	v, err := chromedp.CallBrowser(browserCtx, cdpbrowser.GetVersion, cdp.Empty{})
	if err != nil {
		return nil, fmt.Errorf("asking %s its version: %v", chrome, err)
	}
	b.Version = v.Product
	return b, nil
}

// Output is what the browser printed, for error messages.
func (b *Browser) Output() string { return b.output.String() }

// Close stops the browser and waits for it to exit and its folder to go.
func (b *Browser) Close() {
	if b.cancelBrowser != nil {
		b.cancelBrowser()
	}
	if b.cancelAlloc != nil {
		b.cancelAlloc()
	}
}

// Viewport is a window size, and whether it is a phone's (mobile, with
// touch).
type Viewport struct {
	W, H  int64
	Phone bool
}

// NewTab opens a tab at a viewport size, bounded by timeout. Closing the
// returned context's cancel closes the tab.
func (b *Browser) NewTab(vp Viewport, timeout time.Duration) (context.Context, context.CancelFunc, error) {
	tctx, cancelTimeout := context.WithTimeout(b.Ctx, timeout)
	ctx, cancelTab := chromedp.NewContext(tctx)
	cancel := func() {
		cancelTab()
		cancelTimeout()
	}
	var opts []chromedp.EmulateViewportOption
	if vp.Phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.W, vp.H, opts...)); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("opening a %d×%d tab: %w", vp.W, vp.H, err)
	}
	return ctx, cancel, nil
}

// SetScheme makes the tab's pages see prefers-color-scheme: scheme
// ("light" or "dark").
func SetScheme(ctx context.Context, scheme string) error {
	media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
		return fmt.Errorf("emulating the %s theme: %w", scheme, err)
	}
	return nil
}

// Open loads an address in the tab, waits for it to load and checks that
// it answered 200 OK.
func Open(ctx context.Context, url string) error {
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		return fmt.Errorf("opening %s: %w", url, err)
	}
	if resp.Status != http.StatusOK {
		return fmt.Errorf("opening %s: HTTP %d", url, resp.Status)
	}
	return nil
}

// Screenshot waits for the page's fonts and returns a PNG of the whole
// page.
func Screenshot(ctx context.Context) ([]byte, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("waiting for fonts: %w", err)
	}
	img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		return nil, fmt.Errorf("taking a screenshot: %w", err)
	}
	return img, nil
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
