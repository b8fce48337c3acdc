// Package render turns the dossier model into the site's files: HTML pages
// from html/template templates, Markdown bodies through package markdown,
// dossier.json, and the static files of the theme.
//
// Templates never see the model: they get a Page and view types made for
// them (views.go: SourceView, ClaimView, FigureView…), which are the
// theme's API, documented in docs/templates.md and snapshotted in
// testdata/template-api.txt. The markup readers see is the theme's, down
// to the marks and notes in a source's text (the "mark" and "note"
// partials, which package markdown calls back), and so are most words:
// docs/templates.md lists those still written here.
//
// Rendering is a pure function of the model and the theme: pages are
// rendered in parallel into memory and returned sorted by path, so two
// renders of the same input are byte-identical. Writing them out is the
// caller's job.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/tdewolff/minify/v2"
	"html"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strings"
	"sync"

	"dossier/internal/markdown"
	"dossier/internal/model"
	"dossier/internal/parallel"
	"dossier/internal/related"
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
// parse (each a *TemplateError, joined), when static files would take the
// place of generated ones (a CollisionError), or when two static files
// would have the same path.
func New(d *model.Dossier, md *markdown.Markdown, theme Theme, opts Options) (*Site, error) {
	p, err := Prepare(theme, opts)
	if err != nil {
		return nil, err
	}
	return p.Site(d, md)
}

// Prepared is a theme made ready for one site: its templates parsed and
// its static files published. It needs no dossier, so a build prepares
// it while it reads the content (see site.Builder), instead of after.
type Prepared struct {
	r         *renderer // without the dossier yet
	static    []File    // the theme's static files, as in its folder
	generated string    // the path of the generated stylesheet among them
	fixed     map[string][]byte
	assets    map[string]Asset // by path under static/, the fingerprinted ones
}

// Prepare parses the theme's templates and publishes its static files. It
// fails as New does for the theme's part: templates that do not parse,
// or two static files with the same published path.
func Prepare(theme Theme, opts Options) (*Prepared, error) {
	r := &renderer{}
	if opts.Minify {
		r.minifier = newMinifier()
	}
	if err := r.parseTemplates(theme.Templates); err != nil {
		return nil, err
	}
	compiled, err := compiledClaimPage(r.templates["claim"])
	if err != nil {
		return nil, err
	}
	r.compiled = compiled
	r.compiledBase, err = compiledBasePage(r.templates["claim"])
	if err != nil {
		return nil, err
	}
	if r.contents, err = contentWriters(r.templates); err != nil {
		return nil, err
	}
	if t := r.templates["source"]; t != nil {
		if r.compiledNotes, err = sameAsDefault(t, "source", noteTemplates); err != nil {
			return nil, err
		}
	}
	p := &Prepared{r: r, fixed: make(map[string][]byte), assets: make(map[string]Asset)}

	// Static files first: pages link to stylesheets and scripts by their
	// fingerprinted names. chroma.css, the stylesheet of highlighted code,
	// is generated, but published like them.
	if p.static, err = staticFiles(theme.Static); err != nil {
		return nil, err
	}
	generated := File{Path: "chroma.css", Data: markdown.ChromaCSS()}
	p.generated = generated.Path
	published := map[string]string{} // published name -> path under static/
	for _, f := range append(p.static, generated) {
		data, err := minifyFile(r.minifier, f.Path, f.Data)
		if err != nil {
			return nil, fmt.Errorf("minifying %s: %w", f.Path, err)
		}
		name := f.Path
		if fingerprinted(name) {
			a := fingerprint(name, data)
			p.assets[name] = a
			name = a.Name
		}
		if other, dup := published[name]; dup && f.Path != generated.Path {
			return nil, fmt.Errorf("static/%s and static/%s would both be published as %s: rename one of them", other, f.Path, name)
		}
		published[name] = f.Path
		p.fixed[name] = data
	}
	return p, nil
}

