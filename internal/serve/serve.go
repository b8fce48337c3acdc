// Package serve is the editors' preview server: it watches a dossier,
// rebuilds it in memory when a file changes, and tells the browsers to
// reload once the new build is complete.
//
// The site served is always one complete build (a *site.Snapshot, never
// changed once made), swapped in whole. While the content has errors the
// last good build stays, and every page carries an overlay listing the
// errors; it clears by itself when they are fixed. Only the built site is
// served, from memory: no request reads the disk.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dossier/internal/diag"
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
	// Poll, when set, makes the server poll the folder at this interval
	// instead of using file system events.
	Poll time.Duration
	Log  io.Writer
}

// DefaultDebounce is long enough to take an editor's save (often a write,
// a rename and a chmod) or a git checkout as one change, and short enough
// not to be noticed.
const DefaultDebounce = 30 * time.Millisecond

// Server is a running preview.
type Server struct {
	opts    Options
	builder *site.Builder
	state   atomic.Pointer[state]

	mu      sync.Mutex
	clients map[*client]bool
	port    string // set by Serve, for checking Origin headers

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
}

// New prepares a server for the dossier in opts.ContentDir.
func New(opts Options) (*Server, error) {
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	info, err := os.Stat(opts.ContentDir)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("no content folder at %s: create it or pass --content DIR", opts.ContentDir)
	}
	root, err := os.OpenRoot(opts.ContentDir)
	if err != nil {
		return nil, err
	}
	b := site.NewBuilder(site.Options{Content: root.FS(), Name: opts.Name})
	b.Trust() // the watcher tells of every change
	s := &Server{
		opts:    opts,
		builder: b,
		clients: make(map[*client]bool),
		built:   make(chan int, 64),
	}
	s.state.Store(&state{})
	return s, nil
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
	changes := make(chan change, 256)
	w := &watcher{root: s.opts.ContentDir, changes: changes, logf: s.logf, poll: s.opts.Poll, ready: make(chan struct{})}
	go w.run(ctx)
	select {
	case <-w.ready:
	case <-ctx.Done():
		return nil
	}
	s.rebuild(ctx, nil)
	go s.loop(ctx, changes)

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
func (s *Server) loop(ctx context.Context, changes <-chan change) {
	for {
		var pending change
		select {
		case <-ctx.Done():
			return
		case c := <-changes:
			pending = c
		}
		for {
			// Wait for the burst to end.
			quiet := time.NewTimer(s.opts.Debounce)
		burst:
			for {
				select {
				case <-ctx.Done():
					quiet.Stop()
					return
				case c := <-changes:
					pending = merge(pending, c)
					quiet.Reset(s.opts.Debounce)
				case <-quiet.C:
					break burst
				}
			}
			s.builder.Forget(pending.paths...)
			if pending.structural {
				s.builder.Relist(pending.paths...)
			}
			if pending.all {
				s.builder.Verify()
			}
			bctx, cancel := context.WithCancel(ctx)
			done := make(chan struct{})
			go func(c change) {
				defer close(done)
				s.rebuild(bctx, c.paths)
			}(pending)
			select {
			case <-done:
				cancel()
			case c := <-changes:
				// A newer change: drop this build's result and start over.
				cancel()
				<-done
				pending = merge(pending, c)
				continue
			case <-ctx.Done():
				cancel()
				<-done
				return
			}
			break
		}
	}
}

func merge(a, b change) change {
	return change{paths: append(a.paths, b.paths...), structural: a.structural || b.structural, all: a.all || b.all}
}

// rebuild builds the dossier and swaps in the result when complete.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	start := time.Now()
	snap, err := s.build(ctx)
	if ctx.Err() != nil {
		return // superseded
	}
	prev := s.state.Load()
	next := &state{version: prev.version + 1, snap: prev.snap}
	var ce *site.ContentError
	switch {
	case errors.As(err, &ce):
		next.errs = ce.List
		s.logf("%s%s after %s; still serving the last good build", ce.List.Format(), plural(len(ce.List), "error"), describe(changed))
	case err != nil:
		next.failure = err.Error()
		s.logf("build failed: %v; still serving the last good build", err)
	default:
		next.snap = snap
		if len(prev.errs) > 0 || prev.failure != "" {
			s.logf("errors fixed")
		}
		s.logf("built %s in %s", describe(changed), time.Since(start).Round(100*time.Microsecond))
	}
	s.prerender(next)
	s.state.Store(next)
	s.notify(next, pageOf(changed))
	select {
	case s.built <- next.version:
	default:
	}
}

// build runs the pipeline, turning a panic into an error so that the
// server keeps running.
func (s *Server) build(ctx context.Context) (snap *site.Snapshot, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v\n%s", r, debug.Stack())
		}
	}()
	return s.builder.Build(ctx)
}

// prerender renders the pages browsers are showing, so that their reload,
// which follows at once, finds them ready.
func (s *Server) prerender(st *state) {
	if st.snap == nil || st.snap.Site == nil {
		return
	}
	s.mu.Lock()
	var paths []string
	for c := range s.clients {
		paths = append(paths, c.page)
	}
	s.mu.Unlock()
	parallel.Each(len(paths), func(i int) {
		if file, ok := filePath(paths[i]); ok {
			safeFile(st.snap.Site, file)
		}
	})
}

// pageOf returns the URL path of the page a changed file is shown on, when
// one file changed and it has a page.
func pageOf(changed []string) string {
	changed = unique(changed)
	if len(changed) != 1 {
		return ""
	}
	p := changed[0]
	for _, dir := range []string{"sources", "claims", "entities"} {
		if rest, ok := strings.CutPrefix(p, dir+"/"); ok && strings.HasSuffix(rest, ".md") && !strings.Contains(rest, "/") {
			return "/" + dir + "/" + strings.TrimSuffix(rest, ".md") + "/"
		}
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
