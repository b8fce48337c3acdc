package gen

import (
	"bytes"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dossier/internal/model"
	"dossier/internal/site"
)

// check reads and models a generated dossier as "dossier check" does (no
// pages rendered: what these tests look at is the model) and fails the
// test on any content error, printing the first few.
func check(t *testing.T, files map[string][]byte) *model.Dossier {
	t.Helper()
	d, errs := site.Check(site.Options{Content: FS(files), Name: "content"})
	if len(errs) > 0 {
		n := min(len(errs), 20)
		for _, e := range errs[:n] {
			t.Errorf("%v", e)
		}
		t.Fatalf("%d content errors (first %d above)", len(errs), n)
	}
	return d
}

// TestBuild models generated dossiers of several sizes with the real
// pipeline: each must have not a single error and have what makes it
// realistic.
func TestBuild(t *testing.T) {
	for _, n := range []int{10, 100, 1000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			if n >= 1000 && testing.Short() {
				t.Skip("1,000 sources: not with -short")
			}
			if n >= 1000 && raceEnabled {
				// Several times slower under the race detector, which
				// finds nothing here that the 100-source case does not:
				// the generator runs on one goroutine, and the pipeline's
				// parallel stages run the same code at either size.
				t.Skip("1,000 sources: not under the race detector")
			}
			o := Options{Sources: n, Seed: 1}
			checkDossier(t, o, check(t, Generate(o)))
		})
	}
}

// TestRender builds a small generated dossier into pages, as "dossier
// build" does: every source, claim, figure and entity has its page.
func TestRender(t *testing.T) {
	o := Options{Sources: 10, Seed: 1}
	res, err := site.Build(site.Options{Content: FS(Generate(o)), Name: "content"})
	if ce, ok := errors.AsType[*site.ContentError](err); ok {
		t.Fatalf("content errors:\n%s", ce.List.Format())
	}
	if err != nil {
		t.Fatal(err)
	}
	built := map[string]bool{}
	for _, f := range res.Files {
		built[f.Path] = true
	}
	d := res.Dossier
	var want []string
	for _, s := range d.Sources {
		want = append(want, "sources/"+s.Slug+"/index.html")
	}
	for _, c := range d.Claims {
		want = append(want, "claims/"+c.ID+"/index.html")
	}
	for _, f := range d.Figures {
		want = append(want, "figures/"+f.Key+"/index.html")
	}
	for _, e := range d.Entities {
		want = append(want, "entities/"+e.Slug+"/index.html")
	}
	want = append(want, "index.html", "conflicts/index.html", "dossier.json")
	for _, p := range want {
		if !built[p] {
			t.Errorf("no page %s", p)
		}
	}
}

// TestSeeds builds small dossiers of many seeds and shapes, to reach the
// generator's rarer paths (a quote needing a suffix, a source taking every
// claim, entities outnumbering sources).
func TestSeeds(t *testing.T) {
	shapes := []Options{
		{Sources: 1, ClaimsPerSource: 3},
		{Sources: 2, ClaimsPerSource: 12, Words: 100},
		{Sources: 5, Entities: 40, Words: 300},
		{Sources: 20, ClaimsPerSource: 0.5},
		{Sources: 30, ClaimsPerSource: 9, Words: 400},
	}
	for seed := uint64(1); seed <= 4; seed++ {
		for _, o := range shapes {
			o.Seed = seed
			d := check(t, Generate(o))
			if got, want := len(d.Claims), o.Claims(); got != want {
				t.Errorf("%+v: %d claims, want %d", o, got, want)
			}
		}
	}
}

