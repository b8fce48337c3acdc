// Package content reads a dossier folder: settings, sources, claims and
// entities, each a Markdown file with YAML front matter.
//
// It checks everything one file can tell on its own (required fields, types,
// slugs, dates, unknown fields) and keeps the position of every value, so
// that later stages, which check what files say about each other, can still
// report errors at path:line:col. Nothing here knows about other files'
// contents; that is the job of package dossier.
package content

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/diag"
	"dossier/internal/valid"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest file read; larger ones are an error, since no
// article or annotation is that long and reading one could exhaust memory.
const MaxFileSize = 10 << 20

// DefaultTolerance is figures.tolerance when dossier.yaml does not set it.
const DefaultTolerance = 0.10

// Dossier is everything read from a content folder.
type Dossier struct {
	Root     string // the folder's name as the user gave it, for messages
	Settings Settings
	Intro    *File // index.md: the home page's Markdown intro, if any
	Sources  []*Source
	Claims   []*Claim
	Entities []*Entity
	// Failed holds the files of sources/, claims/ and entities/ that are
	// there but could not be read (their errors are reported), by path in
	// the content folder ("claims/x.md"), with their text when it could be
	// read (nil otherwise). Their slugs exist: a reference to one is not an
	// error of its own, only a follow-on of the file's.
	Failed map[string]*File
}

// HasFailed reports whether folder ("sources", "claims" or "entities") has a
// file for slug that could not be read. A file that was read is in
// Sources, Claims or Entities.
func (d *Dossier) HasFailed(folder, slug string) bool {
	_, ok := d.Failed[folder+"/"+slug+".md"]
	return ok
}

// Settings is dossier.yaml.
type Settings struct {
	File        *File // nil when there is no dossier.yaml
	Title       string
	Description string
	BaseURL     string
	Language    string
	Author      string
	Tolerance   float64
}

// Source is one source document.
type Source struct {
	File      *File
	Slug      string
	Title     string
	Outlet    string
	Author    string
	Published string
	URL       string
	Note      string
}

// Claim is one claim, with the passages of sources that make it.
type Claim struct {
	File        *File
	ID          string
	Title       string
	Verdict     string
	Speaker     string
	SpeakerPos  Pos
	Date        string
	Tags        []string
	Contradicts []Ref
	Quotes      []*Quote
	// FailedKeys are the keys of figures given with errors (reported),
	// left out of Quotes: a link to one is not an error of its own.
	FailedKeys []string
}

// Ref names another file by id, where it was named.
type Ref struct {
	ID  string
	Pos Pos
}

// Quote is one passage of a source that makes a claim.
type Quote struct {
	Pos       Pos // of the quote's item in the list
	Source    string
	SourcePos Pos
	Text      string
	TextPos   Pos
	Prefix    string
	Suffix    string
	Figure    *Figure
}

// TextPosAt returns the position in f, the claim's file, of code point i
// of the quote's Text, following the value as it is written there: after
// its opening quote or block indicator, across line breaks and
// indentation. It returns TextPos when the value's writing cannot be
// followed that far (an escape such as \u00e9 stands for what it writes).
func (q *Quote) TextPosAt(f *File, i int) Pos {
	want := []rune(q.Text)
	if i <= 0 || i > len(want) || q.TextPos.Line == 0 {
		return q.TextPos
	}
	const maxSkip = 64 // quote marks, escapes, indentation between two characters
	off := f.Offset(q.TextPos.Line, q.TextPos.Col)
	last := min(i, len(want)-1)
	for k := 0; ; k++ {
		// Find want[k] at off or a little after.
		for skipped := 0; ; skipped++ {
			if off >= len(f.Text) || skipped > maxSkip {
				return q.TextPos
			}
			r, _ := utf8.DecodeRuneInString(f.Text[off:])
			if r == want[k] || unicode.IsSpace(r) && unicode.IsSpace(want[k]) {
				break
			}
			off += utf8.RuneLen(r)
		}
		if k == last {
			break
		}
		r, _ := utf8.DecodeRuneInString(f.Text[off:])
		off += utf8.RuneLen(r)
	}
	if i == len(want) { // just past the last character
		r, _ := utf8.DecodeRuneInString(f.Text[off:])
		off += utf8.RuneLen(r)
	}
	line, col := f.Position(off)
	return Pos{Line: line, Col: col}
}

