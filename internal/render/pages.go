package render

import (
	"html/template"
	"net/url"
	"sort"
	"strings"

	"dossier/internal/content"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// Page is what every template gets. Fields that do not concern a page type
// are left empty.
type Page struct {
	Site    SiteInfo
	Dossier *DossierView
	Kind    string // the template name
	Title   string
	// Description is the page's summary for search engines and link
	// previews.
	Description string
	Path        string // the page's folder, e.g. "claims/x/"; "" for the home page

	// The page's subject, nil on the pages of other kinds.
	Source   *SourceView
	Claim    *ClaimView
	Figure   *FigureView
	Entity   *EntityView
	Timeline []Month
	Undated  []*ClaimView
	Nav      *Nav

	// Body is the page's Markdown rendered: the source's text with its
	// highlights, a claim's commentary, an entity's notes, the home intro.
	Body template.HTML

	root  string // see Root
	links *links
	r     *renderer   // for what pages compute from the whole site
	body  *model.Body // the Markdown to render into Body

	mentionGroups *[]MentionGroup // an entity page's, once found
	quoteNumbers  *quoteNumbers   // a source page's, once counted: its notes and its list share them

	// The model's things the views show.
	d      *model.Dossier
	source *model.Source
	claim  *model.Claim
	figure *model.Figure
	entity *model.Entity
}

// SiteInfo is the site-wide settings a template may show.
type SiteInfo struct {
	Title, Description, Language string
}

// Root is the relative path from the page to the site's root: "" on the
// home page, "../../" on a claim page. Every link is relative, so that the
// site works under any base path and from the file system.
func (p *Page) Root() string { return p.root }

// URL returns the relative link from this page to the page at parts, e.g.
// {{.URL "claims" .Claim.ID}}. Without a base URL the site must work from
// the file system, where a folder does not open its index.html: links then
// name it.
func (p *Page) URL(parts ...string) string {
	// Made in one allocation: pages link to thousands of others.
	n := len(p.root) + len(parts) + len(p.links.index)
	for _, s := range parts {
		n += len(s)
	}
	if n == 0 {
		return "./"
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(p.root)
	for _, s := range parts {
		b.WriteString(s)
		b.WriteByte('/')
	}
	b.WriteString(p.links.index)
	return b.String()
}

// Canonical is the page's absolute URL, or "" when the site has no base URL.
func (p *Page) Canonical() string {
	if p.links.base == "" {
		return ""
	}
	return p.links.base + p.Path
}

// Integrity is the Subresource Integrity value of a stylesheet or script,
// for a site with a base URL. A site opened from the file system gets
// none: browsers treat every file as a separate origin there, and refuse
// integrity-checked files from other origins.
func (p *Page) Integrity(name string) string {
	if p.links.base == "" {
		return ""
	}
	return p.links.assets[name].Integrity
}

// QuoteURL links to a quote's passage on its source page.
func (p *Page) QuoteURL(q *QuoteView) string { return p.quoteURL(q.m) }

func (p *Page) quoteURL(q *model.Quote) string {
	return p.URL("sources", q.Source.Slug) + "#" + q.Anchor()
}

// Asset links to a file of the site's static files: stylesheets and
// scripts by their fingerprinted names.
func (p *Page) Asset(name string) string {
	if a, ok := p.links.assets[name]; ok {
		return p.Root() + a.Name
	}
	return p.Root() + name
}

// links is what every page's links depend on, shared by all pages.
type links struct {
	base   string           // the base URL, ending in "/", or ""
	index  string           // "index.html" when the site has no base URL
	assets map[string]Asset // fingerprinted files by their names in static/
}

func newLinks(baseURL string) *links {
	l := &links{assets: map[string]Asset{}}
	if baseURL == "" {
		l.index = "index.html"
	} else {
		l.base = strings.TrimSuffix(baseURL, "/") + "/"
	}
	return l
}

func (r *renderer) site() SiteInfo {
	s := r.d.Settings
	out := SiteInfo{Title: s.Title, Description: s.Description, Language: s.Language}
	if out.Title == "" {
		out.Title = r.title
	}
	if out.Language == "" {
		out.Language = "en"
	}
	return out
}

// pages lists every page of the site.
func (r *renderer) pages() []job {
	site := r.site()
	var jobs []job
	navs := map[string]*Nav{} // one per depth, shared by its pages
	add := func(dir, tmpl, title string, p *Page) {
		p.Site, p.d, p.Dossier, p.Kind, p.Title, p.Path = site, r.d, r.v.dossier, tmpl, title, dir
		p.Source, p.Claim, p.Figure, p.Entity = r.v.source(p.source), r.v.claim(p.claim), r.v.figure(p.figure), r.v.entity(p.entity)

		p.root = strings.Repeat("../", strings.Count(dir, "/"))
		p.links = r.links
		p.r = r
		p.Nav = navs[p.root]
		if p.Nav == nil {
			p.Nav = newNav(p)
			navs[p.root] = p.Nav
		}
		jobs = append(jobs, job{path: dir + "index.html", template: tmpl, page: p})
	}
	add("", "home", "", &Page{body: r.d.Intro})
	add("sources/", "sources", "", &Page{})
	for _, s := range r.d.Sources {
		add("sources/"+s.Slug+"/", "source", s.Title, &Page{source: s, body: &s.Body})
	}
	add("claims/", "claims", "", &Page{})
	for _, c := range r.d.Claims {
		add("claims/"+c.ID+"/", "claim", c.Title, &Page{claim: c, body: &c.Body})
	}
	add("figures/", "figures", "", &Page{})
	for _, g := range r.d.Figures {
		add("figures/"+g.Key+"/", "figure", g.Label, &Page{figure: g})
	}
	add("conflicts/", "conflicts", "", &Page{})
	add("verdicts/", "verdicts", "", &Page{})
	add("entities/", "entities", "", &Page{})
	for _, e := range r.d.Entities {
		add("entities/"+e.Slug+"/", "entity", e.Name, &Page{entity: e, body: &e.Body, Description: e.Description})
	}
	months, undated := timeline(r.d.Claims, r.v)
	add("timeline/", "timeline", "", &Page{Timeline: months, Undated: mapAll(undated, r.v.claim)})

	// 404.html is shown by static hosts for any missing path, at any depth:
	// its links are absolute when the base URL says where the site is.
	nf := &Page{Site: site, d: r.d, Dossier: r.v.dossier, Kind: "notfound", links: r.links, r: r}
	if u, err := url.Parse(r.links.base); err == nil && r.links.base != "" {
		nf.root = u.Path
	}
	nf.Nav = newNav(nf)
	jobs = append(jobs, job{path: "404.html", template: "notfound", page: nf})
	return jobs
}

// fillMarkdown renders the page's Markdown body, with links resolved
// relative to the page and, on a source page, the passages highlighted.
func (r *renderer) fillMarkdown(p *Page) error {
	if p.body == nil || len(p.body.Markdown) == 0 {
		return nil
	}
	opts := markdown.Options{Resolve: r.resolver(p)}
	if p.source != nil {
		opts.Highlights = r.highlights(p)
		opts.Highlights.Note = r.noteWriter(p.Kind)
		opts.Highlights.Mark = r.markWriter(p.Kind)
	}
	html, err := r.md.RenderString(p.body.Markdown, opts)
	if err != nil {
		return err
	}
	// goldmark escapes every text and attribute and raw HTML is off, so
	// its output is safe to place as it is.
	p.Body = template.HTML(html)
	return nil
}

// resolver resolves the links of Markdown shown on page p.
func (r *renderer) resolver(p *Page) func(markdown.Target) (string, bool) {
	return func(t markdown.Target) (string, bool) {
		if !r.d.Resolves(t) {
			return "", false
		}
		return p.URL(t.Kind.Folder(), t.ID), true
	}
}

// bodyKey is a Markdown body as rendered at one depth of the site: its
// links are relative to the page.
type bodyKey struct {
	file *content.File
	root string
}

// Markdown renders a Markdown body other than the page's own, such as a
// conflict's explanation or a figure's note; "" when it is empty. A body
// shown on many pages (a conflict's explanation, on the page of each of
// its claims) is rendered once per depth.
func (p *Page) Markdown(b BodyView) (template.HTML, error) { return p.markdown(b.b) }

func (p *Page) markdown(b model.Body) (template.HTML, error) {
	if len(b.Markdown) == 0 {
		return "", nil
	}
	key := bodyKey{b.File, p.root}
	if b.File != nil {
		if h, ok := p.r.bodies.Load(key); ok {
			return h.(template.HTML), nil
		}
	}
	html, err := p.r.md.RenderString(b.Markdown, markdown.Options{Resolve: p.r.resolver(p)})
	if err != nil {
		return "", err
	}
	// goldmark escapes every text and attribute and raw HTML is off.
	h := template.HTML(html)
	if b.File != nil {
		p.r.bodies.Store(key, h)
	}
	return h, nil
}

// Month is the dated claims of one month, or of one year when they give
// only the year.
type Month struct {
	Key    string // "2025-08" or "2025"
	Claims []*ClaimView
	// Start is the number of the month's first claim on the timeline: one
	// list numbered across the months, each month's <ol start=…>.
	Start int
}

// timeline groups the dated claims by month, in the order of their dates.
// A claim dated only by its month comes after that month's claims dated
// to the day, in the same group; one dated only by its year comes after
// all of that year's months, in a group of its own: "sometime in 2025"
// is not "in January 2025". Claims of the same date keep the order of
// their ids.
func timeline(claims []*model.Claim, v *views) ([]Month, []*model.Claim) {
	var dated, undated []*model.Claim
	for _, c := range claims {
		if c.Date == "" {
			undated = append(undated, c)
		} else {
			dated = append(dated, c)
		}
	}
	sort.SliceStable(dated, func(i, j int) bool {
		if a, b := timelineKey(dated[i].Date), timelineKey(dated[j].Date); a != b {
			return a < b
		}
		return dated[i].ID < dated[j].ID
	})
	var months []Month
	n := 1
	for _, c := range dated {
		key := c.Date
		if len(key) > 7 {
			key = key[:7]
		}
		if k := len(months); k > 0 && months[k-1].Key == key {
			months[k-1].Claims = append(months[k-1].Claims, v.claim(c))
		} else {
			months = append(months, Month{Key: key, Claims: []*ClaimView{v.claim(c)}, Start: n})
		}
		n++
	}
	return months, undated
}

// timelineKey orders dates "2025-03-10", "2025-03", "2025": a part not
// given sorts after every part given ("99" is after any month or day).
func timelineKey(date string) string {
	switch len(date) {
	case len("2025"):
		return date + "-99"
	case len("2025-03"):
		return date + "-99"
	}
	return date
}

// UndatedStart is the number of the first undated claim on the timeline,
// which numbers them after the dated ones.
func (p *Page) UndatedStart() int {
	n := 1
	for _, m := range p.Timeline {
		n += len(m.Claims)
	}
	return n
}

// QuotedSources returns the sources a claim quotes, each once, in the
// order of its quotes.
func (p *Page) QuotedSources(c *ClaimView) []*SourceView {
	seen := map[*SourceView]bool{}
	var out []*SourceView
	for _, q := range c.Quotes {
		if q.Source != nil && !seen[q.Source] {
			seen[q.Source] = true
			out = append(out, q.Source)
		}
	}
	return out
}

// VerdictCount is how many claims have a verdict, for the verdicts page.
func (p *Page) VerdictCount(v *VerdictView) int {
	n := 0
	for _, c := range p.d.Claims {
		if c.Verdict == v.m {
			n++
		}
	}
	return n
}

// RatingRange is what the ratings of the scale run between, for the
// verdicts page.
type RatingRange struct{ Worst, Best int }

// RatingRange returns what the ratings of the scale run between, or nil
// when fewer than two ratings differ.
func (p *Page) RatingRange() *RatingRange {
	worst, best, ok := p.d.Verdicts.Ratings()
	if !ok || worst == best {
		return nil
	}
	return &RatingRange{Worst: worst, Best: best}
}
