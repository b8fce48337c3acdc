// Package serve is the editors' preview server: it watches a dossier,
// rebuilds it in memory when a file changes, and tells the browsers to
// reload once the new build is complete.
//
// The site served is always one complete build (a *site.Snapshot, never
// changed once made), swapped in whole. While the content has errors the
// last good build stays, and every page carries an overlay listing the
// errors; it clears by itself when they are fixed. A file that just
// changed and does not parse is read once more after a short delay before
// its errors are shown: it may have been caught half-written. Only the
// built site is served, from memory: no request reads the disk.
//
// The server follows the content folder itself: while it is missing
// (deleted, moved away) the last good build stays, with an overlay saying
// so; once a folder is there again, or another has taken its place, the
// server opens it anew and builds from what it holds.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dossier/internal/annotate"
	"dossier/internal/content"
	"dossier/internal/diag"
	"dossier/internal/kind"
	"dossier/internal/parallel"
	"dossier/internal/site"
)

// Options configure a Server.
type Options struct {
	ContentDir string // the dossier folder on disk
	Name       string // the folder as the user named it, for messages
	// Hosts are the names browsers may use for the server besides its
	// address, localhost and the loopback addresses.
	Hosts []string
	// Follow makes browsers go to the page of the file just changed.
	Follow bool
	// Debounce is how long the server waits for a burst of changes to end
	// before it rebuilds; 0 means the default.
	Debounce time.Duration
	// Settle is how long the server waits before reading again a file
	// that just changed and does not parse, in case it was read in the
	// middle of being written; only errors that are still there then are
	// shown. 0 means the default; a negative Settle shows errors at once.
	Settle time.Duration
	// Poll, when set, makes the server poll the folder at this interval
	// instead of using file system events.
	Poll time.Duration
	Log  io.Writer
	// NoAnnotate leaves out the panel that writes claims from a source
	// page, and refuses the API it uses.
	NoAnnotate bool
}

// DefaultDebounce is long enough to take an editor's save (often a write,
// a rename and a chmod) or a git checkout as one change, and short enough
// not to be noticed.
const DefaultDebounce = 30 * time.Millisecond

// DefaultSettle is long enough for an editor or a sync tool to finish
// writing a file, and short enough that an error seems to show at once.
const DefaultSettle = 120 * time.Millisecond

// Server is a running preview.
type Server struct {
	opts    Options
	builder *site.Builder
	state   atomic.Pointer[state]

	// The content folder open, and which folder it is; gone while there
	// is none at opts.ContentDir. Only the loop changes them.
	root     *os.Root
	rootInfo fs.FileInfo
	gone     bool

	mu      sync.Mutex
	clients map[*client]bool
	port    string // set by Serve, for checking Origin headers

	// annotator writes claims from the pages (nil with NoAnnotate); the
	// token, made at start and put into the preview's pages, is what a
	// request to write must show. written are the files it wrote that no
	// build has seen yet (guarded by mu): their rebuild reloads the page
	// where the editor is instead of following the file to its page.
	annotator *annotate.Annotator
	token     string
	written   map[string]bool

	// What the server takes from the world; tests replace them.
	clock     clock
	watch     source // nil: a watcher of opts.ContentDir
	buildSite func(context.Context) (*site.Snapshot, error)
	// parsing, when set, is called before each body is parsed: tests
	// make a parse slow with it. Set before Serve.
	parsing func(path, body string)

	// prerendering are the pages being rendered for browsers by a swap
	// that did not wait for them, so that the next swap does not render
	// them again on top. Guarded by mu.
	prerendering map[string]bool

	// built is told the version of every build swapped in; tests and
	// benchmarks wait on it.
	built chan int
}

// state is what is served: the last good snapshot and the current errors.
type state struct {
	version int
	snap    *site.Snapshot // last good build; nil until there is one
	errs    diag.List      // errors of the latest build, if it failed
	failure string         // a failure that is not the content's (theme, panic)
	gone    bool           // the content folder is missing
}

