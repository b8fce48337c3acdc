package annotate

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestAddQuoteGolden adds a quote to the claim file old.md of each
// testdata/add/*.txtar (in the small dossier of annotate_test.go): the file
// must become new.md, byte for byte, or the request be refused with error.
func TestAddQuoteGolden(t *testing.T) {
	paths, _ := filepath.Glob("testdata/add/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no golden files")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			ar, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			sec := map[string]string{}
			for _, f := range ar.Files {
				sec[f.Name] = string(f.Data)
			}
			dir := dossier(t)
			claim := filepath.Join(dir, "claims/old.md")
			if err := os.WriteFile(claim, []byte(sec["old.md"]), 0o644); err != nil {
				t.Fatal(err)
			}
			a := New(dir, "content")
			n, _ := strconv.Atoi(strings.TrimSpace(sec["occurrence"]))
			sel := selection(t, a, "report", strings.TrimSpace(sec["select"]), n)
			var fig *Figure
			if s := sec["figure"]; s != "" {
				fig = new(Figure)
				if err := json.Unmarshal([]byte(s), fig); err != nil {
					t.Fatal(err)
				}
			}
			res, err := a.AddQuote("old", sel, fig)
			got, _ := os.ReadFile(claim)
			if want, ok := sec["error"]; ok {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("not refused (%v)", err)
				}
				if g := fmt.Sprintf("%d %s: %s\n", e.Status, e.Field, e.Msg); g != want {
					t.Errorf("error\n%s\nwant\n%s", g, want)
				}
				if string(got) != sec["old.md"] {
					t.Errorf("the file changed:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != sec["new.md"] {
				t.Errorf("file\n%s\nwant\n%s", got, sec["new.md"])
			}
			if res.Quote.Start != sel.Start || res.Quote.End != sel.End {
				t.Errorf("anchored %+v, selected %+v", res.Quote, sel)
			}
			clean(t, a)
		})
	}
}

// A file with a byte order mark and CRLF line ends keeps them, and the
// new lines end as the others do.
func TestAddQuoteCRLF(t *testing.T) {
	dir := dossier(t)
	old := "\uFEFF---\r\ntitle: The plan.\r\nquotes:\r\n  - source: report\r\n    text: drafted in March\r\n---\r\nBody.\r\n"
	claim := filepath.Join(dir, "claims/old.md")
	os.WriteFile(claim, []byte(old), 0o600)
	os.Chmod(claim, 0o600)
	a := New(dir, "content")
	if _, err := a.AddQuote("old", selection(t, a, "report", "2024", 0), nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(claim)
	want := "\uFEFF---\r\ntitle: The plan.\r\nquotes:\r\n  - source: report\r\n    text: drafted in March\r\n  - source: report\r\n    text: \"2024\"\r\n---\r\nBody.\r\n"
	if string(got) != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if info, _ := os.Stat(claim); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the file's own 0600", info.Mode())
	}
	clean(t, a)
}