// Site prepares the site of d with the theme. A Prepared makes one site:
// the renderer it made becomes the site's, so a second call is an error.
func (p *Prepared) Site(d *model.Dossier, md *markdown.Markdown) (*Site, error) {
	r := p.r
	if r == nil {
		return nil, errors.New("render: a prepared theme makes one site; prepare it again")
	}
	p.r = nil
	r.d, r.v, r.md, r.links = d, newViews(d), md, newLinks(d.Settings.BaseURL)
	maps.Copy(r.links.assets, p.assets)
	s := &Site{r: r, jobs: make(map[string]job), fixed: p.fixed}
	// The generated files: pages, and the data files, which are rendered
	// like pages, on first use (a preview server rebuilding after an edit
	// should not encode the whole dossier when no browser asks for it).
	for _, j := range r.pages() {
		s.jobs[j.path] = j
	}
	if err := s.addPublishing(); err != nil {
		return nil, err
	}
	s.jobs["search-index.js"] = job{path: "search-index.js", stream: func(w io.Writer) error {
		return writeSearchIndex(w, d, r.links)
	}}
	s.jobs["dossier.json"] = job{path: "dossier.json", stream: func(w io.Writer) error {
		return writeDossierJSON(w, d)
	}}
	// A static file never silently takes a generated file's place: a
	// dossier's own static/ may override the default theme's files, not
	// the site's pages and data.
	if err := s.collisions(p.static, p.generated); err != nil {
		return nil, err
	}
	for p := range s.jobs {
		s.paths = append(s.paths, p)
	}
	for p := range s.fixed {
		s.paths = append(s.paths, p)
	}
	sort.Strings(s.paths)
	return s, nil
}