// Figure is a quantity a quote states.
type Figure struct {
	Pos     Pos
	Key     string
	Value   *float64
	Min     *float64
	Max     *float64
	Unit    string
	UnitPos Pos
	Approx  bool
}

// Entity is a person, organisation or place.
type Entity struct {
	File        *File
	Slug        string
	Name        string
	NamePos     Pos
	Kind        string
	Aliases     []string
	AliasPos    []Pos
	Description string
}

// Verdicts are the allowed values of a claim's verdict.
var Verdicts = []string{"supported", "misleading", "disputed", "false", "unverified"}

// EntityKinds are the allowed values of an entity's kind.
var EntityKinds = []string{"person", "organization", "place", "other"}

// Read reads the dossier in fsys. root is the folder's name as the user gave
// it, used only to print paths ("content/claims/x.md"). All problems are
// returned, sorted; the Dossier holds whatever could be read.
func Read(fsys fs.FS, root string) (*Dossier, diag.List) {
	return NewReader().Read(fsys, root)
}

type reader struct {
	fsys fs.FS
	root string
	errs diag.List
}

func (r *reader) display(name string) string {
	if r.root == "" || r.root == "." {
		return name
	}
	return path.Join(r.root, name)
}

// readFileStat reads and normalises one file whose Stat was already
// taken, or returns nil when it does not exist or cannot be used (the
// reason is reported).
func (r *reader) readFileStat(name string, info fs.FileInfo, err error) *File {
	shown := r.display(name)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := fs.ReadLink(r.fsys, name); lerr == nil {
			r.errs.Add(shown, 0, 0, "is a link that leads outside the content folder or to nothing; it was not followed: replace it with the file itself")
		}
		return nil
	}
	if err != nil {
		r.errs.Add(shown, 0, 0, "cannot be read (%v): a link that leads outside the content folder is not followed; replace it with the file itself", err)
		return nil
	}
	if info.IsDir() {
		r.errs.Add(shown, 0, 0, "is a folder; expected a file")
		return nil
	}
	if info.Size() > MaxFileSize {
		r.errs.Add(shown, 0, 0, "is %d bytes, over the limit of %d MB: split it or shorten it", info.Size(), MaxFileSize>>20)
		return nil
	}
	b, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		r.errs.Add(shown, 0, 0, "cannot be read: %v", err)
		return nil
	}
	text := normalise(b)
	f := newFile(shown, text)
	f.ModTime = info.ModTime()
	if i := firstInvalidUTF8(text); i >= 0 {
		line, col := f.Position(i)
		r.errs.Add(shown, line, col, "is not valid UTF-8 text (byte 0x%02x): save the file as UTF-8", text[i])
		return nil
	}
	return f
}

