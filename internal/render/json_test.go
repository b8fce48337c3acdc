package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/internal/content"
	"dossier/internal/gen"
	"dossier/internal/jsonindent"
	"dossier/internal/markdown"
	"dossier/internal/model"

	"golang.org/x/tools/txtar"
)

var updateJSON = flag.Bool("update", false, "rewrite want/dossier.json of testdata/dossier-json.txtar and testdata/template-api.txt")

const jsonArchive = "testdata/dossier-json.txtar"

// v2Dossier builds the dossier of testdata/dossier-json.txtar.
func v2Dossier(t *testing.T) (*model.Dossier, *txtar.Archive) {
	t.Helper()
	ar, err := txtar.ParseFile(jsonArchive)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "content/"); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	c, errs := content.Read(fsys, "content")
	if len(errs) > 0 {
		t.Fatalf("content:\n%s", errs.Format())
	}
	d, errs := model.Build(c, markdown.New(), nil)
	if len(errs) > 0 {
		t.Fatalf("model:\n%s", errs.Format())
	}
	return d, ar
}

// dossierJSON is dossier.json, whole.
func dossierJSON(d *model.Dossier) ([]byte, error) {
	var b bytes.Buffer
	err := writeDossierJSON(&b, d)
	return b.Bytes(), err
}

// countingWriter counts the writes made to it.
type countingWriter struct {
	bytes.Buffer
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// TestDossierJSON compares dossier.json with the archive's, and checks
// that two models of the same content give the same bytes.
func TestDossierJSON(t *testing.T) {
	d, ar := v2Dossier(t)
	got, err := dossierJSON(d)
	if err != nil {
		t.Fatal(err)
	}
	d2, _ := v2Dossier(t)
	again, err := dossierJSON(d2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Error("two models of the same content give different dossier.json")
	}
	for i, f := range ar.Files {
		if f.Name != "want/dossier.json" {
			continue
		}
		if *updateJSON {
			ar.Files[i].Data = got
			if err := os.WriteFile(jsonArchive, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("dossier.json differs from %s (run with -update to accept):\n%s", jsonArchive, firstDiff(string(f.Data), string(got)))
		}
		return
	}
	t.Fatalf("%s has no want/dossier.json", jsonArchive)
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, wl, gl)
		}
	}
	return "(same lines)"
}

// jsonPath walks parsed JSON by keys and indexes.
func jsonPath(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

// byKey finds the object of a list whose key field is id.
func byKey(t *testing.T, list any, key, id string) map[string]any {
	t.Helper()
	items, _ := list.([]any)
	for _, it := range items {
		if m, ok := it.(map[string]any); ok && m[key] == id {
			return m
		}
	}
	t.Fatalf("no item with %s %q", key, id)
	return nil
}

// keys checks that an object has exactly the keys given: every key always
// present, none left over from v1.
func keys(t *testing.T, what string, v any, want ...string) {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Errorf("%s is not an object: %v", what, v)
		return
	}
	var got []string
	for k := range m {
		got = append(got, k)
	}
	if !sameSet(got, want) {
		t.Errorf("%s has keys %q, want %q", what, sorted(got), sorted(want))
	}
}

