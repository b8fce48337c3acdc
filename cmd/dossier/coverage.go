package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"dossier/internal/coverage"
)

// coverageJSON is check --json's "coverage" member.
type coverageJSON struct {
	Checkable int                  `json:"checkable"`
	Covered   int                  `json:"covered"`
	Share     float64              `json:"share"` // covered / checkable; 1 when nothing is checkable
	Sources   []sourceCoverageJSON `json:"sources"`
}

type sourceCoverageJSON struct {
	Source    string    `json:"source"` // the slug
	Path      string    `json:"path"`
	Checkable int       `json:"checkable"`
	Covered   int       `json:"covered"`
	Share     float64   `json:"share"`
	Gaps      []gapJSON `json:"gaps"` // the checkable sentences no quote overlaps
}

type gapJSON struct {
	Line     int      `json:"line"`
	Start    int      `json:"start"` // in code points of the source's plain text
	End      int      `json:"end"`
	Kinds    []string `json:"kinds"` // number, date, quotation
	Sentence string   `json:"sentence"`
}

func coverageOf(rep *coverage.Report) *coverageJSON {
	if rep == nil {
		return nil
	}
	out := &coverageJSON{Checkable: rep.Checkable, Covered: rep.Covered, Share: rep.Share(), Sources: []sourceCoverageJSON{}}
	for _, s := range rep.Sources {
		sj := sourceCoverageJSON{Source: s.Source.Slug, Path: s.Path, Checkable: s.Checkable, Covered: s.Covered,
			Share: s.Share(), Gaps: []gapJSON{}}
		for i, g := range s.Gaps {
			sj.Gaps = append(sj.Gaps, gapJSON{Line: lineOf(s, i), Start: g.Start, End: g.End, Kinds: kindNames(g.Kinds), Sentence: g.Sentence})
		}
		out.Sources = append(out.Sources, sj)
	}
	return out
}

func lineOf(s coverage.SourceReport, i int) int {
	if i < len(s.Lines) {
		return s.Lines[i]
	}
	return 0
}

func kindNames(ks []coverage.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// writeCoverage prints each source's uncovered sentences as
// "path:line: kinds: sentence", a summary line per source, and one for
// the dossier.
func writeCoverage(w io.Writer, rep coverage.Report) {
	for _, s := range rep.Sources {
		for i, g := range s.Gaps {
			fmt.Fprintf(w, "%s:%d: %s: %s\n", s.Path, lineOf(s, i), strings.Join(kindNames(g.Kinds), ", "), clipSentence(g.Sentence))
		}
	}
	for _, s := range rep.Sources {
		fmt.Fprintf(w, "%s: %s\n", s.Path, coveredLine(s.Checkable, s.Covered, s.Share()))
	}
	fmt.Fprintf(w, "coverage: %s\n", coveredLine(rep.Checkable, rep.Covered, rep.Share()))
}

// maxListed is the most code points of a sentence the text listing
// shows: a paragraph with no sentence end (a transcript, a list run
// together) is one sentence, and would otherwise fill the terminal. The
// path and line lead to the rest; --json gives the whole sentence.
const maxListed = 120

// clipSentence returns s, or its first words up to maxListed code points
// followed by " …".
func clipSentence(s string) string {
	r := []rune(s)
	if len(r) <= maxListed {
		return s
	}
	cut := maxListed
	for i := maxListed; i > maxListed/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ") + " …"
}

// coveredLine says "12 of 20 checkable sentences covered (60%)". The
// percentage is rounded down, so that 100% means nothing is left.
func coveredLine(checkable, covered int, share float64) string {
	noun := "checkable sentences"
	if checkable == 1 {
		noun = "checkable sentence"
	}
	return fmt.Sprintf("%d of %d %s covered (%d%%)", covered, checkable, noun, int(math.Floor(share*100+1e-9)))
}
