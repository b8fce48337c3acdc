package model

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/internal/content"
	"dossier/internal/markdown"
)

func TestDefaultScale(t *testing.T) {
	s := DefaultScale()
	if got := strings.Join(s.Names(), " "); got != "supported misleading disputed false unverified" {
		t.Errorf("names: %s", got)
	}
	for _, v := range s {
		if v.Label == "" || !strings.HasSuffix(v.Means, ".") {
			t.Errorf("%s: label %q, means %q", v.Name, v.Label, v.Means)
		}
	}
	if v := s.Lookup("unverified"); v == nil || v.Rating != nil {
		t.Errorf("unverified: %+v, want no rating", v)
	}
	if v := s.Lookup("misleading"); v == nil || *v.Rating != 2 {
		t.Errorf("misleading: %+v", v)
	}
	if worst, best, ok := s.Ratings(); worst != 1 || best != 5 || !ok {
		t.Errorf("ratings %d to %d (%v), want 1 to 5", worst, best, ok)
	}
	// A copy: changing it changes no other.
	*s[0].Rating = 9
	s[1].Label = "x"
	if again := DefaultScale(); *again[0].Rating != 5 || again[1].Label != "Misleading" {
		t.Error("DefaultScale shares its values between calls")
	}
	if _, _, ok := (Scale{{Name: "open"}}).Ratings(); ok {
		t.Error("a scale without ratings has ratings")
	}
	var none *Verdict
	if none.String() != "" || s.Lookup("false").String() != "false" {
		t.Error("Verdict.String")
	}
}

func TestKinds(t *testing.T) {
	if k, err := ParseConflictKind("tension"); k != Tension || err != nil {
		t.Errorf("tension: %v %v", k, err)
	}
	if _, err := ParseConflictKind("tensoin"); err == nil || !strings.Contains(err.Error(), `did you mean "tension"?`) {
		t.Errorf("tensoin: %v", err)
	}
	if Contradiction.Means() != "cannot both be true" {
		t.Error("Means")
	}
	if k, err := ParseSourceKind("press-release"); k != "press-release" || err != nil {
		t.Errorf("press-release: %v %v", k, err)
	}
	if _, err := ParseSourceKind("blog"); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("blog: %v", err)
	}
}

// build reads and models a dossier given as files.
func build(t *testing.T, files map[string]string) (*Dossier, string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	c, errs := content.Read(fsys, "content")
	d, more := Build(c, markdown.New(), nil)
	errs = append(errs, more...)
	return d, errs.Sort().Error()
}

const article = "---\ntitle: The article\noutlet: Example News\nkind: news\n---\nTrump said drugs kill roughly 300,000 U.S. residents a year.\nThe CDC puts the number closer to 100,000.\n"

