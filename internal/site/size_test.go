package site

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// Output that grows with the content, not with its square: a dossier
// twice as large in one dimension writes at most 2.3 times the bytes.
// These are sizes, deterministic, not timings (the benchmarks at N and 2N
// are in bench_scale_test.go).

// maxGrowth is how much more a build may write when one dimension of the
// content doubles: twice, and some slack for pages whose fixed part
// (header, footer, navigation) weighs less at the larger size.
const maxGrowth = 2.3

// samePassageDossier is a dossier of one source and n claims that all
// quote the same passage of it, as when a statement is rated over and
// over; every third claim also shares a tag and a speaker, as claims
// about one statement do.
func samePassageDossier(n int) fstest.MapFS {
	fsys := fstest.MapFS{
		"sources/speech.md": {Data: []byte(`---
title: The speech
outlet: Example News
published: 2025-08-10
---
The minister spoke for an hour.

"We will not send troops across the border, whatever happens," the minister said, to applause.

Reporters asked about the budget, and she did not answer.
`)},
		"entities/minister.md": {Data: []byte("---\nname: The minister\naliases: [minister]\nkind: person\n---\n")},
	}
	verdicts := []string{"supported", "false", "disputed", "misleading", "unverified"}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Reading %d of the minister's promise on troops.\n", i)
		fmt.Fprintf(&b, "verdict: %s\nrationale: Reason %d.\n", verdicts[i%len(verdicts)], i)
		if i%3 == 0 {
			b.WriteString("speaker: minister\ntags: [troops]\n")
		}
		b.WriteString("quotes:\n  - source: speech\n    text: \"We will not send troops across the border, whatever happens,\"\n---\n")
		fmt.Fprintf(&b, "Commentary %d.\n", i)
		fsys[fmt.Sprintf("claims/c%05d.md", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// valuesDossier is a dossier of n claims that each give a value of one
// figure, from a sentence of their own in one of a few sources: exact
// values, approximate ones, ranges and open bounds, most of them in
// conflict with one another, some at other times.
func valuesDossier(n int) fstest.MapFS {
	fsys := fstest.MapFS{
		"figures/raids.md": {Data: []byte("---\nlabel: Raids on cartel labs\nunit: raids\n---\nHow many raids.\n")},
	}
	const sources = 4
	bodies := make([]strings.Builder, sources)
	for i := range sources {
		fmt.Fprintf(&bodies[i], "---\ntitle: Report %d\noutlet: Outlet %d\npublished: 2025-0%d-01\n---\n", i, i, i+1)
	}
	for i := range n {
		s := i % sources
		words := fmt.Sprintf("%d raids", 100+7*i)
		sentence := fmt.Sprintf("Unit %d counted %s in the valley.", i, words)
		fmt.Fprintf(&bodies[s], "%s\n\n", sentence)
		var fig string
		switch i % 6 {
		case 0, 1:
			fig = fmt.Sprintf("value: %d, words: %q", 100+7*i, words)
		case 2:
			fig = fmt.Sprintf("value: %d, approx: true", 100+7*i)
		case 3:
			fig = fmt.Sprintf("min: %d, max: %d", 100+7*i, 110+7*i)
		case 4:
			fig = fmt.Sprintf("min: %d", 100+7*i)
		case 5:
			fig = fmt.Sprintf("max: %d, asOf: \"2024\"", 100+7*i)
		}
		claim := fmt.Sprintf("---\ntitle: Unit %d counted %d raids.\nverdict: disputed\nrationale: Others count otherwise.\nquotes:\n  - source: r%d\n    text: %q\n    figure: {key: raids, %s}\n---\n",
			i, 100+7*i, s, sentence, fig)
		fsys[fmt.Sprintf("claims/v%05d.md", i)] = &fstest.MapFile{Data: []byte(claim)}
	}
	for i := range sources {
		fsys[fmt.Sprintf("sources/r%d.md", i)] = &fstest.MapFile{Data: []byte(bodies[i].String())}
	}
	return fsys
}

// builtSize builds fsys in memory and returns the bytes of all its files.
func builtSize(t testing.TB, fsys fstest.MapFS) int {
	t.Helper()
	res, err := Build(Options{Content: fsys, Name: "content"})
	var ce *ContentError
	if errors.As(err, &ce) {
		t.Fatalf("content errors:\n%s", ce.List.Format())
	}
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, f := range res.Files {
		total += len(f.Data)
	}
	return total
}

func TestOutputSizeLinear(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(int) fstest.MapFS
	}{
		{"claims-per-passage", samePassageDossier},
		{"values-per-key", valuesDossier},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const n = 200
			a, b := builtSize(t, tc.make(n)), builtSize(t, tc.make(2*n))
			ratio := float64(b) / float64(a)
			t.Logf("%d: %d bytes; %d: %d bytes; %.3f×", n, a, 2*n, b, ratio)
			if ratio > maxGrowth {
				t.Errorf("%d → %d: output grew %.2f× (%d → %d bytes), more than %.1f×", n, 2*n, ratio, a, b, maxGrowth)
			}
		})
	}
}

