package model

// Verdict is one rating of the dossier's scale.
type Verdict struct {
	Name   string // what claims write: "supported"
	Label  string // what readers see: "Supported"
	Rating *int   // higher is better; nil for a neutral verdict such as unverified
	Means  string // one sentence: what the verdict says about a claim
}

// String is the verdict's name, "" for none: templates that print a
// claim's verdict show its name.
func (v *Verdict) String() string {
	if v == nil {
		return ""
	}
	return v.Name
}

// Scale is a rating scale: the verdicts claims may have, in order.
type Scale []*Verdict

// Lookup returns the verdict with a name, or nil.
func (s Scale) Lookup(name string) *Verdict {
	for _, v := range s {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// Ratings returns the worst and best ratings of the scale; ok is false
// when no verdict has a rating.
func (s Scale) Ratings() (worst, best int, ok bool) {
	for _, v := range s {
		if v.Rating == nil {
			continue
		}
		if !ok || *v.Rating < worst {
			worst = *v.Rating
		}
		if !ok || *v.Rating > best {
			best = *v.Rating
		}
		ok = true
	}
	return worst, best, ok
}

// Names returns the names of the scale's verdicts, in order.
func (s Scale) Names() []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = v.Name
	}
	return out
}

// defaultScale is the scale of a dossier whose dossier.yaml gives none.
var defaultScale = [...]struct {
	name, label string
	rating      int // 0: none
	means       string
}{
	{"supported", "Supported", 5, "The evidence in the sources confirms it, and none of them credibly contradicts it."},
	{"misleading", "Misleading", 2, "It holds some truth but leaves out or distorts context in a way that gives a false impression."},
	{"disputed", "Disputed", 3, "Credible sources disagree about it, and the evidence we have does not settle which is right."},
	{"false", "False", 1, "The evidence in the sources shows it is not true."},
	{"unverified", "Unverified", 0, "The sources we have neither confirm nor refute it."},
}

// DefaultScale returns the default rating scale: supported (5),
// misleading (2), disputed (3), false (1) and unverified (no rating). Each
// call returns a new copy, which the caller may keep.
func DefaultScale() Scale {
	out := make(Scale, len(defaultScale))
	for i, d := range defaultScale {
		v := &Verdict{Name: d.name, Label: d.label, Means: d.means}
		if d.rating != 0 {
			r := d.rating
			v.Rating = &r
		}
		out[i] = v
	}
	return out
}