func TestBuildV2(t *testing.T) {
	d, errs := build(t, map[string]string{
		"dossier.yaml":       "published: 2025-09-01\n",
		"sources/a.md":       article,
		"sources/b.md":       "---\ntitle: B\nshort: Bee, Aug 10\n---\nPlans were drafted. No plans exist.\n",
		"sources/c.md":       "---\ntitle: C\n---\nText.\n",
		"claims/trump.md":    "---\ntitle: T.\nverdict: false\nrationale: R.\nreviewed: 2025-08-12\nquotes:\n  - source: a\n    text: roughly 300,000 U.S. residents a year\n    figure: {key: deaths, value: 300000, approx: true, words: \"roughly 300,000\"}\n---\n",
		"claims/cdc.md":      "---\ntitle: C.\nquotes:\n  - source: a\n    text: closer to 100,000\n    figure: {key: deaths, value: 100000, approx: true, words: \"closer to 100,000\", asOf: 2024}\n---\n",
		"claims/plans.md":    "---\ntitle: P.\nquotes:\n  - source: b\n    text: Plans were drafted.\n---\n",
		"claims/none.md":     "---\ntitle: N.\nquotes:\n  - source: b\n    text: No plans exist.\n---\n",
		"figures/deaths.md":  "---\nlabel: U.S. overdose deaths per year\nunit: deaths\n---\nNote.\n",
		"figures/unused.md":  "---\nlabel: Unused\nunit: things\n---\n",
		"conflicts/plans.md": "---\ntitle: Are there plans?\nkind: tension\nsides: [[plans], [none]]\n---\nThey pull apart.\n",
	})
	if errs != "" {
		t.Fatal(errs)
	}
	if d.Settings.Published != "2025-09-01" || len(d.Verdicts) != 5 {
		t.Errorf("published %q, %d verdicts", d.Settings.Published, len(d.Verdicts))
	}
	a, b, c := d.Source("a"), d.Source("b"), d.Source("c")
	if a.Kind != "news" || a.Citation() != "Example News" || b.Citation() != "Bee, Aug 10" || c.Citation() != "C" {
		t.Errorf("sources: %q %q %q %q", a.Kind, a.Citation(), b.Citation(), c.Citation())
	}
	trump, cdc := d.Claim("trump"), d.Claim("cdc")
	if trump.Verdict != d.Verdicts.Lookup("false") || trump.Rationale != "R." || trump.Reviewed != "2025-08-12" || cdc.Verdict != nil {
		t.Errorf("trump: %+v", trump)
	}
	g := d.Figure("deaths")
	if g.Label != "U.S. overdose deaths per year" || len(g.Values) != 2 || string(g.Body.Markdown) != "Note.\n" {
		t.Errorf("figure: %+v", g)
	}
	v := g.Values[0] // by claim id: cdc, then trump
	if v.Unit != "deaths" || v.Words != "closer to 100,000" || v.AsOf != "2024" || v.Period.Always() || v.Figure != g {
		t.Errorf("value: %+v", v)
	}
	// No asOf overlaps 2024: a conflict, titled by the tool.
	cf := g.Conflict
	if cf == nil || cf.ID != "figure-deaths" || !cf.Auto || cf.Kind != Discrepancy ||
		cf.Title != "Roughly 300,000 vs closer to 100,000 U.S. overdose deaths per year" || d.Conflict("figure-deaths") != cf {
		t.Fatalf("figure conflict: %+v", cf)
	}
	if len(cf.Groups) != 2 || len(cf.Sides) != 2 || cf.Sides[0][0] != cdc || cf.Sides[1][0] != trump || !slices.Equal(cf.Claims, []*Claim{cdc, trump}) {
		t.Errorf("sides: %v, claims %v", cf.Sides, cf.Claims)
	}
	if d0 := trump.Quotes[0].Figure.Disagreement; d0 == nil || d0.Below != 1 || d0.HighestBelow != v {
		t.Errorf("summary: %+v", d0)
	}
	if !trump.Quotes[0].Conflict || !slices.Contains(trump.Conflicts, cf) {
		t.Error("the claim and quote of a value in conflict are not marked")
	}
	if u := d.Figure("unused"); u == nil || len(u.Values) != 0 || u.Conflict != nil {
		t.Errorf("unused figure: %+v", u)
	}
	st := d.Conflict("plans")
	plans, none := d.Claim("plans"), d.Claim("none")
	if st == nil || st.Figure != nil || st.Kind != Tension || st.Title != "Are there plans?" || st.Auto ||
		len(st.Sides) != 2 || !slices.Equal(st.Claims, []*Claim{plans, none}) || string(st.Body.Markdown) != "They pull apart.\n" {
		t.Fatalf("statement conflict: %+v", st)
	}
	if !plans.Quotes[0].Conflict || !slices.Contains(none.Conflicts, st) {
		t.Error("the claims of a statement conflict are not marked")
	}
	if !slices.Equal(d.Conflicts, []*Conflict{cf, st}) {
		t.Errorf("conflicts in order: %v", d.Conflicts)
	}
}

// TestKindTables checks the model's vocabularies: each kind parses as
// itself, the labels are the ones readers have always seen, and what the
// accessors return cannot change the tables.
func TestKindTables(t *testing.T) {
	for _, k := range SourceKinds() {
		if got, err := ParseSourceKind(string(k)); got != k || err != nil {
			t.Errorf("ParseSourceKind(%q) = %q, %v", k, got, err)
		}
	}
	for _, k := range ConflictKinds() {
		if got, err := ParseConflictKind(string(k)); got != k || err != nil || k.Means() == "" {
			t.Errorf("ParseConflictKind(%q) = %q, %v (means %q)", k, got, err, k.Means())
		}
	}
	if PressRelease.Label() != "Press release" || Wire.Label() != "Wire report" || OtherSource.Label() != "" || SourceKind("").Label() != "" {
		t.Error("wrong source kind labels")
	}
	SourceKinds()[0], ConflictKinds()[0] = "x", "x"
	if SourceKinds()[0] != News || ConflictKinds()[0] != Contradiction {
		t.Error("changing a returned slice changed the table")
	}
}
