package render

import (
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"dossier/internal/typo"
)

// TemplateError is a template that does not parse, or that fails on a page.
// It names the template file and the position in it, so that a build can
// report one error per position however many pages fail there.
type TemplateError struct {
	Template string // the file under templates/, e.g. "claim.html" or "partials/claim-item.html"
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based, in characters; 0 when unknown
	Source   string // the text of the line, when known
	Msg      string // what is wrong, without the position
	Page     string // the output file being rendered, e.g. "claims/x/index.html"; "" for a parse error
}

func (e *TemplateError) Error() string {
	var b strings.Builder
	b.WriteString("templates/" + e.Template)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": " + e.Msg)
	if e.Page != "" {
		b.WriteString(" (rendering " + e.Page + ")")
	}
	return b.String()
}

// templateErrRE splits the messages of text/template and html/template into
// the template's name, line, column and the rest.
var (
	templateErrRE = regexp.MustCompile(`^(?:template: |html/template:)([^:\s]+):(\d+)(?::(\d+))?: (?s:(.*))$`)
	templateNoPos = regexp.MustCompile(`^(?:template: |html/template:)([^:\s]+): (?s:(.*))$`)
	executingRE   = regexp.MustCompile(`^executing "[^"]*" at <(.*?)>: `)
	// parseQuoteRE finds what a parse error quotes from the line.
	parseQuoteRE = regexp.MustCompile(`^(?:function "([^"]+)" not defined|bad character U\+[0-9A-F]+ '(.)')`)
)

// templateLines returns the lines of a template file, read once: when a
// template fails, it fails on thousands of pages.
func (r *renderer) templateLines(name string) []string {
	if v, ok := r.lines.Load(name); ok {
		return v.([]string)
	}
	var lines []string
	if r.tfs != nil {
		if b, err := fs.ReadFile(r.tfs, name); err == nil {
			lines = strings.Split(string(b), "\n")
		}
	}
	v, _ := r.lines.LoadOrStore(name, lines)
	return v.([]string)
}

// templateError turns an error of package template into a TemplateError.
// name is the file being parsed or executed, for errors that name no
// position; the renderer's templates show the offending line and count
// its column in characters.
func (r *renderer) templateError(err error, name, page string) *TemplateError {
	msg := err.Error()
	te := &TemplateError{Template: name, Page: page}
	byteCol := -1
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		te.Template = m[1]
		te.Line, _ = strconv.Atoi(m[2])
		if m[3] != "" {
			byteCol, _ = strconv.Atoi(m[3]) // 0-based, in bytes
		}
		msg = m[4]
	} else if m := templateNoPos.FindStringSubmatch(msg); m != nil {
		te.Template, msg = m[1], m[2]
	}
	msg = executingRE.ReplaceAllString(msg, "")
	if hint := templateHint(msg); hint != "" {
		msg += ": " + hint
	}
	te.Msg = msg
	if lines := r.templateLines(te.Template); te.Line > 0 && te.Line <= len(lines) {
		te.Source = strings.TrimRight(lines[te.Line-1], "\r")
	}
	if byteCol < 0 && te.Source != "" {
		// Parse errors name the line only: point at what they quote when
		// it occurs once on the line.
		if m := parseQuoteRE.FindStringSubmatch(msg); m != nil {
			q := m[1] + m[2]
			if strings.Count(te.Source, q) == 1 {
				byteCol = strings.Index(te.Source, q)
			}
		}
	}
	switch {
	case byteCol < 0:
		// The column is not known: the line's start, without a caret.
		if te.Line > 0 {
			te.Col = 1
			te.Source = ""
		}
	case te.Source != "" && byteCol <= len(te.Source):
		te.Col = utf8.RuneCountInString(te.Source[:byteCol]) + 1
	default:
		te.Col = byteCol + 1
	}
	return te
}

var (
	fieldErrRE = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)
	funcErrRE  = regexp.MustCompile(`function "(\w+)" not defined`)
)

// builtins are text/template's own functions.
var builtins = []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"}

// templateHint suggests what a misspelt field or function was meant to be.
func templateHint(msg string) string {
	if strings.HasPrefix(msg, "bad character U+007D '}'") {
		return "an action ends with }}"
	}
	if m := fieldErrRE.FindStringSubmatch(msg); m != nil {
		names := memberNames()[m[2]]
		if elem, ok := strings.CutPrefix(m[2], "*"); ok {
			names = append(append([]string(nil), names...), memberNames()[elem]...)
		}
		if len(names) > 0 {
			if best, ok := typo.Best(m[1], names); ok {
				return "did you mean ." + best + "?"
			}
		}
		return ""
	}
	if m := funcErrRE.FindStringSubmatch(msg); m != nil {
		names := append([]string(nil), builtins...)
		for name := range funcs {
			names = append(names, name)
		}
		if best, ok := typo.Best(m[1], names); ok {
			return "did you mean " + best + "?"
		}
	}
	return ""
}

var (
	membersOnce sync.Once
	members     map[string][]string
)

