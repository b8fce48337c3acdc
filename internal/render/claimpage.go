package render

import (
	"encoding/json"
	"html/template"
	"strings"
	"sync"

	theme "dossier"
)

// The default theme's claim page, compiled: the bytes that base.html and
// claim.html with their partials write, written by Go instead of
// html/template, which spends most of a claim page's time reflecting on
// fields and calling methods (a site has five claim pages or more per
// source). The templates stay the reference: the compiled page is used
// only when the theme's templates that it stands for are the default
// theme's (compiledTemplates), and a test renders every claim page both
// ways and requires the same bytes. A change to one of those templates
// must be made here too; the test fails until it is.
//

// compiledTemplates are the templates the compiled claim page stands for,
// by name: a theme that defines any of them otherwise gets html/template.
var compiledTemplates = []string{
	"base.html", "claim.html", "content", "title", "description",
	"date", "month-name", "source-kind", "reading", "words", "amount", "relation",
	"verdict", "in-conflict", "conflict-kind-word", "conflict-means", "related-reasons",
	"claim-conflict", "claim-conflict-side", "claim-conflict-claim", "conflict-kind-line", "conflict-kind",
	"summary", "summary-tail", "cited",
}

// compiledClaimPage reports whether t, the claim page's templates,
// defines every template the compiled claim page stands for as the
// default theme does, parse tree for parse tree: then the compiled page
// writes what t would. A theme's file that repeats the default's, or
// that defines other templates, leaves it in use.
func compiledClaimPage(t *template.Template) (bool, error) {
	return sameAsDefault(t, "claim", compiledTemplates)
}

// compiledBasePage reports whether t's base.html is the default theme's,
// whose head and foot writeHead and writeFoot write.
func compiledBasePage(t *template.Template) (bool, error) {
	return sameAsDefault(t, "claim", []string{"base.html"})
}

// sameAsDefault reports whether t, the templates of the page kind,
// defines each template of names as the default theme's do.
func sameAsDefault(t *template.Template, kind string, names []string) (bool, error) {
	trees, err := defaultTrees()
	if err != nil {
		return false, err
	}
	for _, name := range names {
		if treeString(t, name) != trees[kind][name] {
			return false, nil
		}
	}
	return true, nil
}

// defaultTrees are the parse trees of the default theme's templates that
// compiled pages stand for, as text, by page kind and name; parsed once.
var defaultTrees = sync.OnceValues(func() (map[string]map[string]string, error) {
	r := &renderer{}
	if err := r.parseTemplates(theme.Templates()); err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	add := func(kind string, names []string) {
		if out[kind] == nil {
			out[kind] = map[string]string{}
		}
		for _, name := range names {
			out[kind][name] = treeString(r.templates[kind], name)
		}
	}
	add("claim", compiledTemplates)
	add("source", noteTemplates)
	for kind, c := range compiledContents {
		add(kind, c.templates)
	}
	return out, nil
})

// compiledContent is the "content" of a kind of page, compiled: what its
// templates write between base.html's head and foot.
type compiledContent struct {
	templates []string // that it stands for, as compiledTemplates
	write     func(w pageWriter, p *Page) error
}

// compiledContents are the kinds of page whose content is compiled.
var compiledContents = map[string]compiledContent{
	"entity": {
		templates: []string{"entity.html", "content", "entity-kind", "claim-item", "verdict", "in-conflict", "conflict-kind-word", "conflict-means"},
		write:     writeEntityContent,
	},
	"figure":    {templates: append(figureTemplates, conflictCardTemplates...), write: writeFigureContent},
	"conflicts": {templates: append([]string{"conflicts.html", "content"}, conflictCardTemplates...), write: writeConflictsContent},
	"timeline":  {templates: []string{"timeline.html", "content", "date", "month-name", "in-conflict", "conflict-kind-word", "conflict-means"}, write: writeTimelineContent},
	"home": {templates: []string{"home.html", "content", "conflict", "source-item", "conflict-kind-line", "conflict-kind", "conflict-means", "source-kind", "date", "month-name"},
		write: writeHomeContent},
	"sources":  {templates: []string{"sources.html", "content", "source-item", "source-kind", "date", "month-name"}, write: writeSourcesContent},
	"figures":  {templates: []string{"figures.html", "content"}, write: writeFiguresContent},
	"source":   {templates: sourceTemplates, write: writeSourceContent},
	"entities": {templates: []string{"entities.html", "content", "entity-kind"}, write: writeEntitiesContent},
	"claims": {
		templates: []string{"claims.html", "content", "claims-row", "claim-item", "verdict", "in-conflict", "conflict-kind-word", "conflict-means", "date", "month-name"},
		write:     writeClaimsContent,
	},
}