func checkDossier(t *testing.T, o Options, d *model.Dossier) {
	t.Helper()
	o = o.Defaults()
	if len(d.Sources) != o.Sources {
		t.Errorf("%d sources, want %d", len(d.Sources), o.Sources)
	}
	if len(d.Claims) != o.Claims() {
		t.Errorf("%d claims, want %d", len(d.Claims), o.Claims())
	}
	if len(d.Entities) != o.Entities {
		t.Errorf("%d entities, want %d", len(d.Entities), o.Entities)
	}

	// Words per source: about o.Words.
	words := 0
	for _, s := range d.Sources {
		words += len(strings.Fields(s.Plain))
	}
	if avg := words / len(d.Sources); avg < o.Words*8/10 || avg > o.Words*13/10 {
		t.Errorf("%d words per source on average, want about %d", avg, o.Words)
	}

	// Conflicts of both kinds, and figures that agree.
	kinds := map[string]int{}
	for _, c := range d.Conflicts {
		if c.Figure != nil {
			kinds["figure"]++
		} else {
			kinds["statement"]++
		}
	}
	if kinds["figure"] == 0 || kinds["statement"] == 0 {
		t.Errorf("conflicts by kind: %v; want figure and statement conflicts", kinds)
	}
	agree := 0
	for _, f := range d.Figures {
		if len(f.Values) >= 2 && f.Conflict == nil {
			agree++
		}
	}
	if agree == 0 {
		t.Error("no figure has two or more values that agree")
	}

	// Claims quoting several sources, quotes that overlap (nested and
	// crossing), quotes that need a prefix or suffix.
	multi, nested, crossing, context := 0, 0, 0, 0
	for _, c := range d.Claims {
		srcs := map[*model.Source]bool{}
		for _, q := range c.Quotes {
			srcs[q.Source] = true
			if q.Prefix != "" || q.Suffix != "" {
				context++
			}
		}
		if len(srcs) >= 2 {
			multi++
		}
	}
	for _, s := range d.Sources {
		for i, a := range s.Quotes {
			for _, b := range s.Quotes[i+1:] {
				switch {
				case b.Start >= a.End:
				case b.End <= a.End:
					nested++
				default:
					crossing++
				}
			}
		}
	}
	t.Logf("%d claims, %d figures (%d agreeing), conflicts %v; %d claims quote several sources; overlaps: %d nested, %d crossing; %d quotes with prefix or suffix",
		len(d.Claims), len(d.Figures), agree, kinds, multi, nested, crossing, context)
	if multi == 0 || nested == 0 || crossing == 0 || context == 0 {
		t.Error("want claims quoting several sources, nested and crossing quotes, and quotes with prefix or suffix")
	}

	// Every entity is mentioned, and with 100 sources or more every alias.
	for _, e := range d.Entities {
		if len(e.Mentions) == 0 {
			t.Errorf("entity %s is never mentioned", e.Slug)
			continue
		}
		if len(d.Sources) < 100 {
			continue
		}
		seen := map[string]bool{}
		for _, m := range e.Mentions {
			seen[string([]rune(m.Source.Plain)[m.Start:m.End])] = true
		}
		for _, a := range e.Aliases {
			if !seen[a] {
				t.Errorf("alias %q of %s never occurs", a, e.Slug)
			}
		}
	}
}

// TestDeterministic: the same options give byte-identical files, another
// seed other files.
func TestDeterministic(t *testing.T) {
	o := Options{Sources: 50, Seed: 7}
	a, b := Generate(o), Generate(o)
	if !maps.EqualFunc(a, b, bytes.Equal) {
		for _, name := range slices.Sorted(maps.Keys(a)) {
			if !bytes.Equal(a[name], b[name]) {
				t.Fatalf("%s differs between two generations with the same options", name)
			}
		}
		t.Fatal("the two generations have different files")
	}
	o.Seed = 8
	if c := Generate(o); maps.EqualFunc(a, c, bytes.Equal) {
		t.Error("seeds 7 and 8 gave the same files")
	}
}

func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	files := Generate(Options{Sources: 3, Seed: 1})
	if err := WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(dir, map[string][]byte{"../escape.md": nil}); err == nil {
		t.Error("WriteDir wrote outside its folder")
	}
}
