package model

import (
	"fmt"
	"strings"

	"dossier/internal/anchor"
	"dossier/internal/content"
	"dossier/internal/kind"
	"dossier/internal/parallel"
)

// figures makes a figure of every figure file, gives it the values that
// quotes state for its key, and computes its conflict.
func (b *builder) figures(files []*content.Figure) {
	fileOf := make(map[*Figure]*content.Figure, len(files))
	for _, f := range files {
		g := &Figure{Key: f.Key, Label: f.Label, Unit: f.Unit, Description: f.Description, Body: b.body(f.File)}
		b.d.Figures = append(b.d.Figures, g)
		b.d.figures[g.Key] = g
		fileOf[g] = f
	}
	// Keys without a file, each reported once, at its first quote.
	type missing struct {
		key    string
		file   *content.File
		at     content.Pos
		unit   string
		quotes int
	}
	var absent []*missing
	missingKey := make(map[string]*missing)
	t := b.d.Settings.Tolerance
	for _, cl := range b.d.Claims {
		c := b.claimC[cl]
		for i, q := range cl.Quotes {
			cf := c.Quotes[i].Figure
			if cf == nil || cf.Key == "" {
				continue
			}
			g := b.d.figures[cf.Key]
			if g == nil {
				m := missingKey[cf.Key]
				if m == nil {
					m = &missing{key: cf.Key, file: c.File, at: cf.KeyPos}
					missingKey[cf.Key] = m
					absent = append(absent, m)
				}
				m.quotes++
				if m.unit == "" {
					m.unit = cf.Unit
				}
				continue
			}
			if cf.Unit != "" && g.Unit != "" && cf.Unit != g.Unit {
				f := fileOf[g]
				b.errorAt(c.File, cf.UnitPos, "the unit %q is not the unit of figure %q, %q (%s:%d): convert the value to %s and write that unit or none, or give the value another key",
					cf.Unit, g.Key, g.Unit, f.File.Path, f.UnitPos.Line, g.Unit)
				b.noteAt(f.File, f.UnitPos, "figure %q is counted in %q here", g.Key, g.Unit)
				continue
			}
			if cf.Words != "" && !strings.Contains(anchor.Normalize(q.Text), anchor.Normalize(cf.Words)) {
				b.errorAt(c.File, cf.WordsPos, "\"words\" %q is not in the quote's \"text\": copy the source's own words for the value from it (white space, quotes and dashes may differ; letters, digits and their case may not)", cf.Words)
			}
			if q.Source == nil {
				continue // its source is unknown, reported already
			}
			v := &Value{Figure: g, Key: g.Key, Unit: g.Unit, Value: cf.Value, Min: cf.Min, Max: cf.Max, Approx: cf.Approx,
				Words: cf.Words, AsOf: cf.AsOf, Period: periodOf(cf.AsOf), Quote: q}
			v.Lo, v.Hi = interval(cf.Value, cf.Min, cf.Max, cf.Approx, t)
			q.Figure = v
			g.Values = append(g.Values, v)
		}
	}
	for _, m := range absent {
		unit, also := m.unit, ""
		if unit == "" {
			unit, also = "…", " and the unit it is counted in"
		}
		uses := ""
		if m.quotes > 1 {
			uses = fmt.Sprintf("; %d quotes use this key", m.quotes)
		}
		b.errorAt(m.file, m.at, "figure %q has no file (content format v2 describes each figure in one%s): create %s with the front matter \"---\", \"label: %s\", \"unit: %s\", \"---\", one line each, writing the label readers should see%s",
			m.key, uses, b.siblingPath(kind.Figure.Folder(), m.key), labelOf(m.key), unit, also)
	}
	conflicts := make([]*Conflict, len(b.d.Figures))
	parallel.Each(len(b.d.Figures), func(i int) { conflicts[i] = figureConflict(b.d.Figures[i]) })
	for i, g := range b.d.Figures {
		g.Conflict = conflicts[i]
	}
}

// labelOf makes a figure's label from its key, for a hint:
// "us-overdose-deaths" becomes "Us overdose deaths".
func labelOf(key string) string { return capitalise(strings.ReplaceAll(key, "-", " ")) }

// conflicts reads the conflict files: a statement conflict from each file
// with sides, a title, kind and explanation for a figure's computed
// conflict from each file with a figure. The dossier's conflicts are the
// figures' (by key), then the statement conflicts (by id).
func (b *builder) conflicts(files []*content.Conflict) {
	explained := make(map[*Figure]*content.Conflict)
	fileOf := make(map[*Conflict]*content.Conflict)
	var statements []*Conflict
	for _, f := range files {
		var ck ConflictKind
		if f.Kind != "" {
			k, err := ParseConflictKind(f.Kind)
			if err != nil {
				b.errorAt(f.File, f.KindPos, "\"kind\" %v", err)
			}
			ck = k
		}
		switch {
		case f.Figure != "":
			g := b.d.figures[f.Figure]
			switch {
			case g == nil:
				if !b.content.HasFailed(kind.Figure.Folder(), f.Figure) {
					b.errorAt(f.File, f.FigurePos, "unknown figure %q: %s", f.Figure, b.missing(f.File, kind.Figure, f.Figure))
				}
			case g.Conflict == nil:
				b.errorAt(f.File, f.FigurePos, "the values of figure %q do not disagree, so this file explains no conflict: remove it (or, if claims disagree, list them in \"sides\" instead of \"figure\")", f.Figure)
			case explained[g] != nil:
				b.errorAt(f.File, f.FigurePos, "the conflict of figure %q is already explained by %s: one file per figure; merge the two", f.Figure, explained[g].File.Path)
			default:
				explained[g] = f
				cf := g.Conflict
				cf.ID, cf.Title, cf.Kind, cf.Body, cf.Auto = f.ID, f.Title, ck, b.body(f.File), false
			}
		case len(f.Sides) > 0:
			cf := &Conflict{ID: f.ID, Title: f.Title, Kind: ck, Body: b.body(f.File)}
			for _, side := range f.Sides {
				var claims []*Claim
				for _, ref := range side {
					cl := b.d.claims[ref.ID]
					if cl == nil {
						if !b.content.HasFailed(kind.Claim.Folder(), ref.ID) {
							b.errorAt(f.File, ref.Pos, "unknown claim %q in \"sides\": %s", ref.ID, b.missing(f.File, kind.Claim, ref.ID))
						}
						continue
					}
					claims = append(claims, cl)
				}
				if len(claims) > 0 {
					cf.Sides = append(cf.Sides, claims)
					cf.Claims = append(cf.Claims, claims...)
				}
			}
			fileOf[cf] = f
			statements = append(statements, cf)
		}
	}
	add := func(cf *Conflict) {
		if prev := b.d.conflicts[cf.ID]; prev != nil {
			// Only a statement conflict's file can take the id of a
			// figure's conflict that no file explains.
			b.errs.Add(fileOf[cf].File.Path, 0, 0, "the id %q is the one the conflict of figure %q takes while no file explains it: rename this file, or make it that conflict's explanation with \"figure: %s\" instead of \"sides\"", cf.ID, prev.Figure.Key, prev.Figure.Key)
			return
		}
		b.d.conflicts[cf.ID] = cf
		b.d.Conflicts = append(b.d.Conflicts, cf)
	}
	for _, g := range b.d.Figures {
		if g.Conflict != nil {
			add(g.Conflict)
		}
	}
	for _, cf := range statements {
		add(cf)
	}
}
