// Package content reads a dossier folder: settings, sources, claims,
// entities, figures and conflicts, each a Markdown file with YAML front
// matter (content format v2).
//
// It checks everything one file can tell on its own (required fields, types,
// slugs, dates, unknown fields) and keeps the position of every value, so
// that later stages, which check what files say about each other, can still
// report errors at path:line:col. Nothing here knows about other files'
// contents; that is the job of package model, which also owns the model's
// vocabularies: a claim's verdict (checked against dossier.yaml's scale), a
// source's kind and a conflict's kind are read here as text with their
// positions and checked there. An entity's kind, which needs no other
// file, is checked here, with package kind.
package content

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/diag"
	"dossier/internal/kind"
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
	Root      string // the folder's name as the user gave it, for messages
	Settings  Settings
	Intro     *File // index.md: the home page's Markdown intro, if any
	Sources   []*Source
	Claims    []*Claim
	Entities  []*Entity
	Figures   []*Figure   // figures/<key>.md
	Conflicts []*Conflict // conflicts/<id>.md
	// Failed holds the files of sources/, claims/, entities/, figures/ and conflicts/ that are
	// there but could not be read (their errors are reported), by path in
	// the content folder ("claims/x.md"), with their text when it could be
	// read (nil otherwise). Their slugs exist: a reference to one is not an
	// error of its own, only a follow-on of the file's.
	Failed map[string]*File
}

// HasFailed reports whether folder ("sources", "claims", "entities", "figures" or "conflicts") has a
// file for slug that could not be read. A file that was read is in
// Sources, Claims, Entities, Figures or Conflicts.
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
	Published   string // YYYY-MM-DD: when the dossier was published
	Tolerance   float64
	// Verdicts is the rating scale as dossier.yaml gives it, in order; nil
	// when it gives none, and the default scale applies (package model
	// holds it).
	Verdicts []*Verdict
}

// Verdict is one verdict of the scale that dossier.yaml gives.
type Verdict struct {
	Pos     Pos // of the verdict's item in the list
	Name    string
	NamePos Pos
	Label   string
	Rating  *int // nil for a neutral verdict, such as unverified
	Means   string
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
	Kind      string // checked against the source kinds by package model
	KindPos   Pos
	Short     string // a short citation name, e.g. "Newsweek, Aug 10"
}

// Claim is one claim, with the passages of sources that make it.
type Claim struct {
	File       *File
	ID         string
	Title      string
	Verdict    string // checked against the scale by package model
	VerdictPos Pos
	Rationale  string // why the evidence supports the verdict; required with one
	Reviewed   string // YYYY-MM-DD: when the editors reviewed the claim
	Speaker    string
	SpeakerPos Pos
	Date       string
	Tags       []string
	Quotes     []*Quote
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
	Figure    *Value
}

