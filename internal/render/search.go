package render

import (
	"bytes"
	"encoding/json"
	"strings"

	"dossier/internal/model"
)

// searchDoc is one thing the search box finds.
type searchDoc struct {
	ID    int    `json:"id"`
	Kind  string `json:"kind"` // "claim", "source", "entity", "figure", "conflict"
	Title string `json:"title"`
	Text  string `json:"text"`
	URL   string `json:"url"` // relative to the site's root
}

// searchIndex writes the documents the search box searches as a classic
// script, window.DOSSIER_SEARCH = [...]: a page opened from the file system
// may load a script but may not fetch a JSON file, so the index must be a
// script for search to work from a zip. The search itself (MiniSearch)
// runs in the browser.
func searchIndex(d *model.Dossier, l *links) ([]byte, error) {
	url := func(parts ...string) string { return strings.Join(parts, "/") + "/" + l.index }
	var docs []searchDoc
	add := func(kind, title, text, u string) {
		docs = append(docs, searchDoc{ID: len(docs), Kind: kind, Title: title, Text: text, URL: u})
	}
	for _, c := range d.Claims {
		var text []string
		text = append(text, c.Tags...)
		if c.Speaker != nil {
			text = append(text, c.Speaker.Name)
		}
		for _, q := range c.Quotes {
			text = append(text, q.Exact)
		}
		add("claim", c.Title, strings.Join(text, " "), url("claims", c.ID))
	}
	for _, s := range d.Sources {
		add("source", s.Title, strings.Join([]string{s.Short, s.Outlet, s.Author, s.Published, sourceKind(s.Kind)}, " "), url("sources", s.Slug))
	}
	for _, e := range d.Entities {
		add("entity", e.Name, strings.Join(append([]string{e.Description}, e.Aliases...), " "), url("entities", e.Slug))
	}
	for _, g := range d.Figures {
		add("figure", g.Label, strings.TrimSpace(g.Unit+" "+g.Description), url("figures", g.Key))
	}
	for _, cf := range d.Conflicts {
		text := string(cf.Kind)
		if cf.Figure != nil {
			text += " " + cf.Figure.Label
		}
		add("conflict", cf.Title, text, url("conflicts")+"#"+cf.ID)
	}
	var b bytes.Buffer
	b.WriteString("window.DOSSIER_SEARCH = ")
	enc := json.NewEncoder(&b) // escapes <, > and & as well
	if err := enc.Encode(docs); err != nil {
		return nil, err
	}
	b.WriteString(";\n")
	return b.Bytes(), nil
}
