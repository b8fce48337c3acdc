package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	theme "dossier"
	"dossier/internal/content"
	"dossier/internal/gen"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// claimPageDossier reads and builds a dossier for the claim page's tests.
func claimPageDossier(t *testing.T, fsys fs.FS) (*model.Dossier, *markdown.Markdown) {
	t.Helper()
	md := markdown.New()
	c, errs := content.Read(fsys, "content")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d, errs := model.Build(c, md, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return d, md
}

// hostile puts characters that every escaping context treats differently
// into the words and the slugs that claim pages show.
func hostile(d *model.Dossier) {
	const w = " <b>&amp; \"it's\" 1+1 \x00 é—“x” %zz %41 a:b javascript:x "
	for i, c := range d.Claims {
		if i%3 != 0 {
			continue
		}
		c.Title += w
		c.Rationale += w
		c.Tags = append(c.Tags, w)
		if i%2 == 0 {
			c.Date = "when" + w
			c.Reviewed = "2025-02"
		}
	}
	for i, s := range d.Sources {
		if i%2 == 0 {
			s.Title += w
			s.Outlet += w
			s.Short = ""
		}
		if i%5 == 0 {
			s.Slug = "a b/é" + w
		}
	}
	for _, e := range d.Entities[:len(d.Entities)/2] {
		e.Name += w
		e.Slug = "javascript:" + e.Slug
	}
	for _, v := range d.Verdicts {
		v.Label += w
		v.Means += w
	}
	for _, cf := range d.Conflicts {
		if cf.Figure == nil && len(cf.Sides) > 1 {
			// A side longer than a card lists.
			for _, c := range d.Claims[:8] {
				if !slices.Contains(cf.Sides[0], c) && !slices.Contains(cf.Sides[1], c) {
					cf.Sides[1] = append(cf.Sides[1], c)
				}
			}
			break
		}
	}
	series := false
	for _, cf := range d.Conflicts {
		cf.Title += w
		if cf.Figure != nil && !series {
			// A figure conflict whose values are not in groups, as among
			// several periods: one side, a series.
			cf.Groups, series = nil, true
		}
	}
	// One entity that no source names.
	d.Entities[len(d.Entities)-1].Mentions = nil
	for _, g := range d.Figures {
		g.Label += w
	}
}

// dense gives two thirds of the passages of the source quoted most the
// same span, the first's: more than a span's notes show.
func dense(d *model.Dossier) {
	s := d.Sources[0]
	for _, x := range d.Sources {
		if len(x.Quotes) > len(s.Quotes) {
			s = x
		}
	}
	qs := s.Quotes
	if len(qs) < 12 { // more than markdown's maxNotes and one
		panic(fmt.Sprintf("dense: %d passages", len(qs)))
	}
	for _, q := range qs[:len(qs)*2/3] {
		q.Start, q.End = qs[0].Start, qs[0].End
	}
}

// undated adds eight undated values to the first figure drawn over time,
// copies of its first: listed under its chart, the last ones counted.
func undated(d *model.Dossier) {
	for _, g := range d.Figures {
		if g.OverTime() {
			for range 8 {
				v := *g.Values[0]
				v.AsOf = ""
				g.Values = append(g.Values, &v)
			}
			return
		}
	}
}

// TestClaimPageCompiled renders every page of the project's dossier and
// of generated ones both ways, compiled (the claim pages, and every
// page's head and foot) and with the templates alone, and requires the
// same bytes.
func TestClaimPageCompiled(t *testing.T) {
	cases := []struct {
		name    string
		fsys    fs.FS
		base    string
		hostile bool
	}{
		{"content", os.DirFS("../../content"), "", false},
		{"content-base-url", os.DirFS("../../content"), "https://example.org/dossier/", false},
		{"content-undated", os.DirFS("../../content"), "", false},
		{"generated", gen.FS(gen.Generate(gen.Options{Sources: 200, Seed: 7})), "", false},
		{"generated-no-claims", gen.FS(withoutClaims(gen.Generate(gen.Options{Sources: 3, Seed: 1}))), "", false},
		{"generated-hostile", gen.FS(gen.Generate(gen.Options{Sources: 120, Seed: 3})), "https://example.org/", true},
		// Passages quoted by so many claims that their notes are counted.
		{"generated-dense", gen.FS(gen.Generate(gen.Options{Sources: 6, ClaimsPerSource: 30, Words: 300, Seed: 5})), "", false},
	}
	parts := []string{"claim-conflict-values", "On this claim's side", "Against it", "side-speaker-name", "more claim", "verdict-box", "verdict-quiet", "conflicts-box", "figure-compare", "compare-all", "muted", "quote-context", "related-list", "conflict-mark", "read-as", "commentary", "ld+json", "canonical", "integrity", "reviewed", "&#43;", "%zz", "\uFFFD"}
	pageParts := []string{"No claims yet.", "conflict-item", "figure-description", " over time, in ", "claims on", "values disagree", `class="counts"`, `class="intro prose"`, "conflict-apart", "side-speaker", "side-more", "verdict-none", "side-quote", "conflict-series", "conflict-vs", "Claims that disagree", "Figures that disagree", "No conflicts:", "Undated</h2>", "No dated claims", "fig-time", "chart-undated", "chart-open", "chart-ring", `<tspan class="chart-wide">`, "chart-who", "conflict-group", "not dated", "figure-note", "legend-conflict", "They disagree:", "None disagrees", "They agree", "no other value", "No quote gives", "chart-center", "chart-period", "in the table", "Also written", `class="lede"`, "None recorded", "No source mentions", "mention-quoted", `<div class="prose">`, "<mark>", ":~:text=", "more claims quote this passage", "hl-also", "data-first", `class="ref conflict"`, "sidenote conflict", `<span class="verdict verdict-`, "Note +"}
	shown := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, md := claimPageDossier(t, tc.fsys)
			if tc.base != "" {
				d.Settings.BaseURL = tc.base
			}
			if tc.hostile {
				hostile(d)
			}
			if tc.name == "content-undated" {
				undated(d)
			}
			if tc.name == "generated-dense" {
				dense(d)
			}
			s, err := New(d, md, Theme{Templates: theme.Templates(), Static: theme.Static()}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !s.r.compiled || !s.r.compiledBase || !s.r.compiledNotes || len(s.r.contents) != len(compiledContents) {
				t.Fatal("the default theme does not get the compiled pages")
			}
			n := 0
			for _, p := range s.Paths() {
				if !strings.HasSuffix(p, ".html") {
					continue
				}
				s.r.compiled, s.r.compiledBase, s.r.compiledNotes = true, true, true
				fast, err := s.Render(p)
				if err != nil {
					t.Fatal(err)
				}
				s.r.compiled, s.r.compiledBase, s.r.compiledNotes = false, false, false
				slow, err := s.Render(p)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(fast, slow) {
					at := diffAt(fast, slow)
					t.Fatalf("%s: the compiled page differs from the templates' at byte %d:\ncompiled:  %q\ntemplates: %q",
						p, at, around(fast, at), around(slow, at))
				}
				for _, part := range pageParts {
					if bytes.Contains(fast, []byte(part)) {
						shown[part] = true
					}
				}
				if !strings.HasPrefix(p, "claims/") || p == "claims/index.html" {
					continue
				}
				n++
				for _, part := range parts {
					if bytes.Contains(fast, []byte(part)) {
						shown[part] = true
					}
				}
			}
			if n == 0 && tc.name != "generated-no-claims" {
				t.Fatal("no claim pages")
			}
		})
	}
	// The pages compared show every part of the pages, and the hostile
	// words in every escaping context.
	for _, part := range append(parts, pageParts...) {
		if !shown[part] {
			t.Errorf("no page compared shows %q", part)
		}
	}
}

