package gen

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Tolerance is the figures.tolerance the generated dossier.yaml sets, and
// the one the generator's own interval check uses.
const Tolerance = 0.10

// figKey is one quantity of the story ("millbrook-residents-displaced") and
// what the sources say about it. A conflicting key has two camps whose
// figures lie far enough apart that no two of their intervals overlap; in a
// key that agrees, every figure's interval holds the one true value, so all
// of them overlap.
type figKey struct {
	key      string
	q        quantity
	town     string
	conflict bool
	truth    [2]int64   // the value each camp believes (tenths for percentKind)
	speaker  [2]*entity // who gives each camp's figure
	claims   int        // claims made so far, to alternate camps
	last     *claim     // the latest claim about it
	values   []*figValue
}

// figValue is one figure as a quote gives it.
type figValue struct {
	key    *figKey
	camp   int
	approx bool
	exact  bool // a single value, not approximate
	v      float64
	lo, hi float64 // min and max of a range, or the value's interval
	text   string  // as the source prints it: "roughly 310,000"
}

// makeKey makes the figure key for a town and a quantity.
func (g *gen) makeKey(town string, q quantity, conflict bool, speakers [2]*entity) *figKey {
	k := &figKey{key: slugify(town, 4) + "-" + q.suffix, q: q, town: town, conflict: conflict, speaker: speakers}
	t := q.lo + g.rng.Int64N(q.hi-q.lo+1)
	if q.kind == moneyKind {
		t = roundSig(t, 3) // budgets are announced in round-ish figures
	}
	k.truth[0] = t
	if conflict {
		// The other camp is off by a factor of 2.2 to 3.6, up or down: wide
		// enough that a ±10% hedge and a ±8% range never bridge the gap.
		f := 2.2 + 1.4*g.rng.Float64()
		up := chance(g.rng, 0.5)
		lim := q.hi * 3
		if q.kind == percentKind {
			lim = 950 // 95.0 percent
		}
		if float64(t)*f > float64(lim) {
			up = false
		}
		if float64(t)/f < float64(max(q.lo/2, 5)) {
			up = true
		}
		if up {
			k.truth[1] = int64(float64(t) * f)
		} else {
			k.truth[1] = int64(float64(t) / f)
		}
		if q.kind == moneyKind {
			k.truth[1] = roundSig(k.truth[1], 3)
		}
	}
	return k
}

// value makes a figure for camp as a source might print it: exact, hedged
// ("roughly 310,000") or a range ("between 290,000 and 330,000"). Every
// form's interval holds the camp's true value.
func (g *gen) value(k *figKey, camp int) *figValue {
	t := k.truth[camp]
	fv := &figValue{key: k, camp: camp}
	pct := " percent"
	if chance(g.rng, 0.3) {
		pct = "%"
	}
	switch r := g.rng.Float64(); {
	case r < 0.3:
		fv.exact = true
		fv.v = k.number(t)
		fv.lo, fv.hi = fv.v, fv.v
		fv.text = k.format(t, pct)
	case r < 0.75:
		a := roundSig(t, 2)
		fv.approx = true
		fv.v = k.number(a)
		fv.lo, fv.hi = fv.v*(1-Tolerance), fv.v*(1+Tolerance)
		fv.text = pick(g.rng, hedges) + " " + k.format(a, pct)
	default:
		lo, hi := k.bounds(t)
		fv.lo, fv.hi = k.number(lo), k.number(hi)
		if k.q.kind == percentKind {
			fv.text = "between " + k.format(lo, "") + " and " + k.format(hi, pct)
		} else {
			fv.text = "between " + k.format(lo, "") + " and " + k.format(hi, "")
		}
	}
	k.values = append(k.values, fv)
	return fv
}

// bounds returns a range around t, as a source that gives one would: a few
// percent either side, rounded outwards.
func (k *figKey) bounds(t int64) (lo, hi int64) {
	if k.q.kind == percentKind {
		lo = int64(math.Floor(float64(t)*0.9/10)) * 10
		hi = int64(math.Ceil(float64(t)*1.1/10)) * 10
		return lo, hi
	}
	lo, hi = floorSig(t*92/100, 2), ceilSig((t*108+99)/100, 2)
	return min(lo, t-1), max(hi, t+1)
}

// number is the value of t as the figure's YAML gives it.
func (k *figKey) number(t int64) float64 {
	if k.q.kind == percentKind {
		return float64(t) / 10
	}
	return float64(t)
}

// format writes t as a news article does: "310,000", "$4.5 billion",
// "12.4 percent".
func (k *figKey) format(t int64, pct string) string {
	switch k.q.kind {
	case moneyKind:
		switch {
		case t >= 1_000_000_000:
			return "$" + trimFloat(float64(t)/1e9) + " billion"
		case t >= 1_000_000:
			return "$" + trimFloat(float64(t)/1e6) + " million"
		}
		return "$" + commas(t)
	case percentKind:
		return trimFloat(float64(t)/10) + pct
	}
	return commas(t)
}

// about writes the camp's value for a claim title: "about 310,000".
func (k *figKey) about(camp int) string {
	return "about " + k.format(roundSig(k.truth[camp], 2), " percent")
}

// yaml writes the figure as a flow mapping for a quote's front matter,
// with the source's words for it when given.
func (fv *figValue) yaml(words string) string {
	k := fv.key
	w := ""
	if words != "" {
		w = ", words: " + yamlString(words)
	}
	switch {
	case fv.exact:
		return fmt.Sprintf("{key: %s, value: %s, unit: %s%s}", k.key, num(fv.v), k.q.unit, w)
	case fv.approx:
		return fmt.Sprintf("{key: %s, value: %s, unit: %s, approx: true%s}", k.key, num(fv.v), k.q.unit, w)
	}
	return fmt.Sprintf("{key: %s, min: %s, max: %s, unit: %s%s}", k.key, num(fv.lo), num(fv.hi), k.q.unit, w)
}

// checkFigures verifies what makes the figures realistic and the conflicts
// intended: in every key, two values overlap exactly when they come from
// the same camp. It compares intervals as the pipeline does (touching
// intervals overlap), and panics on a violation, which is a bug here.
func (g *gen) checkFigures() {
	for _, k := range g.keys {
		for i, a := range k.values {
			for _, b := range k.values[i+1:] {
				scale := math.Max(1, math.Max(math.Abs(a.hi), math.Abs(b.hi)))
				eps := 1e-9 * scale
				overlap := a.lo <= b.hi+eps && b.lo <= a.hi+eps
				if overlap != (a.camp == b.camp) {
					panic(fmt.Sprintf("gen: figure %s: %q [%g, %g] and %q [%g, %g] overlap=%v, camps %d and %d",
						k.key, a.text, a.lo, a.hi, b.text, b.lo, b.hi, overlap, a.camp, b.camp))
				}
			}
		}
	}
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func trimFloat(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// commas writes n with thousands separators: 312450 → "312,450".
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// sigUnit is the place value of the last of d significant digits of n.
func sigUnit(n int64, d int) int64 {
	u := int64(1)
	for digits := len(strconv.FormatInt(n, 10)); digits > d; digits-- {
		u *= 10
	}
	return u
}

func roundSig(n int64, d int) int64 { u := sigUnit(n, d); return (n + u/2) / u * u }
func floorSig(n int64, d int) int64 { u := sigUnit(n, d); return n / u * u }
func ceilSig(n int64, d int) int64  { u := sigUnit(n, d); return (n + u - 1) / u * u }