// Value is the figure a quote states: one value of a quantity, exact,
// approximate, a range or an open bound.
type Value struct {
	Pos    Pos
	Key    string
	KeyPos Pos
	// Exactly one of: Value; Min and Max; Min alone (at least); Max alone
	// (at most).
	Value    *float64
	Min      *float64
	Max      *float64
	Approx   bool
	Unit     string // "" when the quote leaves it to the figure's file
	UnitPos  Pos
	AsOf     string // YYYY, YYYY-MM or YYYY-MM-DD: when the value holds
	Words    string // the source's own words for the value, e.g. "roughly 300,000"
	WordsPos Pos
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

// Figure is figures/<key>.md: a quantity, with the editors' note on it
// as its body.
type Figure struct {
	File        *File
	Key         string
	Label       string // what readers see, e.g. "U.S. overdose deaths per year"
	Unit        string
	UnitPos     Pos
	Description string
}

// Conflict is conflicts/<id>.md: a disagreement the editors describe,
// between claims (Sides) or explaining a figure's computed conflict
// (Figure); exactly one of the two is set. The body is the explanation.
type Conflict struct {
	File      *File
	ID        string
	Title     string
	Kind      string // checked against the conflict kinds by package model
	KindPos   Pos
	Sides     [][]Ref
	Figure    string
	FigurePos Pos
}

// Entity is a person, organisation or place.
type Entity struct {
	File        *File
	Slug        string
	Name        string
	NamePos     Pos
	Kind        kind.EntityKind // "" when the one given is not a kind of entity
	Aliases     []string
	AliasPos    []Pos
	Description string
}

// MaxFigure is the largest magnitude a figure's value or bound may have: no
// source states a larger figure, and beyond it float64 no longer holds
// every integer, so intervals would compare wrongly.
const MaxFigure = 1e15

// MinFigure is the smallest magnitude a figure other than 0 may have: no
// source states a smaller one, and near float64's limit (5e-324) the
// arithmetic of axes and ratios loses all precision.
const MinFigure = 1e-12

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
	data []byte // the file's bytes when read with its information (statRead); nil: to read
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
	b := r.data
	if b == nil {
		b, err = fs.ReadFile(r.fsys, name)
		if err != nil {
			r.errs.Add(shown, 0, 0, "cannot be read: %v", err)
			return nil
		}
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
	fs := d.fields(n, "a source", "title", "outlet", "author", "published", "url", "note", "kind", "short")
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
		case "kind":
			s.Kind, _ = d.str(fl)
			s.KindPos = d.pos(fl.value)
		case "short":
			s.Short, _ = d.str(fl)
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
	fs := d.fields(n, "a claim", "title", "verdict", "rationale", "reviewed", "speaker", "date", "tags", "contradicts", "quotes")
	d.require(fs, n, "the claim", "title", "quotes")
	for name, fl := range fs {
		switch name {
		case "title":
			c.Title, _ = d.str(fl)
		case "verdict":
			c.Verdict, _ = d.str(fl)
			c.VerdictPos = d.pos(fl.value)
		case "rationale":
			c.Rationale, _ = d.str(fl)
		case "reviewed":
			c.Reviewed, _ = d.day(fl)
		case "speaker":
			if s, ok := d.slug(fl); ok {
				c.Speaker, c.SpeakerPos = s, d.pos(fl.value)
			}
		case "date":
			c.Date, _ = d.date(fl)
		case "tags":
			c.Tags, _, _ = d.strList(fl)
		case "contradicts":
			d.errorf(fl.pos, "%s", contradictsV1(c.ID, fl.value))
		case "quotes":
			c.Quotes = r.readQuotes(d, fl)
		}
	}
	if _, ok := fs["verdict"]; ok {
		if _, ok := fs["rationale"]; !ok {
			d.errorf(d.pos(fs["verdict"].value), "a claim with a verdict needs \"rationale\": one sentence saying why the evidence supports the verdict")
		}
	}
	return c
}

// contradictsV1 says what to write instead of a claim's "contradicts",
// which content format v2 replaced by conflict files. The file it names
// is the same from either claim of a pair, so that a pair marked on both
// sides gets one file.
func contradictsV1(id string, v *yaml.Node) string {
	var others []string
	if v.Kind == yaml.SequenceNode {
		for _, item := range v.Content {
			if item = resolve(item); item.Kind == yaml.ScalarNode && valid.IsSlug(item.Value) && item.Value != id {
				others = append(others, item.Value)
			}
		}
	} else if v.Kind == yaml.ScalarNode && valid.IsSlug(v.Value) && v.Value != id {
		others = []string{v.Value}
	}
	a, b := []string{id}, others
	if len(others) == 0 {
		b = []string{"other-claim"}
	} else if len(others) == 1 && others[0] < id {
		a, b = b, a
	}
	name := a[0] + "-vs-" + b[0]
	return fmt.Sprintf("\"contradicts\" is content format v1: write the conflict as a file content/conflicts/%s.md with \"title\", \"kind\" (contradiction, tension or discrepancy) and \"sides: [[%s], [%s]]\", then remove this field",
		name, strings.Join(a, ", "), strings.Join(b, ", "))
}

func (r *reader) readQuotes(d *decoder, fl field) []*Quote {
	v := fl.value
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		d.errorf(d.pos(v), "\"quotes\" must be a list of one or more quotes, each with \"source\" and \"text\"")
		return nil
	}
	var out []*Quote
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
				q.Figure = r.readValue(d, f)
			}
		}
		out = append(out, q)
	}
	return out
}

