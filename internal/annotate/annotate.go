// Package annotate writes claims from a passage an editor selected on a
// source page of the preview: a new claim file, or one more quote at the
// end of an existing claim's list.
//
// It is safe by design. It writes only claims/<id>.md and, for a figure
// key that has no file yet, figures/<key>.md, inside the content folder
// (through an os.Root, so no name can lead out of it); it never replaces
// a file it creates (an existing id is refused) and, adding a quote,
// keeps every other byte of the claim's file. Before anything is written,
// the would-be file is read and modelled with the build's own code,
// together with the rest of the dossier, and refused on any error, naming
// the request's field; after it is written, it is read back from the disk
// and must anchor exactly the passage selected, else the write is undone.
//
// Positions are Unicode code points of the source's plain text (the text
// quotes are anchored in, as dossier.json's start and end), End exclusive.
package annotate

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"dossier/internal/anchor"
	"dossier/internal/content"
	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
	"dossier/internal/valid"
)

// Selection is a passage of a source: Exact is what the page shows at
// [Start, End), which must be what the source's plain text holds there.
type Selection struct {
	Source string `json:"source"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Exact  string `json:"exact"`
}

// Claim is the fields of a new claim.
type Claim struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Verdict   string   `json:"verdict"`
	Rationale string   `json:"rationale"`
	Speaker   string   `json:"speaker"`
	Date      string   `json:"date"`
	Tags      []string `json:"tags"`
}

// Figure is the value a quote gives for a quantity. Label, with Unit,
// describes a key that has no figure file yet: the file is created with
// them, and the quote then leaves the unit to it.
type Figure struct {
	Key    string   `json:"key"`
	Value  *float64 `json:"value"`
	Min    *float64 `json:"min"`
	Max    *float64 `json:"max"`
	Approx bool     `json:"approx"`
	Unit   string   `json:"unit"`
	AsOf   string   `json:"asOf"`
	Words  string   `json:"words"`
	Label  string   `json:"label"`
}

// Quote is a quote as written to a claim file, and where it anchors.
type Quote struct {
	N      int    `json:"n"` // its number in the claim, from 1
	Source string `json:"source"`
	Text   string `json:"text"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Result is what a request wrote.
type Result struct {
	ID     string   `json:"id"`
	Path   string   `json:"path"`             // the claim file, e.g. "content/claims/x.md"
	Figure string   `json:"figure,omitempty"` // the figure file created, if any
	Quote  Quote    `json:"quote"`
	Files  []string `json:"-"`
}

// Error is a refused request: Status is the HTTP status that says why,
// Field the request's field to correct ("" when none is to blame).
type Error struct {
	Status int
	Field  string
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

func refuse(status int, field, format string, args ...any) *Error {
	return &Error{Status: status, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Annotator writes claims into one content folder. Its methods may be
// called concurrently; writes are made one at a time.
type Annotator struct {
	dir  string // the content folder on disk
	name string // as the user named it, for paths in messages
	md   *markdown.Markdown
	mu   sync.Mutex
	// The build's reader and model cache, kept between requests: files
	// whose size and time did not change are not read again, bodies whose
	// text did not change are not analysed again.
	reader *content.Reader
	cache  *model.Cache
	// afterWrite, when set, runs between the write and the read back:
	// tests change the files there, as another program could.
	afterWrite func()
}

// New returns an Annotator for the content folder dir, named name in
// messages.
func New(dir, name string) *Annotator {
	if name == "" {
		name = dir
	}
	return &Annotator{dir: dir, name: name, md: markdown.New(), reader: content.NewReader(), cache: model.NewCache()}
}

// CreateClaim writes a new claim, claims/<c.ID>.md, quoting sel.
func (a *Annotator) CreateClaim(sel Selection, c Claim, fig *Figure) (*Result, error) {
	// A title or rationale is one sentence on one line: a line break
	// pasted into the form's field is a space, as the page shows it.
	c.Title, c.Rationale = oneSpace(c.Title), oneSpace(c.Rationale)
	c.Tags = cleanTags(c.Tags)
	if err := checkID(c.ID, "id"); err != nil {
		return nil, err
	}
	switch {
	case c.Title == "":
		return nil, refuse(http.StatusBadRequest, "title", "the claim needs a title: the proposition, in one sentence, in the editors' words")
	case c.Verdict != "" && c.Rationale == "":
		return nil, refuse(http.StatusBadRequest, "rationale", "a claim with a verdict needs a rationale: one sentence saying why the evidence supports the verdict")
	}
	if c.Speaker != "" {
		if err := valid.Slug(c.Speaker); err != nil {
			return nil, refuse(http.StatusBadRequest, "speaker", "\"speaker\" %v", err)
		}
	}
	if err := checkSelection(sel); err != nil {
		return nil, err
	}
	if err := checkFigure(fig); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	root, err := a.openContent()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	file := "claims/" + c.ID + ".md"
	if _, err := root.Lstat(file); err == nil {
		return nil, refuse(http.StatusConflict, "id", "a claim %q exists already (%s): choose another id, or add the passage to it", c.ID, a.show(file))
	}
	_, plan, err := a.plan(root, sel, fig)
	if err != nil {
		return nil, err
	}
	text := claimLines(c, plan.quote, fig)
	w := &write{path: file, text: []byte(join(text, "\n")), lines: text, first: 1, create: true}
	return a.commit(root, c.ID, 1, plan, w)
}

// openContent opens the content folder, as a root nothing is written
// outside of.
func (a *Annotator) openContent() (*os.Root, error) {
	root, err := os.OpenRoot(a.dir)
	if err != nil {
		return nil, refuse(http.StatusInternalServerError, "", "cannot open the content folder %s: %v", a.name, err)
	}
	return root, nil
}

// AddQuote adds a quote of sel to the end of the quotes of the claim id.
func (a *Annotator) AddQuote(id string, sel Selection, fig *Figure) (*Result, error) {
	if err := checkID(id, "id"); err != nil {
		return nil, err
	}
	if err := checkSelection(sel); err != nil {
		return nil, err
	}
	if err := checkFigure(fig); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	root, err := a.openContent()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	file := "claims/" + id + ".md"
	info, err := root.Lstat(file)
	if err != nil {
		return nil, refuse(http.StatusNotFound, "id", "there is no claim %q (%s)", id, a.show(file))
	}
	if !info.Mode().IsRegular() {
		return nil, refuse(http.StatusConflict, "id", "%s is not a regular file: add the quote by hand", a.show(file))
	}
	old, err := root.ReadFile(file)
	if err != nil {
		return nil, refuse(http.StatusInternalServerError, "", "cannot read %s: %v", a.show(file), err)
	}
	d, plan, err := a.plan(root, sel, fig)
	if err != nil {
		return nil, err
	}
	if c := d.Claim(id); c != nil {
		for _, q := range c.Quotes {
			if q.Source != nil && q.Source.Slug == sel.Source && q.Start == sel.Start && q.End == sel.End {
				return nil, refuse(http.StatusConflict, "exact", "claim %q quotes this passage already (quote %d)", id, q.N)
			}
		}
	}
	ap, err := appendQuote(old, plan.quote, fig)
	if err != nil {
		return nil, refuse(http.StatusConflict, "id", "cannot add a quote to %s: %v", a.show(file), err)
	}
	w := &write{path: file, text: ap.text, old: old, lines: ap.lines, first: ap.first}
	return a.commit(root, id, ap.n, plan, w)
}

// plan is what a request will write besides the claim: the quote, and the
// figure file when the key has none.
type plan struct {
	quote  Quote
	figure *write // nil when the figure key has its file
}

// write is one file to write: created (it must not exist) or replacing
// old.
type write struct {
	path   string
	text   []byte
	old    []byte
	create bool
	lines  []line // the lines the request wrote, from line first
	first  int
}

// plan checks the selection against the source's plain text as the
// dossier on disk has it now, and works out the quote: its prefix and
// suffix when the passage occurs more than once.
func (a *Annotator) plan(root *os.Root, sel Selection, fig *Figure) (*model.Dossier, *plan, error) {
	d, _ := a.model(content.RootFS(root), nil)
	src := d.Source(sel.Source)
	if src == nil {
		return nil, nil, refuse(http.StatusNotFound, "source", "there is no source %q in %s, or it has errors", sel.Source, a.name)
	}
	n := utf8.RuneCountInString(src.Plain)
	// A script that counted positions in another unit (bytes, UTF-16)
	// or in the page's text (note numbers and all) sends positions that
	// miss a passage the text holds: the errors say where it is.
	elsewhere := ""
	if i := strings.Index(src.Plain, sel.Exact); i >= 0 {
		at := utf8.RuneCountInString(src.Plain[:i])
		elsewhere = fmt.Sprintf("; %q is at %d–%d (positions count Unicode code points of the source's plain text)", clip(sel.Exact), at, at+utf8.RuneCountInString(sel.Exact))
	}
	if sel.End > n {
		return nil, nil, refuse(http.StatusBadRequest, "end", "end %d is past the end of the text of source %q (%d characters)%s", sel.End, sel.Source, n, elsewhere)
	}
	runes := []rune(src.Plain)
	if got := string(runes[sel.Start:sel.End]); got != sel.Exact && elsewhere != "" {
		return nil, nil, refuse(http.StatusConflict, "start", "at %d–%d the source %q reads %q, not %q%s; reload the page and select the passage again", sel.Start, sel.End, sel.Source, clip(got), clip(sel.Exact), elsewhere)
	} else if got != sel.Exact {
		return nil, nil, refuse(http.StatusConflict, "exact", "the source %q has changed since the page was loaded: at %d–%d it now reads %q, not %q; reload the page and select the passage again", sel.Source, sel.Start, sel.End, clip(got), clip(sel.Exact))
	}
	if inside(runes, sel.Start) || inside(runes, sel.End) {
		return nil, nil, refuse(http.StatusBadRequest, "exact", "the passage %q starts or ends inside a character the page shows as one (a letter and its accent, an emoji or a flag of several code points): select whole characters", clip(sel.Exact))
	}
	q := Quote{Source: sel.Source, Text: sel.Exact, Start: sel.Start, End: sel.End}
	prefix, suffix, ok := disambiguate(anchor.NewText(src.Plain), runes, sel.Start, sel.End)
	if !ok {
		return nil, nil, refuse(http.StatusConflict, "exact", "the passage cannot be told apart from its other occurrences in source %q: select a longer one", sel.Source)
	}
	q.Prefix, q.Suffix = prefix, suffix
	p := &plan{quote: q}
	if fig != nil && d.Figure(fig.Key) == nil {
		file := "figures/" + fig.Key + ".md"
		if _, err := root.Lstat(file); err == nil {
			return nil, nil, refuse(http.StatusConflict, "figure.key", "%s has errors: fix it first", a.show(file))
		}
		if strings.TrimSpace(fig.Label) == "" || strings.TrimSpace(fig.Unit) == "" {
			return nil, nil, refuse(http.StatusBadRequest, "figure.label", "figure %q is new: give its label (what readers see) and its unit (what the values count), to create %s", fig.Key, a.show(file))
		}
		fig.Label, fig.Unit = oneSpace(fig.Label), oneSpace(fig.Unit)
		lines := figureText(fig)
		p.figure = &write{path: file, text: []byte(join(lines, "\n")), create: true, lines: lines, first: 1}
	} else if fig != nil {
		fig.Label = "" // the key has its file: the unit, if given, goes on the quote
	}
	return d, p, nil
}

// commit checks the files to write with the build's reader and model,
// writes them, then reads them back from the disk: the quote must anchor
// at the selection. Any failure leaves the folder as it was.
func (a *Annotator) commit(root *os.Root, id string, n int, p *plan, w *write) (*Result, error) {
	writes := []*write{w}
	if p.figure != nil {
		writes = append(writes, p.figure)
	}
	over := overlay{base: content.RootFS(root), files: map[string][]byte{}}
	for _, x := range writes {
		over.files[x.path] = x.text
	}
	if err := a.verify(over, writes, id, n, p.quote); err != nil {
		return nil, err
	}
	var done []*write
	undo := func() {
		for _, x := range done {
			if x.create {
				root.Remove(x.path)
			} else {
				replace(root, x.path, x.old)
			}
		}
	}
	// The figure file first: a claim whose figure has no file yet would
	// make the preview show an error for a moment.
	for i := len(writes) - 1; i >= 0; i-- {
		x := writes[i]
		var err error
		if x.create {
			err = create(root, x.path, x.text)
		} else {
			err = update(root, x.path, x.old, x.text)
		}
		if err != nil {
			undo()
			if errors.Is(err, fs.ErrExist) {
				return nil, refuse(http.StatusConflict, fieldOf(x), "%s was created meanwhile: nothing was written", a.show(x.path))
			}
			return nil, refuse(http.StatusInternalServerError, "", "writing %s: %v; nothing was written", a.show(x.path), err)
		}
		done = append(done, x)
	}
	if a.afterWrite != nil {
		a.afterWrite()
	}
	// The round trip: what is on the disk now anchors the selection.
	if err := a.verify(content.RootFS(root), writes, id, n, p.quote); err != nil {
		undo()
		var e *Error
		if errors.As(err, &e) {
			e.Status, e.Msg = http.StatusInternalServerError, "read back after writing, "+e.Msg+"; the write was undone"
		}
		return nil, err
	}
	res := &Result{ID: id, Path: a.show(w.path), Quote: p.quote}
	res.Quote.N = n
	if p.figure != nil {
		res.Figure = a.show(p.figure.path)
	}
	for _, x := range writes {
		res.Files = append(res.Files, x.path)
	}
	return res, nil
}

// verify reads and models the dossier in fsys: the files written must
// have no error, and quote n of claim id must anchor at q.Start–q.End.
func (a *Annotator) verify(fsys fs.FS, writes []*write, id string, n int, q Quote) error {
	d, errs := a.model(fsys, writes)
	for _, e := range errs {
		for _, x := range writes {
			if e.Path != a.show(x.path) {
				continue
			}
			field := ""
			if k := e.Line - x.first; k >= 0 && k < len(x.lines) {
				field = x.lines[k].field
			}
			if field == "" && !x.create {
				return refuse(http.StatusConflict, "id", "%s has an error: %s: fix it first", a.show(x.path), format(e))
			}
			return refuse(http.StatusUnprocessableEntity, field, "%s", format(e))
		}
	}
	c := d.Claim(id)
	if c == nil || len(c.Quotes) < n {
		return refuse(http.StatusInternalServerError, "", "claim %q has no quote %d once written", id, n)
	}
	got := c.Quotes[n-1]
	if got.Start != q.Start || got.End != q.End {
		return refuse(http.StatusInternalServerError, "", "the quote anchors at %d–%d, not at the selection %d–%d", got.Start, got.End, q.Start, q.End)
	}
	return nil
}

// model reads and models the dossier in fsys with the build's code.
func (a *Annotator) model(fsys fs.FS, _ []*write) (*model.Dossier, diag.List) {
	c, errs := a.reader.Read(fsys, a.name)
	d, merrs := model.Build(c, a.md, a.cache)
	return d, append(errs, merrs...)
}

func format(e diag.Error) string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

func fieldOf(w *write) string {
	if strings.HasPrefix(w.path, "figures/") {
		return "figure.key"
	}
	return "id"
}

func (a *Annotator) show(file string) string {
	if a.name == "" || a.name == "." {
		return file
	}
	return path.Join(a.name, file)
}

// CheckID refuses an id that is no slug, as the write would; an API
// checks the id in its path with it before reading the body.
func CheckID(id string) error { return checkID(id, "id") }

// checkID refuses anything but a slug: no "..", "/", "%2e", NUL or
// absolute path can name a file outside claims/.
func checkID(id, field string) error {
	if err := valid.Slug(id); err != nil {
		return refuse(http.StatusBadRequest, field, "the claim id %v: it names the file claims/<id>.md", err)
	}
	return checkLength(id, field, "claim id", "claims/<id>.md")
}

// maxSlug is the longest id or figure key written: its file's name, and
// the temporary file's (".<name>.tmp-" and 16 hex digits more), must fit
// the 255 bytes most file systems allow.
const maxSlug = 200

func checkLength(slug, field, what, file string) error {
	if len(slug) > maxSlug {
		return refuse(http.StatusBadRequest, field, "the %s is %d characters long, over the %d a file name can take here: shorten it (it names the file %s)", what, len(slug), maxSlug, file)
	}
	return nil
}

func checkSelection(sel Selection) error {
	switch {
	case valid.Slug(sel.Source) != nil:
		return refuse(http.StatusBadRequest, "source", "\"source\" %v", valid.Slug(sel.Source))
	case sel.Start < 0:
		return refuse(http.StatusBadRequest, "start", "start %d is before the start of the text", sel.Start)
	case sel.End <= sel.Start:
		return refuse(http.StatusBadRequest, "end", "end %d must be after start %d: select a passage", sel.End, sel.Start)
	case strings.TrimSpace(sel.Exact) == "":
		return refuse(http.StatusBadRequest, "exact", "the passage is empty: select some text")
	}
	r0, _ := utf8.DecodeRuneInString(sel.Exact)
	r1, _ := utf8.DecodeLastRuneInString(sel.Exact)
	if unicode.IsSpace(r0) || unicode.IsSpace(r1) {
		return refuse(http.StatusBadRequest, "exact", "the passage starts or ends with white space: select from its first character to its last")
	}
	return nil
}

// inside reports whether position i of runes falls inside what a reader
// sees as one character, a grapheme cluster: before a combining mark, a
// zero-width joiner, an emoji modifier or a tag character, after a
// zero-width joiner, or between the two regional indicators of a flag. A
// quote cut there would show half of it ("cafe" of "café" written with a
// combining accent, "🇽" of "🇲🇽").
func inside(runes []rune, i int) bool {
	if i <= 0 || i >= len(runes) {
		return false
	}
	r, prev := runes[i], runes[i-1]
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc), r == zwj,
		r >= 0x1F3FB && r <= 0x1F3FF, r >= 0xE0020 && r <= 0xE007F:
		return true
	case prev == zwj:
		return true
	case regional(r) && regional(prev):
		// Flags pair regional indicators from the start of their run.
		n := 0
		for j := i - 1; j >= 0 && regional(runes[j]); j-- {
			n++
		}
		return n%2 == 1
	}
	return false
}

const zwj = 0x200D

func regional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func checkFigure(f *Figure) error {
	if f == nil {
		return nil
	}
	if err := valid.Slug(f.Key); err != nil {
		return refuse(http.StatusBadRequest, "figure.key", "the figure's \"key\" %v", err)
	}
	if err := checkLength(f.Key, "figure.key", "figure key", "figures/<key>.md"); err != nil {
		return err
	}
	for _, x := range []struct {
		v     *float64
		field string
	}{{f.Value, "figure.value"}, {f.Min, "figure.min"}, {f.Max, "figure.max"}} {
		if x.v != nil && (math.IsNaN(*x.v) || math.IsInf(*x.v, 0)) {
			return refuse(http.StatusBadRequest, x.field, "the figure must be a finite number")
		}
	}
	// The reader says the same, at the figure's first line; here each
	// names the field to correct.
	switch {
	case f.Value == nil && f.Min == nil && f.Max == nil:
		return refuse(http.StatusBadRequest, "figure.value", "the figure needs a value, or a lower and/or an upper bound")
	case f.Value != nil && (f.Min != nil || f.Max != nil):
		return refuse(http.StatusBadRequest, "figure.value", "give the figure a value or bounds, not both")
	case f.Min != nil && f.Max != nil && *f.Min > *f.Max:
		return refuse(http.StatusBadRequest, "figure.min", "the lower bound (%v) is greater than the upper bound (%v): swap them", *f.Min, *f.Max)
	case f.Approx && f.Value == nil:
		return refuse(http.StatusBadRequest, "figure.approx", "\"approximate\" applies to a single value; bounds already say how far it may be off")
	}
	f.Unit, f.AsOf, f.Words = oneSpace(f.Unit), oneSpace(f.AsOf), oneSpace(f.Words)
	return nil
}

func cleanTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t = oneSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func clip(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:77]) + "…"
	}
	return s
}
