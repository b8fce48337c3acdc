package annotate

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/internal/content"
)

// files is a small dossier: a source where one passage occurs twice, a
// claim, an entity and a figure.
var files = map[string]string{
	"sources/report.md": "---\ntitle: The report\n---\nOfficials said the “plan” — drafted in March — was final.\n\nThe plan was final, they said. Critics said the plan was final. Then the plan was final again.\n\nDeaths were roughly 300,000 in 2024.\n",
	"entities/ana.md":   "---\nname: Ana\nkind: person\n---\n",
	"figures/deaths.md": "---\nlabel: Deaths\nunit: deaths\n---\n",
	"claims/old.md":     "---\ntitle: The plan was drafted in March.\n# a comment the editor wrote\nquotes:\n  - source: report\n    text: drafted in March   # trailing comment\n\ntags: [plans]\n---\nBody text, kept.\n",
}

func dossier(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot returns every file of dir and its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

// selection returns the n-th occurrence (from 0) of s in the source's
// plain text, in code points.
func selection(t *testing.T, a *Annotator, source, s string, n int) Selection {
	t.Helper()
	root, _ := os.OpenRoot(a.dir)
	defer root.Close()
	d, _ := a.model(content.RootFS(root), nil)
	plain := d.Source(source).Plain
	off := 0
	for k := 0; ; k++ {
		i := strings.Index(plain[off:], s)
		if i < 0 {
			t.Fatalf("%q not %d times in %q", s, n+1, plain)
		}
		if k == n {
			start := utf8.RuneCountInString(plain[:off+i])
			return Selection{Source: source, Start: start, End: start + utf8.RuneCountInString(s), Exact: s}
		}
		off += i + 1
	}
}

// clean checks that the dossier in dir reads and models without error.
func clean(t *testing.T, a *Annotator) {
	t.Helper()
	root, _ := os.OpenRoot(a.dir)
	defer root.Close()
	if _, errs := a.model(content.RootFS(root), nil); len(errs) > 0 {
		t.Fatalf("dossier has errors after the write:\n%v", errs)
	}
}

func TestCreateClaim(t *testing.T) {
	dir := dossier(t)
	a := New(dir, "content")
	v := 300000.0
	sel := selection(t, a, "report", "Deaths were roughly 300,000 in 2024", 0)
	res, err := a.CreateClaim(sel,
		Claim{ID: "deaths-300k", Title: `Deaths were "roughly" 300,000.`, Verdict: "unverified", Rationale: "One source.", Speaker: "ana", Date: "2024", Tags: []string{"deaths", " ", "figures: yes"}},
		&Figure{Key: "deaths", Value: &v, Approx: true, Words: "roughly 300,000", AsOf: "2024"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != "content/claims/deaths-300k.md" || res.Quote.Start != sel.Start || res.Quote.End != sel.End || res.Quote.N != 1 {
		t.Errorf("result %+v", res)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "claims/deaths-300k.md"))
	want := `---
title: Deaths were "roughly" 300,000.
verdict: unverified
rationale: One source.
speaker: ana
date: "2024"
tags: [deaths, "figures: yes"]
quotes:
  - source: report
    text: "Deaths were roughly 300,000 in 2024"
    figure:
      key: deaths
      value: 300000
      approx: true
      asOf: "2024"
      words: roughly 300,000
---
`
	if string(got) != want {
		t.Errorf("claim file:\n%s\nwant:\n%s", got, want)
	}
	clean(t, a)
}

func TestCreateClaimNewFigure(t *testing.T) {
	dir := dossier(t)
	a := New(dir, "content")
	v := 2024.0
	sel := selection(t, a, "report", "2024", 0)
	if _, err := a.CreateClaim(sel, Claim{ID: "year", Title: "The year."}, &Figure{Key: "report-year", Value: &v}); err == nil || err.(*Error).Field != "figure.label" {
		t.Fatalf("new figure without label: %v", err)
	}
	res, err := a.CreateClaim(sel, Claim{ID: "year", Title: "The year."}, &Figure{Key: "report-year", Value: &v, Label: "Report year", Unit: "year"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "figures/report-year.md"))
	if string(got) != "---\nlabel: Report year\nunit: year\n---\n" || res.Figure != "content/figures/report-year.md" {
		t.Errorf("figure file %q, result %+v", got, res)
	}
	clean(t, a)
}

// A passage that occurs three times gets the fewest words of context
// that single out the occurrence selected.
func TestPrefixSuffix(t *testing.T) {
	for _, tc := range []struct {
		n              int
		prefix, suffix string
	}{
		{0, "The", ""},
		{1, "", "."},
		{2, "", "again."},
	} {
		dir := dossier(t)
		a := New(dir, "content")
		sel := selection(t, a, "report", "plan was final", tc.n)
		res, err := a.CreateClaim(sel, Claim{ID: "final", Title: "Final."}, nil)
		if err != nil {
			t.Fatalf("occurrence %d: %v", tc.n, err)
		}
		if res.Quote.Prefix != tc.prefix || res.Quote.Suffix != tc.suffix {
			t.Errorf("occurrence %d: prefix %q suffix %q, want %q %q", tc.n, res.Quote.Prefix, res.Quote.Suffix, tc.prefix, tc.suffix)
		}
		clean(t, a)
	}
}

func TestExactAsSourceHasIt(t *testing.T) {
	dir := dossier(t)
	a := New(dir, "content")
	sel := selection(t, a, "report", "the “plan” — drafted", 0)
	if _, err := a.CreateClaim(sel, Claim{ID: "curly", Title: "Curly."}, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "claims/curly.md"))
	if !strings.Contains(string(got), `text: "the “plan” — drafted"`) {
		t.Errorf("claim file:\n%s", got)
	}
}

// Every refused request writes nothing and changes nothing.
func TestRefused(t *testing.T) {
	num := 1.0
	for _, tc := range []struct {
		name   string
		id     string
		add    bool // add a quote to claim id instead of creating it
		sel    func(Selection) Selection
		claim  Claim
		fig    *Figure
		status int
		field  string
		msg    string
	}{
		{name: "existing id", id: "old", status: 409, field: "id", msg: "exists already"},
		{name: "dot dot", id: "../x", status: 400, field: "id"},
		{name: "slash", id: "a/b", status: 400, field: "id"},
		{name: "encoded", id: "%2e%2e", status: 400, field: "id"},
		{name: "absolute", id: "/etc/passwd", status: 400, field: "id"},
		{name: "nul", id: "a\x00b", status: 400, field: "id"},
		{name: "upper", id: "Bad-Slug", status: 400, field: "id"},
		{name: "long id", id: strings.Repeat("a", 201), status: 400, field: "id", msg: "201 characters long"},
		{name: "long id to add to", id: strings.Repeat("a", 240), add: true, status: 400, field: "id", msg: "240 characters long"},
		{name: "long figure key", id: "new", fig: &Figure{Key: strings.Repeat("k", 250), Value: &num, Label: "L", Unit: "u"}, status: 400, field: "figure.key", msg: "250 characters long"},
		{name: "empty title", id: "new", claim: Claim{Title: "  "}, status: 400, field: "title"},
		{name: "bad verdict", id: "new", claim: Claim{Verdict: "sorta", Rationale: "x"}, status: 422, field: "verdict", msg: "sorta"},
		{name: "verdict without rationale", id: "new", claim: Claim{Verdict: "false"}, status: 400, field: "rationale"},
		{name: "unknown speaker", id: "new", claim: Claim{Speaker: "bob"}, status: 422, field: "speaker"},
		{name: "bad speaker", id: "new", claim: Claim{Speaker: "Bob Smith"}, status: 400, field: "speaker"},
		{name: "bad date", id: "new", claim: Claim{Date: "March 2025"}, status: 422, field: "date"},
		{name: "bad figure key", id: "new", fig: &Figure{Key: "a b", Value: &num}, status: 400, field: "figure.key"},
		{name: "figure without value", id: "new", fig: &Figure{Key: "deaths"}, status: 400, field: "figure.value"},
		{name: "figure value and bounds", id: "new", fig: &Figure{Key: "deaths", Value: &num, Min: &num}, status: 400, field: "figure.value"},
		{name: "figure approx bounds", id: "new", fig: &Figure{Key: "deaths", Min: &num, Approx: true}, status: 400, field: "figure.approx"},
		{name: "figure words not in quote", id: "new", fig: &Figure{Key: "deaths", Value: &num, Words: "nowhere"}, status: 422, field: "figure.words"},
		{name: "wrong unit", id: "new", fig: &Figure{Key: "deaths", Value: &num, Unit: "people"}, status: 422, field: "figure.unit"},
		{name: "unknown source", id: "new", sel: func(s Selection) Selection { s.Source = "nope"; return s }, status: 404, field: "source"},
		{name: "bad source", id: "new", sel: func(s Selection) Selection { s.Source = "../sources/report"; return s }, status: 400, field: "source"},
		{name: "negative start", id: "new", sel: func(s Selection) Selection { s.Start = -1; return s }, status: 400, field: "start"},
		{name: "end before start", id: "new", sel: func(s Selection) Selection { s.End = s.Start; return s }, status: 400, field: "end"},
		{name: "end past text", id: "new", sel: func(s Selection) Selection { s.Start, s.End = 10000, 10010; return s }, status: 400, field: "end"},
		{name: "mismatching exact", id: "new", sel: func(s Selection) Selection { s.Exact = "Deaths were roughly 300,001 in 2024"; return s }, status: 409, field: "exact", msg: "has changed"},
		{name: "shifted offsets", id: "new", sel: func(s Selection) Selection { s.Start++; s.End++; return s }, status: 409, field: "start", msg: "is at 155–190 (positions count Unicode code points"},
		{name: "offsets in bytes", id: "new", sel: func(s Selection) Selection { s.Start, s.End = 163, 198; return s }, status: 400, field: "end", msg: "is at 155–190"},
		{name: "white space at end", id: "new", sel: func(s Selection) Selection { s.Exact += " "; s.End++; return s }, status: 400, field: "exact"},
		{name: "add to missing claim", id: "nope", add: true, status: 404, field: "id"},
		{name: "add with bad id", id: "..", add: true, status: 400, field: "id"},
		{name: "add a passage quoted already", id: "old", add: true, sel: func(Selection) Selection {
			return Selection{Source: "report", Start: 28, End: 44, Exact: "drafted in March"}
		}, status: 409, field: "exact", msg: "already"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := dossier(t)
			a := New(dir, "content")
			before := snapshot(t, dir)
			sel := selection(t, a, "report", "Deaths were roughly 300,000 in 2024", 0)
			if tc.sel != nil {
				sel = tc.sel(sel)
			}
			c := tc.claim
			c.ID = tc.id
			if c.Title == "" {
				c.Title = "A claim."
			}
			var err error
			if tc.add {
				_, err = a.AddQuote(tc.id, sel, tc.fig)
			} else {
				_, err = a.CreateClaim(sel, c, tc.fig)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("not refused: %v", err)
			}
			if e.Status != tc.status || e.Field != tc.field || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("refused with %d %q %q, want %d %q containing %q", e.Status, e.Field, e.Msg, tc.status, tc.field, tc.msg)
			}
			if after := snapshot(t, dir); !equal(before, after) {
				t.Errorf("files changed:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
		})
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A write that does not read back as the passage selected is undone: a
// new file removed, an old one given back its bytes.
func TestReadBackUndoes(t *testing.T) {
	for _, add := range []bool{false, true} {
		dir := dossier(t)
		a := New(dir, "content")
		before := snapshot(t, dir)
		sel := selection(t, a, "report", "Deaths were roughly 300,000 in 2024", 0)
		file := filepath.Join(dir, "claims/new.md")
		if add {
			file = filepath.Join(dir, "claims/old.md")
		}
		a.afterWrite = func() {
			b, _ := os.ReadFile(file)
			os.WriteFile(file, []byte(strings.Replace(string(b), "300,000", "400,000", 1)), 0o644)
		}
		var err error
		if add {
			_, err = a.AddQuote("old", sel, nil)
		} else {
			_, err = a.CreateClaim(sel, Claim{ID: "new", Title: "New."}, nil)
		}
		var e *Error
		if !errors.As(err, &e) || e.Status != 500 || !strings.Contains(e.Msg, "read back after writing") || !strings.Contains(e.Msg, "undone") {
			t.Errorf("add %v: %v", add, err)
		}
		if after := snapshot(t, dir); !equal(before, after) {
			t.Errorf("add %v: the write was not undone: %v", add, keys(after))
		}
	}
}

// A title, rationale or tag with YAML's special characters is written
// plain when YAML reads it back so, quoted otherwise, and reads back as
// the text given, on one line; joiners are written as they are.
func TestTextRoundTrip(t *testing.T) {
	for i, tc := range []struct {
		title, line string // the title given, and its line in the file
	}{
		{"The plan was final.", `title: The plan was final.`},
		{"Plan: final", `title: "Plan: final"`},
		{"# not a comment", `title: "# not a comment"`},
		{"a #1 plan", `title: "a #1 plan"`}, // quoted, to be safe
		{"a plan # with a comment", `title: "a plan # with a comment"`},
		{"- a list?", `title: "- a list?"`},
		{"*alias", `title: "*alias"`},
		{"&anchor", `title: "&anchor"`},
		{"!tag", `title: "!tag"`},
		{"%directive", `title: "%directive"`},
		{"@at", `title: "@at"`},
		{"`tick` it", "title: \"`tick` it\""},
		{"'single' and \"double\"", `title: "'single' and \"double\""`},
		{"true", `title: "true"`},
		{"2024", `title: "2024"`},
		{"null", `title: "null"`},
		{"line one\nline two\r\n  three", `title: line one line two three`},
		{"trailing colon:", `title: "trailing colon:"`},
		{"👩\u200d👩\u200d👧 families", "title: \"👩\u200d👩\u200d👧 families\""}, // the joiners as they are, not \u200D
		{"[x]", `title: "[x]"`},
		{"{x}", `title: "{x}"`},
		{"x | y > z", `title: x | y > z`},
		{"|", `title: "|"`},
		{"? what", `title: "? what"`},
		// Read back as given, however written:
		{"~", ""}, {"0x1F", ""}, {"1e3", ""}, {".inf", ""}, {"<<", ""}, {"=", ""}, {"Yes", ""}, {"NO", ""},
		{"on", ""}, {"2025-03-01", ""}, {"12:30", ""}, {"a\tb", ""}, {"\\ back", ""}, {"ends with \\", ""},
		{"\u202eright-to-left", ""}, {"x\u00a0y", ""}, {"--- not a document", ""}, {"...", ""},
	} {
		dir := dossier(t)
		a := New(dir, "content")
		sel := selection(t, a, "report", "2024", 0)
		tags := []string{"tag with spaces", "a, b", "[x]", "yes", tc.title}
		res, err := a.CreateClaim(sel, Claim{ID: "c", Title: tc.title, Verdict: "unverified", Rationale: tc.title, Tags: tags}, nil)
		if err != nil {
			t.Fatalf("%d %q: %v", i, tc.title, err)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "claims/c.md"))
		if tc.line != "" && !strings.Contains(string(got), "\n"+tc.line+"\n") {
			t.Errorf("%q: file lacks %s:\n%s", tc.title, tc.line, got)
		}
		root, _ := os.OpenRoot(dir)
		d, errs := a.model(content.RootFS(root), nil)
		root.Close()
		if len(errs) > 0 {
			t.Fatalf("%q: %v\n%s", tc.title, errs, got)
		}
		c := d.Claim(res.ID)
		one := strings.Join(strings.Fields(tc.title), " ")
		wantTags := []string{"tag with spaces", "a, b", "[x]", "yes", one}
		if c.Title != one || c.Rationale != one || strings.Join(c.Tags, "|") != strings.Join(wantTags, "|") {
			t.Errorf("%q read back as title %q, rationale %q, tags %q", tc.title, c.Title, c.Rationale, c.Tags)
		}
	}
}

// A passage that starts or ends inside what the page shows as one
// character is refused; one of whole characters is written.
func TestGraphemes(t *testing.T) {
	dir := dossier(t)
	os.WriteFile(filepath.Join(dir, "sources/odd.md"), []byte("---\ntitle: Odd\n---\n\nThe cafe\u0301 flew 🇲🇽🇨🇦 flags for 👩\u200d👩\u200d👧 families.\n"), 0o644)
	a := New(dir, "content")
	whole := selection(t, a, "odd", "The cafe\u0301 flew 🇲🇽🇨🇦 flags for 👩\u200d👩\u200d👧 families.", 0)
	cut := func(from, to int) Selection {
		r := []rune(whole.Exact)
		return Selection{Source: "odd", Start: whole.Start + from, End: whole.Start + to, Exact: string(r[from:to])}
	}
	r := []rune(whole.Exact)
	at := func(s string) int { return utf8.RuneCountInString(whole.Exact[:strings.Index(whole.Exact, s)]) }
	for _, sel := range []Selection{
		cut(0, at("\u0301")),        // "The cafe", without its accent
		cut(at("\u0301"), len(r)),   // from the accent
		cut(0, at("🇨🇦")-1),          // half of 🇲🇽
		cut(at("🇨🇦")+1, len(r)),     // half of 🇨🇦
		cut(0, at("\u200d")),        // the first 👩 of the family
		cut(at("\u200d")+1, len(r)), // from the second 👩
	} {
		before := snapshot(t, dir)
		_, err := a.CreateClaim(sel, Claim{ID: "c", Title: "T"}, nil)
		var e *Error
		if !errors.As(err, &e) || e.Status != 400 || e.Field != "exact" {
			t.Errorf("%q: %v", sel.Exact, err)
		}
		if after := snapshot(t, dir); len(after) != len(before) {
			t.Errorf("%q: a file was written", sel.Exact)
		}
	}
	for i, sel := range []Selection{cut(0, at(" flew")), cut(at("🇨🇦"), len(r)), cut(at("👩"), len(r))} {
		if _, err := a.CreateClaim(sel, Claim{ID: "c" + string(rune('a'+i)), Title: "T"}, nil); err != nil {
			t.Errorf("%q: %v", sel.Exact, err)
		}
	}
	clean(t, a)
}

// The longest id taken is written, temporary file and all.
func TestLongestID(t *testing.T) {
	dir := dossier(t)
	a := New(dir, "content")
	id := strings.Repeat("a", maxSlug)
	if _, err := a.CreateClaim(selection(t, a, "report", "2024", 0), Claim{ID: id, Title: "T"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddQuote(id, selection(t, a, "report", "drafted in March", 0), nil); err != nil {
		t.Fatal(err)
	}
	clean(t, a)
}