func (r *reader) readValue(d *decoder, fl field) *Value {
	v := fl.value
	if v.Kind != yaml.MappingNode {
		d.errorf(d.pos(v), "\"figure\" must have fields \"key\" and \"value\" (or \"min\" and/or \"max\"), found %s", describe(v))
		return nil
	}
	g := &Value{Pos: d.pos(v)}
	fs := d.fields(v, "a figure", "key", "value", "min", "max", "approx", "unit", "asOf", "words")
	d.require(fs, v, "the figure", "key")
	ok := true
	num := func(f field) *float64 {
		x, good := d.number(f)
		if good && math.Abs(x) > MaxFigure {
			d.errorf(d.pos(f.value), "%q is %v: a source states no figure that large; check the number for a typo, or count the quantity in a larger unit (thousands, millions)", f.key, x)
			good = false
		}
		if good && x != 0 && math.Abs(x) < MinFigure {
			d.errorf(d.pos(f.value), "%q is %v: a source states no figure that small; check the number for a typo, or count the quantity in a smaller unit (thousandths, millionths)", f.key, x)
			good = false
		}
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
			g.KeyPos = d.pos(f.value)
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
		case "asOf":
			g.AsOf, _ = d.date(f)
		case "words":
			g.Words, _ = d.str(f)
			g.WordsPos = d.pos(f.value)
		}
	}
	if !ok {
		return nil
	}
	switch {
	case g.Value != nil && (g.Min != nil || g.Max != nil):
		d.errorf(g.Pos, "a figure has either \"value\" or \"min\" and \"max\", not both")
		return nil
	case g.Value == nil && g.Min == nil && g.Max == nil:
		d.errorf(g.Pos, "the figure needs \"value\", or \"min\" and \"max\" (a range), or \"min\" alone (at least) or \"max\" alone (at most)")
		return nil
	case g.Min != nil && g.Max != nil && *g.Min > *g.Max:
		d.errorf(g.Pos, "the figure's \"min\" (%v) is greater than its \"max\" (%v): swap them", *g.Min, *g.Max)
		return nil
	case g.Value == nil && g.Approx:
		d.errorf(g.Pos, "\"approx\" applies to a single \"value\"; \"min\" and \"max\" already say how far it may be off")
		return nil
	}
	return g
}

func (r *reader) readFigure(f *File) *Figure {
	d, n := r.frontMatter(f)
	g := &Figure{File: f, Key: slugOf(f)}
	if n == nil {
		// The file is there: its errors are reported, and the quotes that
		// use its key must not be told to create it.
		return g
	}
	fs := d.fields(n, "a figure", "label", "unit", "description")
	d.require(fs, n, "the figure", "label", "unit")
	for name, fl := range fs {
		switch name {
		case "label":
			g.Label, _ = d.str(fl)
		case "unit":
			g.Unit, _ = d.str(fl)
			g.UnitPos = d.pos(fl.value)
		case "description":
			g.Description, _ = d.str(fl)
		}
	}
	return g
}

func (r *reader) readConflict(f *File) *Conflict {
	d, n := r.frontMatter(f)
	if n == nil {
		return nil
	}
	c := &Conflict{File: f, ID: slugOf(f)}
	fs := d.fields(n, "a conflict", "title", "kind", "sides", "figure")
	d.require(fs, n, "the conflict", "title", "kind")
	for name, fl := range fs {
		switch name {
		case "title":
			c.Title, _ = d.str(fl)
		case "kind":
			c.Kind, _ = d.str(fl)
			c.KindPos = d.pos(fl.value)
		case "sides":
			c.Sides = d.sides(fl)
		case "figure":
			c.Figure, _ = d.slug(fl)
			c.FigurePos = d.pos(fl.value)
		}
	}
	_, sides := fs["sides"]
	_, figure := fs["figure"]
	switch {
	case sides && figure:
		d.errorf(fs["figure"].pos, "a conflict has either \"sides\" (claims that disagree) or \"figure\" (a figure whose values disagree), not both: keep one")
	case !sides && !figure:
		d.errorf(d.pos(n), "the conflict needs \"sides\", two or more lists of claim ids such as \"sides: [[a], [b, c]]\", or \"figure: <key>\" to explain the conflict of a figure's values")
	}
	return c
}

