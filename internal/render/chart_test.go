package render

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dossier/internal/content"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

var inf = math.Inf(1)

// TestNiceTicksExtremes: whatever the bounds of an axis (zero, negative,
// all equal, the largest figure, tiny ones, mixed signs, open bounds,
// NaN), its ticks are few, finite, increasing and labelled without NaN or
// Inf, and the domain they span is finite and wide enough to divide by.
func TestNiceTicksExtremes(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
	}{
		{0, 0}, {0, 1}, {5, 5}, {-5, -5}, {-3, 7}, {-7, -3}, {3, 7},
		{1e15, 1e15}, {-1e15, -1e15}, {-1e15, 1e15}, {0, 1e15}, {1e15 - 1, 1e15},
		{2.7e15, 2.7e15}, {-2e15, 3.5e15}, // the largest figure, approximate, with room for open bounds
		{1e-9, 1e-9}, {-1e-9, 1e-9}, {0, 1e-9}, {1e-9, 2e-9}, {5e-324, 5e-324}, {-5e-324, 5e-324},
		{-1e-9, 1e15}, {-1e15, 1e-9},
		{-inf, inf}, {-inf, 5}, {5, inf}, {inf, inf}, {-inf, -inf}, {math.NaN(), math.NaN()}, {math.NaN(), 3},
		{1e300, 1e308}, {-math.MaxFloat64, math.MaxFloat64},
	} {
		for _, integers := range []bool{false, true} {
			for _, w := range []struct{ w, char float64 }{{0, 0}, {chartWidth - 2*chartPadX, tickChar}, {10, tickChar}} {
				name := fmt.Sprintf("%g..%g/integers=%v/w=%g", tc.lo, tc.hi, integers, w.w)
				t.Run(name, func(t *testing.T) {
					ticks, dlo, dhi := niceTicks(tc.lo, tc.hi, integers, w.w, w.char)
					checkTicks(t, ticks, dlo, dhi)
					// Finite bounds within the axis are covered.
					for _, x := range []float64{tc.lo, tc.hi, 0} {
						slack := (dhi - dlo) * 1e-9
						if !math.IsNaN(x) && math.Abs(x) <= maxAxis && (x < dlo-slack || x > dhi+slack) {
							t.Errorf("%g is outside the domain [%g, %g]", x, dlo, dhi)
						}
					}
				})
			}
		}
	}
}

