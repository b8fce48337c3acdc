package render

import (
	"io"

	"dossier/internal/jsonindent"
	"dossier/internal/model"
)

// The shapes of dossier.json (content format v2; docs/content-format.md,
// "dossier.json", documents every key). Every key is always present, so
// that consumers can rely on it: a string the content does not give is "",
// a list with nothing in it is [], and a number the content does not give,
// or the open side of an interval, is null. The order is the model's:
// sources, claims and entities by slug or id, figures by key, conflicts the
// figures' (by key) then the statements' (by id), so that two builds of the
// same content give the same bytes.
type jsonDossier struct {
	Title     string         `json:"title"`
	Published string         `json:"published"` // dossier.yaml's, YYYY-MM-DD, or ""
	Verdicts  []jsonVerdict  `json:"verdicts"`  // the rating scale, in its order
	Sources   []jsonSource   `json:"sources"`
	Claims    []jsonClaim    `json:"claims"`
	Figures   []jsonFigure   `json:"figures"`
	Conflicts []jsonConflict `json:"conflicts"`
	Entities  []jsonEntity   `json:"entities"`
}

type jsonVerdict struct {
	Name   string `json:"name"`
	Label  string `json:"label"`
	Rating *int   `json:"rating"` // null for a neutral verdict
	Means  string `json:"means"`
}

