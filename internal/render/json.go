package render

import (
	"bytes"
	"encoding/json"

	"dossier/internal/dossier"
)

// The shapes of dossier.json (DESIGN.md, "Output"). Fields that a source
// does not give are empty strings, not missing, so consumers can rely on
// every key; numbers a figure does not give are left out.
type jsonDossier struct {
	Title     string         `json:"title"`
	Sources   []jsonSource   `json:"sources"`
	Claims    []jsonClaim    `json:"claims"`
	Figures   []jsonFigure   `json:"figures"`
	Conflicts []jsonConflict `json:"conflicts"`
	Entities  []jsonEntity   `json:"entities"`
}

type jsonSource struct {
	Slug      string `json:"slug"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Author    string `json:"author"`
	Published string `json:"published"`
	URL       string `json:"url"`
}

type jsonClaim struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Verdict     string      `json:"verdict"`
	Speaker     string      `json:"speaker"`
	Date        string      `json:"date"`
	Tags        []string    `json:"tags"`
	Contradicts []string    `json:"contradicts"`
	Quotes      []jsonQuote `json:"quotes"`
}

type jsonQuote struct {
	Source string     `json:"source"`
	Text   string     `json:"text"`
	Exact  string     `json:"exact"`
	Prefix string     `json:"prefix"`
	Suffix string     `json:"suffix"`
	Start  int        `json:"start"`
	End    int        `json:"end"`
	Figure *jsonValue `json:"figure,omitempty"`
}

type jsonValue struct {
	Key    string   `json:"key"`
	Value  *float64 `json:"value,omitempty"`
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
	Unit   string   `json:"unit"`
	Approx bool     `json:"approx"`
}

type jsonFigure struct {
	Key      string           `json:"key"`
	Unit     string           `json:"unit"`
	Conflict bool             `json:"conflict"`
	Values   []jsonFigureItem `json:"values"`
}

type jsonFigureItem struct {
	Claim    string   `json:"claim"`
	Quote    int      `json:"quote"`
	Source   string   `json:"source"`
	Min      *float64 `json:"min"` // null for an open bound
	Max      *float64 `json:"max"`
	Conflict bool     `json:"conflict"`
}

type jsonConflict struct {
	Kind   string   `json:"kind"`
	Figure string   `json:"figure,omitempty"`
	Claims []string `json:"claims"`
}

type jsonEntity struct {
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Aliases     []string `json:"aliases"`
	Description string   `json:"description"`
	Mentions    int      `json:"mentions"`
}

func dossierJSON(d *dossier.Dossier) ([]byte, error) {
	out := jsonDossier{
		Title:     d.Settings.Title,
		Sources:   []jsonSource{},
		Claims:    []jsonClaim{},
		Figures:   []jsonFigure{},
		Conflicts: []jsonConflict{},
		Entities:  []jsonEntity{},
	}
	for _, s := range d.Sources {
		out.Sources = append(out.Sources, jsonSource{s.Slug, s.Title, s.Outlet, s.Author, s.Published, s.URL})
	}
	for _, c := range d.Claims {
		jc := jsonClaim{ID: c.ID, Title: c.Title, Verdict: c.Verdict.String(), Date: c.Date, Tags: nonNil(c.Tags), Contradicts: []string{}}
		if c.Speaker != nil {
			jc.Speaker = c.Speaker.Slug
		}
		// v2: "contradicts" gives way to conflicts[].sides, and claims gain
		// "rationale" and "reviewed", sources "kind" and "short", figures
		// "label", values "asOf" and "words", the dossier "verdicts"
		// (DESIGN "Output (v2)"). Until then, the claims of the other
		// sides of its statement conflicts.
		for _, o := range opposed(c) {
			jc.Contradicts = append(jc.Contradicts, o.ID)
		}
		for _, q := range c.Quotes {
			jq := jsonQuote{Text: q.Text, Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix, Start: q.Start, End: q.End}
			if q.Source != nil {
				jq.Source = q.Source.Slug
			}
			if v := q.Figure; v != nil {
				jq.Figure = &jsonValue{Key: v.Key, Value: v.Value, Min: v.Min, Max: v.Max, Unit: v.Unit, Approx: v.Approx}
			}
			jc.Quotes = append(jc.Quotes, jq)
		}
		out.Claims = append(out.Claims, jc)
	}
	for _, g := range d.Figures {
		jf := jsonFigure{Key: g.Key, Unit: g.Unit, Conflict: g.Conflict != nil}
		for _, v := range g.Values {
			jv := jsonFigureItem{Claim: v.Quote.Claim.ID, Quote: v.Quote.N, Source: v.Quote.Source.Slug, Conflict: v.Conflict}
			if !v.OpenLo() {
				jv.Min = &v.Lo
			}
			if !v.OpenHi() {
				jv.Max = &v.Hi
			}
			jf.Values = append(jf.Values, jv)
		}
		out.Figures = append(out.Figures, jf)
	}
	for _, cf := range d.Conflicts {
		jc := jsonConflict{Kind: string(cf.Kind)} // v2: id, title, sides
		if cf.Figure != nil {
			jc.Figure = cf.Figure.Key
		}
		for _, c := range cf.Claims {
			jc.Claims = append(jc.Claims, c.ID)
		}
		out.Conflicts = append(out.Conflicts, jc)
	}
	for _, e := range d.Entities {
		out.Entities = append(out.Entities, jsonEntity{e.Slug, e.Name, e.Kind, nonNil(e.Aliases), e.Description, len(e.Mentions)})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