// withoutClaims leaves out a generated dossier's claims and conflicts.
func withoutClaims(files map[string][]byte) map[string][]byte {
	for name := range files {
		if strings.HasPrefix(name, "claims/") || strings.HasPrefix(name, "conflicts/") {
			delete(files, name)
		}
	}
	return files
}

func diffAt(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func around(b []byte, i int) string {
	return string(b[max(0, i-120):min(len(b), i+120)])
}

// TestClaimPageOverridden: a theme that defines any template a compiled
// page stands for gets the templates for that kind of page, and its
// change shows; one that only repeats the default theme's files, or
// changes others, keeps the compiled pages. Only a base.html of its own
// takes every page's head and foot back to the templates.
func TestClaimPageOverridden(t *testing.T) {
	d, md := claimPageDossier(t, gen.FS(gen.Generate(gen.Options{Sources: 20, Seed: 1})))
	read := func(name string) string {
		b, err := fs.ReadFile(theme.Templates(), name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const all = "base claim claims conflicts entities entity figure figures home sources timeline"
	for _, tc := range []struct {
		name  string
		files map[string]string
		off   string // what the templates write again: base (head and foot), claim, and the kinds with compiled content
		page  string // a page that shows the change…
		shows string // …with these words
	}{
		{"default", nil, "", "", ""},
		{"same claim.html", map[string]string{"claim.html": read("claim.html")}, "", "", ""},
		{"other page", map[string]string{"source.html": read("source.html") + "<!-- mine -->"}, "", "", ""},
		{"other partial", map[string]string{"partials/mark.html": read("partials/mark.html") + "x"}, "", "", ""},
		{"conflict-card", map[string]string{"partials/conflict-card.html": strings.Replace(read("partials/conflict-card.html"), "in disagreement", "Mine: apart", 1)},
			"conflicts figure", "conflicts/", "Mine: apart"},
		{"claim.html", map[string]string{"claim.html": strings.Replace(read("claim.html"), "Where the sources say it", "Mine: sources", 1)},
			"claim", "claims/", "Mine: sources"},
		{"base.html", map[string]string{"base.html": strings.Replace(read("base.html"), "Skip to content", "Mine: skip", 1)},
			"base claim", "figures/", "Mine: skip"},
		{"verdict partial", map[string]string{"partials/verdict.html": `{{define "verdict"}}<b>Mine: {{.Verdict.Label}}</b>{{end}}`},
			"claim claims conflicts entity figure", "entities/", "Mine: "},
		{"date redefined elsewhere", map[string]string{"partials/zz-mine.html": `{{define "date"}}Mine: {{.}}{{end}}`},
			"claim claims conflicts figure home sources timeline", "claims/", "Mine: "},
		{"claim-item", map[string]string{"partials/claim-item.html": strings.Replace(read("partials/claim-item.html"), `class="claim-item`, `class="mine-item`, 1)},
			"claims entity", "entities/", "mine-item"},
		{"entity.html", map[string]string{"entity.html": strings.Replace(read("entity.html"), "Claims made", "Mine: claims", 1)},
			"entity", "entities/", "Mine: claims"},
		{"chart legend", map[string]string{"partials/chart-legend.html": strings.Replace(read("partials/chart-legend.html"), "exact value", "Mine: exact", 1)},
			"figure", "figures/", "Mine: exact"},
		{"source-item", map[string]string{"partials/source-item.html": strings.Replace(read("partials/source-item.html"), "passages", "Mine: passages", 1)},
			"home sources", "sources/", "Mine: passages"},
		{"page-meta", map[string]string{"partials/page-meta.html": strings.Replace(read("partials/page-meta.html"), "made in", "Mine: in", 1)},
			"claim", "claims/", "Mine: in"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			top := fstest.MapFS{}
			for name, text := range tc.files {
				top[name] = &fstest.MapFile{Data: []byte(text)}
			}
			s, err := New(d, md, Theme{Templates: overlayFS{top, theme.Templates()}, Static: theme.Static()}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, kind := range strings.Fields(all) {
				switch {
				case kind == "base" && s.r.compiledBase,
					kind == "claim" && s.r.compiled,
					s.r.contents[kind] != nil:
					got = append(got, kind)
				}
			}
			var want []string
			for _, kind := range strings.Fields(all) {
				if !slices.Contains(strings.Fields(tc.off), kind) {
					want = append(want, kind)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("compiled: %q, want %q", got, want)
			}
			if tc.page == "" {
				return
			}
			// The theme's templates write the pages: their change shows.
			for _, p := range s.Paths() {
				if strings.HasPrefix(p, tc.page) && strings.HasSuffix(p, ".html") {
					b, err := s.Render(p)
					if err != nil {
						t.Fatal(err)
					}
					if bytes.Contains(b, []byte(tc.shows)) {
						return
					}
				}
			}
			t.Fatalf("no page under %s shows %q", tc.page, tc.shows)
		})
	}
}

// overlayFS is top's files over base's, as a dossier's templates/ folder
// lies over the default theme.
type overlayFS struct{ top, base fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

func (o overlayFS) Glob(pattern string) ([]string, error) {
	a, err := fs.Glob(o.top, pattern)
	if err != nil {
		return nil, err
	}
	b, err := fs.Glob(o.base, pattern)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, n := range append(a, b...) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}

// TestCompiledTemplatesCover: every template a compiled page's templates
// call, however deep, is among those it stands for, so that a theme
// that overrides any of them gets the templates.
func TestCompiledTemplatesCover(t *testing.T) {
	r := &renderer{}
	if err := r.parseTemplates(theme.Templates()); err != nil {
		t.Fatal(err)
	}
	check := func(kind string, names, roots []string) {
		t.Helper()
		tm := r.templates[kind]
		seen := map[string]bool{}
		var walk func(n parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n == nil {
					return
				}
				for _, c := range n.Nodes {
					walk(c)
				}
			case *parse.IfNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.TemplateNode:
				if !seen[n.Name] {
					seen[n.Name] = true
					walk(tm.Lookup(n.Name).Tree.Root)
				}
			}
		}
		for _, root := range roots {
			seen[root] = true
			walk(tm.Lookup(root).Tree.Root)
		}
		for name := range seen {
			if !slices.Contains(names, name) {
				t.Errorf("%s: the compiled page does not stand for %q, which its templates call", kind, name)
			}
		}
		if !slices.Contains(names, kind+".html") {
			t.Errorf("%s: the compiled page does not stand for %s.html", kind, kind)
		}
	}
	check("claim", compiledTemplates, []string{"base.html", "content", "title", "description"})
	for kind, c := range compiledContents {
		check(kind, c.templates, []string{"content"})
	}
}
