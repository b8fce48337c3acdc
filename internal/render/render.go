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
	"github.com/tdewolff/minify/v2"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

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

// Options are choices about the output.
type Options struct {
	// Minify minifies HTML, CSS, JavaScript, SVG, JSON and XML.
	Minify bool
}

// Render renders the whole site.
func Render(d *dossier.Dossier, md *markdown.Markdown, theme Theme, opts Options) ([]File, error) {
	site, err := New(d, md, theme, opts)
	if err != nil {
		return nil, err
	}
	return site.All()
}

// Site is a dossier ready to render: templates parsed, the list of pages
// made, the data files rendered. Pages are rendered when asked for, once
// each, so that a preview server renders only the pages a browser shows.
// A Site never changes what it returns; it is safe for concurrent use.
type Site struct {
	r     *renderer
	jobs  map[string]job // by output path
	paths []string       // every output path, sorted
	fixed map[string][]byte
	pages sync.Map // output path -> *pageResult
}

type pageResult struct {
	once sync.Once
	data []byte
	err  error
}

// New prepares the site of d. It fails when the theme's templates do not
// parse or two files would have the same path.
func New(d *dossier.Dossier, md *markdown.Markdown, theme Theme, opts Options) (*Site, error) {
	r := &renderer{d: d, md: md, links: newLinks(d.Settings.BaseURL)}
	if opts.Minify {
		r.minifier = newMinifier()
	}
	if err := r.parseTemplates(theme.Templates); err != nil {
		return nil, err
	}
	s := &Site{r: r, jobs: make(map[string]job), fixed: make(map[string][]byte)}

	// Static files first: pages link to stylesheets and scripts by their
	// fingerprinted names.
	static, err := staticFiles(theme.Static)
	if err != nil {
		return nil, err
	}
	static = append(static, File{Path: "chroma.css", Data: markdown.ChromaCSS()})
	for _, f := range static {
		data, err := minifyFile(r.minifier, f.Path, f.Data)
		if err != nil {
			return nil, fmt.Errorf("minifying %s: %w", f.Path, err)
		}
		name := f.Path
		if fingerprinted(name) {
			a := fingerprint(name, data)
			r.links.assets[name] = a
			name = a.Name
		}
		if _, dup := s.fixed[name]; dup {
			return nil, fmt.Errorf("two files would be written to %s: rename the static file", name)
		}
		s.fixed[name] = data
	}
	for _, j := range r.pages() {
		if _, dup := s.fixed[j.path]; dup {
			return nil, fmt.Errorf("two files would be written to %s: rename the static file", j.path)
		}
		s.jobs[j.path] = j
	}
	if err := s.addPublishing(); err != nil {
		return nil, err
	}
	// dossier.json is rendered like a page, on first use: a preview server
	// rebuilding after an edit should not encode the whole dossier when no
	// browser asks for it.
	s.jobs["search-index.js"] = job{path: "search-index.js", data: func() ([]byte, error) {
		b, err := searchIndex(d, r.links)
		if err != nil {
			return nil, err
		}
		return minifyFile(r.minifier, "search-index.js", b)
	}}
	s.jobs["dossier.json"] = job{path: "dossier.json", data: func() ([]byte, error) {
		b, err := dossierJSON(d)
		if err != nil {
			return nil, err
		}
		return minifyFile(r.minifier, "dossier.json", b)
	}}
	for p := range s.jobs {
		s.paths = append(s.paths, p)
	}
	for p := range s.fixed {
		s.paths = append(s.paths, p)
	}
	sort.Strings(s.paths)
	return s, nil
}

// Paths returns the path of every file of the site, sorted.
func (s *Site) Paths() []string { return s.paths }

// File returns the content of the file at path (e.g. "claims/x/index.html"),
// rendering it on first use. ok is false when the site has no such file.
func (s *Site) File(path string) (data []byte, ok bool, err error) {
	if b, found := s.fixed[path]; found {
		return b, true, nil
	}
	j, found := s.jobs[path]
	if !found {
		return nil, false, nil
	}
	v, _ := s.pages.LoadOrStore(path, &pageResult{})
	pr := v.(*pageResult)
	pr.once.Do(func() {
		// Each page gets its own copy of the page data: rendering fills in
		// its Markdown body.
		if j.data != nil {
			pr.data, pr.err = j.data()
			return
		}
		p := *j.page
		pr.data, pr.err = s.r.renderPage(job{path: j.path, template: j.template, page: &p})
	})
	return pr.data, true, pr.err
}

// Render renders the file at path without keeping it: a build that writes
// each page as soon as it is made holds only the pages in flight.
func (s *Site) Render(path string) ([]byte, error) {
	if b, found := s.fixed[path]; found {
		return b, nil
	}
	j, found := s.jobs[path]
	if !found {
		return nil, fmt.Errorf("no file %s in the site", path)
	}
	if j.data != nil {
		return j.data()
	}
	p := *j.page
	return s.r.renderPage(job{path: j.path, template: j.template, page: &p})
}

// All renders every file, on every core, sorted by path.
func (s *Site) All() ([]File, error) {
	files := make([]File, len(s.paths))
	errs := make([]error, len(s.paths))
	parallel.Each(len(s.paths), func(i int) {
		files[i].Path = s.paths[i]
		files[i].Data, _, errs[i] = s.File(s.paths[i])
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

type renderer struct {
	d         *dossier.Dossier
	md        *markdown.Markdown
	links     *links
	index     readerIndex                   // for related claims, made on first use
	minifier  *minify.M                     // nil unless the site is minified
	templates map[string]*template.Template // by page template name
}

// pageTemplates are the page types; each is base.html plus its own file.
var pageTemplates = []string{"home", "sources", "source", "claims", "claim", "figures", "figure", "conflicts", "entities", "entity", "timeline", "notfound"}

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
	data     func() ([]byte, error) // instead of a template, for data files
}

func (r *renderer) renderPage(j job) ([]byte, error) {
	p := j.page
	p.describe()
	if err := r.fillMarkdown(p); err != nil {
		return nil, fmt.Errorf("%s: %w", j.path, err)
	}
	var b bytes.Buffer
	if err := r.templates[j.template].ExecuteTemplate(&b, "base.html", p); err != nil {
		return nil, fmt.Errorf("rendering %s with templates/%s.html: %w", j.path, j.template, err)
	}
	return minifyFile(r.minifier, j.path, b.Bytes())
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
