// Package kind is the home of the small enums that packages below the
// model share: the kinds of an internal link's target (TargetKind) and the
// kinds of entity (EntityKind). It imports nothing of dossier's but typo,
// so that every package may import it: markdown finds links with it,
// content checks what it reads with it, the model resolves links with it.
//
// The enums whose meaning only the model and what shows it need live in
// package model: Verdict and its Scale (verdict.go), ConflictKind and
// SourceKind (kinds.go); content reads those as text and the model parses
// them. The rules for values (slugs, dates, web addresses, the base URL)
// live in package valid.
//
// Each enum is a string type with a constant per value, a Values function
// returning a fresh copy of its values in order, and a Parse function. A
// Parse function's error completes a sentence that starts with the field's
// name, as package valid's do, and offers the value the text is most
// likely a misspelling of.
package kind

import (
	"fmt"
	"strings"

	"dossier/internal/typo"
)

// TargetKind is the kind of what an internal link names, the scheme of
// [text](claim:some-id): a source, claim, entity or figure. Each has a
// folder of content files and of pages; see Folder.
type TargetKind string

// The kinds of link target.
const (
	Source TargetKind = "source"
	Claim  TargetKind = "claim"
	Entity TargetKind = "entity"
	Figure TargetKind = "figure"
)

// targets are the kinds of link target, in order, with their folders.
var targets = [...]struct {
	kind   TargetKind
	folder string
}{
	{Source, "sources"},
	{Claim, "claims"},
	{Entity, "entities"},
	{Figure, "figures"},
}

// TargetKinds returns the kinds of link target in order: source, claim,
// entity, figure. Each call returns a new slice.
func TargetKinds() []TargetKind {
	out := make([]TargetKind, len(targets))
	for i, t := range targets {
		out[i] = t.kind
	}
	return out
}

// ParseTarget returns the kind of link target named s ("claim"), or false
// when s names none: such a link is not an internal one.
func ParseTarget(s string) (TargetKind, bool) {
	for _, t := range targets {
		if string(t.kind) == s {
			return t.kind, true
		}
	}
	return "", false
}

// Folder is the folder that holds the files, and the pages, of a kind of
// link target: "sources", "claims", "entities" or "figures"; "" for a
// kind that is none of them.
func (k TargetKind) Folder() string {
	for _, t := range targets {
		if t.kind == k {
			return t.folder
		}
	}
	return ""
}

// FromFolder returns the kind of link target whose files a folder
// ("entities") holds, or false when it holds none.
func FromFolder(folder string) (TargetKind, bool) {
	for _, t := range targets {
		if t.folder == folder {
			return t.kind, true
		}
	}
	return "", false
}

// Folders returns the folders of the kinds of link target, in the order
// of TargetKinds. Each call returns a new slice.
func Folders() []string {
	out := make([]string, len(targets))
	for i, t := range targets {
		out[i] = t.folder
	}
	return out
}

// EntityKind says what an entity is: a person, an organization, a place or
// something other.
type EntityKind string

// The kinds of entity.
const (
	Person       EntityKind = "person"
	Organization EntityKind = "organization"
	Place        EntityKind = "place"
	Other        EntityKind = "other"
)

var entityKinds = [...]EntityKind{Person, Organization, Place, Other}

// EntityKinds returns the kinds of entity, in order. Each call returns a
// new slice.
func EntityKinds() []EntityKind {
	return append([]EntityKind(nil), entityKinds[:]...)
}

// ParseEntityKind checks an entity's kind: `"kind" ` + err.Error() reads
// `"kind" must be one of person, organization, place, other, found
// "persn"; did you mean "person"?`.
func ParseEntityKind(s string) (EntityKind, error) {
	names := make([]string, len(entityKinds))
	for i, k := range entityKinds {
		if string(k) == s {
			return k, nil
		}
		names[i] = string(k)
	}
	hint := ""
	if near := typo.Nearest(s, names); len(near) > 0 {
		hint = "; " + typo.DidYouMean(near)
	}
	return "", fmt.Errorf("must be one of %s, found %q%s", strings.Join(names, ", "), s, hint)
}