// contentWriters returns the compiled content of each kind of page whose
// templates in t (by kind) are the default theme's.
func contentWriters(ts map[string]*template.Template) (map[string]func(pageWriter, *Page) error, error) {
	out := map[string]func(pageWriter, *Page) error{}
	for kind, c := range compiledContents {
		t := ts[kind]
		if t == nil {
			continue
		}
		ok, err := sameAsDefault(t, kind, c.templates)
		if err != nil {
			return nil, err
		}
		if ok {
			out[kind] = c.write
		}
	}
	return out, nil
}

// treeString is the parse tree of t's template name as text, "" when t
// has none: trees parsed from the same text give the same string.
func treeString(t *template.Template, name string) string {
	x := t.Lookup(name)
	if x == nil || x.Tree == nil || x.Tree.Root == nil {
		return ""
	}
	return x.Tree.Root.String()
}

// writeClaimPage writes a claim page as base.html and claim.html would.
// The page's Title, Description and Body are filled in as renderPage
// fills them, its Body already rendered.
func (r *renderer) writeClaimPage(w pageWriter, p *Page) error {
	c := p.Claim
	p.Title = pageWords(p.Title)
	p.Description = pageWords(claimDescription(p))
	if p.Description == "" {
		p.Description = p.Site.Description
	}
	review, err := p.ClaimReview()
	if err != nil {
		return err
	}
	r.writeHead(w, p, review)

	w.raw("\n<article class=\"claim\">\n<header>\n<p class=\"kind\">Claim</p>\n<h1>")
	w.text(c.Title)
	w.raw("</h1>\n")
	if v := c.Verdict; v != nil {
		if v.Rating != nil {
			w.raw(`<section class="verdict-box verdict-box-`)
			w.text(v.Name)
			w.raw(`" aria-labelledby="verdict-h">` + "\n" + `<h2 id="verdict-h" class="verdict-box-h">Verdict: <span class="verdict-box-label verdict-`)
			w.text(v.Name)
			w.raw(`">`)
			w.text(v.Label)
			w.raw("</span></h2>\n")
			if c.Rationale != "" {
				w.raw(`<p class="rationale">`)
				w.text(c.Rationale)
				w.raw("</p>\n")
			}
			w.raw(`<p class="verdict-box-foot">`)
			writeVerdictFoot(w, p, c)
			w.raw("</p>\n</section>\n")
		} else {
			w.raw(`<p class="verdict-quiet"><span class="verdict-quiet-label">`)
			w.text(v.Label)
			w.raw("</span>")
			if c.Rationale != "" {
				w.raw(": ")
				w.text(c.Rationale)
			}
			w.raw(` <span class="verdict-box-foot">`)
			writeVerdictFoot(w, p, c)
			w.raw("</span></p>\n")
		}
	}
	w.raw(`<p class="meta">`)
	if e := c.Speaker; e != nil {
		w.raw(`<span>said by <a href="`)
		w.link(p, "entities", e.Slug)
		w.raw(`">`)
		w.text(e.Name)
		w.raw("</a></span>")
	}
	if c.Date != "" {
		w.raw(" ")
		writeTime(w, c.Date)
	}
	for _, t := range c.Tags {
		w.raw(` <span class="tag">`)
		w.text(t)
		w.raw("</span>")
	}
	w.raw("</p>\n</header>\n")

	if ccs := p.ClaimConflicts(); len(ccs) > 0 {
		w.raw(`<section class="conflicts-box" aria-labelledby="conflicts-h">` + "\n" + `<h2 id="conflicts-h">In conflict</h2>` + "\n")
		for _, cc := range ccs {
			if err := writeClaimConflict(w, p, cc); err != nil {
				return err
			}
		}
		w.raw("</section>\n")
	}

	w.raw(`<section aria-labelledby="quotes-h">` + "\n" + `<h2 id="quotes-h">Where the sources say it</h2>` + "\n")
	for _, q := range c.Quotes {
		w.raw(`<figure id="`)
		w.text(q.Anchor)
		w.raw(`" class="quote`)
		if q.Conflict {
			w.raw(" has-conflict")
		}
		w.raw(`">` + "\n" + `<a class="quote-link" href="`)
		w.quoteLink(p, q)
		w.raw(`"><blockquote>`)
		w.text(q.Exact)
		w.raw("</blockquote>\n<span class=\"quote-go\">in ")
		w.text(cite(q.Source.m))
		w.raw(` <span aria-hidden="true">↗</span></span></a>` + "\n" + `<figcaption><span class="quote-source">`)
		s := q.Source
		w.text(s.Title)
		w.raw("</span>")
		if s.Outlet != "" {
			w.raw(", ")
			w.text(s.Outlet)
		}
		if s.Published != "" {
			w.raw(", ")
			writeDate(w, s.Published)
		}
		if s.Kind != "" && s.Kind != "other" {
			w.raw(` <span class="source-kind">`)
			w.raw(sourceKindWords(s.Kind))
			w.raw("</span>")
		}
		if v := q.Figure; v != nil {
			w.raw("\n" + `<span class="quote-figure"><a href="`)
			w.link(p, "figures", v.Key)
			w.raw(`">`)
			w.text(v.Figure.Label)
			w.raw("</a>: ")
			writeReadingAsOf(w, reading(v.m), v.AsOf)
			if v.Conflict {
				w.raw(` <span class="conflict-mark">conflict</span>`)
			}
			w.raw("</span>")
		}
		w.raw("\n")
		if qc := p.QuoteContext(q); qc != nil {
			w.raw(`<p class="quote-context"><span class="quote-context-label">In context</span> `)
			w.text(qc.Before)
			w.raw("<mark>")
			w.text(qc.Passage)
			w.raw("</mark>")
			w.text(qc.After)
			w.raw("</p>\n")
		}
		w.raw("</figcaption>\n</figure>\n")
	}
	w.raw("</section>\n")

	if fcs := p.Compare(); len(fcs) > 0 {
		writeCompare(w, fcs)
	}
	if p.Body != "" {
		w.raw(`<section class="commentary prose" aria-labelledby="commentary-h"><h2 id="commentary-h">Commentary</h2>`)
		w.raw(string(p.Body))
		w.raw("</section>")
	}
	w.raw("\n")
	if rel := p.RelatedClaims(); len(rel) > 0 {
		w.raw(`<section class="related" aria-labelledby="related-h">` + "\n" + `<h2 id="related-h">Related claims</h2>` + "\n" + `<ul class="related-list">`)
		for _, x := range rel {
			w.raw("<li>")
			writeClaimLink(w, p, x.Href, x.Claim)
			if len(x.Claim.Conflicts) > 0 {
				writeConflictMark(w, x.Claim)
			}
			w.raw("\n" + `<span class="related-why">`)
			for i, why := range x.Reasons {
				if i > 0 {
					w.raw(" · ")
				}
				switch why.Kind {
				case "speaker":
					w.raw("same speaker")
				case "tag":
					w.raw("tag: ")
					w.text(why.Name)
				case "figure":
					w.raw("figure: ")
					w.text(why.Name)
				case "passage":
					w.raw("same passage")
					if why.Count != 0 {
						w.raw(", quoted by ")
						w.text(count(why.Count, "claim", "claims"))
					}
				case "overlap":
					w.raw("overlapping passage")
				case "entity":
					w.raw("both name ")
					w.text(why.Name)
				}
			}
			w.raw("</span></li>\n")
		}
		w.raw("</ul>\n</section>\n")
	}
	w.raw("</article>\n")
	writeFoot(w, p)
	return nil
}

