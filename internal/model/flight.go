package model

import (
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"time"
)

// Parsing a body is the one step of a build that can take long on one
// file: goldmark is quadratic on some inputs (100,000 "[a](" on one line
// take half a minute) and cannot be interrupted. So a body is parsed in a
// goroutine of its own, a flight, that the build waits for; a build that
// is cancelled stops waiting at once and returns, while the parse runs
// on. What it finds is kept under the body's text: a later build of the
// same text, or one that starts while it runs (after a save of another
// file), takes it over instead of parsing it again. So there is never
// more than one parse of one text, however many builds ask for it.

// Options say how BuildContext runs. The zero value builds with nothing
// cached and reports nothing.
type Options struct {
	// Cache keeps what a build derives from each file for the builds
	// after it; a preview server passes the same one to every build. nil
	// means a new one.
	Cache *Cache
	// Log, when set, is told of the files that are slow to parse: while
	// the build waits for one, a second into its parse and again at two,
	// four, eight seconds ("content/sources/x.md is slow to parse (4.0 s
	// so far)"); and once the build is complete, which took longest, when
	// some took a second or more. It may be called from several
	// goroutines at once.
	Log func(msg string)
	// Clock tells the time for those messages; nil means the time of day.
	Clock Clock
	// Parsing, when set, is called before each body is parsed, in the
	// goroutine that parses it, with the file's path and body: tests make
	// a parse slow with it.
	Parsing func(path, body string)
}

// SlowParse is how long a parse takes before it is reported.
const SlowParse = time.Second

// Clock is where a build takes the time from to tell how long a parse
// takes. Tests use one they move by hand.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed, and a
	// function that stops it.
	After(d time.Duration) (<-chan time.Time, func())
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) After(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTimer(d)
	return t.C, func() { t.Stop() }
}

// flight is one parse of one body's text, running or done.
type flight struct {
	path  string    // the file that started it, for messages
	start time.Time // when it started
	done  chan struct{}
	// Set before done is closed.
	value any
	took  time.Duration
	panic any // what the parse panicked with, raised again in every build waiting for it
}

// parsed returns what parse makes of a file's body: what an earlier
// build made of this file or of the same text, else the result of a
// flight, started unless one is parsing this text already. It returns the
// build's context's error, without waiting for the flight any longer,
// when the build is cancelled.
func (b *builder) parsed(what analysis, body Body, parse func(src []byte) any) (any, error) {
	c, f := b.cache, body.File
	byFile := cacheKey{what: what, file: f}
	byText := cacheKey{what: what, text: f.Body}
	c.mu.Lock()
	v, ok := c.lookup(byFile)
	if !ok {
		if v, ok = c.lookup(byText); ok {
			c.next[byFile] = v
		}
	}
	if ok {
		c.mu.Unlock()
		return v, nil
	}
	fl := c.flights[byText]
	if fl == nil {
		fl = &flight{path: f.Path, start: b.clock.Now(), done: make(chan struct{})}
		c.flights[byText] = fl
		src, hook, clock := body.Markdown, b.opts.Parsing, b.clock
		go c.fly(byText, fl, clock, func() any {
			if hook != nil {
				hook(f.Path, f.Body)
			}
			return parse(src)
		})
	}
	c.mu.Unlock()
	v, err := b.wait(fl, f.Path)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.next[byFile] = v
	c.mu.Unlock()
	return v, nil
}

// fly runs a flight's parse, and keeps its result under the text once
// done, whether a build still waits for it or not.
func (c *Cache) fly(key cacheKey, fl *flight, clock Clock, parse func() any) {
	defer func() {
		if r := recover(); r != nil {
			fl.panic = fmt.Sprintf("%v\n\nparsing %s:\n%s", r, fl.path, debug.Stack())
		}
		fl.took = clock.Now().Sub(fl.start)
		c.mu.Lock()
		delete(c.flights, key)
		if fl.panic == nil {
			c.next[key] = fl.value
		}
		c.mu.Unlock()
		close(fl.done)
	}()
	fl.value = parse()
}

// wait waits for a flight, saying so when it is slow: when it has been
// parsing for SlowParse, then twice as long, and so on; at once if it
// already has when the build comes to it. path is the file the build
// wants it for.
func (b *builder) wait(fl *flight, path string) (any, error) {
	select {
	case <-fl.done:
		return b.landed(fl, path), nil
	default:
	}
	report := b.clock.Now().Sub(fl.start) >= SlowParse
	for {
		age := b.clock.Now().Sub(fl.start)
		if report {
			b.logf("%s is slow to parse (%s so far)", path, seconds(age))
		}
		next := SlowParse
		for next <= age {
			next *= 2
		}
		due, stop := b.clock.After(next - age)
		select {
		case <-fl.done:
			stop()
			return b.landed(fl, path), nil
		case <-b.ctx.Done():
			stop()
			return nil, b.ctx.Err()
		case <-due:
			report = true
		}
	}
}

// landed returns a flight's result, noting how long it took if that was
// long.
func (b *builder) landed(fl *flight, path string) any {
	if fl.panic != nil {
		panic(fl.panic)
	}
	if fl.took >= SlowParse {
		b.slowMu.Lock()
		b.slow = append(b.slow, slowFile{path, fl.took})
		b.slowMu.Unlock()
	}
	return fl.value
}

// slowFile is a file whose parse took SlowParse or more.
type slowFile struct {
	path string
	took time.Duration
}

// reportSlow says, at the end of a build, which files took longest to
// parse, slowest first, if some took SlowParse or more.
func (b *builder) reportSlow() {
	if len(b.slow) == 0 {
		return
	}
	sort.Slice(b.slow, func(i, j int) bool {
		if b.slow[i].took != b.slow[j].took {
			return b.slow[i].took > b.slow[j].took
		}
		return b.slow[i].path < b.slow[j].path
	})
	const most = 5
	var parts []string
	for i, s := range b.slow {
		if i == most {
			parts = append(parts, fmt.Sprintf("and %d more", len(b.slow)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", s.path, seconds(s.took)))
	}
	b.logf("took longest to parse: %s", strings.Join(parts, ", "))
}

func (b *builder) logf(format string, args ...any) {
	if b.opts.Log != nil {
		b.opts.Log(fmt.Sprintf(format, args...))
	}
}

// seconds writes d as "4.1 s".
func seconds(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }
