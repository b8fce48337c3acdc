package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/internal/anchor"
	"dossier/internal/content"
	"dossier/internal/gen"
	"dossier/internal/markdown"
	"dossier/internal/model"
	"dossier/internal/render"
)

// Benchmarks of the pipeline on generated dossiers, whole and stage by
// stage. The sizes are sources; each has about 5 claims.
//
//	go test ./internal/site -run '^$' -bench . -benchtime 3x
//
// The 10,000-source cases run only with DOSSIER_BENCH_LARGE=1.
var benchSizes = []int{100, 1000, 10000}

func benchDossier(b *testing.B, sources int) fstest.MapFS {
	b.Helper()
	if sources >= 10000 && os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		b.Skip("set DOSSIER_BENCH_LARGE=1 for the 10,000-source dossier")
	}
	files := gen.Generate(gen.Options{Sources: sources, Seed: 1})
	fsys := gen.FS(files)
	return fsys
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("sources=%d/memory", n), func(b *testing.B) {
			fsys := benchDossier(b, n)
			b.ResetTimer()
			for range b.N {
				if _, err := Build(Options{Content: fsys, Name: "content"}); err != nil {
					b.Fatal(err)
				}
			}
			reportPeak(b)
		})
		b.Run(fmt.Sprintf("sources=%d/disk", n), func(b *testing.B) {
			fsys := benchDossier(b, n)
			dir := b.TempDir()
			src := filepath.Join(dir, "content")
			if err := os.CopyFS(src, fsys); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(dir, "public")
			b.ResetTimer()
			for range b.N {
				root, err := os.OpenRoot(src)
				if err != nil {
					b.Fatal(err)
				}
				snap, err := NewBuilder(Options{Content: root.FS(), Name: "content"}).Build(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				if _, err := snap.Write(out, WriteOptions{}); err != nil {
					b.Fatal(err)
				}
				root.Close()
			}
		})
	}
}

// BenchmarkStages times each stage alone: load (read and parse files),
// anchor (index sources, find quotes), model (everything dossier.Build
// does, anchoring included), render (every page into memory), write.
func BenchmarkStages(b *testing.B) {
	for _, n := range benchSizes[:2] {
		fsys := benchDossier(b, n)
		md := markdown.New()
		c, errs := content.Read(fsys, "content")
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		d, errs := model.Build(c, md, nil)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		files, err := renderAll(d, md, Theme(fsys))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("sources=%d/load", n), func(b *testing.B) {
			for range b.N {
				content.Read(fsys, "content")
			}
		})
		b.Run(fmt.Sprintf("sources=%d/anchor", n), func(b *testing.B) {
			// Index every source's plain text and find every quote in it.
			for range b.N {
				texts := make(map[*model.Source]*anchor.Text, len(d.Sources))
				for _, s := range d.Sources {
					texts[s] = anchor.NewText(s.Plain)
				}
				for _, c := range d.Claims {
					for _, q := range c.Quotes {
						if r := texts[q.Source].Find(anchor.Quote{Exact: q.Text, Prefix: q.Prefix, Suffix: q.Suffix}); !r.Found {
							b.Fatalf("quote of %s not found", c.ID)
						}
					}
				}
			}
		})
		b.Run(fmt.Sprintf("sources=%d/model", n), func(b *testing.B) {
			for range b.N {
				model.Build(c, md, nil)
			}
		})
		b.Run(fmt.Sprintf("sources=%d/render", n), func(b *testing.B) {
			for range b.N {
				if _, err := renderAll(d, md, Theme(fsys)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("sources=%d/write", n), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			for range b.N {
				if err := Write(files, out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// reportPeak reports the heap in use after the run, a lower bound of the
// build's peak memory; the scripts measure peak RSS of the command.
func reportPeak(b *testing.B) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapSys)/(1<<20), "MiB-heap-sys")
}

// renderAll renders every file of the site, as a build to disk does.
func renderAll(d *model.Dossier, md *markdown.Markdown, theme render.Theme) ([]render.File, error) {
	s, err := render.New(d, md, theme, render.Options{})
	if err != nil {
		return nil, err
	}
	return s.All()
}

// BenchmarkRenderKinds renders the pages of each kind alone (the first
// folder of their path: claims, sources, …; "top" for the files at the
// top), on one core, so that the costliest kinds of page show.
//
//	go test ./internal/site -run '^$' -bench RenderKinds -benchtime 2x
func BenchmarkRenderKinds(b *testing.B) {
	fsys := benchDossier(b, 1000)
	md := markdown.New()
	c, errs := content.Read(fsys, "content")
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	d, errs := model.Build(c, md, nil)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	s, err := render.New(d, md, Theme(fsys), render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	byKind := map[string][]string{}
	var kinds []string
	for _, p := range s.Paths() {
		kind, _, found := strings.Cut(p, "/")
		if !found {
			kind = "top"
		}
		if byKind[kind] == nil {
			kinds = append(kinds, kind)
		}
		byKind[kind] = append(byKind[kind], p)
	}
	for _, kind := range kinds {
		paths := byKind[kind]
		b.Run(fmt.Sprintf("%s/pages=%d", kind, len(paths)), func(b *testing.B) {
			bytes := 0
			for range b.N {
				bytes = 0
				for _, p := range paths {
					data, err := s.Render(p)
					if err != nil {
						b.Fatal(err)
					}
					bytes += len(data)
				}
			}
			b.ReportMetric(float64(bytes)/float64(len(paths)), "B/page")
		})
	}
}
