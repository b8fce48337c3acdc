package model

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// figureOf makes a figure whose values are given as [lo, hi, asOf]
// (lo or hi ±Inf for an open bound), each quoted by its own claim.
func figureOf(values ...[3]any) *Figure {
	g := &Figure{Key: "k", Label: "Things counted", Unit: "things"}
	src := &Source{Slug: "s"}
	for i, x := range values {
		c := &Claim{ID: fmt.Sprintf("c%04d", i)}
		q := &Quote{Claim: c, N: 1, Source: src}
		c.Quotes = []*Quote{q}
		lo, hi, asOf := x[0].(float64), x[1].(float64), x[2].(string)
		v := &Value{Figure: g, Key: g.Key, Unit: g.Unit, Lo: lo, Hi: hi, AsOf: asOf, Period: periodOf(asOf), Quote: q}
		switch {
		case lo == hi:
			v.Value = f(lo)
		case !v.OpenLo() && !v.OpenHi():
			v.Min, v.Max = f(lo), f(hi)
		case !v.OpenLo():
			v.Min = f(lo)
		default:
			v.Max = f(hi)
		}
		q.Figure = v
		g.Values = append(g.Values, v)
	}
	return g
}

// bruteForce is the definition: every pair, compared.
func bruteForce(vs []*Value) map[*Value]*Disagreement {
	out := make(map[*Value]*Disagreement)
	for _, v := range vs {
		d := &Disagreement{Value: v}
		for _, w := range vs {
			if v.Overlaps(w) || !v.Period.Overlaps(w.Period) {
				continue
			}
			if w.Lo > v.Hi {
				d.Above++
				if d.LowestAbove == nil || w.Lo < d.LowestAbove.Lo {
					d.LowestAbove = w
				}
			} else {
				d.Below++
				if d.HighestBelow == nil || w.Hi > d.HighestBelow.Hi {
					d.HighestBelow = w
				}
			}
		}
		d.With = d.Above + d.Below
		if d.With > 0 {
			out[v] = d
		}
	}
	return out
}

func sameSummary(a, b *Disagreement) bool {
	// The lowest above and highest below may be any of several values
	// with the same bound.
	bound := func(v *Value, lo bool) float64 {
		switch {
		case v == nil:
			return -1
		case lo:
			return v.Lo
		}
		return v.Hi
	}
	return a.With == b.With && a.Above == b.Above && a.Below == b.Below &&
		bound(a.LowestAbove, true) == bound(b.LowestAbove, true) && bound(a.HighestBelow, false) == bound(b.HighestBelow, false)
}

// TestFigureConflictMatchesPairs compares the sorted-bounds computation
// with the pairwise definition on random figures: values exact, ranges
// and open bounds, some touching, over nested and disjoint periods.
func TestFigureConflictMatchesPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	periods := []string{"", "", "2024", "2025", "2025-02", "2025-08", "2025-02-20", "2025-02-21", "2025-08-10"}
	for round := range 300 {
		n := 1 + rng.IntN(40)
		var values [][3]any
		for range n {
			lo := float64(rng.IntN(20)) * 10
			hi := lo + float64(rng.IntN(3))*10
			switch rng.IntN(8) {
			case 0:
				hi = inf
			case 1:
				lo, hi = -inf, lo
			}
			values = append(values, [3]any{lo, hi, periods[rng.IntN(len(periods))]})
		}
		g := figureOf(values...)
		cf := figureConflict(g)
		want := bruteForce(g.Values)
		if len(want) == 0 {
			if cf != nil {
				t.Fatalf("round %d: a conflict where no pair disagrees: %v", round, cf)
			}
			continue
		}
		if cf == nil || len(cf.Values) != len(want) {
			t.Fatalf("round %d: %d values in conflict, want %d", round, len(cf.Values), len(want))
		}
		for _, d := range cf.Values {
			w := want[d.Value]
			if w == nil || !sameSummary(d, w) {
				t.Fatalf("round %d: value %s as of %q: %+v, want %+v", round, d.Value.Interval(), d.Value.AsOf, d, w)
			}
			if !d.Value.Conflict || d.Value.Disagreement != d || !d.Value.Quote.Conflict {
				t.Fatalf("round %d: value %s not marked", round, d.Value.Interval())
			}
		}
		// Each side's values share a point; no two sides share one.
		for i, grp := range cf.Groups {
			for _, a := range grp {
				for _, b := range grp {
					if !a.Overlaps(b) {
						t.Fatalf("round %d: side %d holds %s and %s, which disagree", round, i, a.Interval(), b.Interval())
					}
				}
			}
			if len(cf.Sides[i]) == 0 {
				t.Fatalf("round %d: side %d has no claims", round, i)
			}
		}
		hi, lo := cf.Extremes()
		if hi == nil || lo == nil || hi.Overlaps(lo) || !hi.Period.Overlaps(lo.Period) {
			t.Fatalf("round %d: extremes %v and %v do not disagree", round, hi, lo)
		}
	}
}

