package model

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"dossier/internal/content"
	"dossier/internal/markdown"
)

// slowDossier is a dossier whose source is slow to parse, as far as the
// parse hook of slowParse goes: its body says SLOW. It is the one source:
// while it is parsed, no other parse runs, whose time the tests' clock
// would make long too.
var slowDossier = fstest.MapFS{
	"sources/slow.md": {Data: []byte("---\ntitle: Slow\n---\nSLOW: the minister said roughly 300,000 people.\n")},
	"claims/c.md":     {Data: []byte("---\ntitle: C\nquotes:\n  - source: slow\n    text: roughly 300,000 people\n---\nSee [the source](source:slow).\n")},
}

// slowParse is a parse hook that holds the parse of every body saying
// SLOW until release is closed, and counts the parses of each body.
type slowParse struct {
	entered chan string // the path of each slow parse, as it starts
	release chan struct{}
	mu      sync.Mutex
	parses  map[string]int // by path
}

func newSlowParse() *slowParse {
	return &slowParse{entered: make(chan string, 16), release: make(chan struct{}), parses: map[string]int{}}
}

func (h *slowParse) hook(path, body string) {
	h.mu.Lock()
	h.parses[path]++
	h.mu.Unlock()
	if strings.Contains(body, "SLOW") {
		h.entered <- path
		<-h.release
	}
}

func (h *slowParse) count(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.parses[path]
}

func readDossier(t *testing.T, fsys fstest.MapFS) *content.Dossier {
	t.Helper()
	c, errs := content.Read(fsys, "content")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return c
}

type outcome struct {
	d    *Dossier
	errs []string
	err  error
}

// buildAsync runs BuildContext in a goroutine.
func buildAsync(ctx context.Context, c *content.Dossier, md *markdown.Markdown, opts Options) <-chan outcome {
	out := make(chan outcome, 1)
	go func() {
		d, errs, err := BuildContext(ctx, c, md, opts)
		var msgs []string
		for _, e := range errs {
			msgs = append(msgs, e.Error())
		}
		out <- outcome{d, msgs, err}
	}()
	return out
}

func await(t *testing.T, out <-chan outcome, what string) outcome {
	t.Helper()
	select {
	case o := <-out:
		return o
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no result within 10s", what)
	}
	return outcome{}
}

// TestCancelWhileParsing checks that a build cancelled while it waits for
// a slow parse returns at once; that a build started while the parse runs
// takes it over rather than parsing the same text again, even from a file
// read anew; and that once it is done, its result serves every later
// build of that text.
func TestCancelWhileParsing(t *testing.T) {
	md, cache, h := markdown.New(), NewCache(), newSlowParse()
	clk := newHandClock()
	opts := Options{Cache: cache, Parsing: h.hook, Clock: clk}

	ctx, cancel := context.WithCancel(context.Background())
	first := buildAsync(ctx, readDossier(t, slowDossier), md, opts)
	if path := <-h.entered; path != "content/sources/slow.md" {
		t.Fatalf("slow parse of %s", path)
	}
	cancel()
	if o := await(t, first, "a build cancelled during a slow parse"); !errors.Is(o.err, context.Canceled) || o.d != nil {
		t.Fatalf("cancelled build: %v, %v; want context.Canceled and no model", o.d, o.err)
	}

	// A build of the same text, read again (a save of other bytes then
	// back, or of another file), while the parse still runs: it comes to
	// it 1.5 s into it, says so, and waits for the 2 s mark.
	clk.advance(SlowParse * 3 / 2)
	ctx, cancel = context.WithCancel(context.Background())
	second := buildAsync(ctx, readDossier(t, slowDossier), md, opts)
	clk.waitArmed(t, SlowParse/2)
	cancel()
	if o := await(t, second, "a second cancelled build"); !errors.Is(o.err, context.Canceled) {
		t.Fatalf("second build: %v, want context.Canceled", o.err)
	}
	if n := h.count("content/sources/slow.md"); n != 1 {
		t.Fatalf("%d parses of slow.md, want 1: a build started while it was parsed parsed it again", n)
	}

	// Released: a complete build takes the parse's result.
	close(h.release)
	o := await(t, buildAsync(context.Background(), readDossier(t, slowDossier), md, opts), "a build after the slow parse")
	if o.err != nil || len(o.errs) > 0 {
		t.Fatalf("build: %v %v", o.err, o.errs)
	}
	if q := o.d.Claims[0].Quotes[0]; q.End <= q.Start {
		t.Errorf("the quote is not anchored in the slow source: %+v", q)
	}
	// And so does the next, of files read anew.
	o = await(t, buildAsync(context.Background(), readDossier(t, slowDossier), md, opts), "one more build")
	if o.err != nil || len(o.errs) > 0 {
		t.Fatalf("build: %v %v", o.err, o.errs)
	}
	if n := h.count("content/sources/slow.md"); n != 1 {
		t.Errorf("%d parses of slow.md, want 1", n)
	}
	if n := h.count("content/claims/c.md"); n != 1 {
		t.Errorf("%d parses of c.md, want 1", n)
	}
}