// listMarkdown returns the paths of the Markdown files directly in folder
// dir, by name. Editors' backup and swap files, hidden files and anything
// not ending in .md are passed over, so that a save in progress never
// becomes a page; but a Markdown file under another ending (x.MD,
// x.markdown) is an error, rather than a page silently missing. A file
// whose name is not a slug is an error too. The path of either under the
// name suggested instead is returned in misnamed: other files' references
// to that slug are not errors of their own.
func (r *reader) listMarkdown(dir string) (paths, misnamed []string) {
	entries, err := fs.ReadDir(r.fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		r.errs.Add(r.display(dir), 0, 0, "cannot be read: %v", err)
		return nil, nil
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if !strings.HasSuffix(name, ".md") {
			if stem, ok := otherMarkdown(name); ok {
				suggested := stem + ".md"
				if !valid.IsSlug(stem) {
					suggested = valid.SuggestSlug(stem) + ".md"
				}
				if i := sort.Search(len(entries), func(i int) bool { return entries[i].Name() >= suggested }); i < len(entries) && entries[i].Name() == suggested {
					r.errs.Add(r.display(dir+"/"+name), 0, 0, "is not read: only files ending in .md are, and %s is read instead; remove it or merge it into %s", suggested, suggested)
					continue
				}
				r.errs.Add(r.display(dir+"/"+name), 0, 0, "is not read: only files ending in .md are; rename it to %s", suggested)
				misnamed = append(misnamed, dir+"/"+suggested)
			}
			continue
		}
		slug := strings.TrimSuffix(name, ".md")
		if !valid.IsSlug(slug) {
			suggested := valid.SuggestSlug(slug) + ".md"
			r.errs.Add(r.display(dir+"/"+name), 0, 0, "the file name %q is not a valid slug: use lowercase letters, digits and single hyphens, e.g. %q", name, suggested)
			misnamed = append(misnamed, dir+"/"+suggested)
			continue
		}
		paths = append(paths, dir+"/"+name)
	}
	return paths, misnamed
}

// otherMarkdown reports whether a file name has an ending that editors
// and other tools give Markdown files, other than .md (.MD, .markdown,
// .mdown...), and returns the name without it.
func otherMarkdown(name string) (stem string, ok bool) {
	ext := path.Ext(name)
	stem = strings.TrimSuffix(name, ext)
	switch strings.ToLower(ext) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn":
		return stem, stem != ""
	}
	return "", false
}

func slugOf(f *File) string { return strings.TrimSuffix(path.Base(f.Path), ".md") }

// frontMatter splits a file into its YAML front matter, parsed, and its
// body. It reports a missing or unclosed front matter block.
func (r *reader) frontMatter(f *File) (*decoder, *yaml.Node) {
	d := &decoder{file: f, lineOffset: 1, errs: &r.errs}
	if !strings.HasPrefix(f.Text, "---\n") && f.Text != "---" {
		d.errorf(Pos{1, 1}, "missing front matter: the file must start with a line \"---\", then fields such as \"title: ...\", then a line \"---\"")
		return nil, nil
	}
	rest := "" // after the opening line; a file of "---" alone has nothing
	if len(f.Text) > 4 {
		rest = f.Text[4:]
	}
	end := -1
	var closeLen int
	switch {
	case strings.HasPrefix(rest, "---\n") || rest == "---":
		end, closeLen = 0, 3
	default:
		if i := strings.Index(rest, "\n---\n"); i >= 0 {
			end, closeLen = i+1, 4
		} else if strings.HasSuffix(rest, "\n---") {
			end, closeLen = len(rest)-3, 3
		}
	}
	if end < 0 {
		d.errorf(Pos{1, 1}, "front matter is not closed: add a line \"---\" after its last field")
		return nil, nil
	}
	yamlText := rest[:end]
	f.BodyOffset = 4 + end + closeLen
	if f.BodyOffset > len(f.Text) {
		f.BodyOffset = len(f.Text)
	}
	f.Body = f.Text[f.BodyOffset:]
	node := d.parse(yamlText, Pos{1, 1})
	return d, node
}

func (r *reader) readSource(f *File) *Source {
	d, n := r.frontMatter(f)
	if n == nil {
		return nil
	}
	s := &Source{File: f, Slug: slugOf(f)}
	fs := d.fields(n, "a source", "title", "outlet", "author", "published", "url", "note")
	d.require(fs, n, "the source", "title")
	for name, fl := range fs {
		switch name {
		case "title":
			s.Title, _ = d.str(fl)
		case "outlet":
			s.Outlet, _ = d.str(fl)
		case "author":
			s.Author, _ = d.str(fl)
		case "published":
			s.Published, _ = d.date(fl)
		case "url":
			s.URL, _ = d.webURL(fl)
		case "note":
			s.Note, _ = d.str(fl)
		}
	}
	return s
}

