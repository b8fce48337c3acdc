package render

// The links and badges every page carries.

// Nav holds the links every page's header and footer carry, made once for
// all pages at the same depth: the templates then read fields instead of
// calling a method for each link of each of thousands of pages.
type Nav struct {
	Home, Sources, Claims, Conflicts, Figures, Entities, Timeline, Verdicts string
	Style, StyleIntegrity, Chroma, ChromaIntegrity, JSON                    string
	// The scripts: the search index, the search library, the site's own,
	// the search box's. The search box's script loads the index and the
	// library when a reader first turns to the search box.
	SearchIndex, MiniSearch, MiniSearchIntegrity, Script, ScriptIntegrity string
	Search, SearchIntegrity                                               string
	// Favicon is the site's icon (favicon.svg).
	Favicon string
	Root    string
	// verdicts links each verdict of the scale to its definition on the
	// verdicts page, by name.
	verdicts map[string]string
}

// Badge is a verdict as its badge shows it: its label, linking to its
// definition on the verdicts page (the "verdict" partial).
type Badge struct {
	Verdict *VerdictView
	Href    string
}

// Badge returns the badge of a verdict, for the "verdict" partial:
// {{template "verdict" $p.Badge .Claim.Verdict}}.
func (p *Page) Badge(v *VerdictView) Badge {
	h, ok := p.Nav.verdicts[v.Name]
	if !ok {
		h = p.Nav.Verdicts + "#" + v.Name
	}
	return Badge{Verdict: v, Href: h}
}

func newNav(p *Page) *Nav {
	n := &Nav{Home: p.URL(), Sources: p.URL("sources"), Claims: p.URL("claims"), Conflicts: p.URL("conflicts"),
		Figures: p.URL("figures"), Entities: p.URL("entities"), Timeline: p.URL("timeline"), Verdicts: p.URL("verdicts"),
		Style: p.Asset("style.css"), StyleIntegrity: p.Integrity("style.css"),
		Chroma: p.Asset("chroma.css"), ChromaIntegrity: p.Integrity("chroma.css"),
		JSON:        p.Root() + "dossier.json",
		SearchIndex: p.Root() + "search-index.js",
		MiniSearch:  p.Asset("vendor/minisearch.js"), MiniSearchIntegrity: p.Integrity("vendor/minisearch.js"),
		Script: p.Asset("dossier.js"), ScriptIntegrity: p.Integrity("dossier.js"),
		Search: p.Asset("search.js"), SearchIntegrity: p.Integrity("search.js"),
		Favicon: p.Asset("favicon.svg"),
		Root:    p.Root()}
	n.verdicts = make(map[string]string)
	if p.d != nil {
		for _, v := range p.d.Verdicts {
			n.verdicts[v.Name] = n.Verdicts + "#" + v.Name
		}
	}
	return n
}