func TestFigureConflictCases(t *testing.T) {
	for _, c := range []struct {
		name   string
		values [][3]any
		// want: the String of the conflict, "" for none.
		want string
	}{
		{"agree", [][3]any{{90.0, 110.0, ""}, {100.0, 100.0, ""}}, ""},
		{"touching", [][3]any{{90.0, 110.0, ""}, {110.0, 110.0, ""}}, ""},
		{"two camps", [][3]any{{6.0, 6.0, ""}, {8.0, 8.0, ""}, {8.0, 8.0, ""}},
			"discrepancy: Things counted: 8 things vs 6 things [6 things (c0000 in s) vs 8 things (c0001 in s), 8 things (c0002 in s)]"},
		{"a series", [][3]any{{6.0, 6.0, "2025-02-20"}, {8.0, 8.0, "2025-08"}}, ""},
		{"no asOf overlaps every period", [][3]any{{6.0, 6.0, "2025-02-20"}, {8.0, 8.0, ""}},
			"discrepancy: Things counted: 8 things vs 6 things [6 things as of 2025-02-20 (c0000 in s) vs 8 things (c0001 in s)]"},
		{"a year holds a day", [][3]any{{6.0, 6.0, "2025-02-20"}, {8.0, 8.0, "2025"}},
			"discrepancy: Things counted: 8 things vs 6 things [6 things as of 2025-02-20 (c0000 in s) vs 8 things as of 2025 (c0001 in s)]"},
		{"open bounds apart", [][3]any{{500.0, inf, ""}, {-inf, 200.0, ""}},
			"discrepancy: Things counted: at least 500 things vs at most 200 things [at most 200 things (c0001 in s) vs at least 500 things (c0000 in s)]"},
		{"open bounds overlap", [][3]any{{500.0, inf, ""}, {-inf, 600.0, ""}}, ""},
		// Two moments that each disagree within themselves: no sides,
		// since they would mix moments.
		{"two moments", [][3]any{{1.0, 1.0, "2024"}, {5.0, 5.0, "2024"}, {10.0, 10.0, "2025"}, {20.0, 20.0, "2025"}},
			"discrepancy: Things counted: 20 things vs 10 things [1 things as of 2024 (c0000 in s), 5 things as of 2024 (c0001 in s), 10 things as of 2025 (c0002 in s), 20 things as of 2025 (c0003 in s)]"},
	} {
		g := figureOf(c.values...)
		cf := figureConflict(g)
		got := ""
		if cf != nil {
			got = cf.String()
		}
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestFigureConflictSizeIsLinear checks that a figure's conflict grows
// with its values, not with the pairs that disagree: two camps of n/2
// values disagree in n²/4 pairs, but the conflict holds n summaries of
// constant size and its description stays bounded.
func TestFigureConflictSizeIsLinear(t *testing.T) {
	size := func(n int) (values, sides, line int) {
		var vs [][3]any
		for i := range n {
			x := 100.0 + float64(i%7)
			if i%2 == 1 {
				x = 300.0 + float64(i%5)
			}
			vs = append(vs, [3]any{x * 0.9, x * 1.1, ""})
		}
		cf := figureConflict(figureOf(vs...))
		for _, s := range cf.Sides {
			sides += len(s)
		}
		return len(cf.Values), sides, len(cf.String())
	}
	v1, s1, l1 := size(1000)
	v2, s2, l2 := size(2000)
	if v1 != 1000 || v2 != 2000 {
		t.Errorf("values in conflict: %d and %d, want 1000 and 2000", v1, v2)
	}
	if s1 != 1000 || s2 != 2000 {
		t.Errorf("claims on sides: %d and %d, want 1000 and 2000", s1, s2)
	}
	if l2 > l1+10 || l2 > 2000 {
		t.Errorf("description: %d then %d characters, want bounded", l1, l2)
	}
}

// BenchmarkFigureConflict computes the conflict of one figure given by n
// and 2n values in two camps, over a few periods: the time per value
// should stay nearly the same (n log n), never grow with n (pairs).
func BenchmarkFigureConflict(b *testing.B) {
	periods := []string{"", "2025", "2025-02", "2025-02-20", "2025-08"}
	for _, n := range []int{2000, 4000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var vs [][3]any
			for i := range n {
				x := 100.0 + float64(i%97)
				if i%2 == 1 {
					x += 1000
				}
				vs = append(vs, [3]any{x, x * 1.05, periods[i%len(periods)]})
			}
			g := figureOf(vs...)
			b.ResetTimer()
			for range b.N {
				for _, v := range g.Values {
					v.Conflict, v.Disagreement = false, nil
				}
				if figureConflict(g) == nil {
					b.Fatal("no conflict")
				}
			}
		})
	}
}
