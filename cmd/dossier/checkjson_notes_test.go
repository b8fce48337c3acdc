package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCheckJSONNotes checks that an error about two places (a field given
// twice) carries, in check --json, a note at the first place, and that the
// fields every error had stay as they were.
func TestCheckJSONNotes(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, map[string]string{
		"content/sources/a.md": "---\ntitle: A\n---\nText a.\n",
		"content/claims/x.md":  "---\ntitle: X\ntitle: Y\nquotes:\n  - source: a\n    text: Text a\n---\n",
	})
	code, stdout, _ := runIn(t, dir, "check", "--json")
	var out struct {
		Errors []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || code != 1 {
		t.Fatalf("check --json: exit %d, %v\n%s", code, err, stdout)
	}
	if len(out.Errors) != 1 {
		t.Fatalf("errors = %v", out.Errors)
	}
	e := out.Errors[0]
	if e["path"] != "content/claims/x.md" || e["line"] != 3.0 || e["col"] != 1.0 || !strings.Contains(e["message"].(string), "given twice") {
		t.Errorf("error = %v", e)
	}
	notes, _ := e["notes"].([]any)
	if len(notes) != 1 {
		t.Fatalf("notes = %v, want one", e["notes"])
	}
	n := notes[0].(map[string]any)
	if n["path"] != "content/claims/x.md" || n["line"] != 2.0 || n["col"] != 1.0 || n["source"] != "title: X" || n["message"] == "" {
		t.Errorf("note = %v", n)
	}
}