// collisions reports the static files that would take the place of a
// generated file (gen, or a job) or of a generated folder, or need a
// generated file to be a folder.
func (s *Site) collisions(static []File, gen string) error {
	what := map[string]string{gen: dataFiles[gen]} // generated path -> what it is
	folders := map[string]bool{}                   // generated folders
	for p, j := range s.jobs {
		what[p] = j.describe()
		for d := path.Dir(p); d != "." && !folders[d]; d = path.Dir(d) {
			folders[d] = true
		}
	}
	var out CollisionError
	for _, f := range static {
		names := []string{f.Path}
		if fingerprinted(f.Path) {
			names = append(names, s.r.links.assets[f.Path].Name)
		}
	names:
		for _, n := range names {
			if w, ok := what[n]; ok {
				out = append(out, Collision{Static: f.Path, Generated: "/" + n, What: w})
				break
			}
			if folders[n] {
				out = append(out, Collision{Static: f.Path, Generated: "/" + n + "/", What: "a folder of generated pages"})
				break
			}
			for d := path.Dir(n); d != "."; d = path.Dir(d) {
				if w, ok := what[d]; ok {
					out = append(out, Collision{Static: f.Path, Generated: "/" + d, What: w})
					break names
				}
			}
		}
	}
	if len(out) > 0 {
		sort.Slice(out, func(i, j int) bool { return out[i].Static < out[j].Static })
		return out
	}
	return nil
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
		if j.stream != nil {
			pr.data, pr.err = s.r.dataFile(j)
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
	if j.stream != nil {
		return s.r.dataFile(j)
	}
	p := *j.page
	return s.r.renderPage(job{path: j.path, template: j.template, page: &p})
}

// RenderTo renders the file at path and hands it to use, without
// keeping it: data is valid only during the call, in a buffer the next
// page reuses. A build that writes each page as soon as it is made thus
// holds only the pages in flight, and makes no copy of them.
func (s *Site) RenderTo(path string, use func(data []byte) error) error {
	if b, found := s.fixed[path]; found {
		return use(b)
	}
	j, found := s.jobs[path]
	if !found {
		return fmt.Errorf("no file %s in the site", path)
	}
	if j.stream != nil {
		data, err := s.r.dataFile(j)
		if err != nil {
			return err
		}
		return use(data)
	}
	p := *j.page
	return s.r.renderPageTo(job{path: j.path, template: j.template, page: &p}, use)
}

// WriteTo writes the file at path to w, without keeping it, and returns
// the first error of rendering it or of w. A page is rendered into a
// buffer reused across pages, and written with one call when it is
// smaller than flushSize, as most are, in pieces of that size when not; a
// data file (dossier.json, annotations.jsonld, the search index…) is
// written in pieces as it is made. A build thus holds none of them whole:
// at 10,000 sources each data file is near 100 MB, and the claims list
// 65 MB. A minified file is the exception, made whole then minified,
// since the minifier needs all of it.
// What WriteTo writes is what File returns.
func (s *Site) WriteTo(path string, w io.Writer) error {
	if j, found := s.jobs[path]; found && s.r.minifier == nil {
		if j.stream != nil {
			return j.stream(w)
		}
		p := *j.page
		return s.r.streamPage(job{path: j.path, template: j.template, page: &p}, w)
	}
	return s.RenderTo(path, func(data []byte) error {
		_, err := w.Write(data)
		return err
	})
}

// All renders every file, on every core, sorted by path. When pages fail,
// it returns every page's error, joined: a template that fails on many
// pages is then reported once, with their number (see TemplateError).
func (s *Site) All() ([]File, error) {
	files := make([]File, len(s.paths))
	errs := make([]error, len(s.paths))
	parallel.Each(len(s.paths), func(i int) {
		files[i].Path = s.paths[i]
		files[i].Data, _, errs[i] = s.File(s.paths[i])
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

type renderer struct {
	d       *model.Dossier
	v       *views // the model as templates see it
	md      *markdown.Markdown
	links   *links
	relOnce sync.Once
	// snippets are the sentences that name each entity, made on first
	// use (mentionSnippets).
	snippetsOnce sync.Once
	snippets     *mentionSnippets
	rel          *related.Index                // for related claims, made on first use (related)
	orders       sync.Map                      // *dossier.Figure -> *figureOrder, made on first use
	bodies       sync.Map                      // bodyKey -> template.HTML: explanations shown on many pages
	minifier     *minify.M                     // nil unless the site is minified
	templates    map[string]*template.Template // by page template name
	tfs          fs.FS                         // where the templates come from, to quote them in errors
	lines        sync.Map                      // template file -> its lines, for errors
	title        string                        // the site's title when the settings give none: the theme's "default-title"
	compiled     bool                          // the claim page's templates are the default theme's: claim pages are written by writeClaimPage
	// compiledBase: base.html is the default theme's, and every page's
	// head and foot are written by writeHead and writeFoot.
	compiledBase bool
	// contents write the content of the kinds of page (by template
	// name) whose templates are the default theme's, when compiledBase.
	contents map[string]func(pageWriter, *Page) error
	// compiledNotes: the source page's "note", "ref" and "mark" partials
	// are the default theme's, and Go writes them (sourcepage.go).
	compiledNotes bool
	buffers       sync.Pool // *pageBuffer, for pages being written
	runes         sync.Pool // *[]rune, for the code points of a source's text
}

// pageTemplates are the page types; each is base.html plus its own file.
var pageTemplates = []string{"home", "sources", "source", "claims", "claim", "figures", "figure", "conflicts", "verdicts", "entities", "entity", "timeline", "notfound"}

// parseTemplates parses the theme's templates. A template that does not
// parse is a *TemplateError; all of them are reported, joined.
func (r *renderer) parseTemplates(tfs fs.FS) error {
	r.tfs = tfs
	base, err := fs.ReadFile(tfs, "base.html")
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	partials, _ := fs.Glob(tfs, partialsGlob)
	sort.Strings(partials)
	root := template.New("base.html").Funcs(funcs)
	if _, err := root.Parse(string(base)); err != nil {
		return r.templateError(err, "base.html", "")
	}
	var errs []error
	for _, p := range partials {
		b, err := fs.ReadFile(tfs, p)
		if err != nil {
			errs = append(errs, &TemplateError{Template: p, Msg: fmt.Sprintf("cannot be read: %v", err)})
			continue
		}
		if _, err := root.New(p).Parse(string(b)); err != nil {
			errs = append(errs, r.templateError(err, p, ""))
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
			errs = append(errs, r.templateError(err, name+".html", ""))
			continue
		}
		r.templates[name] = t
	}
	if len(errs) == 0 {
		title, err := themeWords(root, "default-title")
		if err != nil {
			return err
		}
		r.title = title
	}
	return errors.Join(errs...)
}

// themeWords executes a partial that writes plain words, on a copy of
// root, which may be cloned again; "" when the theme does not define it.
func themeWords(root *template.Template, name string) (string, error) {
	if root.Lookup(name) == nil {
		return "", nil
	}
	c, err := root.Clone()
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := c.ExecuteTemplate(&b, name, nil); err != nil {
		return "", fmt.Errorf("theme: %w", err)
	}
	return html.UnescapeString(strings.TrimSpace(b.String())), nil
}

// job is one page to render.
type job struct {
	path     string // output file, e.g. "claims/x/index.html"
	template string
	page     *Page
	// stream writes a data file (instead of a template) to w, as it is
	// made, not minified: see WriteTo and dataFile.
	stream func(w io.Writer) error
}

// dataFile makes the data file of j whole, in memory, minified when the
// site is.
func (r *renderer) dataFile(j job) ([]byte, error) {
	var b bytes.Buffer
	if err := j.stream(&b); err != nil {
		return nil, err
	}
	return minifyFile(r.minifier, j.path, b.Bytes())
}

// maxPooledPage is the largest buffer renderPage keeps for the next page.
const maxPooledPage = 1 << 20

func (r *renderer) renderPage(j job) ([]byte, error) {
	var out []byte
	err := r.renderPageTo(j, func(data []byte) error {
		out = bytes.Clone(data)
		return nil
	})
	return out, err
}

// renderPageTo renders a page into a buffer reused across pages and hands
// it to use, minified when the site is; data is valid only during the
// call. A page written straight to its file leaves no garbage behind, and
// one kept is copied out at its size (renderPage).
func (r *renderer) renderPageTo(j job, use func(data []byte) error) error {
	b := r.pageBuffer(nil)
	defer r.putPageBuffer(b)
	if err := r.writePage(j, b); err != nil {
		return err
	}
	if r.minifier == nil {
		return use(b.Bytes())
	}
	data, err := minifyFile(r.minifier, j.path, b.Bytes())
	if err != nil {
		return err
	}
	return use(data)
}

// streamPage renders a page of a site that is not minified to w, in
// pieces of flushSize as it is made: the few very large pages are never
// whole in memory.
func (r *renderer) streamPage(j job, w io.Writer) error {
	b := r.pageBuffer(w)
	defer r.putPageBuffer(b)
	if err := r.writePage(j, b); err != nil {
		return err
	}
	return b.flush()
}

// pageBuffer takes a buffer from the pool, emptied, to write a page to
// sink (nil: kept whole).
func (r *renderer) pageBuffer(sink io.Writer) *pageBuffer {
	b, _ := r.buffers.Get().(*pageBuffer)
	if b == nil {
		b = new(pageBuffer)
	}
	b.reset(sink)
	return b
}

// putPageBuffer gives b back to the pool. The buffer of one of the few
// very large pages (the lists of a large dossier, made whole when they
// are minified or kept) is not kept: a pool of them would hold that much
// for the rest of the build.
func (r *renderer) putPageBuffer(b *pageBuffer) {
	b.sink = nil
	if b.Cap() <= maxPooledPage {
		r.buffers.Put(b)
	}
}

// writePage writes the page of j into b.
func (r *renderer) writePage(j job, b *pageBuffer) error {
	p := j.page
	if j.template == "claim" && r.compiled {
		if err := r.fillMarkdown(p); err != nil {
			return fmt.Errorf("%s: %w", j.path, err)
		}
		if err := r.writeClaimPage(pageWriter{b}, p); err != nil {
			return r.templateError(err, j.template+".html", j.path)
		}
		return nil
	}
	t := r.templates[j.template]
	if j.template == "source" && r.compiledBase && r.contents[j.template] != nil {
		// The compiled source page stands for page-meta.html too.
		sourceMeta(p)
	} else {
		// A page template may define its page's title and description
		// (the list pages do): the words are the theme's.
		if title, ok, err := pageText(t, "title", p); err != nil {
			return r.templateError(err, j.template+".html", j.path)
		} else if ok {
			p.Title = title
		}
		if d, ok, err := pageText(t, "description", p); err != nil {
			return r.templateError(err, j.template+".html", j.path)
		} else if ok && d != "" {
			p.Description = d
		}
	}
	if p.Description == "" {
		p.Description = p.Site.Description
	}
	if err := r.fillMarkdown(p); err != nil {
		return fmt.Errorf("%s: %w", j.path, err)
	}
	if r.compiledBase {
		// base.html is the default theme's: its head and foot are
		// written by Go, its "content" by the page's template, called as
		// base.html calls it.
		review, err := p.ClaimReview()
		if err != nil {
			return r.templateError(err, j.template+".html", j.path)
		}
		w := pageWriter{b}
		r.writeHead(w, p, review)
		if write := r.contents[j.template]; write != nil {
			if err := write(w, p); err != nil {
				return r.templateError(err, j.template+".html", j.path)
			}
		} else if err := t.ExecuteTemplate(b, "content", p); err != nil {
			return r.templateError(err, j.template+".html", j.path)
		}
		writeFoot(w, p)
		return nil
	}
	if err := t.ExecuteTemplate(b, "base.html", p); err != nil {
		return r.templateError(err, j.template+".html", j.path)
	}
	return nil
}

// pageText executes the template name of t, when t defines it, for a
// text such as the page's title: ok is false when t does not define it.
func pageText(t *template.Template, name string, p *Page) (text string, ok bool, err error) {
	if t.Lookup(name) == nil {
		return "", false, nil
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, p); err != nil {
		return "", true, err
	}
	return strings.TrimSpace(html.UnescapeString(b.String())), true, nil
}

// related returns the index of related claims, made on first use: it
// lives as long as the renderer (one build).
func (r *renderer) related() *related.Index {
	r.relOnce.Do(func() { r.rel = related.New(r.d) })
	return r.rel
}