// pageWords is a text as renderPage gets it from the "title" or
// "description" template: escaped, unescaped and trimmed, which leaves it
// as it was but for NUL, which the escaper replaces.
func pageWords(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\x00", "\uFFFD"))
}

// claimDescription is what page-meta.html's "description" says of a
// claim page.
func claimDescription(p *Page) string {
	if p.Description != "" {
		return p.Description
	}
	c := p.Claim
	if c.Verdict != nil && c.Rationale != "" {
		return c.Rationale
	}
	var b strings.Builder
	b.WriteString("Claim")
	for i, s := range p.QuotedSources(c) {
		if i == 0 {
			b.WriteString(", made in ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(s.Title)
	}
	if len(c.Conflicts) > 0 {
		b.WriteString("; in conflict with other claims")
	}
	b.WriteString(".")
	return b.String()
}

// writeHead writes base.html up to its "content".
func (r *renderer) writeHead(w pageWriter, p *Page, review json.RawMessage) {
	n := p.Nav
	w.raw("<!doctype html>\n<html lang=\"")
	w.text(p.Site.Language)
	w.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if p.Title != "" {
		w.text(p.Title)
		w.raw(" · ")
	}
	w.text(p.Site.Title)
	w.raw("</title>\n")
	if p.Description != "" {
		w.raw(`<meta name="description" content="`)
		w.text(p.Description)
		w.raw("\">\n")
	}
	if u := p.Canonical(); u != "" {
		w.raw(`<link rel="canonical" href="`)
		w.url(u)
		w.raw("\">\n" + `<meta property="og:url" content="`)
		w.text(u)
		w.raw("\">\n")
	}
	title := p.Title
	if title == "" {
		title = p.Site.Title
	}
	w.raw(`<meta property="og:title" content="`)
	w.text(title)
	w.raw("\">\n" + `<meta property="og:site_name" content="`)
	w.text(p.Site.Title)
	w.raw("\">\n" + `<meta property="og:type" content="`)
	if p.Kind == "home" {
		w.raw("website")
	} else {
		w.raw("article")
	}
	w.raw("\">\n")
	if p.Description != "" {
		w.raw(`<meta property="og:description" content="`)
		w.text(p.Description)
		w.raw("\">\n")
	}
	w.raw(`<meta name="twitter:card" content="summary">` + "\n" + `<meta name="twitter:title" content="`)
	w.text(title)
	w.raw("\">\n")
	if p.Description != "" {
		w.raw(`<meta name="twitter:description" content="`)
		w.text(p.Description)
		w.raw("\">\n")
	}
	w.raw(`<link rel="stylesheet" href="`)
	w.url(n.Style)
	w.raw(`"`)
	writeIntegrity(w, " integrity=\"", n.StyleIntegrity)
	w.raw(">\n" + `<link rel="stylesheet" href="`)
	w.url(n.Chroma)
	w.raw(`"`)
	writeIntegrity(w, " integrity=\"", n.ChromaIntegrity)
	w.raw(">\n" + `<link rel="icon" href="`)
	w.url(n.Favicon)
	w.raw("\" type=\"image/svg+xml\">\n")
	if f := p.Feed(); f != "" {
		w.raw(`<link rel="alternate" type="application/atom+xml" title="Claims" href="`)
		w.url(f)
		w.raw("\">\n")
	}
	if len(review) > 0 {
		w.raw(`<script type="application/ld+json">`)
		// ClaimReview's JSON is what html/template would write: compact,
		// <, > and & escaped (the equivalence test holds it to that).
		w.Write(review)
		w.raw("</script>\n")
	}
	w.raw("\n</head>\n<body class=\"page-")
	w.text(p.Kind)
	w.raw("\">\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"site-header\">\n<a class=\"brand\" href=\"")
	w.url(n.Home)
	w.raw(`">`)
	w.text(p.Site.Title)
	w.raw("</a>\n<nav aria-label=\"Sections\">\n")
	for _, l := range []struct{ href, words string }{
		{n.Sources, "Sources"}, {n.Claims, "Claims"}, {n.Conflicts, "Conflicts"}, {n.Figures, "Figures"},
		{n.Entities, "People &amp; organisations"}, {n.Timeline, "Timeline"},
	} {
		w.raw(`<a href="`)
		w.url(l.href)
		w.raw(`">`)
		w.raw(l.words)
		w.raw("</a>\n")
	}
	w.raw(`</nav>
<form class="search" role="search" hidden data-kind-claim="Claim" data-kind-source="Source" data-kind-passage="In the source" data-kind-entity="Person or organisation" data-kind-figure="Figure" data-kind-conflict="Conflict" data-none="Nothing found for “%s”." data-found="%d results" data-found-one="1 result" data-loading="Loading the index…" data-failed="Search could not load its index.">
<label for="search">Search</label>
<input id="search" type="search" placeholder="Claims, sources, people…" autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="search-results">
<ul id="search-results" role="listbox" aria-label="Search results" hidden></ul>
<p class="search-status" role="status"></p>
</form>
</header>
<main id="main">
`)
}

// writeFoot writes base.html from the end of its "content" on.
func writeFoot(w pageWriter, p *Page) {
	n := p.Nav
	w.raw("\n</main>\n<footer class=\"site-footer\"><p>")
	w.text(p.Site.Title)
	w.raw(` · <a href="`)
	w.url(n.Verdicts)
	w.raw(`">How claims are rated</a> · <a href="`)
	w.url(n.JSON)
	w.raw("\">dossier.json</a></p></footer>\n<script src=\"")
	w.url(n.Script)
	w.raw(`"`)
	writeIntegrity(w, " integrity=\"", n.ScriptIntegrity)
	w.raw(" defer></script>\n<script src=\"")
	w.url(n.Search)
	w.raw(`"`)
	writeIntegrity(w, " integrity=\"", n.SearchIntegrity)
	w.raw(` data-root="`)
	w.text(n.Root)
	w.raw(`" data-index="`)
	w.text(n.SearchIndex)
	w.raw(`" data-minisearch="`)
	w.text(n.MiniSearch)
	w.raw(`"`)
	writeIntegrity(w, " data-minisearch-integrity=\"", n.MiniSearchIntegrity)
	w.raw(" defer></script>\n</body>\n</html>\n")
}

// writeIntegrity writes {{with .}} attr="{{.}}"{{end}}.
func writeIntegrity(w pageWriter, attr, v string) {
	if v != "" {
		w.raw(attr)
		w.text(v)
		w.raw(`"`)
	}
}

// writeVerdictFoot writes the link to the verdict's definition and when
// it was reviewed.
func writeVerdictFoot(w pageWriter, p *Page, c *ClaimView) {
	v := c.Verdict
	w.raw(`<a href="`)
	w.url(p.Nav.Verdicts)
	w.raw("#")
	w.urlPart(v.Name)
	w.raw(`">What “`)
	w.text(v.Label)
	w.raw("” means</a>")
	if c.Reviewed != "" {
		w.raw(` · reviewed `)
		writeTime(w, c.Reviewed)
	}
}

// writeCompare writes claim.html's section setting the claim's values
// against the others of their figures.
func writeCompare(w pageWriter, fcs []FigureCompare) {
	w.raw(`<section class="figure-compare" aria-labelledby="figure-h">` + "\n" + `<h2 id="figure-h">`)
	if len(fcs) == 1 {
		w.raw("The figure")
	} else {
		w.raw("The figures")
	}
	w.raw(", against the others</h2>\n")
	for _, fc := range fcs {
		w.raw("<div class=\"compare\">\n<p class=\"compare-head\"><a href=\"")
		w.url(fc.Href)
		w.raw(`">`)
		w.text(fc.Figure.Label)
		w.raw("</a>: ")
		writeReadingAsOf(w, fc.Reading, fc.Reading.AsOf)
		w.raw("</p>\n")
		if fc.Others == 0 {
			w.raw("<p class=\"muted\">No other source gives this figure.</p>\n</div>\n")
			continue
		}
		w.raw(`<p class="compare-count">`)
		w.text(count(fc.Others, "other value", "other values"))
		if fc.From != nil {
			w.raw(", from ")
			writeWords(w, fc.From.Reading)
			w.raw(" (")
			w.text(fc.From.Citation)
			w.raw(")")
		}
		if fc.To != nil {
			w.raw(" to ")
			writeWords(w, fc.To.Reading)
			w.raw(" (")
			w.text(fc.To.Citation)
			w.raw(")")
		}
		w.raw(".")
		if fc.From != nil {
			w.raw(" The nearest:")
		}
		w.raw("</p>\n<ul class=\"compare-list\">")
		for _, nb := range fc.Nearest {
			w.raw(`<li class="cmp `)
			w.text(nb.Class)
			w.raw(`"><span class="cmp-line">`)
			writeReadingAsOf(w, nb.Reading, nb.Reading.AsOf)
			w.raw(` — <span class="cmp-verdict">`)
			switch nb.Standing {
			case "agrees":
				w.raw("agrees")
			case "disagrees":
				w.raw("disagrees")
			default:
				w.raw("another time")
			}
			w.raw("</span>")
			if nb.Relation.Way != "" {
				w.raw(": ")
				writeRelation(w, nb.Relation)
			}
			w.raw("</span>\n" + `<span class="cmp-where"><a href="`)
			w.url(nb.QuoteHref)
			w.raw(`">`)
			w.text(nb.Citation)
			w.raw("</a>")
			if nb.Same {
				w.raw(" · this claim")
			} else {
				w.raw(` · <a href="`)
				w.url(nb.ClaimHref)
				w.raw(`">`)
				w.text(nb.ClaimTitle)
				w.raw("</a>")
			}
			w.raw("</span></li>\n")
		}
		w.raw("</ul>\n")
		if fc.From != nil {
			w.raw(`<p class="compare-all"><a href="`)
			w.url(fc.Href)
			w.raw(`">All `)
			w.text(count(len(fc.Figure.Values), "value", "values"))
			w.raw(" on the figure's page</a></p>\n")
		}
		w.raw("</div>\n")
	}
	w.raw("</section>\n")
}

// writeEntityContent is entity.html's "content".
func writeEntityContent(w pageWriter, p *Page) error {
	e := p.Entity
	w.raw("\n<header>\n<p class=\"kind\">")
	switch e.Kind {
	case "person", "organization", "place", "other":
		w.raw(e.Kind)
	}
	w.raw("</p>\n<h1>")
	w.text(e.Name)
	w.raw("</h1>\n")
	if len(e.Aliases) > 0 {
		w.raw(`<p class="meta">Also written: `)
		for i, a := range e.Aliases {
			if i > 0 {
				w.raw(", ")
			}
			w.text(a)
		}
		w.raw("</p>")
	}
	w.raw("\n")
	if e.Description != "" {
		w.raw(`<p class="lede">`)
		w.text(e.Description)
		w.raw("</p>")
	}
	groups := p.MentionGroups()
	w.raw("\n" + `<p class="meta">`)
	w.text(count(len(e.Claims), "claim", "claims"))
	w.raw(" made · ")
	w.text(count(len(e.Mentions), "mention", "mentions"))
	w.raw(" in ")
	w.text(count(len(groups), "source", "sources"))
	w.raw("</p>\n</header>\n")
	if p.Body != "" {
		w.raw(`<div class="prose">`)
		w.raw(string(p.Body))
		w.raw("</div>")
	}
	w.raw("\n" + `<section aria-labelledby="claims-h">` + "\n" + `<h2 id="claims-h">Claims made</h2>` + "\n" + `<ul class="claims">`)
	for _, c := range e.Claims {
		writeClaimItem(w, p, c)
	}
	if len(e.Claims) == 0 {
		w.raw("<li>None recorded.</li>")
	}
	w.raw("</ul>\n</section>\n" + `<section aria-labelledby="mentions-h">` + "\n" + `<h2 id="mentions-h">Mentions in the sources</h2>` + "\n")
	for _, g := range groups {
		w.raw(`<h3 class="mention-source"><a href="`)
		w.link(p, "sources", g.Source.Slug)
		w.raw(`">`)
		w.text(g.Source.Title)
		w.raw("</a>")
		if g.Source.Outlet != "" {
			w.raw(` <span class="muted">· `)
			w.text(g.Source.Outlet)
			w.raw("</span>")
		}
		w.raw("</h3>\n" + `<ul class="mentions">`)
		for _, l := range g.Lines {
			w.raw(`<li><a class="mention-link" href="`)
			w.url(l.Href)
			w.raw(`">`)
			for _, part := range l.Parts {
				if part.Mark {
					w.raw("<mark>")
					w.text(part.Text)
					w.raw("</mark>")
				} else {
					w.text(part.Text)
				}
			}
			w.raw("</a>")
			if q := l.Quote; q != nil {
				w.raw(` <span class="mention-quoted">quoted in <a href="`)
				w.link(p, "claims", q.Claim.ID)
				w.raw(`">`)
				w.text(q.Claim.Title)
				w.raw("</a></span>")
			}
			w.raw("</li>")
		}
		w.raw("</ul>\n")
	}
	if len(groups) == 0 {
		w.raw("<p>No source mentions ")
		w.text(e.Name)
		w.raw(" by name.</p>")
	}
	w.raw("\n</section>\n")
	return nil
}

// writeClaimsContent is claims.html's "content".
func writeClaimsContent(w pageWriter, p *Page) error {
	x := p.ClaimIndex()
	w.raw("\n<header class=\"page-head\">\n<h1>Claims</h1>\n")
	if len(x.Claims) == 0 {
		w.raw("\n</header>\n<p>No claims yet.</p>\n")
		return nil
	}
	w.raw(`<p class="lede">`)
	w.text(count(len(x.Claims), "claim", "claims"))
	w.raw(`, grouped by verdict, each group in the order the sources make them. The same claims are listed <a href="#by-speaker">by who made them</a> and <a href="#by-source">by source</a>.</p>
</header>
<form class="claims-filter" hidden aria-label="Filter the claims" data-shown="%d of %d claims shown" data-all="All %d claims shown">
<label><span>Verdict</span> <select name="verdict"><option value="">Any verdict</option>`)
	for _, v := range x.Verdicts {
		w.raw(`<option value="`)
		w.text(v.Name)
		w.raw(`">`)
		w.text(v.Label)
		w.raw("</option>")
	}
	for _, g := range x.ByVerdict {
		if g.Verdict == nil {
			w.raw(`<option value="none">No verdict</option>`)
		}
	}
	w.raw("</select></label>\n" + `<label><span>Said by</span> <select name="speaker"><option value="">Anyone</option>`)
	for _, g := range x.BySpeaker {
		w.raw(`<option value="`)
		w.text(g.Speaker.Slug)
		w.raw(`">`)
		w.text(g.Speaker.Name)
		w.raw(" (")
		w.int(len(g.Claims))
		w.raw(")</option>")
	}
	w.raw("</select></label>\n" + `<label><span>Source</span> <select name="source"><option value="">Any source</option>`)
	for _, g := range x.BySource {
		w.raw(`<option value="`)
		w.text(g.Source.Slug)
		w.raw(`">`)
		w.text(cite(g.Source.m))
		w.raw(" (")
		w.int(len(g.Claims))
		w.raw(")</option>")
	}
	w.raw(`</select></label>
<button type="reset">Show all</button>
<p class="claims-count" role="status"></p>
</form>
<nav class="claims-toc" aria-label="Verdicts">`)
	for _, g := range x.ByVerdict {
		w.raw(`<a href="#`)
		w.urlPart(g.ID)
		w.raw(`">`)
		if g.Verdict != nil {
			w.text(g.Verdict.Label)
		} else {
			w.raw("No verdict")
		}
		w.raw(` <span class="muted">`)
		w.int(len(g.Claims))
		w.raw("</span></a>\n")
	}
	w.raw("</nav>\n" + `<div id="by-verdict" class="claims-by-verdict">` + "\n")
	for _, g := range x.ByVerdict {
		w.raw(`<section class="claim-group" id="`)
		w.text(g.ID)
		w.raw(`" aria-labelledby="`)
		w.text(g.ID)
		w.raw(`-h">` + "\n" + `<h2 id="`)
		w.text(g.ID)
		w.raw(`-h">`)
		if v := g.Verdict; v != nil {
			w.raw(`<span class="verdict-dot verdict-`)
			w.text(v.Name)
			w.raw(`" aria-hidden="true"></span>`)
			w.text(v.Label)
		} else {
			w.raw("No verdict")
		}
		w.raw(` <span class="claim-group-n">`)
		w.int(len(g.Claims))
		w.raw("</span></h2>\n")
		if v := g.Verdict; v != nil {
			w.raw(`<p class="claim-group-means">`)
			w.text(v.Means)
			w.raw(` <a href="`)
			w.url(p.Nav.Verdicts)
			w.raw("#")
			w.urlPart(v.Name)
			w.raw("\">About the verdicts</a></p>\n")
		}
		w.raw(`<ol class="claims claim-rows">`)
		for _, c := range g.Claims {
			writeClaimsRow(w, p, c)
		}
		w.raw("</ol>\n</section>\n")
	}
	w.raw("</div>\n" + `<section id="by-speaker" class="claims-by" aria-labelledby="by-speaker-h">` + "\n" + `<h2 id="by-speaker-h">By who made them</h2>` + "\n")
	for _, g := range x.BySpeaker {
		w.raw(`<details class="claim-group-fold" id="`)
		w.text(g.ID)
		w.raw(`"><summary>`)
		w.text(g.Speaker.Name)
		w.raw(` <span class="claim-group-n">`)
		w.int(len(g.Claims))
		w.raw("</span></summary>\n" + `<ul class="claims">`)
		for _, c := range g.Claims {
			writeClaimItem(w, p, c)
		}
		w.raw("</ul>\n</details>\n")
	}
	if len(x.BySpeaker) == 0 {
		w.raw("<p class=\"muted\">No claim names who made it.</p>\n")
	}
	w.raw("</section>\n" + `<section id="by-source" class="claims-by" aria-labelledby="by-source-h">` + "\n" + `<h2 id="by-source-h">By source</h2>` + "\n")
	for _, g := range x.BySource {
		w.raw(`<details class="claim-group-fold" id="`)
		w.text(g.ID)
		w.raw(`"><summary>`)
		w.text(g.Source.Title)
		if g.Source.Outlet != "" {
			w.raw(", ")
			w.text(g.Source.Outlet)
		}
		w.raw(` <span class="claim-group-n">`)
		w.int(len(g.Claims))
		w.raw("</span></summary>\n" + `<ul class="claims">`)
		for _, c := range g.Claims {
			writeClaimItem(w, p, c)
		}
		w.raw("</ul>\n</details>\n")
	}
	w.raw("</section>\n<script src=\"")
	w.url(p.Asset("claims-filter.js"))
	w.raw(`"`)
	writeIntegrity(w, " integrity=\"", p.Integrity("claims-filter.js"))
	w.raw(" defer></script>\n")
	return nil
}

// writeClaimsRow is claims.html's "claims-row".
func writeClaimsRow(w pageWriter, p *Page, c *ClaimView) {
	w.raw(`<li class="claim-row`)
	if conflicting(c) {
		w.raw(" has-conflict")
	}
	w.raw(`" data-verdict="`)
	if c.Verdict != nil {
		w.text(c.Verdict.Name)
	} else {
		w.raw("none")
	}
	w.raw(`" data-speaker="`)
	if c.Speaker != nil {
		w.text(c.Speaker.Slug)
	}
	w.raw(`" data-sources="`)
	sources := p.QuotedSources(c)
	for i, s := range sources {
		if i > 0 {
			w.raw(" ")
		}
		w.text(s.Slug)
	}
	w.raw("\">\n" + `<a class="claim-row-title" href="`)
	w.link(p, "claims", c.ID)
	w.raw(`">`)
	w.text(c.Title)
	w.raw("</a>")
	if conflicting(c) {
		writeConflictMark(w, c)
	}
	w.raw("\n" + `<span class="claim-row-meta">`)
	if c.Speaker != nil {
		w.text(c.Speaker.Name)
		w.raw(" · ")
	}
	// Semicolons between sources: their citations hold commas.
	for i, s := range sources {
		if i > 0 {
			w.raw("; ")
		}
		w.text(cite(s.m))
	}
	if c.Date != "" {
		w.raw(` · `)
		writeTime(w, c.Date)
	}
	w.raw("</span></li>\n")
}

// writeClaimItem is the "claim-item" partial.
func writeClaimItem(w pageWriter, p *Page, c *ClaimView) {
	w.raw(`<li class="claim-item`)
	if conflicting(c) {
		w.raw(" has-conflict")
	}
	w.raw(`"><a href="`)
	w.link(p, "claims", c.ID)
	w.raw(`">`)
	w.text(c.Title)
	w.raw("</a>")
	if c.Verdict != nil {
		w.raw(" ")
		writeBadge(w, p.Badge(c.Verdict))
	}
	if conflicting(c) {
		writeConflictMark(w, c)
	}
	w.raw("</li>")
}

// writeBadge is the "verdict" partial.
func writeBadge(w pageWriter, b Badge) {
	w.raw(`<a class="verdict verdict-`)
	w.text(b.Verdict.Name)
	w.raw(`" href="`)
	w.url(b.Href)
	w.raw(`" title="`)
	w.text(b.Verdict.Means)
	w.raw(`">`)
	w.text(b.Verdict.Label)
	w.raw("</a>")
}

// writeInConflict is the "in-conflict" partial, in an attribute's value.
func writeInConflict(w pageWriter, c *ClaimView) {
	w.raw("In conflict: ")
	for i, cf := range c.Conflicts {
		if i > 0 {
			w.raw("; ")
		}
		w.text(cf.Title)
		w.raw(" (")
		switch cf.Kind {
		case "contradiction", "tension", "discrepancy":
			w.raw(cf.Kind)
		default:
			w.text(cf.Kind)
		}
		w.raw(": ")
		writeConflictMeans(w, cf.Kind)
		w.raw(")")
	}
}

// writeReadingAsOf is {{template "reading" r}}{{with asOf}}, as of
// {{template "date" .}}{{end}}.
func writeReadingAsOf(w pageWriter, r Reading, asOf string) {
	writeReading(w, r)
	if asOf != "" {
		w.raw(", as of ")
		writeDate(w, asOf)
	}
}

// writeReading is the "reading" partial.
func writeReading(w pageWriter, r Reading) {
	w.raw(`<span class="words">`)
	writeWords(w, r)
	w.raw("</span>")
	if r.Read != nil {
		w.raw(` <span class="read-as" title="How dossier reads the value, to compare it with others">read as `)
		writeAmount(w, r.Read)
		w.raw("</span>")
	}
}

// writeWords is the "words" partial.
func writeWords(w pageWriter, r Reading) {
	if r.Quoted {
		w.text(quoted(r.Words))
		return
	}
	writeAmount(w, r.Stated)
}

// writeAmount is the "amount" partial.
func writeAmount(w pageWriter, a *Amount) {
	switch a.Kind {
	case "about":
		w.raw("about ")
		w.text(number(a.Lo))
	case "range":
		w.text(number(a.Lo))
		w.raw("–")
		w.text(number(a.Hi))
	case "at-least":
		w.raw("at least ")
		w.text(number(a.Lo))
	case "at-most":
		w.raw("at most ")
		w.text(number(a.Hi))
	case "any":
		w.raw("any value")
	default:
		w.text(number(a.Lo))
	}
	if a.Unit != "" {
		w.raw(" ")
		w.text(a.Unit)
	}
}

// writeRelation is the "relation" partial.
func writeRelation(w pageWriter, r Relation) {
	way := "lower"
	if r.Way == "higher" {
		way = "higher"
	}
	switch {
	case r.Way == "same":
		w.raw("about the same")
	case r.More:
		w.raw("more than ")
		w.text(number(r.Times))
		w.raw("× ")
		w.raw(way)
	case r.Times != 0:
		w.text(number(r.Times))
		w.raw("× ")
		w.raw(way)
	case r.Percent != 0:
		w.int(r.Percent)
		w.raw("% ")
		w.raw(way)
	default:
		w.raw(way)
	}
}

// writeTime writes a date in a time element: the date as it is for
// machines, as the "date" partial shows it for readers.
func writeTime(w pageWriter, date string) {
	w.raw(`<time datetime="`)
	w.text(date)
	w.raw(`">`)
	writeDate(w, date)
	w.raw("</time>")
}

// writeDate is the "date" partial.
func writeDate(w pageWriter, s string) {
	d := dateParts(s)
	if d.Year == 0 {
		w.text(d.Key)
		return
	}
	if d.Day != 0 {
		w.int(d.Day)
		w.raw(" ")
	}
	if d.Month != 0 {
		w.raw(monthNames[d.Month-1])
		w.raw(" ")
	}
	w.int(d.Year)
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// sourceKindWords is the "source-kind" partial.
func sourceKindWords(kind string) string {
	switch kind {
	case "news":
		return "News"
	case "opinion":
		return "Opinion"
	case "analysis":
		return "Analysis"
	case "wire":
		return "Wire report"
	case "press-release":
		return "Press release"
	case "transcript":
		return "Transcript"
	case "official":
		return "Official document"
	}
	return ""
}
