package kind

import (
	"strings"
	"testing"
)

func TestTargets(t *testing.T) {
	want := map[TargetKind]string{Source: "sources", Claim: "claims", Entity: "entities", Figure: "figures"}
	ks := TargetKinds()
	if len(ks) != len(want) {
		t.Fatalf("TargetKinds() = %v", ks)
	}
	for i, k := range ks {
		if k.Folder() != want[k] {
			t.Errorf("%s.Folder() = %q, want %q", k, k.Folder(), want[k])
		}
		if got, ok := ParseTarget(string(k)); !ok || got != k {
			t.Errorf("ParseTarget(%q) = %q, %v", k, got, ok)
		}
		if got, ok := FromFolder(want[k]); !ok || got != k {
			t.Errorf("FromFolder(%q) = %q, %v", want[k], got, ok)
		}
		if Folders()[i] != want[k] {
			t.Errorf("Folders()[%d] = %q, want %q", i, Folders()[i], want[k])
		}
	}
	for _, s := range []string{"", "sources", "Claim", "conflict", "http"} {
		if k, ok := ParseTarget(s); ok {
			t.Errorf("ParseTarget(%q) = %q, want none", s, k)
		}
	}
	if _, ok := FromFolder("conflicts"); ok {
		t.Error(`FromFolder("conflicts") found a kind`)
	}
	if TargetKind("conflict").Folder() != "" {
		t.Error(`"conflict" has a folder`)
	}
	// The tables are not to be changed through what the functions return.
	TargetKinds()[0], Folders()[0], EntityKinds()[0] = "x", "x", "x"
	if TargetKinds()[0] != Source || Folders()[0] != "sources" || EntityKinds()[0] != Person {
		t.Error("changing a returned slice changed the table")
	}
}

func TestParseEntityKind(t *testing.T) {
	for _, k := range EntityKinds() {
		if got, err := ParseEntityKind(string(k)); err != nil || got != k {
			t.Errorf("ParseEntityKind(%q) = %q, %v", k, got, err)
		}
	}
	for s, want := range map[string]string{
		"persn":  `must be one of person, organization, place, other, found "persn"; did you mean "person"?`,
		"Person": `; did you mean "person"?`,
		"planet": `found "planet"; did you mean "place"?`,
		"robot":  `found "robot"`,
		"":       `found ""`,
	} {
		k, err := ParseEntityKind(s)
		if err == nil || k != "" || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseEntityKind(%q) = %q, %v; want an error with %q", s, k, err, want)
		}
		if strings.HasSuffix(want, `"`) && strings.Contains(err.Error(), "did you mean") {
			t.Errorf("ParseEntityKind(%q): %v: a hint for nothing close", s, err)
		}
	}
}
