package model

// The model's small vocabularies, which content reads as text and the
// model parses: the kinds of conflict and of source. The verdicts are
// verdict.go's; the enums that packages below the model share (the kinds
// of link target and of entity) are package kind's.

import (
	"fmt"
	"strings"

	"dossier/internal/typo"
)

// ConflictKind says how the sides of a conflict disagree.
type ConflictKind string

// The kinds of conflict.
const (
	Contradiction ConflictKind = "contradiction" // they cannot both be true
	Tension       ConflictKind = "tension"       // they pull against each other
	Discrepancy   ConflictKind = "discrepancy"   // they differ, for a reason unknown
)

var conflictKinds = [...]struct {
	kind  ConflictKind
	means string
}{
	{Contradiction, "cannot both be true"},
	{Tension, "pull against each other"},
	{Discrepancy, "differ, reason unknown"},
}

// ConflictKinds returns the kinds of conflict, in order. Each call returns
// a new slice.
func ConflictKinds() []ConflictKind {
	out := make([]ConflictKind, len(conflictKinds))
	for i, k := range conflictKinds {
		out[i] = k.kind
	}
	return out
}

// ParseConflictKind checks a conflict file's kind. Its error completes a
// sentence starting with the field's name, as package valid's do.
func ParseConflictKind(s string) (ConflictKind, error) {
	var names, described []string
	for _, k := range conflictKinds {
		if string(k.kind) == s {
			return k.kind, nil
		}
		names = append(names, string(k.kind))
		described = append(described, fmt.Sprintf("%s (%s)", k.kind, k.means))
	}
	return "", fmt.Errorf("must be one of %s, found %q%s", strings.Join(described, ", "), s, didYouMean(s, names))
}

// Means says what the kind means, for readers: "cannot both be true".
func (k ConflictKind) Means() string {
	for _, x := range conflictKinds {
		if x.kind == k {
			return x.means
		}
	}
	return ""
}

// SourceKind says what sort of document a source is.
type SourceKind string

// The kinds of source.
const (
	News         SourceKind = "news"
	Opinion      SourceKind = "opinion"
	Analysis     SourceKind = "analysis"
	Wire         SourceKind = "wire"
	PressRelease SourceKind = "press-release"
	Transcript   SourceKind = "transcript"
	Official     SourceKind = "official"
	OtherSource  SourceKind = "other"
)

var sourceKinds = [...]struct {
	kind  SourceKind
	label string // "" for other, which says nothing to a reader
}{
	{News, "News"},
	{Opinion, "Opinion"},
	{Analysis, "Analysis"},
	{Wire, "Wire report"},
	{PressRelease, "Press release"},
	{Transcript, "Transcript"},
	{Official, "Official document"},
	{OtherSource, ""},
}

// SourceKinds returns the kinds of source, in order. Each call returns a
// new slice.
func SourceKinds() []SourceKind {
	out := make([]SourceKind, len(sourceKinds))
	for i, k := range sourceKinds {
		out[i] = k.kind
	}
	return out
}

// ParseSourceKind checks a source's kind; see ParseConflictKind.
func ParseSourceKind(s string) (SourceKind, error) {
	var names []string
	for _, k := range sourceKinds {
		if string(k.kind) == s {
			return k.kind, nil
		}
		names = append(names, string(k.kind))
	}
	return "", fmt.Errorf("must be one of %s, found %q%s", strings.Join(names, ", "), s, didYouMean(s, names))
}

// Label is what readers see for the kind: "Press release"; "" for none
// and for other, which says nothing to a reader.
func (k SourceKind) Label() string {
	for _, x := range sourceKinds {
		if x.kind == k {
			return x.label
		}
	}
	return ""
}

// didYouMean is ": did you mean "x"?" when a name of names is a likely
// typo of s, else "".
func didYouMean(s string, names []string) string {
	if best, ok := typo.Best(s, names); ok {
		return fmt.Sprintf(": did you mean %q?", best)
	}
	return ""
}
