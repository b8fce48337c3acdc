package suggest

import (
	"strings"
	"testing"
)

func TestNearest(t *testing.T) {
	verdicts := []string{"supported", "misleading", "disputed", "false", "unverified"}
	kinds := []string{"contradiction", "tension", "discrepancy"}
	for _, c := range []struct {
		s     string
		names []string
		want  string // "" for no suggestion
	}{
		{"flase", verdicts, "false"},        // two neighbours swapped: one edit
		{"Supportd", verdicts, "supported"}, // case does not count
		{"true", verdicts, ""},              // not "false": too far for a word this short
		{"tensoin", kinds, "tension"},
		{"x", nil, ""},
	} {
		got, ok := Nearest(c.s, c.names)
		if !ok {
			got = ""
		}
		if got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
	if got := strings.Join(ByDistance("claim", []string{"claims", "base", "claim-item", "claim"}), " "); got != "claim claims base claim-item" {
		t.Errorf("ByDistance = %s", got)
	}
}
