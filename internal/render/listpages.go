package render

// The default theme's home page and lists of sources, figures and
// entities, compiled (see claimpage.go).

// writeSourceItem is the "source-item" partial.
func writeSourceItem(w pageWriter, p *Page, s *SourceView) {
	w.raw(`<li><a href="`)
	w.link(p, "sources", s.Slug)
	w.raw(`">`)
	w.text(s.Title)
	w.raw("</a>")
	if s.Kind != "" && s.Kind != "other" {
		w.raw(` <span class="source-kind">`)
		w.raw(sourceKindWords(s.Kind))
		w.raw("</span>")
	}
	if s.Outlet != "" {
		w.raw(" · ")
		w.text(s.Outlet)
	}
	if s.Author != "" {
		w.raw(" · ")
		w.text(s.Author)
	}
	if s.Published != "" {
		w.raw(" · ")
		writeDate(w, s.Published)
	}
	w.raw(` <span class="muted">(`)
	w.text(count(len(s.Quotes), "passage", "passages"))
	w.raw(")</span></li>")
}

// writeConflictItem is the "conflict" partial.
func writeConflictItem(w pageWriter, p *Page, c *ConflictView) {
	w.raw("<li class=\"conflict-item\">\n")
	writeKindLine(w, c.Kind)
	w.raw("\n" + `<p class="conflict-item-title"><a href="`)
	w.url(p.ConflictHref(c))
	w.raw(`">`)
	w.text(c.Title)
	w.raw("</a></p>\n" + `<p class="muted">`)
	if g := c.Figure; g != nil {
		w.raw(`Figure: <a href="`)
		w.link(p, "figures", g.Key)
		w.raw(`">`)
		w.text(g.Label)
		w.raw("</a> · ")
		w.text(count(len(c.Values), "value", "values"))
		w.raw(" disagree")
		if len(c.Values) == 1 {
			w.raw("s")
		}
	} else {
		w.text(count(len(c.Claims), "claim", "claims"))
		w.raw(" on ")
		w.int(len(c.Sides))
		w.raw(" sides")
	}
	w.raw("</p>\n</li>")
}

// writeHomeContent is home.html's "content".
func writeHomeContent(w pageWriter, p *Page) error {
	d := p.Dossier
	w.raw("\n<h1>")
	w.text(p.Site.Title)
	w.raw("</h1>\n")
	if p.Site.Description != "" {
		w.raw(`<p class="lede">`)
		w.text(p.Site.Description)
		w.raw("</p>")
	}
	w.raw("\n" + `<p class="counts">`)
	w.text(count(len(d.Sources), "source", "sources"))
	w.raw(" · ")
	w.text(count(len(d.Claims), "claim", "claims"))
	w.raw(" · ")
	w.text(count(len(d.Figures), "figure", "figures"))
	w.raw(" · ")
	w.text(count(len(d.Conflicts), "conflict", "conflicts"))
	w.raw(" · ")
	w.text(count(len(d.Entities), "person or organisation", "people and organisations"))
	w.raw("</p>\n" + `<section aria-labelledby="conflicts-h">` + "\n" + `<h2 id="conflicts-h">Conflicts</h2>` + "\n")
	if len(d.Conflicts) > 0 {
		w.raw(`<ul class="conflicts">`)
		for _, c := range d.Conflicts {
			writeConflictItem(w, p, c)
		}
		w.raw("</ul>\n")
	} else {
		w.raw("<p>No conflicts: no figures or claims disagree.</p>")
	}
	w.raw("\n</section>\n" + `<section aria-labelledby="sources-h">` + "\n" + `<h2 id="sources-h">Sources</h2>` + "\n" + `<ul class="sources">`)
	for _, s := range d.Sources {
		writeSourceItem(w, p, s)
	}
	w.raw("</ul>\n</section>\n")
	if p.Body != "" {
		w.raw(`<section class="intro prose" aria-label="About this dossier">`)
		w.raw(string(p.Body))
		w.raw("</section>")
	}
	w.raw("\n")
	return nil
}

// writeSourcesContent is sources.html's "content".
func writeSourcesContent(w pageWriter, p *Page) error {
	w.raw("\n<h1>Sources</h1>\n" + `<ul class="sources">`)
	for _, s := range p.Dossier.Sources {
		writeSourceItem(w, p, s)
	}
	if len(p.Dossier.Sources) == 0 {
		w.raw("<li>No sources yet.</li>")
	}
	w.raw("</ul>\n")
	return nil
}

// writeFiguresContent is figures.html's "content".
func writeFiguresContent(w pageWriter, p *Page) error {
	w.raw("\n<h1>Figures</h1>\n" + `<ul class="figures">`)
	figs := p.FiguresByLabel()
	for _, g := range figs {
		w.raw("<li")
		if g.Conflict != nil {
			w.raw(` class="has-conflict"`)
		}
		w.raw(`><a href="`)
		w.link(p, "figures", g.Key)
		w.raw(`">`)
		w.text(g.Label)
		w.raw(`</a> <span class="muted">(`)
		w.text(count(len(g.Values), "value", "values"))
		if p.OverTime(g) {
			w.raw(" over time")
		}
		w.raw(", in ")
		w.text(g.Unit)
		w.raw(")</span>")
		if g.Conflict != nil {
			w.raw(` <span class="conflict-mark">conflict</span>`)
		}
		if g.Description != "" {
			w.raw(`<span class="figure-description">`)
			w.text(g.Description)
			w.raw("</span>")
		}
		w.raw("</li>")
	}
	if len(figs) == 0 {
		w.raw("<li>No figures yet.</li>")
	}
	w.raw("</ul>\n")
	return nil
}

// writeEntitiesContent is entities.html's "content".
func writeEntitiesContent(w pageWriter, p *Page) error {
	w.raw("\n<h1>People and organisations</h1>\n" + `<ul class="entities">`)
	for _, e := range p.Dossier.Entities {
		w.raw(`<li><a href="`)
		w.link(p, "entities", e.Slug)
		w.raw(`">`)
		w.text(e.Name)
		w.raw(`</a> <span class="muted">`)
		switch e.Kind {
		case "person", "organization", "place", "other":
			w.raw(e.Kind)
		}
		w.raw(" · ")
		w.text(count(len(e.Mentions), "mention", "mentions"))
		w.raw(" · ")
		w.text(count(len(e.Claims), "claim", "claims"))
		w.raw("</span></li>")
	}
	if len(p.Dossier.Entities) == 0 {
		w.raw("<li>No entities yet.</li>")
	}
	w.raw("</ul>\n")
	return nil
}
