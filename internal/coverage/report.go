package coverage

import (
	"dossier/internal/model"
)

// Report is the coverage of a whole dossier.
type Report struct {
	Sources   []SourceReport // in the dossier's order
	Checkable int            // over all sources
	Covered   int
}

// Share is the covered share of all checkable sentences, as Result.Share.
func (r Report) Share() float64 {
	return Result{Checkable: r.Checkable, Covered: r.Covered}.Share()
}

// SourceReport is one source's coverage.
type SourceReport struct {
	Source *model.Source
	Path   string // the source's file, as errors name it: "content/sources/x.md"
	Result
	Lines []int // Lines[i] is the line in Path where Gaps[i] starts
}

// Dossier reports the coverage of every source of d by the quotes the
// claims anchor in it. A quote that failed to anchor covers nothing.
func Dossier(d *model.Dossier) Report {
	var r Report
	for _, s := range d.Sources {
		var quoted [][2]int
		for _, q := range s.Quotes {
			if q.End > q.Start {
				quoted = append(quoted, [2]int{q.Start, q.End})
			}
		}
		sr := SourceReport{Source: s, Result: Source(s.Plain, quoted)}
		if f := s.Body.File; f != nil {
			sr.Path = f.Path
			for _, g := range sr.Gaps {
				sr.Lines = append(sr.Lines, s.Line(g.Start))
			}
		}
		r.Checkable += sr.Checkable
		r.Covered += sr.Covered
		r.Sources = append(r.Sources, sr)
	}
	return r
}
