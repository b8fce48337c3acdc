package model

import (
	"context"
	"fmt"
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"dossier/internal/anchor"
	"dossier/internal/content"
	"dossier/internal/diag"
	"dossier/internal/kind"
	"dossier/internal/markdown"
	"dossier/internal/mention"
	"dossier/internal/parallel"
	"dossier/internal/sentence"
	"dossier/internal/typo"
	"dossier/internal/valid"
)

// Build checks the content against itself and returns the model. When the
// returned list is not empty the model must not be published: it holds
// whatever could be made sense of, for tools that show as much as they can.
// cache may be nil; a preview server passes the same one to every build.
func Build(c *content.Dossier, md *markdown.Markdown, cache *Cache) (*Dossier, diag.List) {
	d, errs, _ := BuildContext(context.Background(), c, md, Options{Cache: cache})
	return d, errs
}

// BuildContext is Build that stops, returning ctx's error and no model,
// as soon as ctx is done: at once, even while it waits for a body that is
// slow to parse (see flight). A cancelled build leaves the cache as
// complete as it was, with what it found besides.
func BuildContext(ctx context.Context, c *content.Dossier, md *markdown.Markdown, opts Options) (*Dossier, diag.List, error) {
	if opts.Cache == nil {
		opts.Cache = NewCache()
	}
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	b := &builder{ctx: ctx, opts: opts, clock: opts.Clock, md: md, cache: opts.Cache, root: c.Root, content: c, d: &Dossier{
		Settings:  c.Settings,
		sources:   make(map[string]*Source),
		claims:    make(map[string]*Claim),
		entities:  make(map[string]*Entity),
		figures:   make(map[string]*Figure),
		conflicts: make(map[string]*Conflict),
	}}
	if c.Intro != nil {
		b.d.Intro = &Body{File: c.Intro, Markdown: b.bodyBytes(c.Intro)}
	}
	b.scale(c.Settings)
	for _, phase := range []func(){
		func() { b.sources(c.Sources) },
		func() { b.entities(c.Entities) },
		func() { b.claims(c.Claims) },
		func() { b.figures(c.Figures) },
		func() { b.conflicts(c.Conflicts) },
		b.mentions,
		b.links,
		b.finish,
	} {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		phase()
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	b.cache.done()
	b.reportSlow()
	return b.d, b.errs.Sort(), nil
}

type builder struct {
	ctx     context.Context
	opts    Options
	clock   Clock
	cache   *Cache
	root    string
	content *content.Dossier
	md      *markdown.Markdown
	d       *Dossier
	errs    diag.List

	text  map[*Source]*anchor.Text
	srcOf map[*Source]*content.Source
	// sourceLinks are the internal links of source bodies, read in the same
	// parse as their plain text.
	sourceLinks map[*Source][]markdown.Link
	claimC      map[*Claim]*content.Claim
	names       []mention.Name

	slowMu sync.Mutex
	slow   []slowFile // files whose parse took SlowParse or more
}

// cancelled reports whether the build has been cancelled: work that is
// left is skipped.
func (b *builder) cancelled() bool { return b.ctx.Err() != nil }

func (b *builder) errorAt(f *content.File, p content.Pos, format string, args ...any) {
	b.errs = append(b.errs, diag.Error{Path: f.Path, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Source: f.Line(p.Line)})
}

// noteAt adds to the last error a note pointing at a place in f.
func (b *builder) noteAt(f *content.File, p content.Pos, format string, args ...any) {
	e := &b.errs[len(b.errs)-1]
	e.Notes = append(e.Notes, f.Note(p.Line, p.Col, fmt.Sprintf(format, args...)))
}

func (b *builder) body(f *content.File) Body { return Body{File: f, Markdown: b.bodyBytes(f)} }

// sources extracts each source's plain text and indexes it for anchoring,
// on every core.
func (b *builder) sources(cs []*content.Source) {
	b.text = make(map[*Source]*anchor.Text, len(cs))
	b.srcOf = make(map[*Source]*content.Source, len(cs))
	b.sourceLinks = make(map[*Source][]markdown.Link, len(cs))
	out := make([]*Source, len(cs))
	texts := make([]*anchor.Text, len(cs))
	links := make([][]markdown.Link, len(cs))
	parallel.Each(len(cs), func(i int) {
		if b.cancelled() {
			return
		}
		c := cs[i]
		s := &Source{Slug: c.Slug, Title: c.Title, Outlet: c.Outlet, Author: c.Author,
			Published: c.Published, URL: c.URL, Note: c.Note, Short: c.Short, Body: b.body(c.File)}
		a := b.analyseSource(s.Body)
		if a == nil {
			return // cancelled
		}
		links[i], texts[i] = a.links, a.text
		s.Plain, s.plain = a.plain.Text, a.plain
		out[i] = s
	})
	if b.cancelled() {
		return
	}
	for i, s := range out {
		if c := cs[i]; c.Kind != "" {
			k, err := ParseSourceKind(c.Kind)
			if err != nil {
				b.errorAt(c.File, c.KindPos, "\"kind\" %v", err)
			}
			s.Kind = k
		}
		b.d.Sources = append(b.d.Sources, s)
		b.d.sources[s.Slug] = s
		b.text[s] = texts[i]
		b.srcOf[s] = cs[i]
		b.sourceLinks[s] = links[i]
	}
}

// entities makes the entities and the names that mention them. A name or
// alias given twice is an error where it is given the second time, in the
// order of the files' paths, with a note at the first.
func (b *builder) entities(cs []*content.Entity) {
	type given struct {
		entity *content.Entity
		pos    content.Pos
	}
	owner := make(map[string]given) // name or alias -> where it was first given
	for _, c := range cs {
		e := &Entity{Slug: c.Slug, Name: c.Name, Kind: c.Kind, Description: c.Description,
			Aliases: c.Aliases, Body: b.body(c.File)}
		b.d.Entities = append(b.d.Entities, e)
		b.d.entities[e.Slug] = e
		texts := append([]string{c.Name}, c.Aliases...)
		positions := append([]content.Pos{c.NamePos}, c.AliasPos...)
		for i, t := range texts {
			if t == "" {
				continue
			}
			key := anchor.Normalize(t)
			if prev, ok := owner[key]; ok {
				if prev.entity == c {
					b.errorAt(c.File, positions[i], "%q is given twice for this entity: remove one", t)
					b.noteAt(c.File, prev.pos, "%q is first given here", t)
				} else {
					b.errorAt(c.File, positions[i], "%q is already a name of entity %q (%s): a name or alias belongs to one entity", t, prev.entity.Slug, prev.entity.File.Path)
					b.noteAt(prev.entity.File, prev.pos, "%q has it here", prev.entity.Slug)
				}
				continue
			}
			owner[key] = given{c, positions[i]}
			b.names = append(b.names, mention.Name{Text: t, Entity: e.Slug})
		}
	}
}

// scale sets the dossier's rating scale: dossier.yaml's, else the default.
func (b *builder) scale(s content.Settings) {
	if s.Verdicts == nil {
		b.d.Verdicts = DefaultScale()
		return
	}
	for _, v := range s.Verdicts {
		b.d.Verdicts = append(b.d.Verdicts, &Verdict{Name: v.Name, Label: v.Label, Rating: v.Rating, Means: v.Means})
	}
}

// unknownVerdict says what to do about a verdict not on the scale.
func (b *builder) unknownVerdict(name string) string {
	names := b.d.Verdicts.Names()
	which := "the default scale: " + strings.Join(names, ", ") + "; a dossier sets its own with \"verdicts\" in dossier.yaml"
	if b.d.Settings.Verdicts != nil {
		which = "the scale of " + b.d.Settings.File.Path + ": " + strings.Join(names, ", ")
	}
	msg := fmt.Sprintf("verdict %q is not on the rating scale", name)
	if best, ok := typo.Best(name, names); ok {
		msg += fmt.Sprintf(": did you mean %q?", best)
	}
	return msg + " (" + which + ")"
}

func (b *builder) claims(cs []*content.Claim) {
	b.claimC = make(map[*Claim]*content.Claim, len(cs))
	for _, c := range cs {
		cl := &Claim{ID: c.ID, Title: c.Title, Rationale: c.Rationale, Reviewed: c.Reviewed, Date: c.Date, Tags: c.Tags, Body: b.body(c.File)}
		b.d.Claims = append(b.d.Claims, cl)
		b.d.claims[cl.ID] = cl
		b.claimC[cl] = c
		if c.Verdict != "" {
			cl.Verdict = b.d.Verdicts.Lookup(c.Verdict)
			if cl.Verdict == nil {
				b.errorAt(c.File, c.VerdictPos, "%s", b.unknownVerdict(c.Verdict))
			}
		}
		if c.Speaker != "" {
			if e := b.d.entities[c.Speaker]; e != nil {
				cl.Speaker = e
				e.Claims = append(e.Claims, cl)
			} else if !b.content.HasFailed(kind.Entity.Folder(), c.Speaker) {
				b.errorAt(c.File, c.SpeakerPos, "unknown speaker %q: %s", c.Speaker, b.missing(c.File, kind.Entity, c.Speaker))
			}
		}
		for i, q := range c.Quotes {
			cq := &Quote{Claim: cl, N: i + 1, Text: q.Text, Prefix: q.Prefix, Suffix: q.Suffix}
			if s := b.d.sources[q.Source]; s != nil {
				cq.Source = s
			} else if q.Source != "" && !b.content.HasFailed(kind.Source.Folder(), q.Source) {
				b.errorAt(c.File, q.SourcePos, "unknown source %q: %s", q.Source, b.missing(c.File, kind.Source, q.Source))
			}
			cl.Quotes = append(cl.Quotes, cq)
		}
	}
	// Anchor every quote, claims in parallel; each claim's errors in its own slot.
	errs := make([]diag.List, len(b.d.Claims))
	parallel.Each(len(b.d.Claims), func(i int) {
		if b.cancelled() {
			return
		}
		cl := b.d.Claims[i]
		c := b.claimC[cl]
		for j, q := range cl.Quotes {
			if q.Source == nil || q.Text == "" {
				continue
			}
			b.anchorQuote(q, j, c.File, c.Quotes[j], &errs[i])
		}
	})
	for _, e := range errs {
		b.errs.Append(e)
	}
	for _, cl := range b.d.Claims {
		for _, q := range cl.Quotes {
			if q.Source != nil && q.End > q.Start {
				q.Source.Quotes = append(q.Source.Quotes, q)
			}
		}
	}
}

// anchorQuote finds a quote in its source and reports, when it cannot,
// what the editor needs to fix it.
func (b *builder) anchorQuote(q *Quote, n int, f *content.File, cq *content.Quote, errs *diag.List) {
	s := q.Source
	a := b.anchorOf(f, n, s, anchor.Quote{Exact: q.Text, Prefix: q.Prefix, Suffix: q.Suffix})
	r := a.result
	add := func(format string, args ...any) {
		*errs = append(*errs, diag.Error{Path: f.Path, Line: cq.TextPos.Line, Col: cq.TextPos.Col,
			Msg: fmt.Sprintf(format, args...), Source: f.Line(cq.TextPos.Line)})
	}
	switch {
	case r.Found:
		q.Start, q.End, q.Exact = r.Span.Start, r.Span.End, a.exact
	case len(r.Occurrences) == 0:
		near := r.Closest
		msg := fmt.Sprintf("quote not found in source %q; closest: %q (%.0f%%) at %s",
			s.Slug, oneLine(near.Text), math.Floor(near.Similarity*100), b.sourceLine(s, near.Span.Start))
		p := cq.TextPos
		// Where the quote parts from a passage much like it is what the
		// editor has to fix: point there. A passage little like it (a
		// quote from another source) parts anywhere.
		if near.Text != "" && near.Similarity >= 0.5 {
			rest := runeSlice(s.Plain, near.Span.Start, len(s.Plain)+1)
			qi, ti := anchor.Parting(q.Text, rest)
			msg += "; " + parting([]rune(q.Text), qi, []rune(rest), ti)
			p = cq.TextPosAt(f, qi)
		}
		*errs = append(*errs, diag.Error{Path: f.Path, Line: p.Line, Col: p.Col,
			Msg: msg + ": copy the passage exactly as the source has it", Source: f.Line(p.Line)})
	case len(r.Kept) == 0:
		add("quote found in source %q at %s, but its %s does not match the text around it there: correct it or remove it",
			s.Slug, b.sourceLines(s, r.Occurrences), contextNames(q))
	case len(r.Occurrences) == len(r.Kept) && q.Prefix == "" && q.Suffix == "":
		add("quote occurs %s times in source %q (%s): add a \"prefix\" or \"suffix\" (the text right before or after it) to say which",
			thousands(len(r.Occurrences)), s.Slug, b.sourceLines(s, r.Occurrences))
	default:
		add("quote occurs %s times in source %q and its %s still fits %s of them (%s): make it longer to say which",
			thousands(len(r.Occurrences)), s.Slug, contextNames(q), thousands(len(r.Kept)), b.sourceLines(s, r.Kept))
	}
}

// parting says where a quote parts from the source's text: "the quote
// has "Americans" where the source has "U.S."", showing the word of each
// at that point (the words either side, when it falls on a space).
func parting(quote []rune, qi int, text []rune, ti int) string {
	switch {
	case ti >= len(text):
		for qi < len(quote)-1 && unicode.IsSpace(quote[qi]) {
			qi++
		}
		return fmt.Sprintf("the quote goes on with %q where the source ends", wordAt(quote, qi, false))
	case qi >= len(quote):
		return fmt.Sprintf("the quote stops before %q", wordAt(text, ti, false))
	}
	// Parting at a space on one side only ("place annual" and "places
	// annual"): show a word more on both, so that each shows the space.
	wide := unicode.IsSpace(quote[qi]) != unicode.IsSpace(text[ti])
	return fmt.Sprintf("the quote has %q where the source has %q", wordAt(quote, qi, wide), wordAt(text, ti, wide))
}

// wordAt returns the word of s around offset i, or the two words either
// side when i is on white space, at most about 40 characters, without the
// punctuation that ends it after i (a full stop is not the point). wide
// adds the word after the one around i.
func wordAt(s []rune, i int, wide bool) string {
	const most = 40
	i = min(i, len(s))
	lo := i
	for lo > 0 && !unicode.IsSpace(s[lo-1]) && i-lo < most/2 {
		lo--
	}
	hi := i
	words := 1
	if wide && i < len(s) && !unicode.IsSpace(s[i]) {
		words = 2
	}
	for ; words > 0; words-- {
		for hi < len(s) && unicode.IsSpace(s[hi]) {
			hi++
		}
		for hi < len(s) && !unicode.IsSpace(s[hi]) && hi-lo < most {
			hi++
		}
	}
	cut := hi < len(s) && !unicode.IsSpace(s[hi])
	if !cut {
		for hi-1 > i && strings.ContainsRune(",;:!?", s[hi-1]) ||
			hi-1 > i && s[hi-1] == '.' && !slices.Contains(s[lo:hi-1], '.') { // "U.S." keeps its stop
			hi--
		}
	}
	w := oneLine(string(s[lo:hi]))
	if lo > 0 && !unicode.IsSpace(s[lo-1]) {
		w = "…" + w
	}
	if cut {
		w += "…"
	}
	return w
}

// contextNames names the context fields a quote gives: "prefix",
// "suffix" or "prefix and suffix".
func contextNames(q *Quote) string {
	switch {
	case q.Prefix != "" && q.Suffix != "":
		return "prefix and suffix"
	case q.Prefix != "":
		return "prefix"
	}
	return "suffix"
}

// sourceLine names the line of a source file where a plain-text position stands.
func (b *builder) sourceLine(s *Source, pos int) string {
	return fmt.Sprintf("%s:%d", s.Body.File.Path, s.Line(pos))
}

// sourceLines names the lines of the first ten spans, then how many more
// there are: "content/sources/a.md:3, :9, … and 9,991 more".
func (b *builder) sourceLines(s *Source, spans []anchor.Span) string {
	const most = 10
	var parts []string
	for i, sp := range spans[:min(len(spans), most)] {
		l := b.sourceLine(s, sp.Start)
		if i > 0 {
			l = l[strings.LastIndexByte(l, ':'):] // ":12" after the first full path
		}
		parts = append(parts, l)
	}
	if more := len(spans) - most; more > 0 {
		parts = append(parts, "… and "+thousands(more)+" more")
	}
	return strings.Join(parts, ", ")
}

// thousands writes n with commas between groups of three digits: 9,991.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// mentions finds every entity name and alias in every source, with one
// automaton for the whole build.
func (b *builder) mentions() {
	if len(b.names) == 0 {
		return
	}
	key := namesKey(b.names)
	var m *mention.Matcher // built only when some source is not cached
	var once sync.Once
	matcher := func() *mention.Matcher {
		once.Do(func() { m = mention.NewMatcher(b.names) })
		return m
	}
	found := make([][]*Mention, len(b.d.Sources))
	var runes sync.Pool // *[]rune: each text's code points, lent to analyseMentions
	parallel.Each(len(b.d.Sources), func(i int) {
		if b.cancelled() {
			return
		}
		s := b.d.Sources[i]
		ma := b.cache.get(cacheKey{what: analysisMentions, file: s.Body.File, names: key}, func() any {
			return analyseMentions(matcher(), s.Plain, &runes)
		}).(*mentionAnalysis)
		for j, mt := range ma.matches {
			found[i] = append(found[i], &Mention{
				Entity:   b.d.entities[mt.Entity],
				Source:   s,
				Start:    mt.Span.Start,
				End:      mt.Span.End,
				Sentence: ma.sentences[j],
			})
		}
	})
	for i, s := range b.d.Sources {
		s.Mentions = found[i]
		for _, mt := range found[i] {
			mt.Entity.Mentions = append(mt.Entity.Mentions, mt)
		}
	}
}

// sentenceAround returns the sentence holding [start, end), at most 200
// characters either side, marked "…" where it is cut.
func sentenceAround(text []rune, start, end int) string {
	c, _ := sentence.Around(text, start, end, 200)
	return strings.TrimSpace(c.String())
}

// links checks every internal link of every body.
func (b *builder) links() {
	var bodies []*Body
	known := make(map[*Body][]markdown.Link)
	if b.d.Intro != nil {
		bodies = append(bodies, b.d.Intro)
	}
	for _, s := range b.d.Sources {
		bodies = append(bodies, &s.Body)
		known[&s.Body] = b.sourceLinks[s]
	}
	for _, c := range b.d.Claims {
		bodies = append(bodies, &c.Body)
	}
	for _, e := range b.d.Entities {
		bodies = append(bodies, &e.Body)
	}
	for _, g := range b.d.Figures {
		bodies = append(bodies, &g.Body)
	}
	for _, cf := range b.d.Conflicts {
		if cf.Body.File != nil {
			bodies = append(bodies, &cf.Body)
		}
	}
	errs := make([]diag.List, len(bodies))
	parallel.Each(len(bodies), func(i int) {
		if b.cancelled() {
			return
		}
		bd := bodies[i]
		links, ok := known[bd]
		if !ok {
			if links, ok = b.bodyLinks(bd); !ok {
				return // cancelled
			}
		}
		for _, l := range links {
			if msg := l.Problem(); msg != "" { // ![x](entity:y): an error whether y exists or not
				line, col := bd.File.Position(bd.File.BodyOffset + l.Offset)
				errs[i] = append(errs[i], diag.Error{Path: bd.File.Path, Line: line, Col: col, Msg: msg, Source: bd.File.Line(line)})
				continue
			}
			if b.d.Resolves(l.Target) || b.failed(l.Target) {
				continue
			}
			line, col := bd.File.Position(bd.File.BodyOffset + l.Offset)
			msg := fmt.Sprintf("link to unknown %s %q: %s", l.Target.Kind, l.Target.ID, b.missing(bd.File, l.Target.Kind, l.Target.ID))
			errs[i] = append(errs[i], diag.Error{Path: bd.File.Path, Line: line, Col: col, Msg: msg, Source: bd.File.Line(line)})
		}
	})
	for _, e := range errs {
		b.errs.Append(e)
	}
}

// failed reports whether a link target names something in a file that
// could not be read: the file's errors say what is wrong; the link is fine.
func (b *builder) failed(t markdown.Target) bool {
	return b.content.HasFailed(t.Kind.Folder(), t.ID)
}

// Resolves reports whether an internal link target names something.
func (d *Dossier) Resolves(t markdown.Target) bool {
	switch t.Kind {
	case kind.Source:
		return d.sources[t.ID] != nil
	case kind.Claim:
		return d.claims[t.ID] != nil
	case kind.Entity:
		return d.entities[t.ID] != nil
	case kind.Figure:
		return d.figures[t.ID] != nil
	}
	return false
}

// finish orders everything that readers see.
func (b *builder) finish() {
	parallel.Each(len(b.d.Sources), func(i int) {
		s := b.d.Sources[i]
		sort.SliceStable(s.Quotes, func(i, j int) bool { return s.Quotes[i].Start < s.Quotes[j].Start })
	})
	for _, cf := range b.d.Conflicts {
		for _, c := range cf.Claims {
			c.Conflicts = append(c.Conflicts, cf)
		}
		if cf.Figure == nil {
			for _, c := range cf.Claims {
				for _, q := range c.Quotes {
					q.Conflict = true
				}
			}
		}
	}
	for _, e := range b.d.Entities {
		sort.SliceStable(e.Mentions, func(i, j int) bool {
			a, c := e.Mentions[i], e.Mentions[j]
			if a.Source.Slug != c.Source.Slug {
				return a.Source.Slug < c.Source.Slug
			}
			return a.Start < c.Start
		})
	}
}

// siblingPath names the file an id would have in a folder of the dossier.
func (b *builder) siblingPath(folder, id string) string {
	return path.Join(b.root, folder, id+".md")
}

// missing says what to do about id, which names no file of kind k: the
// names it is most likely a misspelling of, or else how many there are
// and where. from is the file that names it, never offered.
func (b *builder) missing(from *content.File, k kind.TargetKind, id string) string {
	folder := k.Folder()
	var names []string
	for _, n := range b.slugs(k) {
		if path.Join(b.root, folder, n+".md") != from.Path {
			names = append(names, n)
		}
	}
	hint := typo.DidYouMean(b.nearest(k, id, names))
	if hint == "" {
		hint = "create it" + b.count(k, names, len(names) < len(b.slugs(k)))
	}
	return fmt.Sprintf("no file %s; %s", b.siblingPath(folder, id), hint)
}

// count says how many names of kind k there are, as the end of "create
// it": ", or use one of the 53 entities in content/entities/".
// other: names leaves out the file that asks.
func (b *builder) count(k kind.TargetKind, names []string, other bool) string {
	folder := k.Folder()
	dir := path.Join(b.root, folder) + "/"
	switch n := len(names); {
	case n == 0 && other:
		return fmt.Sprintf(" (there are no other %s yet)", folder)
	case n == 0:
		return fmt.Sprintf(" (there are no %s yet)", folder)
	case n == 1:
		return fmt.Sprintf(", or use the one %s there is, %q", k, names[0])
	case n <= typo.Max:
		return fmt.Sprintf(", or use one of the %d %s in %s: %s", n, folder, dir, typo.Or(names))
	default:
		return fmt.Sprintf(", or use one of the %d %s in %s", n, folder, dir)
	}
}

// nearest returns the names of kind k that id is most likely a
// misspelling of. For entities, their names and aliases count too, as
// slugs: "trump" finds donald-trump by its alias "Trump".
func (b *builder) nearest(k kind.TargetKind, id string, names []string) []string {
	if k != kind.Entity {
		return typo.Nearest(id, names)
	}
	slugOf := make(map[string]string) // a slug or a name's slug -> the entity
	var keys []string
	add := func(key, slug string) {
		if _, ok := slugOf[key]; !ok {
			slugOf[key] = slug
			keys = append(keys, key)
		}
	}
	var entities []*Entity
	for _, slug := range names {
		entities = append(entities, b.d.entities[slug])
		add(slug, slug)
	}
	for _, e := range entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if k := valid.SuggestSlug(n); valid.IsSlug(k) && k != "name" {
				add(k, e.Slug)
			}
		}
	}
	if slug, ok := slugOf[id]; ok {
		return []string{slug}
	}
	var out []string
	for _, k := range typo.Nearest(id, keys) {
		if !slices.Contains(out, slugOf[k]) {
			out = append(out, slugOf[k])
		}
	}
	return out
}

// slugs lists what exists of kind k.
func (b *builder) slugs(k kind.TargetKind) []string {
	var out []string
	switch k {
	case kind.Source:
		for _, s := range b.d.Sources {
			out = append(out, s.Slug)
		}
	case kind.Claim:
		for _, c := range b.d.Claims {
			out = append(out, c.ID)
		}
	case kind.Entity:
		for _, e := range b.d.Entities {
			out = append(out, e.Slug)
		}
	case kind.Figure:
		for _, g := range b.d.Figures {
			out = append(out, g.Key)
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
