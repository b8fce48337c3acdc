// Package render turns the dossier model into the site's files: HTML pages
// from html/template templates, Markdown bodies through package markdown,
// dossier.json, and the static files of the theme.
//
// Rendering is a pure function of the model and the theme: pages are
// rendered in parallel into memory and returned sorted by path, so two
// renders of the same input are byte-identical. Writing them out is the
// caller's job.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"dossier/internal/dossier"
	"dossier/internal/markdown"
	"dossier/internal/parallel"
)

// File is one output file, its path slash-separated and relative to the
// output folder.
type File struct {
	Path string
	Data []byte
}

// Theme is where templates and static files come from: the default theme
// with a dossier's own files laid over it.
type Theme struct {
	Templates fs.FS // *.html
	Static    fs.FS // copied to the site's root as they are
}

// Render renders the whole site.
func Render(d *dossier.Dossier, md *markdown.Markdown, theme Theme) ([]File, error) {
	r := &renderer{d: d, md: md}
	if err := r.parseTemplates(theme.Templates); err != nil {
		return nil, err
	}
	jobs := r.pages()
	files := make([]File, len(jobs))
	errs := make([]error, len(jobs))
	parallel.Each(len(jobs), func(i int) {
		files[i].Path = jobs[i].path
		files[i].Data, errs[i] = r.renderPage(jobs[i])
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	data, err := dossierJSON(d)
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: "dossier.json", Data: data})
	files = append(files, File{Path: "chroma.css", Data: markdown.ChromaCSS()})
	static, err := staticFiles(theme.Static)
	if err != nil {
		return nil, err
	}
	files = append(files, static...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return nil, fmt.Errorf("two files would be written to %s: rename the static file", files[i].Path)
		}
	}
	return files, nil
}

type renderer struct {
	d         *dossier.Dossier
	md        *markdown.Markdown
	templates map[string]*template.Template // by page template name
}

// pageTemplates are the page types; each is base.html plus its own file.
var pageTemplates = []string{"home", "sources", "source", "claims", "claim", "figures", "figure", "conflicts", "entities", "entity", "timeline"}

func (r *renderer) parseTemplates(tfs fs.FS) error {
	base, err := fs.ReadFile(tfs, "base.html")
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	partials, _ := fs.Glob(tfs, "partials/*.html")
	sort.Strings(partials)
	root := template.New("base.html").Funcs(funcs)
	if _, err := root.Parse(string(base)); err != nil {
		return fmt.Errorf("templates/base.html: %w", err)
	}
	for _, p := range partials {
		b, err := fs.ReadFile(tfs, p)
		if err != nil {
			return err
		}
		if _, err := root.New(p).Parse(string(b)); err != nil {
			return fmt.Errorf("templates/%s: %w", p, err)
		}
	}
	r.templates = make(map[string]*template.Template)
	for _, name := range pageTemplates {
		b, err := fs.ReadFile(tfs, name+".html")
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		t, err := root.Clone()
		if err != nil {
			return err
		}
		if _, err := t.New(name + ".html").Parse(string(b)); err != nil {
			return fmt.Errorf("templates/%s.html: %w", name, err)
		}
		r.templates[name] = t
	}
	return nil
}

// job is one page to render.
type job struct {
	path     string // output file, e.g. "claims/x/index.html"
	template string
	page     *Page
}

func (r *renderer) renderPage(j job) ([]byte, error) {
	p := j.page
	if err := r.fillMarkdown(p); err != nil {
		return nil, fmt.Errorf("%s: %w", j.path, err)
	}
	var b bytes.Buffer
	if err := r.templates[j.template].ExecuteTemplate(&b, "base.html", p); err != nil {
		return nil, fmt.Errorf("rendering %s with templates/%s.html: %w", j.path, j.template, err)
	}
	return b.Bytes(), nil
}

func staticFiles(sfs fs.FS) ([]File, error) {
	if sfs == nil {
		return nil, nil
	}
	var out []File
	err := fs.WalkDir(sfs, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || strings.HasPrefix(path.Base(p), ".") {
			return nil
		}
		b, err := fs.ReadFile(sfs, p)
		if err != nil {
			return err
		}
		out = append(out, File{Path: p, Data: b})
		return nil
	})
	return out, err
}