// sides reads a conflict's sides: two or more lists of claim ids, each
// claim on one side only.
func (d *decoder) sides(f field) [][]Ref {
	v := f.value
	if v.Kind != yaml.SequenceNode {
		d.errorf(d.pos(v), "\"sides\" must be two or more lists of claim ids, e.g. [[a], [b, c]], found %s", describe(v))
		return nil
	}
	var out [][]Ref
	seen := make(map[string]int) // claim id -> its side, 1-based
	for i, side := range v.Content {
		side = resolve(side)
		if side.Kind != yaml.SequenceNode || len(side.Content) == 0 {
			hint := ""
			if side.Kind == yaml.ScalarNode && side.ShortTag() != "!!null" {
				hint = fmt.Sprintf(": write [%s]", side.Value)
			}
			d.errorf(d.pos(side), "each side must be a list of one or more claim ids, e.g. [[a], [b, c]], found %s%s", describe(side), hint)
			continue
		}
		var refs []Ref
		for _, item := range side.Content {
			item = resolve(item)
			id, ok := d.str(field{key: "sides", pos: d.pos(item), value: item})
			if !ok {
				continue
			}
			if !valid.IsSlug(id) {
				d.errorf(d.pos(item), "\"sides\" lists claim ids (lowercase letters, digits and single hyphens: a claim file's name without .md), found %q", id)
				continue
			}
			if prev, dup := seen[id]; dup {
				if prev == i+1 {
					d.errorf(d.pos(item), "claim %q is already on this side: remove it", id)
				} else {
					d.errorf(d.pos(item), "claim %q is already on side %d: a claim stands on one side only", id, prev)
				}
				continue
			}
			seen[id] = i + 1
			refs = append(refs, Ref{ID: id, Pos: d.pos(item)})
		}
		out = append(out, refs)
	}
	if len(v.Content) < 2 {
		d.errorf(d.pos(v), "\"sides\" must have two or more sides, found %d: a conflict is between claims, e.g. [[a], [b, c]]", len(v.Content))
		return nil
	}
	return out
}

func (r *reader) readEntity(f *File) *Entity {
	d, n := r.frontMatter(f)
	if n == nil {
		return nil
	}
	e := &Entity{File: f, Slug: slugOf(f), Kind: kind.Other}
	fs := d.fields(n, "an entity", "name", "kind", "aliases", "description")
	d.require(fs, n, "the entity", "name")
	for name, fl := range fs {
		switch name {
		case "name":
			e.Name, _ = d.str(fl)
			e.NamePos = d.pos(fl.value)
		case "kind":
			e.Kind = d.entityKind(fl)
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
	fs := d.fields(n, "dossier.yaml", "title", "description", "baseURL", "language", "author", "published", "verdicts", "figures")
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
		case "published":
			s.Published, _ = d.day(fl)
		case "verdicts":
			s.Verdicts = d.verdicts(fl)
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

// verdicts reads dossier.yaml's rating scale.
func (d *decoder) verdicts(f field) []*Verdict {
	v := f.value
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		d.errorf(d.pos(v), "\"verdicts\" must be a list of one or more verdicts, each with \"name\", \"label\", \"rating\" (optional) and \"means\"; remove it for the default scale")
		return nil
	}
	var out []*Verdict
	seen := make(map[string]Pos)
	for _, item := range v.Content {
		item = resolve(item)
		if item.Kind != yaml.MappingNode {
			d.errorf(d.pos(item), "each verdict must have fields \"name\", \"label\", \"rating\" (optional) and \"means\", found %s", describe(item))
			continue
		}
		vd := &Verdict{Pos: d.pos(item)}
		fs := d.fields(item, "a verdict", "name", "label", "rating", "means")
		d.require(fs, item, "the verdict", "name", "label", "means")
		good := true
		for name, fl := range fs {
			var ok bool
			switch name {
			case "name":
				vd.Name, ok = d.slug(fl)
				vd.NamePos = d.pos(fl.value)
			case "label":
				vd.Label, ok = d.str(fl)
			case "rating":
				var r int
				r, ok = d.integer(fl)
				vd.Rating = &r
			case "means":
				vd.Means, ok = d.str(fl)
			}
			good = good && ok
		}
		if vd.Name != "" {
			if first, dup := seen[vd.Name]; dup {
				d.errorf(vd.NamePos, "verdict %q is already on line %d: each verdict once", vd.Name, first.Line)
				continue
			}
			seen[vd.Name] = vd.NamePos
		}
		if good && vd.Name != "" && vd.Label != "" && vd.Means != "" {
			out = append(out, vd)
		}
	}
	return out
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