func (r *reader) readClaim(f *File) *Claim {
	d, n := r.frontMatter(f)
	if n == nil {
		return nil
	}
	c := &Claim{File: f, ID: slugOf(f)}
	fs := d.fields(n, "a claim", "title", "verdict", "speaker", "date", "tags", "contradicts", "quotes")
	d.require(fs, n, "the claim", "title", "quotes")
	for name, fl := range fs {
		switch name {
		case "title":
			c.Title, _ = d.str(fl)
		case "verdict":
			c.Verdict, _ = d.oneOf(fl, Verdicts...)
		case "speaker":
			if s, ok := d.slug(fl); ok {
				c.Speaker, c.SpeakerPos = s, d.pos(fl.value)
			}
		case "date":
			c.Date, _ = d.date(fl)
		case "tags":
			c.Tags, _, _ = d.strList(fl)
		case "contradicts":
			ids, pos, _ := d.strList(fl)
			for i, id := range ids {
				if !valid.IsSlug(id) {
					d.errorf(pos[i], "\"contradicts\" must list claim ids (lowercase letters, digits and single hyphens), found %q", id)
					continue
				}
				c.Contradicts = append(c.Contradicts, Ref{ID: id, Pos: pos[i]})
			}
		case "quotes":
			c.Quotes, c.FailedKeys = r.readQuotes(d, fl)
		}
	}
	return c
}

// readQuotes reads a claim's quotes, and the keys of the figures among
// them that have errors.
func (r *reader) readQuotes(d *decoder, fl field) ([]*Quote, []string) {
	v := fl.value
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		d.errorf(d.pos(v), "\"quotes\" must be a list of one or more quotes, each with \"source\" and \"text\"")
		return nil, nil
	}
	var out []*Quote
	var failedKeys []string
	for _, item := range v.Content {
		item = resolve(item)
		if item.Kind != yaml.MappingNode {
			d.errorf(d.pos(item), "each quote must have fields \"source\" and \"text\", found %s", describe(item))
			continue
		}
		q := &Quote{Pos: d.pos(item)}
		fs := d.fields(item, "a quote", "source", "text", "prefix", "suffix", "figure")
		d.require(fs, item, "the quote", "source", "text")
		for name, f := range fs {
			switch name {
			case "source":
				if s, ok := d.slug(f); ok {
					q.Source, q.SourcePos = s, d.pos(f.value)
				}
			case "text":
				q.Text, _ = d.str(f)
				q.TextPos = d.pos(f.value)
			case "prefix":
				q.Prefix, _ = d.str(f)
			case "suffix":
				q.Suffix, _ = d.str(f)
			case "figure":
				q.Figure = r.readFigure(d, f)
				if q.Figure == nil || q.Figure.Key == "" {
					if k := figureKey(f.value); k != "" {
						failedKeys = append(failedKeys, k)
					}
				}
			}
		}
		out = append(out, q)
	}
	return out, failedKeys
}

// figureKey returns the key a figure's fields give, as written, or "".
func figureKey(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := resolve(n.Content[i]), resolve(n.Content[i+1]); k.Value == "key" && v.Kind == yaml.ScalarNode {
			return strings.TrimSpace(v.Value)
		}
	}
	return ""
}

