package serve

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"dossier/internal/gen"
	"dossier/internal/site"
)

// BenchmarkEditToReload measures what an editor waits for: from saving a
// claim file to the reload event reaching the browser, debounce included,
// on a generated dossier of 1,000 sources and 5,000 claims. It also
// reports the median, and a full build of the same dossier for scale.
//
//	go test ./internal/serve -run '^$' -bench EditToReload -benchtime 20x
func BenchmarkEditToReload(b *testing.B) {
	files := gen.Generate(gen.Options{Sources: 1000, ClaimsPerSource: 5, Seed: 1})
	dir := b.TempDir()
	if err := gen.WriteDir(dir, files); err != nil {
		b.Fatal(err)
	}
	var claim string
	for name := range files {
		if strings.HasPrefix(name, "claims/") && (claim == "" || name < claim) {
			claim = name
		}
	}
	srv, err := New(Options{ContentDir: dir, Name: "content", Log: benchLog()})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	p := &preview{t: &testing.T{}, dir: dir, srv: srv, base: "http://" + ln.Addr().String(), events: make(chan event, 100)}
	select {
	case <-srv.built:
	case <-time.After(60 * time.Second):
		b.Fatal("no first build")
	}
	page := "/claims/" + strings.TrimSuffix(strings.TrimPrefix(claim, "claims/"), ".md") + "/"
	p.listen(page)
	original, _ := os.ReadFile(filepath.Join(dir, claim))

	var times []time.Duration
	b.ResetTimer()
	for i := range b.N {
		text := string(original) + strings.Repeat("\nAn editor's new sentence.", i%2+1)
		start := time.Now()
		if err := os.WriteFile(filepath.Join(dir, claim), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case <-p.events:
		case <-time.After(10 * time.Second):
			b.Fatal("no reload event")
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")

	// A full build of the same dossier, in memory, for the ratio.
	fsys := gen.FS(files)
	start := time.Now()
	if _, err := site.Build(site.Options{Content: fsys, Name: "content"}); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms-full-build")
}

// benchLog shows the server's log with DOSSIER_BENCH_LOG=1.
func benchLog() io.Writer {
	if os.Getenv("DOSSIER_BENCH_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}

// BenchmarkFixAfterSlowSave measures what an editor waits for after
// saving a source that goldmark is quadratic on ("[a](" 100,000 times on
// one line: half a minute to parse) and, a moment later, its fix: from
// the fixing save to the reload event. The build of the slow text is
// cancelled, and the parse it leaves runs on in the background, so each
// round saves another slow text (a parse each) and they pile up: run few
// rounds.
//
//	go test ./internal/serve -run '^$' -bench FixAfterSlowSave -benchtime 3x
func BenchmarkFixAfterSlowSave(b *testing.B) {
	dir := b.TempDir()
	for name, text := range dossier {
		path := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	srv, err := New(Options{ContentDir: dir, Name: "content", Log: benchLog()})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	p := &preview{t: &testing.T{}, dir: dir, srv: srv, base: "http://" + ln.Addr().String(), events: make(chan event, 100)}
	select {
	case <-srv.built:
	case <-time.After(60 * time.Second):
		b.Fatal("no first build")
	}
	p.listen("/claims/c/")
	source := filepath.Join(dir, "sources", "x.md")

	var times []time.Duration
	b.ResetTimer()
	for i := range b.N {
		slow := fmt.Sprintf("---\ntitle: X\n---\nRound %d. %s\n", i, strings.Repeat("[a](", 100_000))
		if err := os.WriteFile(source, []byte(slow), 0o644); err != nil {
			b.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond) // debounced, read, being parsed
		fix := fmt.Sprintf("---\ntitle: X\n---\nRound %d, fixed.\n", i)
		start := time.Now()
		if err := os.WriteFile(source, []byte(fix), 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case <-p.events:
		case <-time.After(120 * time.Second):
			b.Fatal("no reload event within 120s")
		}
		times = append(times, time.Since(start))
		b.StopTimer()
		if body := p.page("/sources/x/"); !strings.Contains(body, fmt.Sprintf("Round %d, fixed.", i)) {
			b.Fatalf("the fix is not served:\n%s", body)
		}
		b.StartTimer()
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "ms-max")
}