type jsonSource struct {
	Slug      string `json:"slug"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Author    string `json:"author"`
	Published string `json:"published"`
	URL       string `json:"url"`
	Kind      string `json:"kind"`
	Short     string `json:"short"`
}

type jsonClaim struct {
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Verdict   string      `json:"verdict"` // a name of "verdicts", or ""
	Rationale string      `json:"rationale"`
	Reviewed  string      `json:"reviewed"`
	Speaker   string      `json:"speaker"`
	Date      string      `json:"date"`
	Tags      []string    `json:"tags"`
	Quotes    []jsonQuote `json:"quotes"`
	Conflicts []string    `json:"conflicts"` // ids of the conflicts it is in
}

type jsonQuote struct {
	Source string     `json:"source"`
	Text   string     `json:"text"`
	Exact  string     `json:"exact"`
	Prefix string     `json:"prefix"`
	Suffix string     `json:"suffix"`
	Start  int        `json:"start"`
	End    int        `json:"end"`
	Figure *jsonValue `json:"figure"` // null when the quote gives no figure
}

// jsonValue is a quote's figure as the editor wrote it.
type jsonValue struct {
	Key    string   `json:"key"`
	Value  *float64 `json:"value"`
	Min    *float64 `json:"min"`
	Max    *float64 `json:"max"`
	Unit   string   `json:"unit"` // the figure's unit
	Approx bool     `json:"approx"`
	AsOf   string   `json:"asOf"`
	Words  string   `json:"words"`
}

type jsonFigure struct {
	Key         string           `json:"key"`
	Label       string           `json:"label"`
	Unit        string           `json:"unit"`
	Description string           `json:"description"`
	Conflict    bool             `json:"conflict"`
	Values      []jsonFigureItem `json:"values"`
}

// jsonFigureItem is a value of a figure as the interval it stands for.
type jsonFigureItem struct {
	Claim        string            `json:"claim"`
	Quote        int               `json:"quote"`
	Source       string            `json:"source"`
	Min          *float64          `json:"min"` // null for an open bound
	Max          *float64          `json:"max"`
	AsOf         string            `json:"asOf"`
	Words        string            `json:"words"`
	Conflict     bool              `json:"conflict"`
	Disagreement *jsonDisagreement `json:"disagreement"` // null when it disagrees with no value
}

// jsonDisagreement summarises the values a value disagrees with: how many
// lie wholly above it and below it, the lowest lower bound of those above
// and the highest upper bound of those below (null when there are none).
type jsonDisagreement struct {
	With         int      `json:"with"`
	Above        int      `json:"above"`
	Below        int      `json:"below"`
	LowestAbove  *float64 `json:"lowestAbove"`
	HighestBelow *float64 `json:"highestBelow"`
}

type jsonConflict struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Auto   bool   `json:"auto"` // the title was made by dossier: no conflict file explains it
	Kind   string `json:"kind"` // contradiction, tension or discrepancy
	Figure string `json:"figure"`
	// Claims are all the claims involved, each once.
	Claims []string `json:"claims"`
	// Sides are the claim ids of each side; for a figure conflict, of
	// each group of Groups ([] when its values have no sides).
	Sides [][]string `json:"sides"`
	// Groups are, for a figure conflict, its values in conflict grouped
	// into sides, lowest first ([] for a statement conflict, and for a
	// figure whose values come from periods that do not all overlap).
	Groups [][]jsonValueRef `json:"groups"`
}

// jsonValueRef names a value of a figure by its quote.
type jsonValueRef struct {
	Claim string `json:"claim"`
	Quote int    `json:"quote"`
}

type jsonEntity struct {
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Aliases     []string `json:"aliases"`
	Description string   `json:"description"`
	Mentions    int      `json:"mentions"`
}

// writeDossierJSON writes dossier.json to out as it is made, element by
// element from the model: neither the file nor its data is ever whole in
// memory (at 10,000 sources the file is some 80 MB).
func writeDossierJSON(out io.Writer, d *model.Dossier) error {
	w := jsonindent.NewWriter(out, false, "  ")
	writeJSONLists(w, dossierLists(d))
	return w.Finish()
}

// jsonLists is dossier.json's data with each list read an element at a
// time: made from the model as it is written (dossierLists), or from a
// jsonDossier (lists).
type jsonLists struct {
	Title, Published string
	Verdicts         jsonSeq[jsonVerdict]
	Sources          jsonSeq[jsonSource]
	Claims           jsonSeq[jsonClaim]
	Figures          jsonSeq[jsonFigure]
	Conflicts        jsonSeq[jsonConflict]
	Entities         jsonSeq[jsonEntity]
}

// jsonSeq is a list of n elements, each made when at is called, or null.
type jsonSeq[T any] struct {
	n    int
	null bool
	at   func(i int) T
}

func sliceSeq[T any](s []T) jsonSeq[T] {
	return jsonSeq[T]{n: len(s), null: s == nil, at: func(i int) T { return s[i] }}
}

// modelSeq is the list of the elements of s, each made by conv when it is
// written; it is never null.
func modelSeq[E, T any](s []E, conv func(E) T) jsonSeq[T] {
	return jsonSeq[T]{n: len(s), at: func(i int) T { return conv(s[i]) }}
}

// lists reads out element by element.
func (out jsonDossier) lists() jsonLists {
	return jsonLists{Title: out.Title, Published: out.Published, Verdicts: sliceSeq(out.Verdicts), Sources: sliceSeq(out.Sources),
		Claims: sliceSeq(out.Claims), Figures: sliceSeq(out.Figures), Conflicts: sliceSeq(out.Conflicts), Entities: sliceSeq(out.Entities)}
}

// dossierLists is dossier.json's data, made from the model element by
// element as it is read.
func dossierLists(d *model.Dossier) jsonLists {
	return jsonLists{Title: d.Settings.Title, Published: d.Settings.Published, Verdicts: modelSeq(d.Verdicts, jsonVerdictOf),
		Sources: modelSeq(d.Sources, jsonSourceOf), Claims: modelSeq(d.Claims, jsonClaimOf), Figures: modelSeq(d.Figures, jsonFigureOf),
		Conflicts: modelSeq(d.Conflicts, jsonConflictOf), Entities: modelSeq(d.Entities, jsonEntityOf)}
}

// dossierData is dossier.json's data, whole.
func dossierData(d *model.Dossier) jsonDossier {
	l := dossierLists(d)
	return jsonDossier{Title: l.Title, Published: l.Published, Verdicts: collect(l.Verdicts), Sources: collect(l.Sources),
		Claims: collect(l.Claims), Figures: collect(l.Figures), Conflicts: collect(l.Conflicts), Entities: collect(l.Entities)}
}

// collect makes every element of a list that is never null.
func collect[T any](s jsonSeq[T]) []T {
	out := make([]T, s.n)
	for i := range out {
		out[i] = s.at(i)
	}
	return out
}

func jsonVerdictOf(v *model.Verdict) jsonVerdict {
	return jsonVerdict{v.Name, v.Label, v.Rating, v.Means}
}

func jsonSourceOf(s *model.Source) jsonSource {
	return jsonSource{s.Slug, s.Title, s.Outlet, s.Author, s.Published, s.URL, string(s.Kind), s.Short}
}

func jsonClaimOf(c *model.Claim) jsonClaim {
	jc := jsonClaim{ID: c.ID, Title: c.Title, Verdict: c.Verdict.String(), Rationale: c.Rationale, Reviewed: c.Reviewed,
		Date: c.Date, Tags: nonNil(c.Tags), Quotes: []jsonQuote{}, Conflicts: []string{}}
	if c.Speaker != nil {
		jc.Speaker = c.Speaker.Slug
	}
	for _, q := range c.Quotes {
		jq := jsonQuote{Text: q.Text, Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix, Start: q.Start, End: q.End}
		if q.Source != nil {
			jq.Source = q.Source.Slug
		}
		if v := q.Figure; v != nil {
			jq.Figure = &jsonValue{Key: v.Key, Value: v.Value, Min: v.Min, Max: v.Max, Unit: v.Unit, Approx: v.Approx, AsOf: v.AsOf, Words: v.Words}
		}
		jc.Quotes = append(jc.Quotes, jq)
	}
	for _, cf := range c.Conflicts {
		jc.Conflicts = append(jc.Conflicts, cf.ID)
	}
	return jc
}

func jsonFigureOf(g *model.Figure) jsonFigure {
	jf := jsonFigure{Key: g.Key, Label: g.Label, Unit: g.Unit, Description: g.Description, Conflict: g.Conflict != nil, Values: []jsonFigureItem{}}
	for _, v := range g.Values {
		jv := jsonFigureItem{Claim: v.Quote.Claim.ID, Quote: v.Quote.N, Source: v.Quote.Source.Slug, AsOf: v.AsOf, Words: v.Words, Conflict: v.Conflict}
		if !v.OpenLo() {
			jv.Min = &v.Lo
		}
		if !v.OpenHi() {
			jv.Max = &v.Hi
		}
		if dg := v.Disagreement; dg != nil {
			jd := &jsonDisagreement{With: dg.With, Above: dg.Above, Below: dg.Below}
			if dg.LowestAbove != nil {
				jd.LowestAbove = &dg.LowestAbove.Lo
			}
			if dg.HighestBelow != nil {
				jd.HighestBelow = &dg.HighestBelow.Hi
			}
			jv.Disagreement = jd
		}
		jf.Values = append(jf.Values, jv)
	}
	return jf
}

func jsonConflictOf(cf *model.Conflict) jsonConflict {
	jc := jsonConflict{ID: cf.ID, Title: cf.Title, Auto: cf.Auto, Kind: string(cf.Kind), Claims: []string{}, Sides: [][]string{}, Groups: [][]jsonValueRef{}}
	if cf.Figure != nil {
		jc.Figure = cf.Figure.Key
	}
	for _, c := range cf.Claims {
		jc.Claims = append(jc.Claims, c.ID)
	}
	for _, side := range cf.Sides {
		ids := []string{}
		for _, c := range side {
			ids = append(ids, c.ID)
		}
		jc.Sides = append(jc.Sides, ids)
	}
	for _, grp := range cf.Groups {
		refs := []jsonValueRef{}
		for _, v := range grp {
			refs = append(refs, jsonValueRef{v.Quote.Claim.ID, v.Quote.N})
		}
		jc.Groups = append(jc.Groups, refs)
	}
	return jc
}

func jsonEntityOf(e *model.Entity) jsonEntity {
	return jsonEntity{e.Slug, e.Name, string(e.Kind), nonNil(e.Aliases), e.Description, len(e.Mentions)}
}

// writeJSONLists writes out as jsonindent.Encode(out, false, "  ") would
// write its data whole, by hand: by reflection, encoding took longer
// than making it.
func writeJSONLists(w *jsonindent.Builder, out jsonLists) {
	str := func(k, v string) {
		w.Key(k)
		w.String(v)
	}
	num := func(k string, n int) {
		w.Key(k)
		w.Int(n)
	}
	float := func(k string, f *float64) {
		w.Key(k)
		if f == nil {
			w.Null()
		} else {
			w.Float(*f)
		}
	}
	boolean := func(k string, v bool) {
		w.Key(k)
		w.Bool(v)
	}
	// list writes a list of n elements, elem writing each after its start.
	list := func(k string, isNil bool, n int, elem func(i int)) {
		if k != "" {
			w.Key(k)
		}
		if isNil {
			w.Null()
			return
		}
		w.Open('[')
		for i := range n {
			w.Elem()
			elem(i)
		}
		w.Close(']')
	}
	strs := func(k string, ss []string) {
		list(k, ss == nil, len(ss), func(i int) { w.String(ss[i]) })
	}
	w.Open('{')
	str("title", out.Title)
	str("published", out.Published)
	list("verdicts", out.Verdicts.null, out.Verdicts.n, func(i int) {
		v := out.Verdicts.at(i)
		w.Open('{')
		str("name", v.Name)
		str("label", v.Label)
		w.Key("rating")
		if v.Rating == nil {
			w.Null()
		} else {
			w.Int(*v.Rating)
		}
		str("means", v.Means)
		w.Close('}')
	})
	list("sources", out.Sources.null, out.Sources.n, func(i int) {
		s := out.Sources.at(i)
		w.Open('{')
		str("slug", s.Slug)
		str("title", s.Title)
		str("outlet", s.Outlet)
		str("author", s.Author)
		str("published", s.Published)
		str("url", s.URL)
		str("kind", s.Kind)
		str("short", s.Short)
		w.Close('}')
	})
	list("claims", out.Claims.null, out.Claims.n, func(i int) {
		c := out.Claims.at(i)
		w.Open('{')
		str("id", c.ID)
		str("title", c.Title)
		str("verdict", c.Verdict)
		str("rationale", c.Rationale)
		str("reviewed", c.Reviewed)
		str("speaker", c.Speaker)
		str("date", c.Date)
		strs("tags", c.Tags)
		list("quotes", c.Quotes == nil, len(c.Quotes), func(i int) {
			q := c.Quotes[i]
			w.Open('{')
			str("source", q.Source)
			str("text", q.Text)
			str("exact", q.Exact)
			str("prefix", q.Prefix)
			str("suffix", q.Suffix)
			num("start", q.Start)
			num("end", q.End)
			w.Key("figure")
			if v := q.Figure; v == nil {
				w.Null()
			} else {
				w.Open('{')
				str("key", v.Key)
				float("value", v.Value)
				float("min", v.Min)
				float("max", v.Max)
				str("unit", v.Unit)
				boolean("approx", v.Approx)
				str("asOf", v.AsOf)
				str("words", v.Words)
				w.Close('}')
			}
			w.Close('}')
		})
		strs("conflicts", c.Conflicts)
		w.Close('}')
	})
	list("figures", out.Figures.null, out.Figures.n, func(i int) {
		g := out.Figures.at(i)
		w.Open('{')
		str("key", g.Key)
		str("label", g.Label)
		str("unit", g.Unit)
		str("description", g.Description)
		boolean("conflict", g.Conflict)
		list("values", g.Values == nil, len(g.Values), func(i int) {
			v := g.Values[i]
			w.Open('{')
			str("claim", v.Claim)
			num("quote", v.Quote)
			str("source", v.Source)
			float("min", v.Min)
			float("max", v.Max)
			str("asOf", v.AsOf)
			str("words", v.Words)
			boolean("conflict", v.Conflict)
			w.Key("disagreement")
			if d := v.Disagreement; d == nil {
				w.Null()
			} else {
				w.Open('{')
				num("with", d.With)
				num("above", d.Above)
				num("below", d.Below)
				float("lowestAbove", d.LowestAbove)
				float("highestBelow", d.HighestBelow)
				w.Close('}')
			}
			w.Close('}')
		})
		w.Close('}')
	})
	list("conflicts", out.Conflicts.null, out.Conflicts.n, func(i int) {
		cf := out.Conflicts.at(i)
		w.Open('{')
		str("id", cf.ID)
		str("title", cf.Title)
		boolean("auto", cf.Auto)
		str("kind", cf.Kind)
		str("figure", cf.Figure)
		strs("claims", cf.Claims)
		list("sides", cf.Sides == nil, len(cf.Sides), func(i int) { strs("", cf.Sides[i]) })
		list("groups", cf.Groups == nil, len(cf.Groups), func(i int) {
			g := cf.Groups[i]
			list("", g == nil, len(g), func(i int) {
				w.Open('{')
				str("claim", g[i].Claim)
				num("quote", g[i].Quote)
				w.Close('}')
			})
		})
		w.Close('}')
	})
	list("entities", out.Entities.null, out.Entities.n, func(i int) {
		e := out.Entities.at(i)
		w.Open('{')
		str("slug", e.Slug)
		str("name", e.Name)
		str("kind", e.Kind)
		strs("aliases", e.Aliases)
		str("description", e.Description)
		num("mentions", e.Mentions)
		w.Close('}')
	})
	w.Close('}')
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