func sameSet(a, b []string) bool {
	return reflect.DeepEqual(sorted(a), sorted(b))
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func expect(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

// TestDossierJSONFields reads dossier.json of the v2 dossier back and
// checks every field that content format v2 adds, and that v1's
// "contradicts" is gone.
func TestDossierJSONFields(t *testing.T) {
	d, _ := v2Dossier(t)
	b, err := dossierJSON(d)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("dossier.json does not parse: %v", err)
	}
	if bytes.Contains(b, []byte(`"contradicts"`)) {
		t.Error(`dossier.json still has v1's "contradicts"`)
	}
	keys(t, "the dossier", doc, "title", "published", "verdicts", "sources", "claims", "figures", "conflicts", "entities")
	expect(t, "published", doc["published"], "2025-09-01")

	// The scale, in dossier.yaml's order; a neutral verdict's rating is null.
	verdicts, _ := doc["verdicts"].([]any)
	if len(verdicts) != 4 {
		t.Fatalf("%d verdicts, want the scale's 4", len(verdicts))
	}
	for i, want := range []map[string]any{
		{"name": "true", "label": "True", "rating": 3.0, "means": "The sources bear it out."},
		{"name": "mixed", "label": "Mixed", "rating": 2.0, "means": "Part of it holds."},
		{"name": "wrong", "label": "Wrong", "rating": 1.0, "means": "The sources refute it."},
		{"name": "open", "label": "Open", "rating": nil, "means": "The sources do not settle it."},
	} {
		expect(t, fmt.Sprintf("verdicts[%d]", i), verdicts[i], any(want))
	}

	// Sources: kind and short, "" when not given.
	report := byKey(t, doc["sources"], "slug", "report")
	keys(t, "a source", report, "slug", "title", "outlet", "author", "published", "url", "kind", "short")
	expect(t, "report.kind", report["kind"], "news")
	expect(t, "report.short", report["short"], "Example News, Aug 10")
	blog := byKey(t, doc["sources"], "slug", "blog")
	expect(t, "blog.kind", blog["kind"], "")
	expect(t, "blog.short", blog["short"], "")

	// Claims: the verdict's name, rationale, reviewed; the conflicts they
	// are in; no "contradicts".
	officials := byKey(t, doc["claims"], "id", "officials-300k")
	keys(t, "a claim", officials, "id", "title", "verdict", "rationale", "reviewed", "speaker", "date", "tags", "quotes", "conflicts")
	expect(t, "officials-300k.verdict", officials["verdict"], "wrong")
	expect(t, "officials-300k.rationale", officials["rationale"], "The CDC counted a third of it.")
	expect(t, "officials-300k.reviewed", officials["reviewed"], "2025-08-12")
	expect(t, "officials-300k.date", officials["date"], "2025-08")
	expect(t, "officials-300k.conflicts", officials["conflicts"], []any{"deaths-300k-vs-100k"})
	cdc := byKey(t, doc["claims"], "id", "cdc-100k")
	expect(t, "cdc-100k.reviewed", cdc["reviewed"], "")
	expect(t, "cdc-100k.speaker", cdc["speaker"], "cdc")
	noVerdict := byKey(t, doc["claims"], "id", "no-troops")
	expect(t, "no-troops.verdict", noVerdict["verdict"], "")
	expect(t, "no-troops.rationale", noVerdict["rationale"], "")
	expect(t, "no-troops.conflicts", noVerdict["conflicts"], []any{"ground-troops"})
	expect(t, "no-troops.quotes[0].figure", jsonPath(noVerdict, "quotes", 0, "figure"), nil)

	// A quote's figure as written: asOf and words; numbers not given are
	// null; the unit is the figure's, written or not.
	fig := jsonPath(officials, "quotes", 0, "figure")
	keys(t, "a quote's figure", fig, "key", "value", "min", "max", "unit", "approx", "asOf", "words")
	expect(t, "officials-300k figure", fig, any(map[string]any{"key": "overdose-deaths", "value": 300000.0, "min": nil, "max": nil,
		"unit": "deaths", "approx": true, "asOf": "2024", "words": "roughly 300,000"}))
	expect(t, "at-most-10 figure", jsonPath(byKey(t, doc["claims"], "id", "at-most-10"), "quotes", 0, "figure"),
		any(map[string]any{"key": "arrests", "value": nil, "min": nil, "max": 10.0, "unit": "people", "approx": false, "asOf": "", "words": "At most 10"}))

	// Figures: label, description; values' intervals with null for an open
	// side, asOf, words, and each value's disagreement summary.
	deaths := byKey(t, doc["figures"], "key", "overdose-deaths")
	keys(t, "a figure", deaths, "key", "label", "unit", "description", "conflict", "values")
	expect(t, "overdose-deaths.label", deaths["label"], "U.S. overdose deaths per year")
	expect(t, "overdose-deaths.description", deaths["description"], "Deaths from drug overdoses in the United States in a year.")
	expect(t, "overdose-deaths.conflict", deaths["conflict"], true)
	value := func(fig map[string]any, claim string) map[string]any { return byKey(t, fig["values"], "claim", claim) }
	v := value(deaths, "officials-300k")
	keys(t, "a figure's value", v, "claim", "quote", "source", "min", "max", "asOf", "words", "conflict", "disagreement")
	expect(t, "officials-300k value", v, any(map[string]any{"claim": "officials-300k", "quote": 1.0, "source": "report",
		"min": 270000.0, "max": 330000.0, "asOf": "2024", "words": "roughly 300,000", "conflict": true,
		"disagreement": map[string]any{"with": 3.0, "above": 0.0, "below": 3.0, "lowestAbove": nil, "highestBelow": 130000.0}}))
	expect(t, "third-count disagreement", value(deaths, "third-count")["disagreement"],
		any(map[string]any{"with": 2.0, "above": 2.0, "below": 0.0, "lowestAbove": 110000.0, "highestBelow": nil}))
	expect(t, "blog-range asOf", value(deaths, "blog-range")["asOf"], "")
	arrests := byKey(t, doc["figures"], "key", "arrests")
	atMost, atLeast := value(arrests, "at-most-10"), value(arrests, "at-least-12")
	expect(t, "at most 10: [min, max]", []any{atMost["min"], atMost["max"]}, []any{nil, 10.0})
	expect(t, "at least 12: [min, max]", []any{atLeast["min"], atLeast["max"]}, []any{12.0, nil})
	groups := byKey(t, doc["figures"], "key", "groups")
	expect(t, "more than 500: [min, max]", []any{value(groups, "more-than-500")["min"], value(groups, "more-than-500")["max"]}, []any{500.0, nil})
	expect(t, "more than 500: disagreement", value(groups, "more-than-500")["disagreement"], nil)
	cartels := byKey(t, doc["figures"], "key", "cartels")
	expect(t, "cartels (a series over time).conflict", cartels["conflict"], false)
	expect(t, "six-cartels asOf", value(cartels, "six-cartels")["asOf"], "2025-02")

	// Conflicts: each figure's once, however many values disagree; then the
	// statements. Each with id, title, kind, sides.
	conflicts, _ := doc["conflicts"].([]any)
	perFigure := map[string]int{}
	var ids []string
	for _, c := range conflicts {
		keys(t, "a conflict", c, "id", "title", "auto", "kind", "figure", "claims", "sides", "groups")
		if f := jsonPath(c, "figure").(string); f != "" {
			perFigure[f]++
		}
		ids = append(ids, jsonPath(c, "id").(string))
	}
	expect(t, "conflicts per figure", perFigure, map[string]int{"overdose-deaths": 1, "arrests": 1})
	expect(t, "conflict ids, in order", ids, []string{"figure-arrests", "deaths-300k-vs-100k", "ground-troops"})

	explained := byKey(t, conflicts, "id", "deaths-300k-vs-100k")
	expect(t, "deaths conflict", explained, any(map[string]any{
		"id": "deaths-300k-vs-100k", "title": "The officials triple the CDC's count", "auto": false, "kind": "contradiction",
		"figure": "overdose-deaths",
		"claims": []any{"blog-range", "cdc-100k", "officials-300k", "third-count"},
		"sides":  []any{[]any{"cdc-100k", "third-count"}, []any{"blog-range"}, []any{"officials-300k"}},
		"groups": []any{
			[]any{map[string]any{"claim": "cdc-100k", "quote": 1.0}, map[string]any{"claim": "third-count", "quote": 1.0}},
			[]any{map[string]any{"claim": "blog-range", "quote": 1.0}},
			[]any{map[string]any{"claim": "officials-300k", "quote": 1.0}},
		},
	}))
	auto := byKey(t, conflicts, "id", "figure-arrests")
	expect(t, "arrests conflict auto", auto["auto"], true)
	expect(t, "arrests conflict kind", auto["kind"], "discrepancy")
	if title, _ := auto["title"].(string); !strings.Contains(title, "People arrested") {
		t.Errorf("arrests conflict title %q: want one made from the figure's label", title)
	}
	statement := byKey(t, conflicts, "id", "ground-troops")
	expect(t, "ground-troops conflict", statement, any(map[string]any{
		"id": "ground-troops", "title": "Are troops planned?", "auto": false, "kind": "tension", "figure": "",
		"claims": []any{"no-troops", "troops-planned", "plans-drafted"},
		"sides":  []any{[]any{"no-troops"}, []any{"troops-planned", "plans-drafted"}},
		"groups": []any{},
	}))
}

// TestDossierJSONWritten: dossier.json, written by hand, is what
// encoding/json writes for its data (jsonindent.Encode), for the
// project's dossier and generated ones, hostile words included, and for
// data with nil lists and numbers JSON writes in exponent form.
func TestDossierJSONWritten(t *testing.T) {
	check := func(name string, out jsonDossier) {
		t.Helper()
		want, err := jsonindent.Encode(out, false, "  ")
		if err != nil {
			t.Fatal(err)
		}
		w := jsonindent.NewBuilder(0, false, "  ")
		writeJSONLists(w, out.lists())
		got, err := w.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			at := diffAt(got, want)
			t.Errorf("%s: at byte %d:\nwritten: %q\nwant:    %q", name, at, around(got, at), around(want, at))
		}
	}
	// streamed: dossier.json written out as it is made from the model is
	// what encoding/json writes for its data made whole.
	streamed := func(name string, d *model.Dossier) {
		t.Helper()
		want, err := jsonindent.Encode(dossierData(d), false, "  ")
		if err != nil {
			t.Fatal(err)
		}
		var out countingWriter
		if err := writeDossierJSON(&out, d); err != nil {
			t.Fatal(err)
		}
		if got := out.Bytes(); !bytes.Equal(got, want) {
			at := diffAt(got, want)
			t.Errorf("%s, written out: at byte %d:\nwritten: %q\nwant:    %q", name, at, around(got, at), around(want, at))
		}
		if min := len(want) / jsonindent.FlushSize; out.writes < min {
			t.Errorf("%s: written out in %d writes, want at least %d (one a %d bytes)", name, out.writes, min, jsonindent.FlushSize)
		}
	}
	d, _ := claimPageDossier(t, os.DirFS("../../content"))
	check("content", dossierData(d))
	streamed("content", d)
	g, _ := claimPageDossier(t, gen.FS(gen.Generate(gen.Options{Sources: 60, Seed: 3})))
	hostile(g)
	g.Claims[0].Title += "\u2028<&>\x01\xff"
	check("generated-hostile", dossierData(g))
	streamed("generated-hostile", g)
	small, big, rating := 1.5e-9, 2e21, 3
	check("nil lists", jsonDossier{
		Verdicts:  []jsonVerdict{{Rating: &rating}},
		Claims:    []jsonClaim{{Quotes: []jsonQuote{{Figure: &jsonValue{Value: &small, Max: &big}}}}},
		Figures:   []jsonFigure{{Values: []jsonFigureItem{{Min: &small, Disagreement: &jsonDisagreement{LowestAbove: &big}}}}},
		Conflicts: []jsonConflict{{Sides: [][]string{nil, {}}, Groups: [][]jsonValueRef{nil, {{Claim: "c"}}}}},
		Entities:  []jsonEntity{{}},
	})
}