// TestSlowParseNamed checks that a build says which file it waits for,
// a second into its parse and again at two seconds, and at its end which
// files took longest.
func TestSlowParseNamed(t *testing.T) {
	h, clk := newSlowParse(), newHandClock()
	var mu sync.Mutex
	var log []string
	logf := func(msg string) {
		mu.Lock()
		log = append(log, msg)
		mu.Unlock()
	}
	logged := func() string {
		mu.Lock()
		defer mu.Unlock()
		return strings.Join(log, "\n")
	}
	out := buildAsync(context.Background(), readDossier(t, slowDossier), markdown.New(),
		Options{Parsing: h.hook, Clock: clk, Log: logf})
	<-h.entered
	clk.waitArmed(t, SlowParse)
	if got := logged(); got != "" {
		t.Errorf("log before a second: %q", got)
	}
	clk.advance(SlowParse)
	clk.waitArmed(t, SlowParse) // reported, and waiting for the 2 s mark
	if got, want := logged(), "content/sources/slow.md is slow to parse (1.0 s so far)"; got != want {
		t.Errorf("log after a second:\n%s\nwant:\n%s", got, want)
	}
	clk.advance(SlowParse + SlowParse/2)
	clk.waitArmed(t, SlowParse*3/2) // reported, and waiting for the 4 s mark
	close(h.release)
	if o := await(t, out, "the slow build"); o.err != nil {
		t.Fatal(o.err)
	}
	want := "content/sources/slow.md is slow to parse (1.0 s so far)\n" +
		"content/sources/slow.md is slow to parse (2.5 s so far)\n" +
		"took longest to parse: content/sources/slow.md (2.5 s)"
	if got := logged(); got != want {
		t.Errorf("log:\n%s\nwant:\n%s", got, want)
	}
}

// TestOneShotBuildWaits checks that Build, which cannot be cancelled,
// waits for a slow parse and returns the whole model.
func TestOneShotBuildWaits(t *testing.T) {
	h := newSlowParse()
	done := make(chan *Dossier, 1)
	go func() {
		d, _, _ := BuildContext(context.Background(), readDossier(t, slowDossier), markdown.New(), Options{Parsing: h.hook})
		done <- d
	}()
	<-h.entered
	select {
	case <-done:
		t.Fatal("the build returned before the parse was done")
	case <-time.After(20 * time.Millisecond):
	}
	close(h.release)
	select {
	case d := <-done:
		if d == nil || len(d.Sources) != 1 || !strings.Contains(d.Sources[0].Plain, "SLOW") {
			t.Errorf("model %+v", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no model within 10s")
	}
}

// handClock is a Clock the test moves by hand.
type handClock struct {
	mu     sync.Mutex
	now    time.Time
	timers map[*handTimer]bool
	armed  chan struct{} // closed, and replaced, whenever a timer is armed
}

type handTimer struct {
	when time.Time
	c    chan time.Time
}

func newHandClock() *handClock {
	return &handClock{now: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC), timers: map[*handTimer]bool{}, armed: make(chan struct{})}
}

func (c *handClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *handClock) After(d time.Duration) (<-chan time.Time, func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &handTimer{when: c.now.Add(d), c: make(chan time.Time, 1)}
	c.timers[t] = true
	close(c.armed)
	c.armed = make(chan struct{})
	return t.c, func() {
		c.mu.Lock()
		delete(c.timers, t)
		c.mu.Unlock()
	}
}

func (c *handClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for t := range c.timers {
		if !t.when.After(c.now) {
			t.c <- t.when
			delete(c.timers, t)
		}
	}
}

// waitArmed waits until a timer is set to fire d from now.
func (c *handClock) waitArmed(t *testing.T, d time.Duration) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		armed, when := c.armed, c.now.Add(d)
		found := false
		for tm := range c.timers {
			found = found || tm.when.Equal(when)
		}
		c.mu.Unlock()
		if found {
			return
		}
		select {
		case <-armed:
		case <-timeout:
			t.Fatalf("no timer set for %s from now within 10s", d)
		}
	}
}
