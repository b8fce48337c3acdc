package main

import (
	"encoding/json"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestCheckCoverageText checks check --coverage's text output on a tiny
// dossier: the uncovered sentences with path:line and kinds, a summary per
// source and one overall, after the usual summary; the exit status is
// check's.
func TestCheckCoverageText(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, map[string]string{
		"content/sources/a.md": "---\ntitle: A\n---\n\nThe CDC counts closer to 100,000 deaths.\n\nIt began in March 2025. Nobody knew.\n" +
			"“We will act,” she said.\n",
		"content/sources/b.md":  "---\ntitle: B\n---\nNothing to check here.\n",
		"content/claims/cdc.md": "---\ntitle: About 100,000.\nquotes:\n  - source: a\n    text: closer to 100,000\n---\n",
	})
	code, stdout, stderr := runIn(t, dir, "check", "--coverage")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	want := "2 sources, 1 claim, 0 entities: 0 errors, 0 conflicts\n" +
		"content/sources/a.md:7: date: It began in March 2025.\n" +
		"content/sources/a.md:8: quotation: “We will act,” she said.\n" +
		"content/sources/a.md: 1 of 3 checkable sentences covered (33%)\n" +
		"content/sources/b.md: 0 of 0 checkable sentences covered (100%)\n" +
		"coverage: 1 of 3 checkable sentences covered (33%)\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}

	// Coverage never changes the exit status: errors still exit 1, and
	// the coverage of what could be read is still given.
	writeDossier(t, dir, map[string]string{"content/claims/bad.md": "---\ntitle: Bad\nquotes:\n  - source: a\n    text: not in the source\n---\n"})
	code, stdout, _ = runIn(t, dir, "check", "--coverage")
	if code != 1 || !strings.Contains(stdout, "coverage: 1 of 3 checkable sentences covered (33%)\n") {
		t.Errorf("with an error: exit %d\n%s", code, stdout)
	}
}

// TestCheckCoverageJSONProject runs check --coverage --json on the
// project's dossier: every source has its list, and the shares are
// between 0 and 1.
func TestCheckCoverageJSONProject(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	code, stdout, stderr := runIn(t, root, "check", "--content", "content", "--coverage", "--json")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var out struct {
		Errors   []any `json:"errors"`
		Coverage *struct {
			Checkable, Covered int
			Share              float64
			Sources            []struct {
				Source, Path       string
				Checkable, Covered int
				Share              float64
				Gaps               []struct {
					Line, Start, End int
					Kinds            []string
					Sentence         string
				}
			}
		} `json:"coverage"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	c := out.Coverage
	if c == nil || len(c.Sources) != 5 {
		t.Fatalf("coverage = %+v, want 5 sources", c)
	}
	if c.Checkable == 0 || c.Share <= 0 || c.Share >= 1+1e-9 || c.Covered > c.Checkable {
		t.Errorf("overall: %d of %d, share %v", c.Covered, c.Checkable, c.Share)
	}
	for _, s := range c.Sources {
		if s.Source == "" || filepath.Dir(s.Path) != "content/sources" || s.Share < 0 || s.Share > 1 || s.Gaps == nil {
			t.Errorf("source %+v", s)
		}
		if len(s.Gaps) != s.Checkable-s.Covered {
			t.Errorf("%s: %d gaps for %d of %d covered", s.Source, len(s.Gaps), s.Covered, s.Checkable)
		}
		for _, g := range s.Gaps {
			if g.Line < 1 || g.End <= g.Start || len(g.Kinds) == 0 || g.Sentence == "" {
				t.Errorf("%s: gap %+v", s.Source, g)
			}
		}
	}
	// Without --coverage, the member is left out.
	_, stdout, _ = runIn(t, root, "check", "--content", "content", "--json")
	if strings.Contains(stdout, `"coverage"`) {
		t.Error("check --json without --coverage has a coverage member")
	}
}

// TestCheckCoverageLongSentence checks that the text listing clips a
// sentence over maxListed code points at a word, and --json keeps it
// whole: a paragraph with no sentence end would otherwise be printed
// whole on one line.
func TestCheckCoverageLongSentence(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("the army sent 300 troops there and ", 2000) + "that was all"
	writeDossier(t, dir, map[string]string{
		"content/sources/a.md": "---\ntitle: A\n---\n\n" + long + "\n",
	})
	code, stdout, stderr := runIn(t, dir, "check", "--coverage")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	line := strings.Split(stdout, "\n")[1]
	want := "content/sources/a.md:5: number: " + long[:118] + " …" // 120 code points end in "sent 3": cut at the space before "300"
	if line != want {
		t.Errorf("listing:\n%s\nwant:\n%s", line, want)
	}
	_, stdout, _ = runIn(t, dir, "check", "--coverage", "--json")
	var doc struct {
		Coverage struct {
			Sources []struct {
				Gaps []struct{ Sentence string }
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Coverage.Sources[0].Gaps[0].Sentence; got != long {
		t.Errorf("--json sentence is %d bytes, want the whole %d", len(got), len(long))
	}
}