// New prepares a server for the dossier in opts.ContentDir.
func New(opts Options) (*Server, error) {
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Settle == 0 {
		opts.Settle = DefaultSettle
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	info, err := os.Stat(opts.ContentDir)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("no content folder at %s: create it or pass --content DIR", opts.ContentDir)
	}
	s := &Server{
		opts:         opts,
		clients:      make(map[*client]bool),
		prerendering: make(map[string]bool),
		clock:        realClock{},
		built:        make(chan int, 64),
		token:        newToken(),
		written:      make(map[string]bool),
	}
	if !opts.NoAnnotate {
		s.annotator = annotate.New(opts.ContentDir, opts.Name)
	}
	if err := s.open(); err != nil {
		return nil, err
	}
	s.buildSite = func(ctx context.Context) (*site.Snapshot, error) { return s.builder.Build(ctx) }
	s.state.Store(&state{})
	return s, nil
}

// open opens the content folder, and a builder that reads it and knows
// nothing of the folder opened before.
func (s *Server) open() error {
	root, err := os.OpenRoot(s.opts.ContentDir)
	if err != nil {
		return err
	}
	info, err := root.Stat(".")
	if err != nil {
		root.Close()
		return err
	}
	b := site.NewBuilder(site.Options{Content: content.RootFS(root), Name: s.opts.Name,
		Log: func(msg string) { s.logf("%s", msg) }, Clock: buildClock{s},
		Parsing: func(path, body string) {
			if s.parsing != nil {
				s.parsing(path, body)
			}
		}})
	b.Trust() // the watcher tells of every change
	if s.root != nil {
		s.root.Close()
	}
	s.root, s.rootInfo, s.builder = root, info, b
	return nil
}

// errGone is the outcome of a build while the content folder is missing.
var errGone = errors.New("the content folder is gone")

// follow looks at the content folder itself, after a change to it or
// while it is missing. While there is none, the last good build is served
// with an overlay saying so. Once a folder is there again, or another has
// taken the place of the one open, it is opened anew, to be read whole. It
// reports whether there is a folder to build.
func (s *Server) follow() bool {
	info, err := os.Stat(s.opts.ContentDir)
	if err != nil || !info.IsDir() {
		if !s.gone {
			s.gone = true
			s.swap(build{err: errGone}, nil)
		}
		return false
	}
	if !s.gone && os.SameFile(info, s.rootInfo) {
		return true
	}
	if err := s.open(); err != nil {
		s.swap(build{err: fmt.Errorf("opening the content folder %s: %w", s.opts.Name, err)}, nil)
		return false
	}
	if s.gone {
		s.logf("the content folder %s is back: building what it holds", s.opts.Name)
	} else {
		s.logf("the content folder %s was replaced by another: building what it holds", s.opts.Name)
	}
	s.gone = false
	return true
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, format+"\n", args...)
}

// Serve builds the dossier, then serves it on ln and rebuilds on every
// change until ctx is done.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if addr, ok := ln.Addr().(*net.TCPAddr); ok {
		s.port = fmt.Sprint(addr.Port)
	}
	// Watch first, so that no change made during the first build is missed.
	src := s.watch
	if src == nil {
		src = newWatcher(s.opts.ContentDir, s.opts.Poll, s.clock, s.logf)
	}
	changes := src.start(ctx)
	if changes == nil {
		return nil
	}
	// A change during the first build cancels it too (a file slow to
	// parse, fixed at once): the loop then builds with it, while the
	// server says the dossier has not built yet.
	first, newer, ok := s.buildUnlessChanged(ctx, changes)
	if !ok {
		return nil
	}
	if newer == nil {
		s.swap(first, nil)
	}
	go s.loop(ctx, changes, newer)

	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// loop debounces changes and rebuilds. A change arriving while a build