func (r *reader) readFigure(d *decoder, fl field) *Figure {
	v := fl.value
	if v.Kind != yaml.MappingNode {
		d.errorf(d.pos(v), "\"figure\" must have fields \"key\", \"value\" (or \"min\" and \"max\") and \"unit\", found %s", describe(v))
		return nil
	}
	g := &Figure{Pos: d.pos(v)}
	fs := d.fields(v, "a figure", "key", "value", "min", "max", "unit", "approx")
	d.require(fs, v, "the figure", "key", "unit")
	ok := true
	num := func(f field) *float64 {
		x, good := d.number(f)
		if !good {
			ok = false
			return nil
		}
		return &x
	}
	for name, f := range fs {
		switch name {
		case "key":
			g.Key, _ = d.slug(f)
		case "value":
			g.Value = num(f)
		case "min":
			g.Min = num(f)
		case "max":
			g.Max = num(f)
		case "unit":
			g.Unit, _ = d.str(f)
			g.UnitPos = d.pos(f.value)
		case "approx":
			g.Approx, _ = d.boolean(f)
		}
	}
	if !ok {
		return nil
	}
	switch {
	case g.Value != nil && (g.Min != nil || g.Max != nil):
		d.errorf(g.Pos, "a figure has either \"value\" or \"min\" and \"max\", not both")
		return nil
	case g.Value == nil && (g.Min == nil || g.Max == nil):
		d.errorf(g.Pos, "the figure needs \"value\", or both \"min\" and \"max\"")
		return nil
	case g.Min != nil && *g.Min > *g.Max:
		d.errorf(g.Pos, "the figure's \"min\" (%v) is greater than its \"max\" (%v): swap them", *g.Min, *g.Max)
		return nil
	case g.Min != nil && g.Approx:
		d.errorf(g.Pos, "\"approx\" applies to a single \"value\"; a range with \"min\" and \"max\" already says how far it may be off")
		return nil
	}
	return g
}

func (r *reader) readEntity(f *File) *Entity {
	d, n := r.frontMatter(f)
	if n == nil {
		return nil
	}
	e := &Entity{File: f, Slug: slugOf(f), Kind: "other"}
	fs := d.fields(n, "an entity", "name", "kind", "aliases", "description")
	d.require(fs, n, "the entity", "name")
	for name, fl := range fs {
		switch name {
		case "name":
			e.Name, _ = d.str(fl)
			e.NamePos = d.pos(fl.value)
		case "kind":
			e.Kind, _ = d.oneOf(fl, EntityKinds...)
		case "aliases":
			e.Aliases, e.AliasPos, _ = d.strList(fl)
		case "description":
			e.Description, _ = d.str(fl)
		}
	}
	return e
}

// readSettingsStat reads dossier.yaml into s; it reports whether the file
// was there to read.
func (r *reader) readSettingsStat(s *Settings, info fs.FileInfo, statErr error) bool {
	f := r.readFileStat("dossier.yaml", info, statErr)
	if f == nil {
		return false
	}
	s.File = f
	d := &decoder{file: f, errs: &r.errs}
	n := d.parse(f.Text, Pos{1, 1})
	if n == nil {
		return true
	}
	fs := d.fields(n, "dossier.yaml", "title", "description", "baseURL", "language", "author", "figures")
	for name, fl := range fs {
		switch name {
		case "title":
			s.Title, _ = d.str(fl)
		case "description":
			s.Description, _ = d.str(fl)
		case "baseURL":
			s.BaseURL, _ = d.baseURL(fl)
		case "language":
			s.Language, _ = d.str(fl)
		case "author":
			s.Author, _ = d.str(fl)
		case "figures":
			if fl.value.Kind != yaml.MappingNode {
				d.errorf(d.pos(fl.value), "\"figures\" must have fields, e.g. \"tolerance: 0.1\", found %s", describe(fl.value))
				continue
			}
			for _, g := range d.fields(fl.value, "figures", "tolerance") {
				if t, ok := d.number(g); ok {
					if t < 0 || t >= 1 {
						d.errorf(d.pos(g.value), "\"tolerance\" must be at least 0 and below 1 (0.1 means 10%%), found %v", t)
						continue
					}
					s.Tolerance = t
				}
			}
		}
	}
	return true
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