func checkTicks(t *testing.T, ticks []float64, dlo, dhi float64) {
	t.Helper()
	if len(ticks) < 2 || len(ticks) > maxTicks {
		t.Fatalf("%d ticks: %v", len(ticks), ticks)
	}
	if !finite(dlo) || !finite(dhi) || !(dhi > dlo) || !finite(1/(dhi-dlo)) {
		t.Fatalf("domain [%g, %g]", dlo, dhi)
	}
	for i, x := range ticks {
		if !finite(x) || i > 0 && !(x > ticks[i-1]) {
			t.Fatalf("ticks %v", ticks)
		}
		if x < dlo-(dhi-dlo)*1e-9 || x > dhi+(dhi-dlo)*1e-9 {
			t.Errorf("tick %g outside the domain [%g, %g]", x, dlo, dhi)
		}
		if l := number(x); unreadable(l) {
			t.Errorf("tick %g labelled %q", x, l)
		}
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// unreadable reports whether a number written for readers shows a
// float64's failures: NaN, infinity or an exponent.
func unreadable(s string) bool {
	for _, bad := range []string{"NaN", "Inf", "∞", "?", "e+", "e-"} {
		if strings.Contains(s, bad) {
			return true
		}
	}
	return false
}

// value is a figure's value for tests: [lo, hi], exact when equal;
// value (optional) is its stated value.
func value(lo, hi float64, stated ...float64) *model.Value {
	v := &model.Value{Lo: lo, Hi: hi}
	switch {
	case len(stated) > 0:
		v.Value, v.Approx = &stated[0], true
	case lo == hi:
		v.Value = &lo
	default:
		if !math.IsInf(lo, -1) {
			v.Min = &lo
		}
		if !math.IsInf(hi, 1) {
			v.Max = &hi
		}
	}
	return v
}

// TestValueArithmeticExtremes: the domain of a chart, the middle of a
// reading, the gap between two and how they relate (ratios) stay finite,
// and read as words without NaN or Inf, for extreme and equal values.
func TestValueArithmeticExtremes(t *testing.T) {
	vals := map[string]*model.Value{
		"zero":        value(0, 0),
		"negative":    value(-5, -5),
		"largest":     value(1e15, 1e15),
		"-largest":    value(-1e15, -1e15),
		"largest~":    value(0.9e15, 1.1e15, 1e15),
		"range":       value(-1e15, 1e15),
		"tiny":        value(1e-9, 1e-9),
		"-tiny":       value(-1e-9, -1e-9),
		"subnormal":   value(5e-324, 5e-324),
		"at least":    value(1e15, inf),
		"at most":     value(-inf, -1e15),
		"at least 0":  value(0, inf),
		"at most 0":   value(-inf, 0),
		"at least -1": value(-1, inf),
		"one":         value(1, 1),
	}
	var all []*model.Value
	for _, v := range vals {
		all = append(all, v)
	}
	sets := map[string][]*model.Value{"all": all}
	for name, v := range vals {
		sets[name] = []*model.Value{v}
		sets[name+" twice"] = []*model.Value{v, value(v.Lo, v.Hi)}
		for other, w := range vals {
			sets[name+" and "+other] = []*model.Value{v, w}
		}
	}
	for name, vs := range sets {
		lo, hi, integers, _, _ := domain(vs)
		if !finite(lo) || !finite(hi) || lo > hi {
			t.Errorf("%s: domain [%g, %g]", name, lo, hi)
			continue
		}
		ticks, dlo, dhi := niceTicks(lo, hi, integers, chartWidth-2*chartPadX, tickChar)
		checkTicks(t, ticks, dlo, dhi)
	}
	for a, v := range vals {
		if m := v.Mid(); !finite(m) {
			t.Errorf("mid(%s) = %g", a, m)
		}
		for b, w := range vals {
			if g := v.Gap(w); !finite(g) || g < 0 {
				t.Errorf("gap(%s, %s) = %g", a, b, g)
			}
			r := relationWords(t, v, w)
			if unreadable(r) {
				t.Errorf("relation(%s, %s) = %q", a, b, r)
			}
			if v.Lo > w.Hi && a != "subnormal" && b != "subnormal" { // v above w, as the conflicts page sets them
				s := partialWords(t, "apart", apart(v, w))
				if unreadable(s) || len(s) > 200 {
					t.Errorf("apart(%s, %s) = %q", a, b, s)
				}
			}
		}
	}
	for _, tc := range []struct {
		other, this *model.Value
		want        string
	}{
		{vals["largest"], vals["tiny"], "more than 1,000,000× higher"},
		{vals["tiny"], vals["largest"], "more than 1,000,000× lower"},
		{vals["subnormal"], vals["largest"], "more than 1,000,000× lower"},
		{vals["one"], value(1, 1), "about the same"},
		{vals["largest"], value(1e15, 1e15), "about the same"},
		{vals["zero"], vals["one"], ""},
		{vals["negative"], vals["one"], ""},
		{vals["at least"], vals["one"], "higher"},
		{vals["at most"], vals["one"], "lower"},
		{vals["at least 0"], vals["at most 0"], ""},
		{value(3e5, 3e5), value(1e5, 1e5), "3× higher"},
	} {
		if got := relationWords(t, tc.other, tc.this); got != tc.want {
			t.Errorf("relation(%s, %s) = %q, want %q", tc.other.Interval(), tc.this.Interval(), got, tc.want)
		}
	}
	for _, tc := range []struct {
		r    float64
		want string
	}{{3, "3×"}, {1.26, "1.3×"}, {12.4, "12×"}, {1e6, "1,000,000×"}, {1e6 + 1, "more than 1,000,000×"}, {1e24, "more than 1,000,000×"}, {inf, "more than 1,000,000×"}, {math.NaN(), "more than 1,000,000×"}} {
		if got := times(tc.r); got != tc.want {
			t.Errorf("times(%g) = %q, want %q", tc.r, got, tc.want)
		}
	}
	for _, tc := range []struct {
		x    float64
		want string
	}{{0, "0"}, {2e-9, "0.000000002"}, {2.345e-9, "0.0000000023"}, {0.5, "0.5"}, {1.234, "1.23"}, {123.4, "123"}, {2e15, "2,000,000,000,000,000"}} {
		if got := amount(tc.x, ""); got != tc.want {
			t.Errorf("amount(%g) = %q, want %q", tc.x, got, tc.want)
		}
	}
	for _, tc := range []struct {
		x    float64
		want string
	}{{1e15, "1,000,000,000,000,000"}, {-2.5e15, "-2,500,000,000,000,000"}, {1e-9, "0.000000001"}, {inf, "∞"}, {-inf, "-∞"}, {math.NaN(), "?"}} {
		if got := number(tc.x); got != tc.want {
			t.Errorf("number(%g) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

// TestTimeTicksSpans: a time axis from a day to the ten thousand years
// that asOf can write has at most eight ticks, every one labelled, in
// order, inside the axis.
func TestTimeTicksSpans(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct{ t0, t1 time.Time }{
		{day(2025, 3, 1), day(2025, 3, 2)},
		{day(2025, 1, 1), day(2025, 12, 31)},
		{day(2000, 1, 1), day(2025, 1, 1)},
		{day(1800, 1, 1), day(2025, 1, 1)},
		{day(1, 1, 1), day(2025, 1, 1)},
		{day(0, 1, 1), day(9999, 12, 31)},
		{day(-800, 1, 1), day(10800, 1, 1)}, // with the axis's margins
	} {
		for _, w := range []float64{10, 300, chartWidth} {
			ticks := timeTicks(tc.t0, tc.t1, w)
			if len(ticks) > 8 {
				t.Errorf("%v–%v, w=%g: %d ticks", tc.t0, tc.t1, w, len(ticks))
			}
			for i, tk := range ticks {
				if tk.label == "" || tk.at.Before(tc.t0) || tk.at.After(tc.t1) || i > 0 && !tk.at.After(ticks[i-1].at) {
					t.Errorf("%v–%v, w=%g: tick %d of %d: %v %q", tc.t0.Year(), tc.t1.Year(), w, i, len(ticks), tk.at, tk.label)
				}
			}
		}
	}
}

// TestChartsExtremeFigures computes the charts of figures of extreme
// values and checks every coordinate: finite, on the canvas, and, over
// time, in the order of the values' periods even when they are thousands
// of years apart (a time.Duration ends at 292 years).
func TestChartsExtremeFigures(t *testing.T) {
	figures := map[string][]string{
		"extreme": {"value: 1e15, approx: true", "min: -1e15, max: 1e15", "value: 1e15", "value: 1e15", "value: -1e15",
			"min: 1e15", "max: -1e15", "value: 1e-9", "value: 0", "min: 0", "max: 0"},
		"equal":  {"value: 7", "value: 7"},
		"single": {"value: 0"},
		"tiny":   {"value: 1e-9", "value: 2e-9, approx: true", "min: -1e-9, max: 1e-9", "min: 1e-9"},
		"series": {"value: 1e15, asOf: \"0001\"", "value: 1e-9, approx: true, asOf: \"1999\"", "max: -1e15, asOf: \"2025-02-20\"",
			"min: 1e15, asOf: \"2026-02\"", "value: 0, asOf: \"2027\"", "value: -1e15, asOf: \"9999\"", "value: 5"},
		"series-equal": {"value: 7, asOf: \"2024\"", "value: 7, asOf: \"2025\""},
	}
	fsys := fstest.MapFS{}
	var body strings.Builder
	body.WriteString("---\ntitle: Extremes\n---\n")
	for _, key := range slices.Sorted(maps.Keys(figures)) {
		fsys["figures/"+key+".md"] = &fstest.MapFile{Data: []byte("---\nlabel: The " + key + " figure\nunit: things\n---\n")}
		for i, fig := range figures[key] {
			sentence := fmt.Sprintf("The %s figure stands at mark %d.", key, i)
			body.WriteString(sentence + "\n\n")
			fsys[fmt.Sprintf("claims/%s-%d.md", key, i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
				"---\ntitle: Mark %d of %s.\nquotes:\n  - source: s\n    text: %q\n    figure: {key: %s, %s}\n---\n", i, key, sentence, key, fig))}
		}
	}
	fsys["sources/s.md"] = &fstest.MapFile{Data: []byte(body.String())}
	seen := 0
	for _, job := range testPages(t, fsys) {
		p := job.page
		if p.Figure == nil {
			continue
		}
		seen++
		var chart any
		if ch := p.Chart(); ch != nil {
			chart = ch
			checkTicks(t, tickXs(ch.Ticks), ch.X0, ch.X1)
		} else if ch := p.TimeChart(); ch != nil {
			chart = ch
			pts := slices.Clone(ch.Points)
			slices.SortStableFunc(pts, func(a, b TimePoint) int { return a.value.Period.First.Compare(b.value.Period.First) })
			for i := 1; i < len(pts); i++ {
				if pts[i].X < pts[i-1].X {
					t.Errorf("%s: %s at x=%g, before %s at x=%g", p.Figure.Key, pts[i].value.AsOf, pts[i].X, pts[i-1].value.AsOf, pts[i-1].X)
				}
			}
			// Where the axis spans millennia, years 1999 and 9999 stand
			// apart by most of it.
			x := map[string]float64{}
			for _, pt := range pts {
				x[pt.value.AsOf] = pt.X
			}
			if p.Figure.Key == "series" && x["9999"]-x["1999"] < (ch.X1-ch.X0)*0.6 {
				t.Errorf("%s: 1999 at x=%g, 9999 at x=%g", p.Figure.Key, x["1999"], x["9999"])
			}
			if len(ch.XTicks) == 0 || len(ch.XTicks) > 8 || len(ch.YTicks) < 2 || len(ch.YTicks) > maxTicks {
				t.Errorf("%s: %d time ticks, %d value ticks", p.Figure.Key, len(ch.XTicks), len(ch.YTicks))
			}
		} else {
			t.Fatalf("%s: no chart", p.Figure.Key)
		}
		checkCoordinates(t, p.Figure.Key, reflect.ValueOf(chart))
	}
	if seen != len(figures) {
		t.Errorf("%d figure pages for %d figures", seen, len(figures))
	}
}

func tickXs(ticks []ChartTick) []float64 {
	var out []float64
	for _, tk := range ticks {
		out = append(out, tk.X)
	}
	return out
}

// checkCoordinates checks every float64 in a chart (its fields, its
// rows', points' and ticks'): finite, and within a canvas of sane size.
// Every string holds no NaN or infinity (arrow paths, labels).
func checkCoordinates(t *testing.T, where string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			if et := v.Elem().Type(); v.Elem().Kind() == reflect.Struct && (et.PkgPath() != reflect.TypeFor[Chart]().PkgPath() || strings.HasSuffix(et.Name(), "View") || et == reflect.TypeFor[Amount]()) {
				return // the model's and its views (values with their open bounds, claims, sources); a value's numbers (Amount), not coordinates
			}
			checkCoordinates(t, where, v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				checkCoordinates(t, where+"."+v.Type().Field(i).Name, v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			checkCoordinates(t, fmt.Sprintf("%s[%d]", where, i), v.Index(i))
		}
	case reflect.Float64:
		if x := v.Float(); !finite(x) || math.Abs(x) > 1e5 {
			t.Errorf("%s = %g", where, x)
		}
	case reflect.String:
		if s := v.String(); strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
			t.Errorf("%s = %q", where, s)
		}
	}
}

// testPages models the dossier in fsys and returns its pages, ready for
// their methods to be called.
func testPages(t *testing.T, fsys fstest.MapFS) []job {
	t.Helper()
	c, errs := content.Read(fsys, "content")
	if len(errs) > 0 {
		t.Fatalf("content:\n%s", errs.Format())
	}
	d, errs := model.Build(c, markdown.New(), nil)
	if len(errs) > 0 {
		t.Fatalf("model:\n%s", errs.Format())
	}
	r := &renderer{d: d, v: newViews(d), links: newLinks("")}
	return r.pages()
}

// TestTimeChartLabelsInside: a label stays on the drawing when the
// value's period runs so long that neither side of its line has room,
// as a month's value does beside a day's a few weeks later.
func TestTimeChartLabelsInside(t *testing.T) {
	sentences := []string{"One destroyer went in March.", "A second went on 12 April."}
	figs := []string{`value: 1, asOf: "2025-03"`, `value: 2, asOf: "2025-04-12"`}
	fsys := fstest.MapFS{
		"figures/ships.md": &fstest.MapFile{Data: []byte("---\nlabel: Ships in the gulf\nunit: destroyers\n---\n")},
		"sources/s.md":     &fstest.MapFile{Data: []byte("---\ntitle: A column with a long name, as columns have\n---\n" + strings.Join(sentences, "\n\n") + "\n")},
	}
	for i, s := range sentences {
		fsys[fmt.Sprintf("claims/c%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Claim %d.\nquotes:\n  - source: s\n    text: %q\n    figure: {key: ships, %s}\n---\n", i, s, figs[i]))}
	}
	seen := false
	for _, job := range testPages(t, fsys) {
		if job.page.Figure == nil {
			continue
		}
		ch := job.page.TimeChart()
		if ch == nil {
			t.Fatal("no time chart")
		}
		seen = true
		for _, pt := range ch.Points {
			if pt.Label == "" {
				continue
			}
			x0, x1 := pt.LabelX, pt.LabelX+labelWidth(&pt)
			if pt.Anchor == "end" {
				x0, x1 = pt.LabelX-labelWidth(&pt), pt.LabelX
			}
			if x0 < 0 || x1 > chartWidth || pt.LabelY-labelH < 0 {
				t.Errorf("%s: label %q at x %g..%g, y %g: off the %g-wide drawing", pt.value.AsOf, pt.Label, x0, x1, pt.LabelY, chartWidth)
			}
		}
	}
	if !seen {
		t.Fatal("no figure page")
	}
}