// runs cancels it; the build then starts again with every change so far.
// first, when set, is a change that cancelled the first build.
//
// A file that just changed may have been read while its editor was still
// writing it: when a build after a change has content errors, the loop
// waits opts.Settle, reads the changed files again, and only then shows
// the errors, if they are still there. A build without errors is shown at
// once.
func (s *Server) loop(ctx context.Context, changes <-chan change, first *change) {
	t := s.clock.NewTimer(time.Hour)
	t.Stop()
	defer t.Stop()
	for {
		var pending change // every change since the last build shown
		if first != nil {
			pending, first = *first, nil // it cancelled the first build
		} else {
			select {
			case <-ctx.Done():
				return
			case pending = <-changes:
			}
		}
		reread := false // whether the build to come reads files again after settling
		for {
			if !s.debounce(ctx, changes, t, &pending) {
				return
			}
			if pending.root || s.gone {
				if !s.follow() {
					break // no folder: wait for it
				}
				if pending.root {
					pending.paths = nil // the whole folder is read again
				}
			}
			s.builder.Forget(pending.paths...)
			if pending.structural {
				s.builder.Relist(pending.paths...)
			}
			if pending.all {
				s.builder.Verify()
			}
			b, newer, ok := s.buildUnlessChanged(ctx, changes)
			if !ok {
				return
			}
			if newer != nil {
				// A newer change: drop this build's result and start over.
				pending, reread = merge(pending, *newer), false
				continue
			}
			if !reread && s.opts.Settle > 0 && b.failed() {
				t.Reset(s.opts.Settle)
				select {
				case <-ctx.Done():
					return
				case c := <-changes:
					// Written again, as a save in several writes is:
					// debounce anew, and read what it is now.
					t.Stop()
					pending = merge(pending, c)
				case <-t.C():
					// Read again, as if the files had changed just now.
					reread = true
				}
				continue
			}
			s.swap(b, pending.paths)
			break
		}
	}
}

// debounce waits until no change has come for opts.Debounce, merging the
// changes that come into pending. Changes that are already waiting are
// taken before a due timer: they happened during a build. It returns false
// when ctx is done.
func (s *Server) debounce(ctx context.Context, changes <-chan change, t timer, pending *change) bool {
	for {
		t.Reset(pending.at.Add(s.opts.Debounce).Sub(s.clock.Now()))
		select {
		case <-ctx.Done():
			return false
		case c := <-changes:
			*pending = merge(*pending, c)
			continue
		case <-t.C():
		}
		select {
		case c := <-changes:
			*pending = merge(*pending, c)
		default:
			return true
		}
	}
}

// buildUnlessChanged builds the dossier, unless a change comes first: it
// then cancels the build and returns the change. ok is false when ctx is
// done.
func (s *Server) buildUnlessChanged(ctx context.Context, changes <-chan change) (b build, newer *change, ok bool) {
	bctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan build, 1)
	go func() { done <- s.build(bctx) }()
	select {
	case b := <-done:
		return b, nil, true
	case c := <-changes:
		cancel()
		<-done
		return build{}, &c, true
	case <-ctx.Done():
		cancel()
		<-done
		return build{}, nil, false
	}
}

// build is the outcome of one run of the pipeline.
type build struct {
	snap *site.Snapshot
	err  error
	took time.Duration
}

// failed reports whether b has content errors. They may come from a file
// read half-written: the file itself, or another whose quote no longer
// anchors in a source saved halfway.
func (b build) failed() bool {
	var ce *site.ContentError
	return errors.As(b.err, &ce)
}

// build runs the pipeline, turning a panic into an error so that the
// server keeps running.
func (s *Server) build(ctx context.Context) (b build) {
	start := s.clock.Now()
	defer func() {
		if r := recover(); r != nil {
			b.snap, b.err = nil, fmt.Errorf("internal error: %v\n%s", r, debug.Stack())
		}
		b.took = s.clock.Now().Sub(start)
	}()
	b.snap, b.err = s.buildSite(ctx)
	return b
}

// swap makes a build's outcome what is served: its site if it has one,
// its errors otherwise, over the last good site; and tells the browsers.
// changed are the files changed since the build before.
func (s *Server) swap(b build, changed []string) {
	prev := s.state.Load()
	next := &state{version: prev.version + 1, snap: prev.snap}
	var ce *site.ContentError
	switch {
	case errors.Is(b.err, errGone):
		next.gone = true
		s.logf("the content folder %s is gone (deleted, moved or renamed); still serving the last good build until a folder is there again", s.opts.Name)
	case errors.As(b.err, &ce):
		next.errs = ce.List
		s.logf("%s%s after %s; still serving the last good build", ce.List.Format(), plural(len(ce.List), "error"), describe(changed))
	case b.err != nil:
		next.failure = b.err.Error()
		s.logf("build failed: %v; still serving the last good build", b.err)
	default:
		next.snap = b.snap
		if len(prev.errs) > 0 || prev.failure != "" {
			s.logf("errors fixed")
		}
		s.logf("built %s in %s", describe(changed), b.took.Round(100*time.Microsecond))
	}
	s.prerender(next)
	s.state.Store(next)
	s.notify(next, s.pageOf(changed))
	select {
	case s.built <- next.version:
	default:
	}
}

