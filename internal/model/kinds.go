package model

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

var conflictKinds = []struct {
	kind  ConflictKind
	means string
}{
	{Contradiction, "cannot both be true"},
	{Tension, "pull against each other"},
	{Discrepancy, "differ, reason unknown"},
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

var sourceKinds = []SourceKind{"news", "opinion", "analysis", "wire", "press-release", "transcript", "official", "other"}

// ParseSourceKind checks a source's kind; see ParseConflictKind.
func ParseSourceKind(s string) (SourceKind, error) {
	var names []string
	for _, k := range sourceKinds {
		if string(k) == s {
			return k, nil
		}
		names = append(names, string(k))
	}
	return "", fmt.Errorf("must be one of %s, found %q%s", strings.Join(names, ", "), s, didYouMean(s, names))
}

// didYouMean is ": did you mean "x"?" when a name of names is a likely
// typo of s, else "".
func didYouMean(s string, names []string) string {
	if best, ok := typo.Best(s, names); ok {
		return fmt.Sprintf(": did you mean %q?", best)
	}
	return ""
}
