// Command floor renders every Markdown file under a folder with bare
// goldmark (GFM) into a trivial HTML page, one index.html per file, on all
// cores. It is the floor for a static site generator's build time: reading
// the same files, parsing the same Markdown and writing as many pages, with
// nothing else. dossier does much more per page (anchoring, highlights,
// cross-links, conflicts), so it should not be expected to match the floor,
// but the gap says what that work costs.
//
//	go run ./tools/floor -in DIR -out DIR
//
// in/sources/x.md becomes out/sources/x/index.html. YAML front matter
// (between the first two "---" lines) is not rendered; its title: or name:
// line gives the page title.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var page = template.Must(template.New("page").Parse(
	"<!doctype html><title>{{.Title}}</title><body>{{.Body}}</body>\n"))

func main() {
	in := flag.String("in", "", "the folder of Markdown files (required)")
	out := flag.String("out", "", "the folder to write pages into (required)")
	verbose := flag.Bool("v", false, "print how many pages were written and how long it took")
	flag.Parse()
	if *in == "" || *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: floor -in DIR -out DIR [-v]")
		os.Exit(2)
	}
	start := time.Now()
	n, err := run(*in, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	if *verbose {
		fmt.Fprintf(os.Stderr, "floor: %d pages in %v\n", n, time.Since(start).Round(time.Millisecond))
	}
}

// run renders every .md file under in and returns how many it wrote.
func run(in, out string) (int, error) {
	var files []string
	err := filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	// One goroutine per core, each with its own goldmark and buffers,
	// dealing files from a shared counter.
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			md := goldmark.New(goldmark.WithExtensions(extension.GFM))
			var body, html bytes.Buffer
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(files) {
					return
				}
				if err := render(md, in, out, files[i], &body, &html); err != nil {
					errs[w] = errors.Join(errs[w], err)
				}
			}
		}()
	}
	wg.Wait()
	return len(files), errors.Join(errs...)
}

func render(md goldmark.Markdown, in, out, file string, body, html *bytes.Buffer) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(in, file)
	if err != nil {
		return err
	}
	front, text := splitFrontMatter(src)
	body.Reset()
	if err := md.Convert(text, body); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	slug := strings.TrimSuffix(filepath.Base(rel), ".md")
	html.Reset()
	err = page.Execute(html, struct {
		Title string
		Body  template.HTML
	}{title(front, slug), template.HTML(body.String())})
	if err != nil {
		return err
	}
	dir := filepath.Join(out, filepath.Dir(rel), slug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), html.Bytes(), 0o644)
}

// splitFrontMatter returns the YAML between a first line "---" and the
// next, and the Markdown after it; a file without it is all Markdown.
func splitFrontMatter(src []byte) (front, body []byte) {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, src
	}
	rest := src[4:]
	if bytes.HasPrefix(rest, []byte("---\n")) {
		return nil, rest[4:]
	}
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		return nil, src
	}
	return rest[:i+1], rest[i+5:]
}

// title is the front matter's title: or name: value, else the slug. It
// reads the one line, without a YAML parser, as a floor should.
func title(front []byte, slug string) string {
	for _, line := range strings.Split(string(front), "\n") {
		for _, key := range []string{"title:", "name:"} {
			if v, ok := strings.CutPrefix(line, key); ok {
				v = strings.TrimSpace(v)
				if u, err := strconv.Unquote(v); err == nil {
					v = u
				}
				return v
			}
		}
	}
	return slug
}