// prerenderWait is how long a swap waits for the pages browsers show to
// be rendered before it tells them to reload. A page slower than that (a
// body slow to parse) goes on rendering in the background, and the
// browser's request for it waits for that render; the others' reload is
// not held back, nor the next build.
const prerenderWait = 250 * time.Millisecond

// prerender renders the pages browsers are showing, so that their reload,
// which follows at once, finds them ready; it waits prerenderWait at
// most. A page still being rendered for an earlier swap is not rendered
// again on top of it.
func (s *Server) prerender(st *state) {
	if st.snap == nil || st.snap.Site == nil {
		return
	}
	s.mu.Lock()
	var files []string
	for c := range s.clients {
		if file, ok := filePath(c.page); ok && !s.prerendering[file] && !slices.Contains(files, file) {
			files = append(files, file)
			s.prerendering[file] = true
		}
	}
	s.mu.Unlock()
	if len(files) == 0 {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		parallel.Each(len(files), func(i int) {
			safeFile(st.snap.Site, files[i])
			s.mu.Lock()
			delete(s.prerendering, files[i])
			s.mu.Unlock()
		})
	}()
	t := s.clock.NewTimer(prerenderWait)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C():
	}
}

// buildClock is the server's clock as builds take it, to tell how long a
// file takes to parse. It reads s.clock when used: tests set it after New.
type buildClock struct{ s *Server }

func (c buildClock) Now() time.Time { return c.s.clock.Now() }

func (c buildClock) After(d time.Duration) (<-chan time.Time, func()) {
	t := c.s.clock.NewTimer(d)
	return t.C(), t.Stop
}

// pageOf is pageOf(changed), except for files the annotator wrote, which
// the editor wants to see on the page where they selected the passage.
func (s *Server) pageOf(changed []string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	mine := len(changed) > 0
	for _, p := range changed {
		if !s.written[p] {
			mine = false
		}
	}
	for _, p := range changed {
		delete(s.written, p)
	}
	if mine {
		return ""
	}
	return pageOf(changed)
}

// pageOf returns the URL path of the page a changed file is shown on, when
// one file changed and it has a page.
func pageOf(changed []string) string {
	changed = unique(changed)
	if len(changed) != 1 {
		return ""
	}
	p := changed[0]
	for _, dir := range kind.Folders() {
		if rest, ok := strings.CutPrefix(p, dir+"/"); ok && strings.HasSuffix(rest, ".md") && !strings.Contains(rest, "/") {
			return "/" + dir + "/" + strings.TrimSuffix(rest, ".md") + "/"
		}
	}
	if rest, ok := strings.CutPrefix(p, "conflicts/"); ok && strings.HasSuffix(rest, ".md") && !strings.Contains(rest, "/") {
		return "/conflicts/" // v2: the conflict's own place on the page, once it has one
	}
	if p == "index.md" || p == "dossier.yaml" {
		return "/"
	}
	return ""
}

// unique returns the paths sorted, each once: an editor's save often
// gives several events for one file.
func unique(c []string) []string {
	sorted := append([]string(nil), c...)
	sort.Strings(sorted)
	out := sorted[:0]
	for i, p := range sorted {
		if i == 0 || p != sorted[i-1] {
			out = append(out, p)
		}
	}
	return out
}

func describe(changed []string) string {
	changed = unique(changed)
	switch len(changed) {
	case 0:
		return "the dossier"
	case 1:
		return changed[0]
	}
	return fmt.Sprintf("%s and %d more", changed[0], len(changed)-1)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
