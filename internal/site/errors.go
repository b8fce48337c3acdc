package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	theme "dossier"
	"dossier/internal/diag"
	"dossier/internal/render"
)

// ownTheme is the dossier's own templates/ and static/ folders, to report
// errors in them under the paths the user knows.
type ownTheme struct {
	name      string // the content folder as the user named it
	templates fs.FS  // nil when the dossier has none
	static    fs.FS  // nil when the dossier has none
}

func (b *Builder) ownTheme() ownTheme {
	t := ownTheme{name: b.opts.Name}
	if b.opts.Content == nil {
		return t
	}
	if isDir(b.opts.Content, "templates") {
		t.templates, _ = fs.Sub(b.opts.Content, "templates")
	}
	if isDir(b.opts.Content, "static") {
		t.static, _ = fs.Sub(b.opts.Content, "static")
	}
	return t
}

func isDir(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	return err == nil && info.IsDir()
}

// display is a path in the content folder as the user knows it, e.g.
// "content/templates/claim.html".
func (t ownTheme) display(name string) string {
	if t.name == "" || t.name == "." {
		return name
	}
	return path.Join(t.name, name)
}

func (t ownTheme) has(fsys fs.FS, name string) bool {
	if fsys == nil {
		return false
	}
	info, err := fs.Stat(fsys, name)
	return err == nil && !info.IsDir()
}

// unknownTemplates reports the files of the dossier's templates/ that no
// page uses.
func (t ownTheme) unknownTemplates() diag.List {
	var out diag.List
	for _, te := range render.UnknownTemplates(t.templates, theme.Templates(), ignored) {
		out = append(out, diag.Error{Path: t.display("templates/" + te.Template), Msg: te.Msg})
	}
	return out
}

// ignored reports whether a file name is an editor's temporary or backup
// file, or a hidden file, which a dossier's folders may hold.
func ignored(name string) bool {
	switch {
	case name == "4913", // vim's test of whether it may write in the folder
		strings.HasPrefix(name, "."), // .#x (emacs locks), .x.swp, .DS_Store
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".part"),
		strings.HasSuffix(name, ".crswap"):
		return true
	}
	return false
}

// explain turns the errors of preparing or rendering a site into the
// build's errors, when they are all about templates and static files: a
// template that fails on many pages is one error at its place, with the
// number of pages; a static file that would replace a generated file is
// one error at the static file. ok is false when err holds other errors,
// which are then the build's own.
func (t ownTheme) explain(err error) (list diag.List, ok bool) {
	type place struct {
		path      string
		line, col int
	}
	type group struct {
		err   diag.Error
		pages []string
		msgs  map[string]bool
	}
	groups := map[place]*group{}
	var pageErrs []*render.TemplateError
	for _, e := range flatten(err) {
		var te *render.TemplateError
		var ce render.CollisionError
		switch {
		case errors.As(e, &te):
			if te.Page != "" {
				pageErrs = append(pageErrs, te)
				continue
			}
			list = append(list, t.templateError(te))
		case errors.As(e, &ce):
			for _, c := range ce {
				if !t.has(t.static, c.Static) {
					return nil, false // the default theme's own mistake
				}
				list.Add(t.display("static/"+c.Static), 0, 0, "would replace the generated %s (%s): rename or remove it", c.Generated, c.What)
			}
		default:
			return nil, false
		}
	}
	// The pages in order, so that the message kept is the first page's.
	sort.Slice(pageErrs, func(i, j int) bool { return pageErrs[i].Page < pageErrs[j].Page })
	for _, te := range pageErrs {
		d := t.templateError(te)
		k := place{d.Path, d.Line, d.Col}
		g := groups[k]
		if g == nil {
			g = &group{err: d, msgs: map[string]bool{}}
			groups[k] = g
		}
		g.pages = append(g.pages, pageURL(te.Page))
		g.msgs[te.Msg] = true
	}
	for _, g := range groups {
		e := g.err
		switch n := len(g.pages); {
		case len(g.msgs) > 1:
			e.Msg = fmt.Sprintf("%s (on %s; %d pages in all)", e.Msg, g.pages[0], n)
		case n == 1:
			e.Msg = fmt.Sprintf("%s (1 page: %s)", e.Msg, g.pages[0])
		case n <= 3:
			e.Msg = fmt.Sprintf("%s (%d pages: %s)", e.Msg, n, strings.Join(g.pages, ", "))
		default:
			e.Msg = fmt.Sprintf("%s (%d pages)", e.Msg, n)
		}
		list = append(list, e)
	}
	if len(list) == 0 {
		return nil, false
	}
	return list.Sort(), true
}

// templateError is a template error as a build error: at the dossier's own
// file when the template is one of its own, else at the default theme's.
func (t ownTheme) templateError(te *render.TemplateError) diag.Error {
	e := diag.Error{Line: te.Line, Col: te.Col, Source: te.Source, Msg: te.Msg}
	if t.has(t.templates, te.Template) {
		e.Path = t.display("templates/" + te.Template)
	} else {
		e.Path = "templates/" + te.Template
		e.Msg += " (in the default theme's template)"
	}
	return e
}

// flatten lists the errors joined in err.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// pageURL is the address of an output file within the site: "/claims/x/"
// for "claims/x/index.html".
func pageURL(p string) string {
	if p == "index.html" {
		return "/"
	}
	return "/" + strings.TrimSuffix(p, "index.html")
}