// TestExtremeValuesBuild builds figures of extreme values: the largest
// allowed (1e15) exact, approximate and as bounds, a range over both
// signs, open bounds, equal values, a single value, tiny ones, and a
// series from year 1 to year 9999. The build must finish, and no chart
// may hold NaN or an infinity: every coordinate and label is finite.
func TestExtremeValuesBuild(t *testing.T) {
	figures := map[string][]string{
		"extreme": {"value: 1e15, approx: true", "min: -1e15, max: 1e15", "value: 1e15", "value: 1e15", "value: -1e15",
			"min: 1e15", "max: -1e15", "value: 1e-9", "value: 0", "min: 0", "max: 0"},
		"equal":    {"value: 7", "value: 7", "value: 7"},
		"single":   {"value: 0"},
		"tiny":     {"value: 1e-9", "value: 2e-9, approx: true", "min: -1e-9, max: 1e-9", "min: 1e-9", "value: 1e-12"},
		"negative": {"value: -3", "max: -1e15", "min: -5, max: -4"},
		"series": {"value: 1e15, asOf: \"0001\"", "value: -1e15, asOf: \"9999\"", "min: 1e15, asOf: \"2025-02\"",
			"max: -1e15, asOf: \"2025-02-20\"", "value: 0, asOf: \"2025\"", "value: 1e-9, approx: true, asOf: \"1999\"", "value: 5"},
		"series-equal": {"value: 7, asOf: \"2024\"", "value: 7, asOf: \"2025\""},
	}
	fsys := fstest.MapFS{}
	var body strings.Builder
	body.WriteString("---\ntitle: Extremes\n---\n")
	keys := make([]string, 0, len(figures))
	for key := range figures {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		fsys["figures/"+key+".md"] = &fstest.MapFile{Data: []byte("---\nlabel: The " + key + " figure\nunit: things\n---\n")}
		for i, fig := range figures[key] {
			sentence := fmt.Sprintf("The %s figure stands at mark %d.", key, i)
			body.WriteString(sentence + "\n\n")
			fsys[fmt.Sprintf("claims/%s-%d.md", key, i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
				"---\ntitle: Mark %d of %s.\nquotes:\n  - source: s\n    text: %q\n    figure: {key: %s, %s}\n---\n", i, key, sentence, key, fig))}
		}
	}
	fsys["sources/s.md"] = &fstest.MapFile{Data: []byte(body.String())}
	res, err := Build(Options{Content: fsys, Name: "content"})
	var ce *ContentError
	if errors.As(err, &ce) {
		t.Fatalf("content errors:\n%s", ce.List.Format())
	}
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, f := range res.Files {
		page := string(f.Data)
		if !strings.HasSuffix(f.Path, ".html") && f.Path != "dossier.json" {
			continue
		}
		if strings.Contains(page, "NaN") || strings.Contains(page, "Inf") {
			i := max(strings.Index(page, "NaN"), strings.Index(page, "Inf"))
			t.Errorf("%s: %q", f.Path, page[max(0, i-80):min(len(page), i+40)])
		}
		for rest := page; ; {
			i := strings.Index(rest, "<svg")
			if i < 0 {
				break
			}
			j := strings.Index(rest[i:], "</svg>")
			if j < 0 {
				t.Fatalf("%s: an <svg> not closed", f.Path)
			}
			svg := rest[i : i+j]
			charts++
			// Every number in an attribute is a finite coordinate of sane size.
			for _, m := range svgNumber.FindAllStringSubmatch(svg, -1) {
				x, err := strconv.ParseFloat(strings.TrimSuffix(m[2], "%"), 64)
				if err != nil || math.IsNaN(x) || math.Abs(x) > 1e5 {
					t.Errorf("%s: %s=%q", f.Path, m[1], m[2])
				}
			}
			rest = rest[i+j:]
		}
	}
	if charts < len(figures) {
		t.Errorf("%d charts for %d figures", charts, len(figures))
	}
}

// svgNumber is a numeric attribute of an SVG element.
var svgNumber = regexp.MustCompile(`\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height|rx)="([^"]*)"`)