// memberNames maps each type a template can reach from a Page, as
// package template prints it ("*dossier.Claim"), to its exported fields
// and methods.
func memberNames() map[string][]string {
	membersOnce.Do(func() { members = walkMembers(reflect.TypeOf(&Page{})) })
	return members
}

func walkMembers(root reflect.Type) map[string][]string {
	out := map[string][]string{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if _, seen := out[t.String()]; seen {
			return
		}
		var names []string
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			names = append(names, m.Name)
		}
		out[t.String()] = names
		for i := 0; i < t.NumMethod(); i++ {
			mt := t.Method(i).Type
			for j := 0; j < mt.NumOut(); j++ {
				walk(mt.Out(j))
			}
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(t.Elem())
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				if !f.IsExported() {
					continue
				}
				out[t.String()] = append(out[t.String()], f.Name)
				walk(f.Type)
			}
		}
	}
	walk(root)
	return out
}

// partialsGlob is where partial templates live: every file it matches is
// parsed, so a dossier may add partials of its own.
const partialsGlob = "partials/*.html"

// TemplateNames returns the names of the templates a theme is made of:
// base.html, one file per page type, and the partials of theme.
func TemplateNames(theme fs.FS) []string {
	names := []string{"base.html"}
	for _, t := range pageTemplates {
		names = append(names, t+".html")
	}
	if theme != nil {
		partials, _ := fs.Glob(theme, partialsGlob)
		names = append(names, partials...)
	}
	sort.Strings(names)
	return names
}

// UnknownTemplates lists the files of a dossier's own templates folder own
// that no page uses: a misspelt name would otherwise be passed over in
// silence and the default template used instead. theme is the default
// theme's templates, whose partials may be overridden; own partials
// (partials/NAME.html) are always welcome. ignore says which files are
// editors' temporary files, to pass over.
func UnknownTemplates(own, theme fs.FS, ignore func(name string) bool) []*TemplateError {
	if own == nil {
		return nil
	}
	known := TemplateNames(theme)
	isKnown := map[string]bool{}
	for _, n := range known {
		isKnown[n] = true
	}
	var out []*TemplateError
	_ = fs.WalkDir(own, ".", func(p string, e fs.DirEntry, err error) error {
		if p == "." {
			return err
		}
		if ignore != nil && ignore(path.Base(p)) {
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if err != nil {
			out = append(out, &TemplateError{Template: p, Msg: fmt.Sprintf("cannot be read: %v", err)})
			return nil
		}
		if e.IsDir() {
			return nil
		}
		if ok, _ := path.Match(partialsGlob, p); ok || isKnown[p] {
			return nil
		}
		var msg string
		if dir := path.Dir(p); dir != "." && dir != "partials" {
			msg = "is in a folder dossier reads no templates from (only templates/ and templates/partials/), so it would be ignored: move it"
		} else {
			msg = "is not a template dossier uses, so it would be ignored"
			var same []string // the names in its folder
			for _, n := range known {
				if path.Dir(n) == dir {
					same = append(same, n)
				}
			}
			if best, ok := typo.Best(p, same); ok {
				msg += fmt.Sprintf(" (did you mean %s?)", best)
			}
			msg += ": rename it"
		}
		msg += " to one of " + strings.Join(typo.ByDistance(p, known), ", ") + ", or to partials/NAME.html for a partial of your own; or remove it"
		out = append(out, &TemplateError{Template: p, Msg: msg})
		return nil
	})
	return out
}

// Collision is a static file that would take the place of a file the site
// generates.
type Collision struct {
	Static    string // the file's path under static/, e.g. "dossier.json"
	Generated string // the generated path, e.g. "/dossier.json" or "/claims/"
	What      string // what the generated file is, e.g. "the dossier as data"
}

// CollisionError lists every static file that collides with a generated one.
type CollisionError []Collision

func (e CollisionError) Error() string {
	var b strings.Builder
	for i, c := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "static/%s would replace the generated %s (%s)", c.Static, c.Generated, c.What)
	}
	return b.String()
}

// dataFiles describes the files the site makes from the dossier that are
// not pages.
var dataFiles = map[string]string{
	"dossier.json":       "the dossier as data",
	"search-index.js":    "the search index",
	"robots.txt":         "the rules for search engines",
	"annotations.jsonld": "the quotes as Web Annotations",
	"feed.xml":           "the Atom feed of claims",
	"sitemap.xml":        "the sitemap",
	"chroma.css":         "the stylesheet of highlighted code",
}

// describe says what a generated file is, for messages.
func (j job) describe() string {
	if j.page == nil {
		if d, ok := dataFiles[j.path]; ok {
			return d
		}
		return "a generated file"
	}
	p := j.page
	switch j.template {
	case "home":
		return "the home page"
	case "source":
		return "the page of source " + p.source.Slug
	case "claim":
		return "the page of claim " + p.claim.ID
	case "figure":
		return "the page of figure " + p.figure.Key
	case "entity":
		return "the page of entity " + p.entity.Slug
	case "notfound":
		return "the page shown for a missing address"
	case "sources", "claims", "figures", "entities":
		return "the list of " + j.template
	}
	return "the " + j.template + " page"
}
