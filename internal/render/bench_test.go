package render

import (
	"testing"

	theme "dossier"
	"dossier/internal/content"
	"dossier/internal/gen"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// BenchmarkPages renders every page of each kind of a generated dossier
// of 1,000 sources, one kind per sub-benchmark, on one goroutine:
//
//	go test ./internal/render -run '^$' -bench Pages
func BenchmarkPages(b *testing.B) {
	files := gen.Generate(gen.Options{Sources: 1000, Seed: 1})
	fsys := gen.FS(files)
	md := markdown.New()
	c, errs := content.Read(fsys, "content")
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	d, errs := model.Build(c, md, nil)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	r := &renderer{d: d, v: newViews(d), md: md, links: newLinks("")}
	if err := r.parseTemplates(theme.Templates()); err != nil {
		b.Fatal(err)
	}
	byKind := map[string][]job{}
	var kinds []string
	for _, j := range r.pages() {
		if byKind[j.template] == nil {
			kinds = append(kinds, j.template)
		}
		byKind[j.template] = append(byKind[j.template], j)
	}
	for _, kind := range kinds {
		b.Run(kind, func(b *testing.B) {
			for range b.N {
				for _, j := range byKind[kind] {
					p := *j.page
					if _, err := r.renderPage(job{path: j.path, template: j.template, page: &p}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
